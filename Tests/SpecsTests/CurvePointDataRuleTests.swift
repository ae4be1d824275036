import Testing
import Vocabulary

@testable import Specs

/// The data rules of a validation-curve point check what the point trains: the spec at its
/// value on the whole training set, without the learning curve and the bootstrap, which are
/// drawn at the spec's own values (tester BC3); a point the exact solver cannot solve is
/// recorded as failed by the run, so it is warned of at the value, not refused (tester BC9).
@Suite struct CurvePointDataRuleTests {
  /// The rendered diagnostics of `text` against `facts` ("" when it passes).
  static func check(_ text: String, _ facts: DataFacts) throws -> String {
    let loaded = try load(text).get()
    return DiagnosticRenderer().render(SpecLoader.check(loaded, against: facts))
  }

  /// Tester BC's vc2.yaml: diabetes' 10 features (11 unknowns), ridge at 0.01, a curve over
  /// l2 from 0, and a learning curve from 8 rows.
  static let ridge = """
    seed: 5
    dataset:
      file: diabetes.csv
      target: target
      split: {train: 0.6, dev: 0.2, test: 0.2}
    model: {type: linreg, solver: exact}
    loss: mse
    regularization: {l2: 0.01}
    metrics: [mse]
    report:
      validation_curve: {parameter: regularization.l2, values: [0, 0.01, 0.1]}
      learning_curve: {sizes: [8, 50, 200]}

    """

  /// The learning curve is drawn at l2 0.01, which solves 8 rows: nothing would fail.
  @Test func aCurveValueSaysNothingOfTheLearningCurvesSizes() throws {
    let facts = DataFacts(classes: nil, targetColumns: 1, trainSamples: 265, features: 10)
    #expect(try Self.check(Self.ridge, facts) == "")
  }

  /// Tester BC's vc3.yaml: 8 training rows; the value 0 is a failed point, warned at it.
  @Test func anUnsolvableCurveValueIsWarnedAtTheValue() throws {
    let facts = DataFacts(classes: nil, targetColumns: 1, trainSamples: 8, features: 10)
    let text = Self.ridge.replacingOccurrences(
      of: "  learning_curve: {sizes: [8, 50, 200]}\n", with: "")
    let rendered = try Self.check(text, facts)
    #expect(
      rendered == """
        spec.yaml:11:61: warning: with regularization.l2 = 0, the validation curve's point would be recorded as failed (nan errors): the exact solver has 8 training rows for 11 unknowns (10 features + bias): give at least 11 rows, or drop the 0 from report.validation_curve.values: any l2 above 0 solves it
          11 |   validation_curve: {parameter: regularization.l2, values: [0, 0.01, 0.1]}
             |                                                             ^
        note: the rest of the curve and the run's results are written, as scikit-learn's validation_curve keeps a failed fit (error_score=nan); report.validation_curve sets this value

        """)
  }

  /// Batch norm's rule on the learning curve's sizes is checked at the spec's `batch_size`
  /// only: the point at `batch_size: 19` trains its 60 rows (3 left in the last batch), and
  /// never the learning curve's 20 rows (1 left).
  @Test func aCurveValueSaysNothingOfTheLearningCurvesBatches() throws {
    let text = """
      dataset: {file: points.csv, target: label, split: {train: 0.6, dev: 0.4}}
      model:
        type: mlp
        layers:
          - {units: 8, activation: relu, normalization: batch_norm}
          - {units: 1, activation: sigmoid}
      loss: binary_cross_entropy
      optimizer: {type: sgd, batch_size: 16, epochs: 2}
      report:
        validation_curve: {parameter: optimizer.batch_size, values: [16, 19]}
        learning_curve: {sizes: [20, 40]}

      """
    let facts = DataFacts(classes: 2, targetColumns: 1, hasDevSamples: true, trainSamples: 60)
    #expect(try Self.check(text, facts) == "")
  }
}
