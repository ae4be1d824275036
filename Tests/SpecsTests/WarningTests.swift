import Testing

@testable import Specs

/// Legal but suspicious choices load with a located warning (and fail under --strict).
@Suite struct WarningTests {
  static let cases: [(String, String)] = [
    (
      "dataset: {name: iris}\nmodel: {type: logreg}\noptimizer: {type: sgd, weight_decay: 0.1}\nregularization: {l2: 0.1}",
      "3:38: warning: both weight_decay and regularization.l2 penalize the weights"
    ),
    (
      "dataset: {name: iris}\nmodel: {type: logreg}\noptimizer: {iterations: 50}\nrecord_every: 100",
      "4:15: warning: record_every (100) is larger than the 50 iterations"
    ),
    (
      "dataset: {name: iris}\nmodel: {type: logreg}\noptimizer: {type: sgd, epochs: 200}\n"
        + "record_every: 100000",
      "4:15: warning: record_every (100000) is larger than the 200 epochs"
    ),
    (
      "dataset: {name: iris, preprocessing: [standardize, standardize]}\nmodel: {type: logreg}",
      "1:52: warning: standardize appears twice in preprocessing"
    ),
    (
      "dataset: {name: iris}\nmodel: {type: logreg}\nmetrics: [accuracy, accuracy]",
      "3:21: warning: metric 'accuracy' is listed twice"
    ),
    (
      "dataset: {generator: {type: moons}, split: {train: 0.7, test: 0.3}}\nmodel: {type: logreg}\nsweep:\n  parameters: {optimizer.learning_rate: [0.1, 0.01]}",
      "4:3: warning: the trials are ranked on test_loss: the best trial is chosen on the test set"
    ),
    (
      "dataset: {generator: {type: moons}, split: {train: 0.7, dev: 0.3}}\nmodel: {type: logreg}\nsweep:\n  method: bayes\n  trials: 10\n  parameters: {optimizer.learning_rate: {log_uniform: [0.001, 0.1]}}",
      "5:11: warning: bayes: startup (10) random trials take all 10 trials, so TPE never suggests one"
    ),
    (
      "dataset: {generator: {type: moons}, split: {train: 0.7, dev: 0.3}}\nmodel: {type: logreg}\nsweep:\n  method: bayes\n  trials: 6\n  startup: 8\n  parameters: {optimizer.learning_rate: {log_uniform: [0.001, 0.1]}}",
      "6:12: warning: bayes: startup (8) random trials take all 6 trials"
    ),
    (
      "dataset: {name: iris}\nmodel:\n  type: mlp\n  layers: [{units: 8, activation: relu}, {units: 1, activation: identity}]\nloss: mse",
      "5:7: warning: iris is a classification dataset, but mlp with the mse loss fits its class indices (0, 1, …) as real numbers"
    ),
    (
      "dataset: {name: wine}\nmodel: {type: linreg}",
      "2:15: warning: wine is a classification dataset, but linreg with the mse loss fits its class indices"
    ),
    (
      "dataset: {generator: {type: moons}}\nmodel:\n  type: mlp\n  layers: [{units: 8, activation: tanh}, {units: 1, activation: sigmoid}]\n  init: zeros\nloss: binary_cross_entropy",
      "5:9: warning: init: zeros gives every hidden unit of a layer the same weights"
    ),
    (
      "dataset: {name: diabetes}\nmodel: {type: linreg}\noptimizer: {iterations: 200000}\nrecord_every: 1",
      "4:15: warning: record_every: 1 records 200001 rows over the 200000 iterations"
    ),
    (
      "dataset: {name: diabetes}\nmodel: {type: linreg}\noptimizer: {type: sgd, epochs: 30000}",
      "3:32: warning: record_every: 1 (the default) records 30001 rows over the 30000 epochs"
    ),
    (
      "dataset: {generator: {type: moons}, split: {train: 0.7, test: 0.3}}\nmodel: {type: logreg}\nreport:\n  validation_curve: {parameter: regularization.l2, values: [0, 0.1]}",
      "4:33: warning: the validation curve is measured on the test set: the value it picks is chosen on it"
    ),
    (
      "dataset: {generator: {type: moons}, split: {train: 0.7, dev: 0.3}}\n"
        + "model: {type: logreg, init: {from: results/m}}\nreport:\n"
        + "  validation_curve: {parameter: regularization.l2, values: [0, 0.1]}",
      "2:36: warning: every validation-curve point starts from the saved, already trained "
        + "weights, so it measures fine-tuning from them, not training from scratch"
    ),
    (
      "dataset: {generator: {type: moons}, split: {train: 0.7, dev: 0.3}}\n"
        + "model: {type: logreg, init: {from: results/m}}\nreport:\n"
        + "  learning_curve: {sizes: [0.5, 1.0]}\n  bootstrap: {rounds: 3}\n"
        + "  validation_curve: {parameter: regularization.l2, values: [0, 0.1]}",
      "2:36: warning: every learning-curve point, bootstrap round and validation-curve point "
        + "starts from the saved, already trained weights, so they measure fine-tuning"
    ),
  ]

  @Test(arguments: 0..<cases.count)
  func warningIsLocatedAndFatalOnlyUnderStrict(_ index: Int) throws {
    let (text, expected) = Self.cases[index]
    let loaded = try load(text).get()
    let rendered = DiagnosticRenderer().render(loaded.warnings)
    #expect(rendered.contains("spec.yaml:" + expected), "\(rendered)")
    #expect(loaded.warnings.allSatisfy { $0.severity == .warning })
    switch load(text, strict: true) {
    case .success: Issue.record("--strict accepted a warning")
    case .failure(let error):
      #expect(error.exitCode == 65)
      #expect(
        error.diagnostics.allSatisfy {
          $0.severity == .error && $0.note?.contains("--strict") == true
        })
    }
  }

  /// The fix-its of the new warnings: none for a regression on classes (the loss alone would
  /// lead to "cross_entropy needs a softmax output layer"), he for ReLU layers and xavier for
  /// others, and record_every giving about 1000 rows.
  @Test func learnerWarningsOfferTheFix() throws {
    func fixIts(_ text: String) throws -> [String] {
      try load(text).get().warnings.compactMap(\.fixIt)
    }
    #expect(try fixIts(Self.cases[8].0) == [])
    #expect(try fixIts(Self.cases[10].0) == ["init: xavier"])
    #expect(
      try fixIts(Self.cases[10].0.replacingOccurrences(of: "tanh", with: "relu")) == ["init: he"])
    #expect(
      try fixIts(Self.cases[10].0.replacingOccurrences(of: "tanh", with: "leaky_relu"))
        == ["init: he"])
    #expect(try fixIts(Self.cases[11].0) == ["record_every: 200"])
    #expect(try fixIts(Self.cases[12].0) == ["record_every: 30"])
  }

  /// What stays quiet: zeros for linreg, logreg (their default) and an mlp without hidden
  /// layers or without training; a regression on a regression dataset; 20000 rows or fewer;
  /// a sigmoid output with mse (targets in [0, 1]); a bayes sweep at its defaults.
  @Test func learnerWarningsStayQuietWhereTheChoiceIsSound() throws {
    for text in [
      "dataset: {name: iris}\nmodel: {type: logreg, init: zeros}",
      "dataset: {name: diabetes}\nmodel: {type: linreg, init: zeros}",
      "dataset: {generator: {type: moons}}\nmodel:\n  type: mlp\n  layers: [{units: 1, activation: sigmoid}]\n  init: zeros\nloss: binary_cross_entropy",
      "dataset: {generator: {type: moons}}\nmodel:\n  type: mlp\n  layers: [{units: 8, activation: tanh}, {units: 1, activation: sigmoid}]\n  init: zeros\nloss: binary_cross_entropy\noptimizer: {iterations: 0}",
      "dataset: {name: diabetes}\nmodel:\n  type: mlp\n  layers: [{units: 8, activation: relu}, {units: 1, activation: identity}]\nloss: mse",
      "dataset: {name: diabetes}\nmodel: {type: linreg}\noptimizer: {iterations: 19999}",
      "dataset: {name: diabetes}\nmodel: {type: linreg}\noptimizer: {iterations: 200000}\nrecord_every: 20",
      "dataset: {name: diabetes}\nmodel: {type: linreg, solver: exact}",
      "dataset: {file: d.csv, target: y}\nmodel:\n  type: mlp\n  layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]\nloss: mse",
      "dataset: {name: breast_cancer}\nmodel:\n  type: mlp\n  layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]\nloss: mse",
      "dataset: {generator: {type: moons}, split: {train: 0.6, dev: 0.2, test: 0.2}}\nmodel: {type: logreg}\nreport:\n  validation_curve: {parameter: regularization.l2, values: [0, 0.1]}",
      // AG7: bayes at its defaults (10 trials, Optuna's 10 start-up ones) as Optuna runs it.
      "dataset: {generator: {type: moons}, split: {train: 0.7, dev: 0.3}}\nmodel: {type: logreg}\nsweep:\n  method: bayes\n  parameters: {optimizer.learning_rate: {log_uniform: [0.001, 0.1]}}",
    ] {
      #expect(try load(text).get().warnings.map(\.message) == [], "\(text)")
    }
  }
}
