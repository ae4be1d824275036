import Conventions
import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("validation_curve.svg x axis: log over decades, a 0 set apart")
struct ValidationCurvePlotTests {
  /// The validation_curve.svg of `values` (train and dev errors made up per value).
  func chart(_ values: [String]) throws -> LineChart {
    let rows = values.enumerated().map { i, value in
      [value, String(0.05 + 0.01 * Double(i)), String(0.2 - 0.01 * Double(i))]
    }
    let table = try CSVTable(header: ["regularization.l2", "train_error", "dev_error"], rows: rows)
    return try #require(ResultsReport.curveChart(table, title: "Validation curve", best: true))
  }

  /// The x of each data circle of the first series and the x tick labels, left to right.
  func drawn(_ svg: String) throws -> (xs: [Double], ticks: [String]) {
    let document = try XMLDocument(data: Data(svg.utf8), options: [])
    let circles = try document.nodes(
      forXPath: "//*[@data-series='train']/*[local-name()='circle']")
    let xs = circles.compactMap { attribute("cx", of: $0).flatMap(Double.init) }
    let ticks = try document.nodes(forXPath: "//*[local-name()='text'][@class='tick']")
      .filter { attribute("y", of: $0) == "361.00" }.compactMap(\.stringValue)
    return (xs, ticks)
  }

  @Test("an L2 curve over 0, 1e-4 … 1: 0 at the left, an axis break, then one step per decade")
  func zeroBesideDecades() throws {
    let chart = try chart(["0", "0.0001", "0.001", "0.01", "0.1", "1"])
    #expect(chart.logX)
    let svg = chart.svg
    let (xs, ticks) = try drawn(svg)
    #expect(ticks == ["0", "0.0001", "0.001", "0.01", "0.1", "1"])
    #expect(xs.count == 6)
    #expect(xs.first == 70)
    // Evenly spaced decades, and the 0 visibly apart from 1e-4 (no point crowds another).
    let steps = zip(xs, xs.dropFirst()).map { $1 - $0 }
    #expect(steps.allSatisfy { $0 > 40 }, "\(steps)")
    #expect(Set(steps.dropFirst().map { ($0 * 10).rounded() }).count == 1, "\(steps)")
    #expect(svg.contains("class=\"break\""))
    #expect(svg.contains("class=\"series across-break\""))
  }

  @Test("positive values within two decades, or a negative one, keep a linear axis")
  func linearOtherwise() throws {
    for values in [["0", "0.5", "1", "2"], ["-1", "0", "0.01", "1"], ["1", "2", "50"]] {
      let chart = try chart(values)
      #expect(!chart.logX, "\(values)")
      #expect(!chart.svg.contains("class=\"break\""), "\(values)")
    }
  }

  @Test("positive values over decades without a 0 draw as before, without a break")
  func decadesWithoutZero() throws {
    let chart = try chart(["0.0001", "0.01", "1"])
    #expect(chart.logX)
    #expect(!chart.svg.contains("break"))
    #expect(try drawn(chart.svg).ticks == ["0.0001", "0.001", "0.01", "0.1", "1"])
  }
}

/// learning_curve.svg as a student reads it: errors spanning decades (poly10's 0.0138 to 58.5)
/// on a log y axis, failed sizes marked on the x axis, the y axis naming the error's unit.
@Suite struct LearningCurvePlotTests {
  static let poly10 = try! CSVTable(
    header: ["train_size", "train_error", "dev_error", "verdict"],
    rows: [
      ["4", "nan", "nan", "failed"], ["9", "0.0138", "58.5", "high variance"],
      ["14", "0.05", "3.1", "high variance"], ["24", "0.2", "0.4", "high variance"],
    ])

  @Test func errorsOverDecadesFailedSizesAndTheUnit() throws {
    let report = ResultsReport(
      name: "poly10",
      summary: try CSVTable(header: ["loss", "train_loss"], rows: [["mse", "0.2"]]),
      learningCurve: Self.poly10)
    let plot = try #require(report.plots.first { $0.fileName == "learning_curve.svg" })
    let chart = try #require(
      ResultsReport.curveChart(Self.poly10, title: "Learning curve", best: false, unit: "mse"))
    #expect(chart.logY && chart.failedXs == [4] && chart.yLabel == "error (mse)")
    #expect(plot.svg == chart.svg)
    #expect(plot.svg.contains(">failed</text>") && plot.svg.contains(">error (mse)</text>"))
    // Decade ticks: 0.01 … 100.
    #expect(plot.svg.contains(">0.01</text>") && plot.svg.contains(">100</text>"))
    // A classifier's error is a fraction; close errors stay on a linear axis.
    let cat = ResultsReport(
      name: "cat",
      summary: try CSVTable(header: ["loss"], rows: [["binary_cross_entropy"]]))
    #expect(cat.errorUnit == "fraction misclassified")
    let close = try CSVTable(
      header: ["train_size", "train_error", "dev_error"], rows: [["10", "0.1", "0.3"]])
    #expect(ResultsReport.curveChart(close, title: "t", best: false)?.logY == false)
  }
}

/// The best value's label stays inside the plot, clear of the legend, when the best value is
/// the rightmost one (`best test: 1` ran over the legend's `train` entry).
@Suite struct ValidationCurveMarkerTests {
  @Test func aBestValueAtTheRightIsLabelledLeftOfItsLine() throws {
    let table = try CSVTable(
      header: ["regularization.l2", "train_error", "test_error"],
      rows: [["0", "0.01", "0.3"], ["0.1", "0.05", "0.2"], ["1", "0.1", "0.15"]])
    let svg = try #require(ResultsReport.curveChart(table, title: "v", best: true)).svg
    #expect(svg.contains("text-anchor=\"end\" class=\"legend\">best test: 1</text>"), "\(svg)")
    let left = try CSVTable(
      header: ["regularization.l2", "train_error", "test_error"],
      rows: [["0", "0.01", "0.1"], ["0.1", "0.05", "0.2"], ["1", "0.1", "0.3"]])
    let leftSVG = try #require(ResultsReport.curveChart(left, title: "v", best: true)).svg
    #expect(leftSVG.contains("text-anchor=\"start\" class=\"legend\">best test: 0</text>"))
  }
}
