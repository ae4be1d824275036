import Foundation
import Pipeline
import Testing

/// A run whose L-BFGS line search found no step that lowers the objective warns with the
/// remedies its spec does not already apply (tester BA's F-C: "start the line search at
/// optimizer.learning_rate 1 …, standardize the features, use dtype float64" for a spec at rate
/// 1, standardizing, in float64).
@Suite struct LBFGSRemedyInEffectTests {
  /// The run's L-BFGS warning for moons' logistic regression with these optimizer keys, dtype
  /// and preprocessing, its analyses' (a bootstrap) too.
  func warnings(optimizer: String, dtype: String, standardize: Bool) throws -> [String] {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let steps = standardize ? "\n  preprocessing: [standardize]" : ""
    let spec = try TestProject.writeSpec(
      """
      dataset:
        generator: {type: moons, samples: 200, noise: 0.2}\(steps)
        split: {train: 0.75, test: 0.25}
      model: {type: logreg}
      loss: binary_cross_entropy
      optimizer: {type: lbfgs, iterations: 1000, \(optimizer)}
      dtype: \(dtype)
      report:
        bootstrap: {rounds: 2}

      """, in: dir)
    let outcome = try TestProject.run(spec, resultsRoot: dir.appendingPathComponent("results"))
    return outcome.warnings.filter { $0.contains("L-BFGS") }
  }

  /// float32 on standardized features at rate 1, its tolerance out of float32's reach: only
  /// float64 and the tolerance are offered.
  @Test func inEffectRemediesAreLeftOut() throws {
    let said = try warnings(
      optimizer: "tolerance: 1e-12", dtype: "float32", standardize: true)
    #expect(said.count == 2, "\(said)")
    for warning in said {
      #expect(warning.contains("without converging"), "\(warning)")
      #expect(warning.hasSuffix("; use dtype float64 or raise optimizer.tolerance"), "\(warning)")
    }
  }

  /// float64, raw features, a first trial step of 1e-12: the rate leads, then standardizing.
  @Test func remediesNotInEffectAreOffered() throws {
    let said = try warnings(
      optimizer: "learning_rate: 1e-12", dtype: "float64", standardize: false)
    #expect(said.count == 2, "\(said)")
    for warning in said {
      #expect(
        warning.contains(
          "; start the line search at optimizer.learning_rate 1 instead of 1e-12 (scipy's "
            + "first trial step; smaller ones can move the objective by rounding noise only), "),
        "\(warning)")
      #expect(warning.hasSuffix(", standardize the features or raise optimizer.tolerance"))
    }
  }
}
