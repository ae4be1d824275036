import Foundation
import Testing

/// `runner merge` stopped by Ctrl-C or SIGTERM says so, as a sweep does, and leaves nothing
/// half-written: the crash hook interrupts it inside its write of `summary.csv`, whose
/// temporary is then removed; the merge run again finishes the folder.
@Suite struct MergeInterruptBinaryTests {
  @Test func anInterruptedMergeSaysSoAndLeavesNoTemporaries() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let sweep = try SweepBinary.run(["sweep", spec, "--results-dir", root.path])
    #expect(sweep.status == 0, "\(sweep.error)")
    let source = root.appendingPathComponent("sweep-linear-grid")
    let target = root.appendingPathComponent("merged")
    let r = try SweepBinary.run(
      ["merge", source.path, "--into", target.path],
      environment: ["RUNNER_SWEEP_CRASH_AT": "summary-write:1:int"], killAfter: 60)
    #expect(r.status == 130, "\(r.error)")
    #expect(r.error.contains("interrupted; the trials copied so far are kept whole"), "\(r.error)")
    #expect(r.error.contains("run the merge again"), "\(r.error)")
    #expect(SweepBinary.hiddenEntries(below: target).isEmpty)
    let again = try SweepBinary.run(["merge", source.path, "--into", target.path])
    #expect(again.status == 0, "\(again.error)")
    #expect(SweepBinary.contents(of: target) == SweepBinary.contents(of: source))
  }

  /// Reviewer B6: a merge into a shard's own folder took its marker out before it knew it would
  /// complete, so a merge killed there left that folder naming no shard, and its resume command
  /// (`runner sweep SPEC`, no `--shard`) would sweep every shard's trials into it. The markers
  /// now go once the merge has written the summary.
  @Test func aMergeKilledInAShardsFolderKeepsItsShard() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try SweepBinary.shards("linear-grid", in: root)
    let marker = shards[0].appendingPathComponent(".shard-0-of-2")
    #expect(FileManager.default.fileExists(atPath: marker.path))
    let killed = try SweepBinary.run(
      ["merge"] + shards.map(\.path),
      environment: ["RUNNER_SWEEP_CRASH_AT": "merge-copied:1"], killAfter: 60)
    #expect(killed.status != 0, "\(killed.error)")
    #expect(FileManager.default.fileExists(atPath: marker.path))
    let again = try SweepBinary.run(["merge"] + shards.map(\.path))
    #expect(again.status == 0, "\(again.error)")
    #expect(!FileManager.default.fileExists(atPath: marker.path))
  }
}
