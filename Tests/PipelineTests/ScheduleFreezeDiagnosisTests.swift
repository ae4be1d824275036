import Foundation
import Pipeline
import Reports
import Testing

/// A linear fit frozen by its own decaying schedule (tester BR-4): told to train longer, then a
/// network with a hidden layer, on a noisy line least squares fits to the noise floor. It is now
/// told the schedule, and the least-squares figure it missed.
@Suite struct ScheduleFreezeDiagnosisTests {
  /// Tester BR-4's spec: 100 training rows, 4 mini-batches an epoch, the rate halved each epoch.
  static let spec = """
    name: sched
    seed: 3
    dataset:
      generator: {type: linear, samples: 125, weights: [2], bias: 1, noise: 0.1}
      split: {train: 0.8, test: 0.2}
    model: {type: linreg}
    loss: mse
    optimizer: {type: sgd, learning_rate: 0.1, batch_size: 32, iterations: 25, schedule: {type: step, step_size: 1, gamma: 0.5}}
    record_every: 10
    metrics: [mse]
    """

  func advice(_ row: [String: String]) -> [String] {
    row["recommendations"]!.components(separatedBy: BiasVarianceDiagnosis.recommendationSeparator)
  }

  static let exactSolver =
    "the exact solver: `model.solver: exact`, with `optimizer` and `record_every` removed, solves least squares directly (no learning rate, no steps)"

  @Test func theFrozenLineIsToldItsScheduleAndLeastSquares() throws {
    let (outcome, row) = try TestProject.runWithBundledData(Self.spec)
    #expect(
      row["verdict"]
        == "training did not converge: the training loss is 0.208, least squares reaches 0.0103 on these rows",
      "\(row["verdict"]!)")
    #expect(
      advice(row) == [
        "a schedule that lets it train: the step schedule (step_size 1, gamma 0.5) lowered the "
          + "learning rate from 0.1 to 0.00156 at the run's last step, and the steps of any "
          + "longer run would add only 1.39% to the rates its 25 steps took, so training longer "
          + "would not move the weights: raise `optimizer.schedule.step_size` from 1 to 2 (the "
          + "last step then trains at 0.0125), or remove `optimizer.schedule`",
        Self.exactSolver,
      ])
    #expect(outcome.verdict == row["verdict"])
  }

  /// The advice followed (50 iterations), and far longer (400): still the schedule, never a
  /// bigger model.
  @Test(arguments: [50, 400])
  func trainingLongerStaysFrozen(_ iterations: Int) throws {
    let (outcome, row) = try TestProject.runWithBundledData(
      Self.spec, ["optimizer.iterations=\(iterations)"])
    #expect(row["verdict"]!.hasPrefix("training did not converge: the training loss is 0.204"))
    #expect(outcome.nextSteps.first?.hasPrefix("a schedule that lets it train: the step ") == true)
    #expect(outcome.nextSteps.last == Self.exactSolver)
    #expect(
      !advice(row).contains { $0.hasPrefix("train longer") || $0.hasPrefix("a bigger model") })
  }

  /// Full-batch gd under ExponentialLR(0.8), worse than the mean after 100 iterations: the
  /// schedule, not training longer.
  @Test func aFullBatchRunFrozenAboveTheMeanIsToldItsSchedule() throws {
    let (_, row) = try TestProject.runWithBundledData(
      Self.spec,
      [
        "optimizer.type=gd", "~optimizer.batch_size", "optimizer.iterations=100",
        "optimizer.schedule={type: exponential, gamma: 0.8}",
      ])
    #expect(
      row["verdict"]!.hasPrefix("training did not converge: the training loss ended at 0.392"))
    let said = advice(row)
    #expect(said.count == 1, "\(said)")
    #expect(
      said.first?.hasPrefix(
        "a schedule that lets it train: the exponential schedule (gamma 0.8) lowered the learning rate from 0.1 to "
      ) == true, "\(said)")
    #expect(
      said.first?.hasSuffix(
        "raise `optimizer.schedule.gamma` from 0.8 to 0.978 (the last step then trains at 0.0111), or remove `optimizer.schedule`"
      ) == true, "\(said)")
  }

  /// Without the schedule the rate stays 0.1 and the loss was still falling: its advice is as
  /// it was.
  @Test func withoutTheScheduleTheAdviceIsAsBefore() throws {
    let (_, row) = try TestProject.runWithBundledData(Self.spec, ["~optimizer.schedule"])
    #expect(row["verdict"]!.hasPrefix("high bias (base error 0.01"))
    #expect(
      advice(row) == [
        "train longer (the training loss was still falling): raise `optimizer.iterations` from 25 to 50",
        "a faster optimizer, Adam: set `optimizer.type: adam` and `optimizer.learning_rate: 0.1`, keeping the rest of `optimizer`",
        "a bigger model, a network with a hidden layer: `model: {type: mlp, layers: [{units: 16, activation: relu}, {units: 1, activation: identity}]}`",
        "polynomial features: add `- polynomial: 2` (followed by `- standardize`) to `dataset.preprocessing`",
      ])
  }

  /// A cosine schedule ends at eta_min 0 by design and never freezes: the run that converged is
  /// judged as before.
  @Test func aCosineRunThatConvergedIsAsBefore() throws {
    let (outcome, row) = try TestProject.runWithBundledData(
      Self.spec,
      ["optimizer.schedule={type: cosine}", "~optimizer.iterations", "optimizer.epochs=200"])
    #expect(
      row["verdict"]
        == "fine (base error 0.01: σ², the mse of the linear generator's noise, σ = noise 0.1)")
    #expect(advice(row) == [BiasVarianceDiagnosis.nothingStandsOut])
    #expect(outcome.nextSteps.isEmpty)
  }
}
