import Foundation
import Pipeline
import Testing

/// Tester BA's F-A reproducer: raw wine (`experiments/wine-ovr-nesterov.yaml` with L-BFGS, no
/// preprocessing) at learning_rate 1e-12 said `converged at iteration 171` (one-vs-rest) and
/// `459` (softmax), exit 0 under --strict, though its gradient was far above the tolerance: the
/// best step of a failed line search lowered J by rounding noise and passed the ftol test.
@Suite struct LBFGSFailedSearchRunTests {
  static let overrides = [
    "optimizer.type=lbfgs", "~optimizer.momentum", "~optimizer.batch_size", "~optimizer.epochs",
    "optimizer.iterations=1000", "~dataset.preprocessing", "optimizer.learning_rate=1e-12",
  ]

  @Test(arguments: [[], ["model.multiclass=softmax", "loss=cross_entropy"]])
  func aTinyFirstStepOnRawWineIsNoConvergence(_ strategy: [String]) throws {
    let spec = try String(
      contentsOf: TestProject.root.appendingPathComponent("experiments/wine-ovr-nesterov.yaml"),
      encoding: .utf8)
    let (outcome, _) = try TestProject.runWithBundledData(spec, Self.overrides + strategy)
    #expect(outcome.stopReason.contains("without converging"), "\(outcome.stopReason)")
    #expect(
      outcome.stopReason.contains("the line search found no step that lowers the objective"),
      "\(outcome.stopReason)")
    #expect(outcome.warnings.contains { $0.hasPrefix("L-BFGS stopped at iteration") })
  }
}
