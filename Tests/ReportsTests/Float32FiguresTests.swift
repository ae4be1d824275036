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
    var d = BiasVarianceDiagnosis(
      baseError: 0.05, trainError: Self.train, devError: Self.dev,
      thresholds: .regressionDefault,
      heldOutSampling: SamplingError(standardError: 0.1 / 3, count: 20))
    let wide = Dictionary(uniqueKeysWithValues: zip(d.table.header, d.table.rows[0]))
    #expect(wide["train_error"] == "0.07781067155301571")
    d.precision = .float32
    let row = Dictionary(uniqueKeysWithValues: zip(d.table.header, d.table.rows[0]))
    #expect(row["train_error"] == CSVCell.number(Self.train, .float32).text)
    #expect(row["train_error"] == "0.077810675" && row["dev_error"] == "0.123510584")
    #expect(row["variance_standard_error"] == "0.033333335")
    #expect(row["variance"] == CSVCell.format(Float(Self.dev - Self.train)))
    // The spec's values as the spec holds them.
    #expect(row["base_error"] == "0.05" && row["variance_threshold"] == "0.1")
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
