import Datasets
import Foundation
import Testing

/// A grid sweep killed within a second of its trials' ends leaves a `summary.csv` that lists
/// fewer trials than its folders hold complete. `runner report` counted those too few and named
/// a worse trial best (tester AY's F6); it now rewrites the summary from the trial folders, the
/// bytes the resumed sweep writes, and says so.
@Suite(.serialized)
struct LaggingSummaryBinaryTests {
  @Test func reportRewritesASummaryBehindItsTrialFolders() throws {
    let root = SweepBinary.temporaryDirectory("lagging-summary")
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    let summaryFile = sweep.appendingPathComponent("summary.csv")
    let reportFile = sweep.appendingPathComponent("report.md")
    let summary = try String(contentsOf: summaryFile, encoding: .utf8)
    let report = try String(contentsOf: reportFile, encoding: .utf8)
    // The summary as a sweep killed after its worst trial ended leaves it: that trial alone.
    let lines = summary.split(separator: "\n")
    let lagging = lines[0] + "\n" + lines[lines.count - 1] + "\n"
    try lagging.write(to: summaryFile, atomically: true, encoding: .utf8)
    // Written by the runner (its digest recorded, as the sweep records each summary it writes),
    // so no edit of yours: replaced without a copy.
    let record = try FileHandle(
      forWritingTo: sweep.appendingPathComponent(".runner-written.sha256"))
    try record.seekToEnd()
    try record.write(
      contentsOf: Data("\(SHA256Digest.hex(Data(lagging.utf8)))  summary.csv\n".utf8))
    try record.close()
    let again = try SweepBinary.run(["report", sweep.path])
    #expect(again.status == 0, "\(again.error)")
    #expect(
      again.error.contains(
        "note: \(summaryFile.path) listed 1 of the \(lines.count - 1) complete trials: its sweep "
          + "stopped before writing it again; it is rewritten from the trial folders "
          + "(\(lines.count - 2) trials added), as the resumed sweep writes it"),
      "\(again.error)")
    #expect(try String(contentsOf: summaryFile, encoding: .utf8) == summary)
    #expect(try String(contentsOf: reportFile, encoding: .utf8) == report)
    // Up to date: nothing said, nothing rewritten.
    let third = try SweepBinary.run(["report", sweep.path])
    #expect(third.status == 0 && !third.error.contains("listed"), "\(third.error)")
  }
}
