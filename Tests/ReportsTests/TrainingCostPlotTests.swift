import Conventions
import Testing

@testable import Reports

/// `train_cost` (loss + penalty, on the training split only) in `metrics.csv` and `summary.csv`.
@Suite struct TrainingCostPlotTests {
  /// The cost is drawn as its own line on the loss chart, not a chart of its own.
  @Test func theCostIsALineOfTheLossChart() throws {
    let table = try CSVTable(
      header: ["iteration", "train_loss", "dev_loss", "train_cost", "train_accuracy"],
      rows: [["0", "0.1", "0.2", "3.6", "1"], ["20", "0.4", "0.5", "1.4", "0.75"]])
    let plots = ResultsReport.metricPlots(table)
    #expect(plots.map(\.fileName) == ["loss.svg", "accuracy.svg"])
    #expect(plots[0].svg.contains("data-series=\"train cost\""))
    #expect(plots[0].svg.contains("data-series=\"dev\""))
  }

  /// A sweep's final costs are not plotted against its axes: trials with other penalties have
  /// costs that do not compare.
  @Test func aSweepDoesNotPlotTheCostOfItsTrials() throws {
    let table = try CSVTable(
      header: ["trial", "status", "regularization.l2", "train_loss", "train_cost", "reason"],
      rows: [["a", "ok", "0.1", "0.3", "0.5", ""], ["b", "ok", "0.01", "0.2", "0.25", ""]])
    let plots = ResultsReport.sweepPlots(table, axes: ["regularization.l2"])
    #expect(plots.map(\.fileName) == ["sweep_loss_vs_regularization_l2.svg"])
  }
}
