import Foundation
import Pipeline
import Testing

/// L-BFGS stopping short of its tolerance inside a learning- or validation-curve point or a
/// bootstrap round is said once per analysis, as a run of the same rows says it (tester AI11).
@Suite struct UnconvergedAnalysisWarningTests {
  /// The run's warnings for moons' logistic regression with a bootstrap, a learning curve and a
  /// validation curve over `l2`, L-BFGS given `iterations` (and `l2`, when given).
  func warnings(iterations: Int, l2: Double? = nil) throws -> [String] {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let penalty = l2.map { "regularization: {l2: \($0)}\n" } ?? ""
    let spec = try TestProject.writeSpec(
      """
      dataset:
        generator: {type: moons, samples: 80, noise: 0.2}
        split: {train: 0.75, test: 0.25}
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: lbfgs, iterations: \(iterations)}
      \(penalty)report:
        bootstrap: {rounds: 4}
        learning_curve: {sizes: [20, 60]}
        validation_curve: {parameter: regularization.l2, values: [0.01, 0.1, 1]}

      """, in: dir)
    return try TestProject.run(spec, resultsRoot: dir.appendingPathComponent("results")).warnings
  }

  @Test func curvePointsAndRoundsShortOfTheToleranceAreCounted() throws {
    let warnings = try warnings(iterations: 2)
    let curve = warnings.filter { $0.hasPrefix("learning curve: L-BFGS") }
    let rounds = warnings.filter { $0.hasPrefix("bias/variance decomposition: L-BFGS") }
    let values = warnings.filter { $0.hasPrefix("validation curve: L-BFGS") }
    #expect(curve.count == 1 && rounds.count == 1 && values.count == 1, "\(warnings)")
    #expect(
      curve.first?.hasPrefix(
        "learning curve: L-BFGS did not converge in 2 of 2 points (the first at 20 training "
          + "rows: reached the iteration budget (2) without converging: largest gradient "
          + "component ") == true, "\(curve)")
    #expect(
      curve.first?.hasSuffix(
        "); raise optimizer.iterations, standardize the features or raise optimizer.tolerance")
        == true, "\(curve)")
    #expect(
      rounds.first?.hasPrefix(
        "bias/variance decomposition: L-BFGS did not converge in 4 of 4 bootstrap rounds (the "
          + "first in round 1: reached the iteration budget (2) without converging") == true,
      "\(rounds)")
    #expect(
      values.first?.hasPrefix(
        "validation curve: L-BFGS did not converge in 3 of 3 points (the first at "
          + "regularization.l2 = 0.01: reached the iteration budget (2) without converging")
        == true, "\(values)")
  }

  @Test func convergedAnalysesSayNothing() throws {
    let warnings = try warnings(iterations: 500, l2: 0.1)
    #expect(!warnings.contains { $0.contains("did not converge") }, "\(warnings)")
  }
}
