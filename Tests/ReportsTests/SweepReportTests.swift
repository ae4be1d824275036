import Conventions
import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("sweep reports")
struct SweepReportTests {
  /// A 2×2 grid over learning rate and L2 plus one failed trial.
  func writeSweep(to directory: URL, axes: [String]) throws {
    var plan = try CSVTable(header: ["trial"] + axes)
    var summary = try CSVTable(
      header: ["trial", "status"] + axes + ["train_loss", "test_loss", "test_accuracy", "reason"])
    var index = 0
    for lr in [0.01, 0.1] {
      for l2 in [0.0, 1.0] where axes.count == 2 || l2 == 0 {
        let id = "t\(index)"
        index += 1
        let values = axes.count == 2 ? [String(lr), String(l2)] : [String(lr)]
        try plan.append(text: [id] + values)
        try summary.append(
          text: [id, "ok"] + values + ["\(0.5 - lr)", "\(0.6 - lr + l2 / 10)", "\(0.7 + lr)", ""])
      }
    }
    try plan.append(text: ["zz"] + axes.map { _ in "1.0" })
    try summary.append(
      text: ["zz", "failed"] + axes.map { _ in "1.0" } + ["", "", "", "diverged: loss is nan"])
    try plan.write(to: directory.appendingPathComponent(ResultsFile.plan))
    try summary.write(to: directory.appendingPathComponent(ResultsFile.summary))
  }

  @Test(
    "a grid over two hyperparameters: scatter plots per axis and quantity, failed trials left out")
  func grid() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try writeSweep(to: directory, axes: ["optimizer.learning_rate", "regularization.l2"])
    let written = try ResultsReport.rebuild(in: directory)
    #expect(
      written.filter { $0.hasSuffix(".svg") } == [
        "plots/sweep_loss_vs_optimizer_learning_rate.svg",
        "plots/sweep_accuracy_vs_optimizer_learning_rate.svg",
        "plots/sweep_loss_vs_regularization_l2.svg",
        "plots/sweep_accuracy_vs_regularization_l2.svg",
      ])
    let document = try XMLDocument(
      contentsOf: directory.appendingPathComponent("plots/sweep_loss_vs_regularization_l2.svg"),
      options: [])
    #expect(try document.nodes(forXPath: "//*[local-name()='polyline']").isEmpty)
    #expect(
      try document.nodes(forXPath: "//*[@data-series='test']/*[local-name()='circle']").count == 4)
    let markdown = try AtomicFile.read(directory.appendingPathComponent(ResultsFile.reportMarkdown))
    #expect(markdown.contains("## Sweep"))
    #expect(markdown.contains("| zz | failed |"))
  }

  @Test("one swept hyperparameter: a connected curve")
  func oneAxis() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try writeSweep(to: directory, axes: ["optimizer.learning_rate"])
    try ResultsReport.rebuild(in: directory)
    let document = try XMLDocument(
      contentsOf: directory.appendingPathComponent(
        "plots/sweep_loss_vs_optimizer_learning_rate.svg"), options: [])
    #expect(
      try document.nodes(forXPath: "//*[local-name()='polyline'][@class='series']").count == 2)
  }

  @Test("a single run's summary makes no sweep plots")
  func singleRun() throws {
    let summary = try CSVTable(
      header: ["optimizer.learning_rate", "test_loss"], rows: [["0.1", "0.5"]])
    #expect(ResultsReport.sweepPlots(summary, axes: []).isEmpty)
  }
}
