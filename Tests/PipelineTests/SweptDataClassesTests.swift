import Foundation
import Specs
import Testing

@testable import Pipeline

/// Explicit weights against the classes a sweep axis over the data gives (tester AT F13): the
/// trial whose value brings a fourth class is refused at that value, named, not at the weights
/// alone ("needs 2×4" while the file shows 3 means).
@Suite struct SweptDataClassesTests {
  static let spec = """
    name: w_ax
    seed: 3
    dataset:
      generator: {type: blobs, means: [[0, 0], [3, 3], [0, 3]]}
      split: {train: 0.6, dev: 0.2, test: 0.2}
    model:
      type: logreg
      multiclass: softmax
      init: {type: explicit, weights: [[0.1, 0.2, 0.3], [0.1, 0.2, 0.3]], bias: [0, 0, 0]}
    loss: cross_entropy
    optimizer: {type: gd, learning_rate: 0.5, iterations: 2}
    sweep:
      parameters:
        dataset.generator.means: [[[0, 0], [3, 3], [0, 3]], [[0, 0], [3, 3], [0, 3], [3, 0]]]

    """

  /// The data checks of each trial of the sweep `spec`, written into `folder`: the spec's path
  /// and the diagnostics of the trials refused.
  static func refusals(_ spec: String, in folder: URL) throws -> (String, [Diagnostic]) {
    let path = try TestProject.writeSpec(spec, in: folder)
    let context = try ProjectContext(specPath: path, environment: [:], resultsRoot: folder.path)
    let plan = try SweepPlanner.plan(file: path)
    var checked = CheckedData()
    var refused: [Diagnostic] = []
    for trial in plan.trials {
      let loaded = LoadedSpec(spec: trial.spec, sourceMap: trial.sourceMap, file: path)
      do {
        _ = try ExperimentRunner.checkData(loaded, context: context, checked: &checked)
      } catch {
        guard case .spec(.invalid(let diagnostics)) = error else { throw error }
        refused += diagnostics
      }
    }
    return (path, refused)
  }

  @Test func theAxisValueGivingAnotherClassIsNamed() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (path, refused) = try Self.refusals(Self.spec, in: folder)
    #expect(refused.count == 1, "\(refused)")
    let d = refused.first
    #expect(d?.location?.description == "\(path):14:5")
    #expect(
      d?.message
        == "with dataset.generator.means = [[0, 0], [3, 3], [0, 3], [3, 0]], the explicit init "
        + "holds weights 2×3 (inputs×outputs, one per layer); the model needs 2×4")
    #expect(
      d?.note?.hasSuffix(
        "sweep.parameters sets this value, and the key the rule checks is at line 9")
        == true, "\(String(describing: d?.note))")
  }

  /// An axis over the generator's seed draws other rows of the same features (reviewer B5):
  /// explicit weights of the wrong row count are refused at the weights, as without the axis,
  /// not said of a seed (`with dataset.generator.seed = 1, …`) that cannot change the features.
  @Test func aSeedAxisIsNotBlamedForTheFeatures() throws {
    let spec = Self.spec.replacingOccurrences(
      of: "dataset.generator.means: [[[0, 0], [3, 3], [0, 3]], [[0, 0], [3, 3], [0, 3], [3, 0]]]",
      with: "dataset.generator.seed: [1, 2]"
    ).replacingOccurrences(
      of: "weights: [[0.1, 0.2, 0.3], [0.1, 0.2, 0.3]]",
      with: "weights: [[0.1, 0.2, 0.3], [0.1, 0.2, 0.3], [0.1, 0.2, 0.3]]")
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (_, refused) = try Self.refusals(spec, in: folder)
    #expect(!refused.isEmpty)
    for d in refused {
      #expect(
        d.message.hasPrefix("the explicit weights have 3 rows but the data has 2 features"),
        "\(d.message)")
      #expect(
        d.note?.contains("sweep.parameters sets this value") != true,
        "\(String(describing: d.note))")
    }
  }
}
