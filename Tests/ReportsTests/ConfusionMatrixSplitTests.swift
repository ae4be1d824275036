import Conventions
import Foundation
import Testing

@testable import Reports

/// The confusion matrix counts the test split (else dev, else train); the report says which.
@Suite("The confusion matrix names its split")
struct ConfusionMatrixSplitTests {
  @Test("report.md and the plot's title name the split the summary's figures show")
  func namesTheSplit() throws {
    let directory = try temporaryDirectory().appendingPathComponent("cat")
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    try writeSampleResults(to: directory)
    try ResultsReport.rebuild(in: directory)
    let markdown = try AtomicFile.read(directory.appendingPathComponent("report.md"))
    #expect(markdown.contains("## Confusion matrix (test)"))
    #expect(markdown.contains("The test split's examples. Rows: actual class"))
    let svg = try AtomicFile.read(directory.appendingPathComponent("plots/confusion_matrix.svg"))
    #expect(svg.contains(">Confusion matrix (test)<"))
    // Without a test split the dev split's; without a summary, no split is named.
    let dev = try CSVTable(header: ["train_loss", "dev_loss"], rows: [["0.1", "0.2"]])
    #expect(ResultsReport(name: "x", summary: dev).confusionMatrixSplit == .dev)
    let train = try CSVTable(header: ["train_loss", "train_dev_loss"], rows: [["0.1", "0.2"]])
    #expect(ResultsReport(name: "x", summary: train).confusionMatrixSplit == .train)
    #expect(ResultsReport(name: "x").confusionMatrixTitle == "Confusion matrix")
  }
}
