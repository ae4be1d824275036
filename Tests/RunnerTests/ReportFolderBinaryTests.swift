import Conventions
import Foundation
import Testing

/// `runner report` and a sweep's rewrite of its report keep what the runner did not write
/// (the abfiles leftovers): an SVG you added to your annotated report goes with it into
/// `.history`, never deleted; a folder that is a symbolic link is refused, never written through.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ReportFolderBinaryTests {
  /// Adds `![my sketch](plots/mine.svg)` to `folder`'s report.md and the SVG to `plots/`;
  /// returns the annotated report's text.
  static func annotate(_ folder: URL) throws -> String {
    let report = folder.appendingPathComponent("report.md")
    let annotated =
      try String(contentsOf: report, encoding: .utf8) + "\n![my sketch](plots/mine.svg)\n"
    try annotated.write(to: report, atomically: true, encoding: .utf8)
    try "<svg/>".write(
      to: folder.appendingPathComponent("plots/mine.svg"), atomically: true, encoding: .utf8)
    return annotated
  }

  /// The note for an annotated report.md of `folder` kept in `copy` with the SVG it shows.
  static func note(_ folder: URL, _ copy: URL, writer: String = "this report") -> String {
    "note: report.md in \(folder.path) differed from what \(writer) writes (edited, or written "
      + "by another runner version): kept in \(copy.path), with plots/mine.svg, which it shows "
      + "and \(writer) does not\n"
  }

  /// The SVG is kept beside the kept report, which then shows it; the new report is the
  /// runner's, and `plots/` holds only the runner's plots.
  static func expectKept(_ folder: URL, annotated: String, written: String) throws -> URL {
    let kept = KeepYourFilesBinaryTests.kept(folder)
    try #require(kept.count == 1)
    #expect(
      try String(contentsOf: kept[0].appendingPathComponent("report.md"), encoding: .utf8)
        == annotated)
    #expect(
      try String(contentsOf: kept[0].appendingPathComponent("plots/mine.svg"), encoding: .utf8)
        == "<svg/>")
    #expect(
      try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        == written)
    #expect(
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("plots/mine.svg").path))
    return kept[0]
  }

  @Test func anSVGYouAddedToYourReportGoesWithItIntoHistory() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try UserFindingsBinaryTests.tinyRun(in: root)
    let written = try String(
      contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    let annotated = try Self.annotate(folder)
    let report = try SweepBinary.run(["report", folder.path])
    #expect(report.status == 0, "\(report.error)")
    let copy = try Self.expectKept(folder, annotated: annotated, written: written)
    #expect(report.error == Self.note(folder, copy), "\(report.error)")
  }

  @Test func aResumedSweepKeepsTheSVGOfYourReportToo() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    _ = try KeepYourFilesBinaryTests.sweep(results)
    let folder = results.appendingPathComponent("sweep-linear-grid")
    let written = try String(
      contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    let annotated = try Self.annotate(folder)
    let resumed = try KeepYourFilesBinaryTests.sweep(results)
    let copy = try Self.expectKept(folder, annotated: annotated, written: written)
    #expect(resumed.error.contains(Self.note(folder, copy)), "\(resumed.error)")
  }

  @Test func aLinkedFolderIsNotReportedThrough() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try UserFindingsBinaryTests.tinyRun(in: root)
    let elsewhere = root.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    let target = elsewhere.appendingPathComponent("tiny")
    try FileManager.default.moveItem(at: folder, to: target)
    try FileManager.default.createSymbolicLink(
      atPath: folder.path, withDestinationPath: "../elsewhere/tiny")
    try "# mine\n".write(
      to: target.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)
    let before = SweepBinary.contents(of: target)
    for given in [folder.path, folder.path + "/"] {
      let report = try SweepBinary.run(["report", given])
      #expect(report.status == 73, "\(given): \(report.error)")
      #expect(
        report.error
          == "error: \(given) is a symbolic link to \(target.path); `runner report` never writes "
          + "through a link (as `runner run` and `runner sweep` do not, and `runner ls` lists no "
          + "folder behind one), so it leaves both untouched: report the folder it names (`"
          + "\(SweepBinary.command()) report \(target.path)`), or remove the link\n")
    }
    #expect(SweepBinary.contents(of: target) == before)
    #expect(PathEntry.linkTarget(folder.path) == "../elsewhere/tiny")
    #expect(KeepYourFilesBinaryTests.kept(folder).isEmpty)
  }

  /// A `plots` folder that is a symbolic link had `runner report`, and a sweep run again over
  /// a complete sweep, write their plots into the folder it names, outside the results,
  /// replacing the user's files there (tester BU-16). Both refuse it, exit 73, with nothing
  /// written there.
  @Test func aLinkedPlotsFolderIsNotWrittenThrough() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try UserFindingsBinaryTests.tinyRun(in: root)
    let results = root.appendingPathComponent("results")
    _ = try KeepYourFilesBinaryTests.sweep(results)
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    for (folder, command) in [(run, ["report", run.path]), (sweep, ["report", sweep.path])]
      + [(sweep, ["sweep", KeepYourFilesBinaryTests.grid, "--results-dir", results.path])]
    {
      let mine = root.appendingPathComponent("mine-\(folder.lastPathComponent)")
      if !FileManager.default.fileExists(atPath: mine.path) {
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try "<svg>mine</svg>".write(
          to: mine.appendingPathComponent("loss.svg"), atomically: true, encoding: .utf8)
        let plots = folder.appendingPathComponent("plots")
        try FileManager.default.removeItem(at: plots)
        try FileManager.default.createSymbolicLink(at: plots, withDestinationURL: mine)
      }
      let outcome = try SweepBinary.run(command)
      #expect(outcome.status == 73, "\(command): \(outcome.error)")
      #expect(
        outcome.error.contains(
          "error: \(folder.path)/plots is a symbolic link to \(mine.path); `runner "
            + "\(command[0])` never writes through a link"), "\(outcome.error)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: mine.path) == ["loss.svg"])
    }
  }
}
