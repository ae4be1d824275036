import Foundation
import Testing

@testable import Specs

/// The route to the course's ½(a−y)² on the cat (tester AN's AN5): a one-unit sigmoid network
/// with `loss: mse`, which the cat's named classes then stopped (`dataset.classes names
/// classes, but mlp with the mse loss predicts real values`). Followed literally, it loads.
@Suite struct MseOnLabelsRouteTests {
  static let cat = try! String(
    contentsOfFile: repositoryRoot + "/experiments/cat.yaml", encoding: .utf8)

  /// The `--set` arguments the note gives, in order.
  static func sets(in note: String) -> [String] {
    note.components(separatedBy: "--set '").dropFirst().compactMap {
      $0.split(separator: "'", maxSplits: 1).first.map(String.init)
    }
  }

  @Test func theRouteGivenForASetLossRunsWhenFollowed() throws {
    guard case .failure(let error) = load(Self.cat, overrides: ["loss=mse"]) else {
      Issue.record("loss=mse on the cat's logreg loaded")
      return
    }
    let note = try #require(error.diagnostics.first?.note)
    #expect(
      note.hasSuffix(
        "a one-unit mlp with a sigmoid output: `model: {type: mlp, layers: [{units: 1, activation: sigmoid}]}` with `loss: mse` and without `dataset.classes` (the network predicts values, which `accuracy` in `metrics` scores as classes): --set 'model.type=mlp' --set 'model.layers=[{units: 1, activation: sigmoid}]' --set '~dataset.classes'"
      ), "\(note)")
    let followed = ["loss=mse"] + Self.sets(in: note)
    #expect(followed.count == 4)
    switch load(Self.cat, overrides: followed) {
    case .failure(let error): Issue.record("\(DiagnosticRenderer().render(error.diagnostics))")
    case .success(let loaded):
      // Nothing warned either (a whole `model=` mapping dropped the cat's `init: zeros`).
      #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
      #expect(loaded.spec.model.initialization == .zeros)
    }
  }

  /// In the file, the recipe names the keys (without classes, as corpus case 579, it has none
  /// to drop).
  @Test func theRouteInAFileNamesTheKeys() {
    let written = Self.cat.replacingOccurrences(
      of: "loss: binary_cross_entropy", with: "loss: mse")
    guard case .failure(let error) = load(written) else {
      Issue.record("loss: mse on the cat's logreg loaded")
      return
    }
    #expect(
      error.diagnostics.first?.note?.hasSuffix(
        "with `loss: mse` and without `dataset.classes` (the network predicts values, which `accuracy` in `metrics` scores as classes)"
      ) == true)
  }
}
