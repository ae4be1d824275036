import Foundation
import Testing

/// `runner report` and a sweep's rewrite of its report keep a plot you edited, or made where
/// one of the report's goes, in `.history/` with a note, as they keep an annotated report.md
/// (tester AY F4: the plot was overwritten with no copy); a plot of yours the report does not
/// write is left in place, and the runner's own plots are replaced without a copy.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ReportPlotsBinaryTests {
  /// The first plot (by name) in `folder/plots/`, with its bytes.
  static func firstPlot(_ folder: URL) throws -> (name: String, bytes: Data) {
    let plots = folder.appendingPathComponent("plots")
    let names = try FileManager.default.contentsOfDirectory(atPath: plots.path)
      .filter { $0.hasSuffix(".svg") }.sorted()
    let name = try #require(names.first)
    return ("plots/\(name)", try Data(contentsOf: plots.appendingPathComponent(name)))
  }

  /// Replaces `folder`'s plot `name` with the user's own SVG and adds `plots/mine.svg`.
  static func edit(_ name: String, in folder: URL) throws {
    try Data("<svg>my annotated plot</svg>".utf8).write(
      to: folder.appendingPathComponent(name))
    try Data("<svg>my own extra plot</svg>".utf8).write(
      to: folder.appendingPathComponent("plots/mine.svg"))
  }

  /// The edited plot is kept in the one `.history` entry and replaced by the runner's `own`;
  /// `plots/mine.svg` is left in place.
  static func expectKept(_ name: String, own: Data, in folder: URL) throws -> URL {
    let kept = KeepYourFilesBinaryTests.kept(folder)
    try #require(kept.count == 1)
    #expect(
      try Data(contentsOf: kept[0].appendingPathComponent(name))
        == Data("<svg>my annotated plot</svg>".utf8))
    #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == own)
    #expect(
      try Data(contentsOf: folder.appendingPathComponent("plots/mine.svg"))
        == Data("<svg>my own extra plot</svg>".utf8))
    return kept[0]
  }

  @Test func aPlotYouEditedInARunFolderIsKeptInHistory() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try UserFindingsBinaryTests.tinyRun(in: root)
    let plot = try Self.firstPlot(folder)
    try Self.edit(plot.name, in: folder)
    let report = try SweepBinary.run(["report", folder.path])
    #expect(report.status == 0, "\(report.error)")
    let copy = try Self.expectKept(plot.name, own: plot.bytes, in: folder)
    #expect(
      report.error == KeepYourFilesBinaryTests.note(plot.name, folder, copy), "\(report.error)")
    // The runner's own plots are replaced with no second copy and no note.
    let again = try SweepBinary.run(["report", folder.path])
    #expect(again.status == 0 && again.error.isEmpty, "\(again.error)")
    #expect(KeepYourFilesBinaryTests.kept(folder).count == 1)
  }

  @Test func aPlotYouEditedInASweepFolderIsKeptInHistory() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    _ = try KeepYourFilesBinaryTests.sweep(results)
    let folder = results.appendingPathComponent("sweep-linear-grid")
    let plot = try Self.firstPlot(folder)
    try Self.edit(plot.name, in: folder)
    // The resumed sweep rewrites its report: the plot it recorded writing is yours now.
    let resumed = try KeepYourFilesBinaryTests.sweep(results)
    let copy = try Self.expectKept(plot.name, own: plot.bytes, in: folder)
    #expect(
      resumed.error.contains(KeepYourFilesBinaryTests.note(plot.name, folder, copy)),
      "\(resumed.error)")
    try Self.edit(plot.name, in: folder)
    let report = try SweepBinary.run(["report", folder.path])
    #expect(report.status == 0, "\(report.error)")
    #expect(report.error.contains("note: \(plot.name) in \(folder.path) differed"))
    // The same edit is kept already: said so, with no second copy.
    #expect(report.error.contains("kept already in \(copy.path)"), "\(report.error)")
    #expect(KeepYourFilesBinaryTests.kept(folder).count == 1)
    #expect(try Data(contentsOf: folder.appendingPathComponent(plot.name)) == plot.bytes)
  }
}
