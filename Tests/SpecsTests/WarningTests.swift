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
      "dataset: {generator: {type: moons}, split: {train: 0.7, dev: 0.3}}\nmodel: {type: logreg}\nsweep:\n  method: bayes\n  parameters: {optimizer.learning_rate: {log_uniform: [0.001, 0.1]}}",
      "4:11: warning: bayes: startup (10) random trials take all 10 trials, so TPE never suggests one"
    ),
    (
      "dataset: {generator: {type: moons}, split: {train: 0.7, dev: 0.3}}\nmodel: {type: logreg}\nsweep:\n  method: bayes\n  trials: 6\n  startup: 8\n  parameters: {optimizer.learning_rate: {log_uniform: [0.001, 0.1]}}",
      "6:12: warning: bayes: startup (8) random trials take all 6 trials"
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
}
