import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// A plot that the earlier report of a sweep folder showed and the new one does not is kept in
/// `.history` when it is not the one the runner wrote (one you edited), even when the runner's
/// own report.md, replaced without a copy, is all else that changes (the ownfiles leftover);
/// the runner's own plot is removed without a copy.
@Suite struct ReportRemovedPlotTests {
  /// A sweep report of the first `rows` of two trials: with two, it draws the objective
  /// against the swept learning rate; with one, no plot.
  static func report(rows: Int) throws -> ResultsReport {
    let lines = ["a00000000001,ok,0.01,0.5,0.6", "b00000000002,ok,0.1,0.4,0.45"].prefix(rows)
    return ResultsReport(
      name: "sw",
      summary: try CSVTable(
        parsing: "trial,status,optimizer.learning_rate,dev_loss,train_loss\n"
          + lines.joined(separator: "\n") + "\n"),
      plan: try CSVTable(
        parsing: "trial,optimizer.learning_rate\n"
          + lines.map {
            $0.split(separator: ",")[0] + "," + $0.split(separator: ",")[2]
          }.joined(separator: "\n") + "\n"),
      sweepSettings: SweepSettings(objective: "dev_loss", goal: "min"))
  }

  /// A sweep folder (`plan.csv` with a `trial` column) holding the two-trial report, and the
  /// plots it wrote.
  static func folder(_ root: URL) throws -> (folder: URL, plots: [String]) {
    let folder = root.appendingPathComponent("sw")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "trial,optimizer.learning_rate\na00000000001,0.01\nb00000000002,0.1\n".write(
      to: folder.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
    try ReportRewrite.write(try report(rows: 2), to: folder) { Issue.record("\($0)") }
    let plots = try FileManager.default.contentsOfDirectory(
      atPath: folder.appendingPathComponent("plots").path
    ).sorted()
    try #require(!plots.isEmpty)
    try #require(ResultsReport.plotsShown(in: folder) == Set(plots))
    return (folder, plots)
  }

  static func temporaryRoot() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "removedPlot-\(UUID().uuidString)")
  }

  @Test func anEditedPlotTheReportNoLongerShowsIsKept() throws {
    let root = Self.temporaryRoot()
    defer { try? FileManager.default.removeItem(at: root) }
    let (folder, plots) = try Self.folder(root)
    let edited = folder.appendingPathComponent("plots").appendingPathComponent(plots[0])
    try "<svg>mine</svg>".write(to: edited, atomically: true, encoding: .utf8)
    var notes: [String] = []
    try ReportRewrite.write(try Self.report(rows: 1), to: folder) { notes.append($0) }
    let history = root.appendingPathComponent(".history/sw")
    let kept = try FileManager.default.contentsOfDirectory(atPath: history.path)
    try #require(kept.count == 1)
    let copy = history.appendingPathComponent(kept[0])
    #expect(
      try String(contentsOf: copy.appendingPathComponent("plots/\(plots[0])"), encoding: .utf8)
        == "<svg>mine</svg>")
    // Only the edited plot: the runner's own report and plots are not copied.
    #expect(try FileManager.default.contentsOfDirectory(atPath: copy.path) == ["plots"])
    #expect(
      try FileManager.default.contentsOfDirectory(
        atPath: copy.appendingPathComponent("plots").path) == [plots[0]])
    #expect(!FileManager.default.fileExists(atPath: edited.path))
    #expect(
      notes == [
        "note: plots/\(plots[0]) in \(folder.path), which the earlier report showed and this "
          + "report does not, differed from what the runner wrote there (edited, or made under "
          + "that name): kept in \(copy.path)"
      ])
  }

  @Test func theRunnersOwnPlotIsRemovedWithoutACopy() throws {
    let root = Self.temporaryRoot()
    defer { try? FileManager.default.removeItem(at: root) }
    let (folder, plots) = try Self.folder(root)
    try ReportRewrite.write(try Self.report(rows: 1), to: folder) { Issue.record("\($0)") }
    for plot in plots {
      #expect(
        !FileManager.default.fileExists(atPath: folder.appendingPathComponent("plots/\(plot)").path)
      )
    }
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".history").path))
  }
}
