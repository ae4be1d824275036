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

  /// On experiments/bias_variance_breast_cancer.yaml (tester AR's AR4): the loss's error comes
  /// first, the bootstrap's zero_one after it, saying it follows from it (it came first, from the
  /// file), and the route names `report.bootstrap.loss` too: followed literally, it loads.
  @Test func theRouteNamesTheBootstrapLossAndItsErrorFollows() throws {
    let spec = try String(
      contentsOfFile: repositoryRoot + "/experiments/bias_variance_breast_cancer.yaml",
      encoding: .utf8)
    guard case .failure(let error) = load(spec, overrides: ["loss=mse"]) else {
      Issue.record("loss=mse on the breast-cancer logreg loaded")
      return
    }
    let errors = error.diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 2)
    #expect(errors.first?.message.hasPrefix("mse is a regression loss") == true, "\(errors)")
    #expect(
      errors.last?.note
        == "this follows from the loss's error (--set loss=mse): a fix there that keeps mse needs this one too"
    )
    let note = try #require(errors.first?.note)
    #expect(Self.sets(in: note).contains("report.bootstrap.loss=mse"), "\(note)")
    switch load(spec, overrides: ["loss=mse"] + Self.sets(in: note)) {
    case .failure(let error): Issue.record("\(DiagnosticRenderer().render(error.diagnostics))")
    case .success(let loaded): #expect(loaded.spec.report.bootstrap?.loss == .mse)
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
  /// On experiments/blobs-logreg-lbfgs.yaml, whose classes only the data shows (tester AO's
  /// AO4): the route also names lbfgs (no mlp) and its `tolerance`, and the `log_loss` mse
  /// gives no probabilities for; the loss's fix-it is a `--set`. Followed literally, the spec
  /// loads and passes the data's checks.
  @Test func theRouteOnAnLBFGSSpecWithLogLossPassesWhenFollowed() throws {
    let blobs = try String(
      contentsOfFile: repositoryRoot + "/experiments/blobs-logreg-lbfgs.yaml", encoding: .utf8)
    let facts = DataFacts(classes: 2, targetColumns: 1, trainSamples: 300)
    let loaded = try load(blobs, overrides: ["loss=mse"]).get()
    let refused = SpecLoader.check(loaded, against: facts)
    let error = try #require(refused.first { $0.severity == .error })
    let rendered = DiagnosticRenderer().render(error)
    #expect(rendered.hasSuffix("fix-it: --set 'loss=binary_cross_entropy'"), "\(rendered)")
    let note = try #require(error.note)
    #expect(
      note.hasSuffix(
        ", with `optimizer.type: gd` (lbfgs has no mlp) without `tolerance` and without log_loss in `metrics` (mse gives no probabilities): --set 'model.type=mlp' --set 'model.layers=[{units: 1, activation: sigmoid}]' --set 'optimizer.type=gd' --set '~optimizer.tolerance' --set 'metrics=[accuracy]'"
      ), "\(note)")
    let followed = ["loss=mse"] + Self.sets(in: note)
    switch load(blobs, overrides: followed) {
    case .failure(let error): Issue.record("\(DiagnosticRenderer().render(error.diagnostics))")
    case .success(let loaded):
      #expect(SpecLoader.check(loaded, against: facts).isEmpty)
      #expect(loaded.spec.optimizer.kind == .gd)
      #expect(loaded.spec.model.kind == .mlp)
    }
  }

  /// A softmax network's mse, refused once the data shows one label column: the fix-it is a
  /// `--set` when the loss came by one (experiments/digits-mlp-halving-sweep.yaml).
  @Test func theSoftmaxLossFixItIsASetWhenTheLossCameByOne() throws {
    let digits = try String(
      contentsOfFile: repositoryRoot + "/experiments/digits-mlp-halving-sweep.yaml",
      encoding: .utf8)
    let loaded = try load(digits, overrides: ["loss=mse"]).get()
    let refused = SpecLoader.check(loaded, against: DataFacts(classes: 10, targetColumns: 1))
    let rendered = DiagnosticRenderer().render(refused)
    #expect(rendered.contains("a softmax output layer fits one label column"), "\(rendered)")
    #expect(rendered.contains("fix-it: --set 'loss=cross_entropy'"), "\(rendered)")
  }
}
