import Conventions
import Foundation

@testable import Reports

/// Writes a realistic results directory with every CSV the report reads: the cat run's cost
/// curve and figures, a decomposition, a learning curve, a polynomial-degree validation curve
/// and a 3-class confusion matrix.
func writeSampleResults(to directory: URL) throws {
  let costs = [
    0.693147, 0.584508, 0.466949, 0.376007, 0.331463, 0.303273, 0.279880, 0.260042, 0.242941,
    0.228004,
    0.214820, 0.203078, 0.192544, 0.183033, 0.174399, 0.166521, 0.159305, 0.152667, 0.146542,
    0.140872,
  ]
  var log = MetricsLog(
    stepColumn: "iteration", quantities: ["loss", "accuracy"], splits: [.train, .test])
  for (index, cost) in costs.enumerated() {
    let step = index * 100
    log.record(
      step: step, split: .train, ["loss": cost, "accuracy": min(1, 0.65 + Double(index) * 0.02)])
    log.record(
      step: step, split: .test,
      [
        "loss": 0.7 + Double(index) * 0.004,
        "accuracy": index == 0 ? .nan : 0.34 + Double(index) * 0.02,
      ])
  }
  try log.table.write(to: directory.appendingPathComponent(ResultsFile.metrics))
  var finals = SplitValues()
  finals[.train, "loss"] = 0.1356080753
  finals[.test, "loss"] = 0.78
  finals[.train, "accuracy"] = 0.9904306220095693
  finals[.test, "accuracy"] = 0.7
  let summary = try SummaryTable.table([
    RunSummary(
      hyperparameters: [
        NamedCell("optimizer.learning_rate", 0.005), NamedCell("optimizer.iterations", 2000),
      ],
      figures: RunSummary.finalFigures(finals, quantities: ["loss", "accuracy"]))
  ])
  try summary.write(to: directory.appendingPathComponent(ResultsFile.summary))
  try BiasVarianceDiagnosis(baseError: 0, trainError: 2.0 / 209, testError: 0.3).table
    .write(to: directory.appendingPathComponent(ResultsFile.biasVariance))
  try BiasVarianceDecomposition.mse(
    predictions: [[1, 4, 2], [3, 4, 2.5], [2, 5, 1]], targets: [1, 4, 2]
  ).table
    .write(to: directory.appendingPathComponent(ResultsFile.decomposition))
  try LearningCurve(
    points: [20, 50, 100, 150, 209].enumerated().map { index, size in
      .init(
        trainSize: size, trainError: 0.002 * Double(index),
        heldOutError: 0.45 - 0.035 * Double(index))
    }, heldOutSplit: .test, diagnosis: CurveDiagnosis(baseError: 0)
  ).table.write(to: directory.appendingPathComponent(ResultsFile.learningCurve))
  try ValidationCurve(
    parameter: "dataset.degree",
    points: (1...9).map { degree in
      let d = Double(degree)
      return .init(value: d, trainError: 0.3 / d, heldOutError: 0.3 / d + 0.004 * (d - 1) * (d - 1))
    }, diagnosis: CurveDiagnosis(baseError: 0.02), integerValues: true
  ).table.write(to: directory.appendingPathComponent(ResultsFile.validationCurve))
  try ConfusionMatrix(
    classes: ["setosa", "versicolor", "virginica"], counts: [[10, 0, 0], [0, 9, 1], [0, 2, 8]]
  )
  .table.write(to: directory.appendingPathComponent(ResultsFile.confusionMatrix))
}
