import Foundation
import Testing

@testable import Engine

/// `roc_auc` and `average_precision` against scikit-learn's figures on fixed scores
/// (`scripts/reference/engine/ranking_metrics_sklearn.py` writes the fixture), and through the
/// evaluator on a trained model.
@Suite struct RankingMetricsTests {
  static let tolerance = 1e-12

  func matrix(_ c: SklearnRankingCase) -> Matrix<Double> {
    let cols = c.classes == 2 ? 1 : c.classes
    return Matrix(rows: c.scores.count / cols, cols: cols, storage: c.scores)
  }

  @Test(arguments: sklearnRankingCases.map(\.name))
  func figuresEqualScikitLearn(_ name: String) throws {
    let c = try #require(sklearnRankingCases.first { $0.name == name })
    let scores = matrix(c)
    let auc = Metric.ranking(.rocAUC, scores: scores, labels: c.labels, classes: c.classes)
    let ap = Metric.ranking(
      .averagePrecision, scores: scores, labels: c.labels, classes: c.classes)
    #expect(abs(auc - c.rocAUC) <= Self.tolerance, "\(name): roc_auc \(auc) vs \(c.rocAUC)")
    #expect(
      abs(ap - c.averagePrecision) <= Self.tolerance,
      "\(name): average_precision \(ap) vs \(c.averagePrecision)")
  }

  @Test(arguments: sklearnRankingCases.filter { $0.roc != nil }.map(\.name))
  func curvesEqualScikitLearn(_ name: String) throws {
    let c = try #require(sklearnRankingCases.first { $0.name == name })
    let roc = try #require(c.roc)
    let positives = c.labels.map { $0 == 1 }
    let curve = RankingMetrics.rocCurve(scores: c.scores, positives: positives)
    #expect(curve.map(\.x) == roc.fpr)
    #expect(curve.map(\.y) == roc.tpr)
    #expect(curve.map(\.threshold) == roc.thresholds)
    let pr = try #require(c.precisionRecall)
    let steps = RankingMetrics.precisionRecallCurve(scores: c.scores, positives: positives)
    #expect(steps.map(\.x) == pr.recall)
    #expect(steps.map(\.y) == pr.precision)
  }

  @Test func undefinedFiguresAreNaN() {
    let one = Matrix<Double>(rows: 3, cols: 1, storage: [0.2, 0.4, 0.9])
    #expect(Metric.ranking(.rocAUC, scores: one, labels: [1, 1, 1], classes: 2).isNaN)
    #expect(Metric.ranking(.averagePrecision, scores: one, labels: [0, 0, 0], classes: 2).isNaN)
    let nan = Matrix<Double>(rows: 2, cols: 1, storage: [.nan, 0.5])
    #expect(Metric.ranking(.rocAUC, scores: nan, labels: [0, 1], classes: 2).isNaN)
    #expect(RankingMetrics.rocCurve(scores: [0.3], positives: [true]).isEmpty)
  }

  @Test func perfectAndTiedRankings() {
    let labels = [0, 0, 1, 1]
    let perfect = Matrix<Double>(rows: 4, cols: 1, storage: [0.1, 0.2, 0.8, 0.9])
    #expect(Metric.ranking(.rocAUC, scores: perfect, labels: labels, classes: 2) == 1)
    #expect(Metric.ranking(.averagePrecision, scores: perfect, labels: labels, classes: 2) == 1)
    let tied = Matrix<Double>(rows: 4, cols: 1, storage: [0.5, 0.5, 0.5, 0.5])
    #expect(Metric.ranking(.rocAUC, scores: tied, labels: labels, classes: 2) == 0.5)
    #expect(Metric.ranking(.averagePrecision, scores: tied, labels: labels, classes: 2) == 0.5)
    // Two columns (softmax): the second is the positive class's.
    let two = Matrix<Double>(rows: 2, cols: 2, storage: [0.9, 0.1, 0.2, 0.8])
    #expect(Metric.ranking(.rocAUC, scores: two, labels: [0, 1], classes: 2) == 1)
  }

  @Test func evaluatorReportsRankingMetricsOfTheModelScores() throws {
    BLASSetup.once()
    let c = try #require(sklearnRankingCases.first { $0.name == "breast_cancer_ties" })
    // One feature, the scores themselves: logistic regression keeps their order, so the
    // model's roc_auc is the scores' own, with the ties of the rounded scores.
    let x = Matrix<Double>(rows: c.scores.count, cols: 1, storage: c.scores.map { $0 * 4 - 2 })
    let configuration = TrainingConfiguration(
      model: .logisticRegression(.binary), loss: .binaryCrossEntropy, learningRate: 0.5,
      budget: .iterations(50), metrics: [.accuracy, .rocAUC, .averagePrecision], classes: 2)
    let result = try Trainer.train(
      configuration, train: Examples(x: x, labels: c.labels))
    let final = try #require(result.final?.train)
    #expect(abs(try #require(final.metrics[.rocAUC]) - c.rocAUC) <= Self.tolerance)
    #expect(
      abs(try #require(final.metrics[.averagePrecision]) - c.averagePrecision) <= Self.tolerance)
  }

  /// One-vs-rest figures come from the per-class sigmoids normalized to sum 1 (scikit-learn's
  /// one-vs-rest `predict_proba`, what `runner predict` writes); the loss stays the mean of the
  /// binary losses.
  @Test func oneVsRestFiguresUseNormalizedProbabilities() throws {
    BLASSetup.once()
    // scikit-learn: log_loss(y, S / S.sum(1)) and roc_auc_score(..., multi_class="ovr").
    let s = Matrix<Double>(
      rows: 4, cols: 3, storage: [0.9, 0.2, 0.1, 0.3, 0.6, 0.3, 0.2, 0.1, 0.7, 0.4, 0.5, 0.45])
    let p = TrainedModel<Double>.oneVsRestProbabilities(s)
    #expect(
      abs(Metric.logLoss(probabilities: p, labels: [0, 2, 2, 1]) - 0.7559757876301718) < 1e-15)
    #expect(
      abs(
        Metric.ranking(.rocAUC, scores: p, labels: [0, 2, 2, 1], classes: 3) - 0.8055555555555557)
        < 1e-15)
    // Through the evaluator: the figures of the probabilities predict writes.
    var x: [Double] = []
    var labels: [Int] = []
    for i in 0..<60 {
      labels.append(i % 3)
      x += [Double(i % 3) + 0.7 * sin(Double(i)), cos(Double(i * 7))]
    }
    let data = Examples(x: Matrix(rows: 60, cols: 2, storage: x), labels: labels)
    let configuration = TrainingConfiguration(
      model: .logisticRegression(.oneVsRest), loss: .binaryCrossEntropy, learningRate: 0.5,
      budget: .iterations(5), metrics: [.logLoss, .rocAUC, .averagePrecision], classes: 3)
    let result = try Trainer.train(configuration, train: data)
    let final = try #require(result.final?.train)
    let probabilities = TrainedModel<Double>.oneVsRestProbabilities(
      try result.model.scores(data.x, classes: 3))
    let logLoss = Metric.logLoss(probabilities: probabilities, labels: labels)
    #expect(final.metrics[.logLoss] == logLoss)
    #expect(final.loss != logLoss)
    #expect(
      final.metrics[.rocAUC]
        == Metric.ranking(.rocAUC, scores: probabilities, labels: labels, classes: 3))
  }
}
