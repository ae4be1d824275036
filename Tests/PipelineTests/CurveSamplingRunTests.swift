import Foundation
import Pipeline
import Testing

/// Curve points are judged as `bias_variance.csv` judges a run: a gap within its sampling
/// error is unclear, and a regression worse than predicting its training targets' mean did not
/// converge; each point's sampling errors and mean come from its own model and training rows.
@Suite struct CurveSamplingRunTests {
  /// A noisy line, y = 5x + 7 + N(0, 1) with x uniform in [0, 1], 80 training and 20 test rows.
  static let line = """
    dataset:
      generator: {type: linear, samples: 100, weights: [5], bias: 7, noise: 1}
      split: {train: 0.8, test: 0.2}
    loss: mse

    """

  /// Runs `spec` and returns the verdicts of `curve` and the verdict of `bias_variance.csv`.
  func verdicts(_ spec: String, curve: String) throws -> (curve: [String], run: String?) {
    let folder = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try TestProject.writeSpec(spec, in: folder)
    let outcome = try TestProject.run(path, resultsRoot: folder.appendingPathComponent("results"))
    let points = try TestProject.table(outcome.directory, curve)
    let run = try TestProject.table(outcome.directory, "bias_variance.csv")
    return (points.column("verdict") ?? [], run.column("verdict")?.first)
  }

  /// Seed 5's 16-row point: test MSE 1.54 against train MSE 0.93, 66% above it (past the 10%
  /// threshold) but 10 of its 20 test rows' losses lie above the median of all 36, as 8 of the
  /// 16 training rows' do (the median test: p = 0.63), and 16.5% of relabellings give a mean gap
  /// as large (p = 0.33 for the two, twice the smaller); it was "high variance".
  @Test func aSmallLearningCurvePointWithinTheSamplingErrorIsVarianceUnclear() throws {
    let (curve, run) = try verdicts(
      "name: line-curve\nseed: 5\n" + Self.line + """
        model: {type: linreg, solver: exact}
        report:
          learning_curve: {sizes: [16, 80]}

        """, curve: "learning_curve.csv")
    #expect(
      curve.first
        == "variance unclear (the variance gap is within the sampling error (10 of 20 test vs 8 of 16 train rows' losses above their median 0.939 (median test p 0.631), mean gap permutation test p 0.165: p = 0.33, twice the smaller)) (base error 1: σ², the mse of the linear generator's noise, σ = noise 1)"
    )
    // The whole training set is the run: the same verdict, remark and all.
    #expect(curve.last == run, "\(curve)")
  }

  /// Seed 17's whole training set: train MSE 1.26 at a base error of 1, 26% above it but within
  /// ±0.287 of 80 training rows at the noise; it was "high bias".
  @Test func aLearningCurvePointWithinTheTrainingSamplingErrorIsBiasUnclear() throws {
    let (curve, run) = try verdicts(
      "name: line-curve\nseed: 17\n" + Self.line + """
        model: {type: linreg, solver: exact}
        report:
          bias_variance: {base_error: 1}
          learning_curve: {sizes: [4, 80]}

        """, curve: "learning_curve.csv")
    #expect(
      curve.last
        == "bias unclear (the avoidable bias gap is within the sampling error of 80 train samples, ±0.287)"
    )
    #expect(curve.last == run, "\(curve)")
  }

  /// Gradient descent at learning rate 0.001 for 100 steps from zeros ends at a train MSE of
  /// 54.5, above the 2.4 of predicting the targets' mean; it was "high bias".
  @Test func aValidationCurvePointWorseThanTheMeanDidNotConverge() throws {
    let spec =
      "name: slow-line\nseed: 2\n" + Self.line + """
        model: {type: linreg, solver: gd}
        optimizer: {type: gd, learning_rate: 0.1, iterations: 100}
        report:
          bias_variance: {base_error: 1}
          validation_curve: {parameter: optimizer.learning_rate, values: [0.001, 0.1]}

        """
    let (curve, run) = try verdicts(spec, curve: "validation_curve.csv")
    #expect(
      curve.first
        == "training did not converge: the training loss ended at 54.5, worse than predicting the training targets' mean (2.4)"
    )
    // The point at the spec's own learning rate is the run.
    #expect(curve.last == run, "\(curve)")
  }
}
