import Foundation
import Specs
import Testing

@testable import Pipeline

/// A validation-curve value that changes the rows (`dataset.generator.samples`) is checked on
/// the point's own data, as the spec's are: batch norm left a 1-row mini-batch is refused by
/// `validate` and by `run` (before training), located at the value in the user's file, not in
/// the point's resolved spec.
@Suite struct CurvePointDataTests {
  /// moons, 70% of the rows to train on in batches of 16: 70 samples leave 49 = 3·16 + 1 rows
  /// (the dev part is round(0.3·70) = 21 rows).
  static let spec = """
    name: bnc
    seed: 1
    dataset: {generator: {type: moons, samples: 80, noise: 0.2}, split: {train: 0.7, dev: 0.3}}
    model: {type: mlp, layers: [{units: 6, activation: relu, normalization: batch_norm}, {units: 1, activation: sigmoid}]}
    optimizer: {type: adam, learning_rate: 0.01, epochs: 5, batch_size: 16}
    report:
      validation_curve: {parameter: dataset.generator.samples, values: [80, 71, 70]}

    """

  /// The one diagnostic of a refusal, checked to be at the 70 on line 7 of `path`.
  static func expectAtTheValue(_ error: PipelineError, _ path: String) {
    guard case .spec(.invalid(let diagnostics)) = error else {
      Issue.record("not a spec error: \(error)")
      return
    }
    #expect(diagnostics.count == 1)
    let d = diagnostics.first
    #expect(d?.location?.description == "\(path):7:77")
    #expect(
      d?.message.hasPrefix(
        "with dataset.generator.samples = 70, batch normalization needs at least 2 rows per mini-batch"
      ) == true, "\(String(describing: d))")
  }

  @Test func validateRefusesACurveValueLeavingBatchNormOneRow() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try TestProject.writeSpec(Self.spec, in: folder)
    #expect {
      try TestProject.checkData(path, in: folder)
    } throws: { error in
      Self.expectAtTheValue(error as! PipelineError, path)
      return true
    }
  }

  /// A sweep axis that changes the rows is said the same way, at the axis (tester O7): the
  /// rule is on the trial's rows, which its value gave, not on the base's `batch_size`.
  @Test func aSweepValueChangingTheRowsIsSaidAtTheAxis() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = Self.spec.replacingOccurrences(
      of:
        "report:\n  validation_curve: {parameter: dataset.generator.samples, values: [80, 71, 70]}\n",
      with: "sweep:\n  parameters:\n    dataset.generator.samples: [80, 70]\n")
    let path = try TestProject.writeSpec(text, in: folder)
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
    #expect(refused.count == 1, "\(refused)")
    let d = refused.first
    #expect(d?.location?.description == "\(path):8:5")
    #expect(
      d?.message
        == "with dataset.generator.samples = 70, batch normalization needs at least 2 rows per "
        + "mini-batch, but the training set's 49 rows in batches of 16 end with 1 row")
    #expect(
      d?.note?.hasSuffix(
        "sweep.parameters sets this value, and the key the rule checks is at line 5")
        == true, "\(String(describing: d?.note))")
  }

  @Test func runRefusesItBeforeTraining() throws {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try TestProject.writeSpec(Self.spec, in: folder)
    let results = folder.appendingPathComponent("results")
    #expect {
      try ExperimentRunner.run(specPath: path, options: RunOptions(resultsRoot: results.path))
    } throws: { error in
      Self.expectAtTheValue(error as! PipelineError, path)
      return true
    }
    #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("bnc").path))
  }
}
