import Conventions
import Testing

@testable import Reports

/// A multi-class run's report: its per-class table prints in the run's precision (one text per
/// figure, tester J F8), and its precision, recall and f1 say they are macro means (J F10).
@Suite struct MulticlassReportTextTests {
  /// Three classes: per-class precision 1, 0.5, 0; macro 0.5 (as scikit-learn).
  static func report(dtype: String, classes: [String] = ["a", "b", "c"]) throws -> ResultsReport {
    let summary = try CSVTable(
      header: ["dtype", "test_accuracy", "test_precision", "test_f1_macro", "test_roc_auc"],
      rows: [[dtype, "0.6666667", "0.5", "0.48888888", "0.9"]])
    let metrics = try CSVTable(
      header: ["epoch", "train_precision", "test_precision", "test_accuracy"],
      rows: [["0", "0.1", "0.2", "0.3"], ["1", "0.4", "0.5", "0.6"]])
    let actual = Array([0, 0, 0, 1, 1, 2].prefix(classes.count == 2 ? 5 : 6))
    let predicted = Array([0, 1, 0, 1, 1, 1].prefix(actual.count))
    let matrix = try ConfusionMatrix(
      classes: classes, actual: actual.map { min($0, classes.count - 1) },
      predicted: predicted.map { min($0, classes.count - 1) })
    return ResultsReport(
      name: "run", summary: summary, metrics: metrics, confusionMatrix: matrix)
  }

  @Test func aFloat32RunsPerClassTableIsFloat32() throws {
    let markdown = try Self.report(dtype: "float32").markdown(plots: [])
    // recall of class a is 2/3: float32 text, as the summary prints it.
    #expect(markdown.contains("| a | 1.0 | 0.6666667 | 0.8 | 3 |"), "\(markdown)")
    #expect(!markdown.contains("0.6666666666666666"))
    #expect(markdown.contains("Accuracy 0.6666667."))
    let float64 = try Self.report(dtype: "float64").markdown(plots: [])
    #expect(float64.contains("| a | 1.0 | 0.6666666666666666 | 0.8 | 3 |"))
  }

  @Test func macroMeansOfMoreThanTwoClassesSaySo() throws {
    let report = try Self.report(dtype: "float64")
    let markdown = report.markdown(plots: report.plots)
    #expect(markdown.contains("| test_precision (macro) | 0.5 |"), "\(markdown)")
    #expect(markdown.contains("| test_roc_auc (macro) | 0.9 |"))
    #expect(markdown.contains("| test_f1_macro | 0.48888888 |"))
    #expect(markdown.contains("| test_accuracy | 0.6666667 |"))
    let titles = report.plots.map(\.title)
    #expect(titles.contains("Precision (macro) per epoch") && titles.contains("Accuracy per epoch"))
    // Two classes: precision is the positive class's, no "(macro)".
    let binary = try Self.report(dtype: "float64", classes: ["no", "yes"])
    #expect(!binary.markdown(plots: binary.plots).contains("(macro)"))
    #expect(binary.plots.map(\.title).contains("Precision per epoch"))
  }
}
