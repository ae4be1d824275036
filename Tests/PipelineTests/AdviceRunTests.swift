import Engine
import Foundation
import Pipeline
import Testing

/// The advice a learner acts on after a run of the shipped experiments, as `--set` changes them
/// (tester BB F11, F12, F13; tester BC 10).
@Suite struct AdviceRunTests {
  /// The run of `experiments/<name>.yaml` with `overrides`, on the bundled data.
  static func run(_ name: String, _ overrides: [String]) throws -> RunOutcome {
    let spec = try String(
      contentsOf: TestProject.root.appendingPathComponent("experiments/\(name).yaml"),
      encoding: .utf8)
    return try TestProject.runWithBundledData(spec, overrides).0
  }

  /// Raw wine, one-vs-rest by L-BFGS out of its 30 iterations (F11, F13): the warning offers
  /// scaled features, and the high-bias advice finishes the fit before it grows the model.
  @Test func rawWineOutOfIterationsIsToldToFinishTheFit() throws {
    let outcome = try Self.run(
      "wine-ovr-nesterov",
      [
        "optimizer.type=lbfgs", "~optimizer.momentum", "~optimizer.batch_size",
        "~optimizer.epochs", "optimizer.iterations=30", "~dataset.preprocessing",
      ])
    let remedy = "raise optimizer.iterations, standardize the features or raise optimizer.tolerance"
    #expect(
      outcome.warnings.contains {
        $0.hasPrefix("L-BFGS reached the iteration budget (30) without converging")
          && $0.hasSuffix("; " + remedy)
      }, "\(outcome.warnings)")
    #expect(outcome.verdict?.hasPrefix("high bias") == true, "\(outcome.verdict ?? "")")
    let finish: String =
      "finish the fit first (the optimizer stopped short of its tolerance, see `stop_reason`, so "
      + "the training error is not yet the model's): " + remedy
    #expect(outcome.nextSteps.first == finish, "\(outcome.nextSteps)")
  }

  /// The polynomial mae regression by L-BFGS (F12): the warning names the cause, at any first
  /// step, and offers no tolerance that would label an arbitrary point converged.
  @Test(arguments: [[], ["optimizer.learning_rate=1"]])
  func lbfgsOnMaeIsToldToUseASmoothLoss(_ more: [String]) throws {
    let outcome = try Self.run(
      "polynomial-linreg-mae",
      [
        "optimizer.type=lbfgs", "~optimizer.batch_size", "~optimizer.epochs",
        "optimizer.iterations=500", "~report.learning_curve", "~report.validation_curve",
      ] + more)
    let said = outcome.warnings.filter { $0.hasPrefix("L-BFGS ") }
    #expect(said.count == 1, "\(outcome.warnings)")
    #expect(said.first?.hasSuffix("; " + StopReason.smoothLossRemedy(.mae)) == true, "\(said)")
    #expect(said.first?.contains("raise optimizer.tolerance") == false)
  }

  /// Diabetes' gd regression, standardized, at 5e-05 for 3000 iterations (BC 10): the loss
  /// falls about 0.01% a step, far above the mean's: a larger rate comes first.
  @Test func aTinyRateOnStandardizedInputsIsRaisedFirst() throws {
    let outcome = try Self.run(
      "diabetes-linreg-gd",
      [
        "dataset.preprocessing=[standardize]", "optimizer.learning_rate=5e-5",
        "optimizer.iterations=3000",
      ])
    #expect(outcome.verdict?.hasPrefix("training did not converge") == true)
    #expect(
      outcome.nextSteps.first?.hasPrefix("a larger learning rate: the training loss fell only ")
        == true, "\(outcome.nextSteps)")
    #expect(
      outcome.nextSteps.first?.hasSuffix(
        "raise `optimizer.learning_rate` from 5e-05 to 0.0005 (if the loss then rises, halve it)")
        == true, "\(outcome.nextSteps)")
    #expect(outcome.nextSteps.dropFirst().first?.hasPrefix("train longer") == true)
  }
}
