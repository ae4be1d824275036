import Datasets
import Engine
import Foundation
import Reports

extension RunPictures {
  /// The ROC and precision-recall curves of a binary classifier on the held-out set, with the
  /// area under each in the title; nil for other models or a set holding a single class.
  func rankingCurves() throws(TrainingError) -> (LineChart, LineChart)? {
    let partition = heldOut
    guard classes == 2, let actual = labels(partition), partition.count > 0 else {
      return nil
    }
    let scores = RankingMetrics.positiveScores(try model.scores(partition.features, classes: 2))
    let positives = actual.map { $0 == 1 }
    let roc = RankingMetrics.rocCurve(scores: scores, positives: positives)
    let pr = RankingMetrics.precisionRecallCurve(scores: scores, positives: positives)
    guard !roc.isEmpty, !pr.isEmpty else { return nil }
    let auc = RankingMetrics.rocAUC(scores: scores, positives: positives)
    let ap = RankingMetrics.averagePrecision(scores: scores, positives: positives)
    let rate = Double(positives.filter { $0 }.count) / Double(positives.count)
    let name = partition.name
    let positive = classNames[1]
    let points = { (curve: [RankingMetrics.CurvePoint]) in
      curve.map { LineChart.Point(x: $0.x, y: $0.y) }
    }
    // Precision holds from the previous recall up to each point's: average precision is the
    // area under these steps.
    let steps = pr.indices.flatMap { i in
      i == 0
        ? [LineChart.Point(x: pr[0].x, y: pr[0].y)]
        : [LineChart.Point(x: pr[i - 1].x, y: pr[i].y), LineChart.Point(x: pr[i].x, y: pr[i].y)]
    }
    var rocChart = LineChart(
      title: "ROC curve (\(name), AUC \(Self.figure(auc)))", xLabel: "false positive rate",
      yLabel: "true positive rate (positive class: \(positive))",
      series: [
        LineChart.Series(name: name, points: points(roc)),
        LineChart.Series(name: "chance", points: [.init(x: 0, y: 0), .init(x: 1, y: 1)]),
      ])
    var prChart = LineChart(
      title: "Precision-recall curve (\(name), AP \(Self.figure(ap)))",
      xLabel: "recall (positive class: \(positive))", yLabel: "precision",
      series: [
        LineChart.Series(name: name, points: steps),
        LineChart.Series(name: "chance", points: [.init(x: 0, y: rate), .init(x: 1, y: rate)]),
      ])
    // Rates on the whole unit square, lines only.
    (rocChart.markPoints, rocChart.yCovers) = (false, [0, 1])
    (prChart.markPoints, prChart.yCovers) = (false, [0, 1])
    return (rocChart, prChart)
  }

  /// Predicted against actual values, and residuals against predicted values, of a
  /// one-output regression on the held-out set; nil for classifiers.
  func regressionPlots() throws(TrainingError) -> (ScatterChart, ScatterChart)? {
    let partition = heldOut
    guard classes == nil, partition.targets.cols == 1, partition.count > 0 else { return nil }
    let outputs = try model.scores(partition.features, classes: 1)
    guard outputs.cols == 1 else { return nil }
    let rows = Self.sample(partition.count, Self.maxPoints)
    let actual = rows.map { partition.targets.storage[$0].doubleValue }
    let predicted = rows.map { outputs.storage[$0] }
    let name = partition.name
    let note = rows.count < partition.count ? ", \(rows.count) of \(partition.count)" : ""
    let fit = ScatterChart(
      title: "Predicted against actual (\(name)\(note))", xLabel: "actual", yLabel: "predicted",
      points: zip(actual, predicted).map { LineChart.Point(x: $0, y: $1) },
      reference: (1, 0, "predicted = actual"), sameScale: true)
    let residuals = ScatterChart(
      title: "Residuals (\(name)\(note))", xLabel: "predicted", yLabel: "actual − predicted",
      points: zip(actual, predicted).map { LineChart.Point(x: $1, y: $0 - $1) },
      reference: (0, 0, "zero residual"), sameScale: false)
    return (fit, residuals)
  }

  /// A figure for a title: 4 decimals.
  static func figure(_ value: Double) -> String { String(format: "%.4f", value) }
}
