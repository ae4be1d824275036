import Conventions
import Foundation
import Testing

@testable import Reports

/// A float32 run prints its figures as float32 in every file: the errors of `bias_variance.csv`
/// and the curves are the same texts as `summary.csv`'s losses; the spec's values stay as given.
@Suite("float32 figures print as float32")
struct Float32FiguresTests {
  /// The tester's float32 polynomial: summary.csv's `train_loss` is `0.077810675`.
  static let train = 0.07781067155301571
  static let dev = 0.1235105812549591

  @Test("bias_variance.csv: errors, gaps and standard errors in the run's precision")
  func diagnosis() {
    func row(_ precision: NumberPrecision) -> [String: String] {
      let d = BiasVarianceDiagnosis(
        baseError: 0.05, trainError: Self.train, devError: Self.dev,
        thresholds: .regressionDefault,
        heldOutSampling: SamplingError(standardError: 0.1 / 3, count: 20), precision: precision)
      return Dictionary(uniqueKeysWithValues: zip(d.table.header, d.table.rows[0]))
    }
    #expect(row(.float64)["train_error"] == "0.07781067155301571")
    let row = row(.float32)
    #expect(row["train_error"] == CSVCell.number(Self.train, .float32).text)
    #expect(row["train_error"] == "0.077810675" && row["dev_error"] == "0.123510584")
    #expect(row["variance_standard_error"] == "0.033333335")
    #expect(row["variance"] == CSVCell.format(Float(Self.dev) - Float(Self.train)))
    // The spec's values as the spec holds them.
    #expect(row["base_error"] == "0.05" && row["variance_threshold"] == "0.1")
  }

  /// Tester A's float32 diabetes run: the training MSE 2834.98445… prints as `2834.9844`
  /// (2834.984375 as a float32), so the avoidable bias the row shows must be 2834.984375 − 2900,
  /// not the unrounded −65.01555 (and likewise the variance and the relative gaps).
  @Test("float32: each gap is the difference of the row's own cells, in float32")
  func gapsFromPrintedErrors() throws {
    let d = BiasVarianceDiagnosis(
      baseError: 2900, trainError: 2834.98445, devError: 3056.88301,
      thresholds: .regressionDefault, precision: .float32)
    let row = Dictionary(uniqueKeysWithValues: zip(d.table.header, d.table.rows[0]))
    let train = try #require(row["train_error"].flatMap { Float($0) })
    let dev = try #require(row["dev_error"].flatMap { Float($0) })
    #expect(row["train_error"] == "2834.9844" && row["base_error"] == "2900.0")
    #expect(row["avoidable_bias"] == "-65.015625")
    #expect(row["avoidable_bias"] == CSVCell.format(train - 2900))
    #expect(row["variance"] == CSVCell.format(dev - train))
    #expect(row["relative_variance"] == CSVCell.format(Float(Double(dev - train) / Double(train))))
  }

  @Test("the curves' errors and the decomposition's figures in the run's precision")
  func curvesAndDecomposition() throws {
    var learning = LearningCurve(
      points: [.init(trainSize: 20, trainError: Self.train, heldOutError: Self.dev)])
    var validation = ValidationCurve(
      parameter: "regularization.l2",
      points: [.init(value: 0.1, trainError: Self.train, heldOutError: Self.dev)])
    learning.precision = .float32
    validation.precision = .float32
    #expect(learning.table.rows[0] == ["20", "0.077810675", "0.123510584"])
    #expect(validation.table.rows[0] == ["0.1", "0.077810675", "0.123510584"])
    var decomposition = try BiasVarianceDecomposition.mse(
      predictions: [[1, 4], [3, 4.1]], targets: [1, 4])
    decomposition.precision = .float32
    #expect(decomposition.table.rows[0][3] == CSVCell.format(Float(decomposition.expectedLoss)))
  }
}
