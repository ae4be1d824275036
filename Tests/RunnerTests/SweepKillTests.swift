import Foundation
import Testing

/// Acceptance: a sweep killed with `kill -9` (at seeded moments, and inside a file write through
/// the test-only `RUNNER_SWEEP_CRASH_AT` hook) and run again completes with byte-identical
/// results and no duplicated or half-written rows.
@Suite(.serialized)
struct SweepKillTests {
  static let spec = SweepBinary.fixture("kill-grid.yaml")

  /// The uninterrupted sweep's folder and its wall-clock seconds (run once for the suite).
  static let referenceRun: (folder: URL, seconds: Double)? = {
    let root = SweepBinary.temporaryDirectory("reference")
    let start = Date()
    guard
      let result = try? SweepBinary.run(["sweep", spec, "--results-dir", root.path, "--jobs", "2"]),
      result.status == 0
    else { return nil }
    return (root.appendingPathComponent("sweep-kill-grid"), Date().timeIntervalSince(start))
  }()

  static func reference() throws -> URL {
    try #require(referenceRun, "the uninterrupted sweep failed").folder
  }

  /// The sweep's summary is whole: it parses, has no duplicated trial, and each row's trial is complete.
  static func checkSummary(in folder: URL) throws {
    let url = folder.appendingPathComponent("summary.csv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(text.hasSuffix("\n"), "summary.csv ends mid-row")
    #expect(lines.first?.hasPrefix("trial,status,") == true)
    let ids = lines.dropFirst().filter { !$0.isEmpty }.map { String($0.prefix { $0 != "," }) }
    #expect(Set(ids).count == ids.count, "duplicated rows: \(ids)")
    for id in ids {
      #expect(
        FileManager.default.fileExists(
          atPath: folder.appendingPathComponent("\(id)/status.csv").path))
    }
  }

  /// Runs the sweep to the end in `root` and checks it matches `reference` byte for byte.
  static func resumeAndCompare(_ root: URL, reference: URL) throws {
    let result = try SweepBinary.run(["sweep", spec, "--results-dir", root.path, "--jobs", "2"])
    #expect(result.status == 0, "\(result.error)")
    let folder = root.appendingPathComponent("sweep-kill-grid")
    let expected = SweepBinary.contents(of: reference)
    #expect(expected.count > 12 * 5)
    let actual = SweepBinary.contents(of: folder)
    #expect(actual.keys.sorted() == expected.keys.sorted())
    for (file, bytes) in expected where actual[file] != bytes {
      Issue.record("\(file) differs after resuming")
    }
    #expect(SweepBinary.hiddenEntries(below: folder).isEmpty)
    // The runner's own summary is never kept as one you edited (tester BN-1).
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent(".history").path))
  }

  @Test func killedAtSeededMomentsResumesToTheSameBytes() throws {
    let reference = try Self.reference()
    let root = SweepBinary.temporaryDirectory()
    let folder = root.appendingPathComponent("sweep-kill-grid")
    var moments = SeededMoments(seed: 8)
    var kills = 0
    // Up to 8 kills, while trials remain: the sweep has 12, and a kill comes after 1-2 more
    // complete, so at least 3 kills land even when trials finish faster than the kill.
    for _ in 0..<8 where SweepBinary.completeTrials(in: folder) < 10 {
      // A seeded moment: after 1-2 more trials complete, plus 0-20 ms (inside a trial, its
      // results being written, or between trials), whatever the machine's speed.
      let before = SweepBinary.completeTrials(in: folder)
      let target = before + Int.random(in: 1...2, using: &moments)
      let delay = Double.random(in: 0...0.02, using: &moments)
      let result = try SweepBinary.run(
        ["sweep", Self.spec, "--results-dir", root.path, "--jobs", "2"],
        killWhen: { SweepBinary.completeTrials(in: folder) >= target }, thenAfter: delay)
      if result.killed { kills += 1 }
      try Self.checkSummary(in: folder)
    }
    #expect(kills >= 3, "the sweep finished before the kills")
    try Self.resumeAndCompare(root, reference: reference)
  }

  @Test(arguments: [
    "trial-start:4", "trial-committed:3", "marker-write:5", "summary-write:2", "plan-write:1",
    "summary-placed:2",
  ])
  func killedInsideAWriteResumesToTheSameBytes(_ point: String) throws {
    let reference = try Self.reference()
    let root = SweepBinary.temporaryDirectory()
    let killed = try SweepBinary.run(
      ["sweep", Self.spec, "--results-dir", root.path, "--jobs", "2"],
      environment: ["RUNNER_SWEEP_CRASH_AT": point])
    #expect(
      killed.killed && killed.status == SIGKILL,
      "\(point): the hook did not fire (status \(killed.status))")
    let folder = root.appendingPathComponent("sweep-kill-grid")
    if point.contains("-write:") {
      // The kill came inside the write: its half-written temporary is there, the file is not torn.
      let file =
        String(point.prefix { $0 != "-" }).replacingOccurrences(of: "marker", with: "status")
        + ".csv"
      #expect(
        SweepBinary.hiddenEntries(below: folder).contains {
          $0.hasSuffix(".\(file).tmp") || $0.contains(".\(file).tmp-")
        })
    }
    try Self.checkSummary(in: folder)
    try Self.resumeAndCompare(root, reference: reference)
  }
}
