import Conventions
import Foundation
import Testing

@testable import Reports

/// A confusion matrix of more classes than `ConfusionMatrixChart.mostClassesDrawn` (tester V11:
/// 1000 classes made a 160 MB SVG and a 170 MB report.html): not drawn, not shown whole in the
/// report, which lists the pairs confused most; `confusion_matrix.csv` stays whole.
@Suite struct LargeConfusionMatrixTests {
  /// `classes` classes of 3 examples each: class i's are predicted i, i, and (i + 1) mod n,
  /// except class 0, whose are all predicted 1.
  static func matrix(classes n: Int) throws -> ConfusionMatrix {
    var counts = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
    for i in 0..<n {
      counts[i][i] += 2
      counts[i][(i + 1) % n] += 1
    }
    counts[0] = [Int](repeating: 0, count: n)
    counts[0][1] = 3
    return try ConfusionMatrix(classes: (0..<n).map { "c\($0)" }, counts: counts)
  }

  /// The report folder of the sample results with `matrix` as its confusion matrix.
  static func report(_ matrix: ConfusionMatrix) throws -> URL {
    let directory = try temporaryDirectory().appendingPathComponent("many")
    try writeSampleResults(to: directory)
    try matrix.table.write(to: directory.appendingPathComponent(ResultsFile.confusionMatrix))
    try ResultsReport.rebuild(in: directory)
    return directory
  }

  @Test func aMatrixOfManyClassesIsListedNotDrawn() throws {
    let n = ConfusionMatrixChart.mostClassesDrawn + 1
    let directory = try Self.report(try Self.matrix(classes: n))
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let plot = directory.appendingPathComponent("plots/confusion_matrix.svg")
    #expect(!FileManager.default.fileExists(atPath: plot.path))
    let markdown = try AtomicFile.read(directory.appendingPathComponent("report.md"))
    let accuracy = CSVCell.format(Double(2 * (n - 1)) / Double(3 * n))  // 100 of 153
    #expect(
      markdown.contains(
        "The test split's examples. 51 classes: too many to draw the matrix or show it here "
          + "(more than 50), so the whole matrix is in `confusion_matrix.csv` (rows: actual "
          + "class; columns: predicted class). Accuracy \(accuracy). The 20 pairs"), "\(markdown)")
    #expect(markdown.contains("The 20 pairs of classes confused most (`share` is the fraction"))
    // Class 0's 3 examples first, then the others' 1 each in class order.
    #expect(
      markdown.contains("| c0 | c1 | 3 | 1.0 |\n| c1 | c2 | 1 | 0.3333333333333333 |\n"),
      "\(markdown)")
    #expect(!markdown.contains("| c20 | c21 |"))
    #expect(!markdown.contains("predicted_c0"))
    let html = try AtomicFile.read(directory.appendingPathComponent("report.html"))
    #expect(!html.contains("predicted_c0") && !html.contains("class=\"cell\""))
    // The CSV keeps every cell.
    let table = try CSVTable(
      contentsOf: directory.appendingPathComponent(ResultsFile.confusionMatrix))
    #expect(table.rows.count == n && table.header.count == n + 1)
  }

  @Test func aMatrixOfFiftyClassesIsDrawnWhole() throws {
    let directory = try Self.report(
      try Self.matrix(classes: ConfusionMatrixChart.mostClassesDrawn))
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    let plot = directory.appendingPathComponent("plots/confusion_matrix.svg")
    #expect(FileManager.default.fileExists(atPath: plot.path))
    let markdown = try AtomicFile.read(directory.appendingPathComponent("report.md"))
    #expect(markdown.contains("predicted_c49"))
    #expect(!markdown.contains("too many to draw"))
  }
}
