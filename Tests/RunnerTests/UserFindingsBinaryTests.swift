import Foundation
import Testing

/// What a new user found on the built binary (session 8's QA pass over runs, sweeps and
/// reports): each test failed before its fix.
@Suite(.serialized)
struct UserFindingsBinaryTests {
  /// Runs the few-millisecond single-run spec of `FolderSafetyBinaryTests` into `root/results`
  /// and returns its folder.
  static func tinyRun(in root: URL) throws -> URL {
    let spec = try FolderSafetyBinaryTests.singleSpec(in: root)
    let results = root.appendingPathComponent("results")
    let run = try SweepBinary.run(["run", spec, "--results-dir", results.path])
    #expect(run.status == 0, "\(run.error)")
    return results.appendingPathComponent("tiny")
  }

  @Test func reportKeepsTheUsersOwnPlotsAndRemovesOnlyItsStaleOnes() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try Self.tinyRun(in: root)
    let plots = folder.appendingPathComponent("plots")
    let mine = plots.appendingPathComponent("my-sketch.svg")
    try FolderSafetyBinaryTests.write("<svg/>", mine)
    // A plot the earlier report showed whose CSV is gone is stale: removed.
    let stale = plots.appendingPathComponent("mse.svg")
    #expect(FileManager.default.fileExists(atPath: stale.path))
    let metrics = folder.appendingPathComponent("metrics.csv")
    let table = try String(contentsOf: metrics, encoding: .utf8)
    let kept = table.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
        .enumerated().filter {
          !["train_mse", "test_mse"].contains(table.firstLineFields[$0.offset])
        }
        .map(\.element).joined(separator: ",")
    }
    try (kept.joined(separator: "\n") + "\n").write(to: metrics, atomically: true, encoding: .utf8)
    let report = try SweepBinary.run(["report", folder.path])
    #expect(report.status == 0, "\(report.error)")
    #expect(
      FileManager.default.fileExists(atPath: mine.path), "runner report deleted my-sketch.svg")
    #expect(!FileManager.default.fileExists(atPath: stale.path), "a stale plot was kept")
  }
}

extension String {
  /// The comma-separated fields of the first line (a CSV header without quoting).
  fileprivate var firstLineFields: [String] {
    (split(separator: "\n").first ?? "").split(separator: ",", omittingEmptySubsequences: false)
      .map(String.init)
  }
}
