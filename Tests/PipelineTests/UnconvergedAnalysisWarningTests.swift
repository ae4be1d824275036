import Foundation
import Pipeline
import Testing

/// L-BFGS stopping short of its tolerance inside a learning-curve point or a bootstrap round
/// is said once per analysis, as a run of the same rows says it (tester AI11).
@Suite struct UnconvergedAnalysisWarningTests {
  @Test func curvePointsAndRoundsShortOfTheToleranceAreCounted() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = try TestProject.writeSpec(
      """
      dataset:
        generator: {type: moons, samples: 80, noise: 0.2}
        split: {train: 0.75, test: 0.25}
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: lbfgs, iterations: 2}
      report: {bootstrap: {rounds: 4}, learning_curve: {sizes: [20, 60]}}

      """, in: dir)
    let outcome = try TestProject.run(spec, resultsRoot: dir.appendingPathComponent("results"))
    let curve = outcome.warnings.filter { $0.hasPrefix("learning curve: L-BFGS") }
    let rounds = outcome.warnings.filter { $0.hasPrefix("bias/variance decomposition: L-BFGS") }
    #expect(curve.count == 1 && rounds.count == 1, "\(outcome.warnings)")
    #expect(
      curve.first?.hasPrefix(
        "learning curve: L-BFGS did not converge in 2 of 2 points (the first at 20 training "
          + "rows: reached the iteration budget (2) without converging: largest gradient "
          + "component ") == true, "\(curve)")
    #expect(
      curve.first?.hasSuffix("); raise optimizer.iterations or optimizer.tolerance") == true)
    #expect(
      rounds.first?.hasPrefix(
        "bias/variance decomposition: L-BFGS did not converge in 4 of 4 bootstrap rounds (the "
          + "first in round 1: reached the iteration budget (2) without converging") == true,
      "\(rounds)")
  }

  @Test func convergedAnalysesSayNothing() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec = try TestProject.writeSpec(
      """
      dataset:
        generator: {type: moons, samples: 80, noise: 0.2}
        split: {train: 0.75, test: 0.25}
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: lbfgs, iterations: 500}
      regularization: {l2: 0.1}
      report: {bootstrap: {rounds: 4}, learning_curve: {sizes: [20, 60]}}

      """, in: dir)
    let outcome = try TestProject.run(spec, resultsRoot: dir.appendingPathComponent("results"))
    #expect(!outcome.warnings.contains { $0.contains("did not converge") }, "\(outcome.warnings)")
  }
}
