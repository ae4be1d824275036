import Foundation
import Pipeline
import Testing

/// Tester AR7 with the built binary: a shard whose plan.csv disagrees with its summary.csv is
/// named as damaged by `runner merge` (not as another sweep), and the remedies `runner report`
/// gives for a shard's folder carry its `--shard i/n` (which its trials record).
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ShardRemedyBinaryTests {
  /// Two shards of the kill-grid fixture; shard 1's plan.csv then gives one of its trials
  /// another learning rate than its summary.csv records.
  @Test func aShardsEditedPlanIsNamedAsDamagedWithTheShardsCommand() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try SweepBinary.shards("kill-grid", in: root)
    let plan = shards[1].appendingPathComponent("plan.csv")
    let summary = try String(
      contentsOf: shards[1].appendingPathComponent("summary.csv"), encoding: .utf8)
    let row = summary.split(separator: "\n")[1].split(separator: ",").map(String.init)
    let (trial, rate) = (row[0], row[2])
    let text = try String(contentsOf: plan, encoding: .utf8)
    try text.replacingOccurrences(of: "\(trial),\(rate),", with: "\(trial),0.5,")
      .write(to: plan, atomically: true, encoding: .utf8)

    let merged = root.appendingPathComponent("merged/sweep-kill-grid")
    let merge = try SweepBinary.run(
      ["merge", shards[0].path, shards[1].path, "--into", merged.path])
    #expect(merge.status == 65, "\(merge.error)")
    #expect(
      merge.error.contains(
        "error: \(plan.path) gives trial \(trial) optimizer.learning_rate '0.5' where summary.csv "
          + "records '\(rate)'"), "\(merge.error)")
    #expect(merge.error.contains("it is not another sweep's"), "\(merge.error)")
    // With the results folder holding the shard's (F2: without, it trained into results/).
    let spec = ShardRecord.shownSpec(SweepBinary.fixture("kill-grid.yaml"))
    let own =
      "sweep \(spec) --shard 1/2 --results-dir \(shards[1].deletingLastPathComponent().path)"
    #expect(merge.error.contains("\(own)` with the spec"), "\(merge.error)")
    #expect(!merge.error.contains("different sweeps"), "\(merge.error)")
    #expect(!FileManager.default.fileExists(atPath: merged.path))

    let report = try SweepBinary.run(["report", shards[1].path])
    #expect(report.status == 65, "\(report.error)")
    #expect(report.error.contains("\(own)` with the spec"), "\(report.error)")

    // A trial of shard 0 marked ok whose metrics.csv is gone: shard 0's command runs it again.
    let trial0 = try String(
      contentsOf: shards[0].appendingPathComponent("summary.csv"), encoding: .utf8
    ).split(separator: "\n")[1].split(separator: ",")[0]
    let metrics = shards[0].appendingPathComponent("\(trial0)/metrics.csv")
    let kept = try Data(contentsOf: metrics)
    try FileManager.default.removeItem(at: metrics)
    let damaged = try SweepBinary.run(["report", shards[0].path])
    #expect(damaged.status == 65, "\(damaged.error)")
    #expect(
      damaged.error.contains("the same `runner sweep` command with `--shard 0/2` runs "),
      "\(damaged.error)")
    try kept.write(to: metrics)

    // Shard 0 stopped before its summary.csv: the command that resumes it is shard 0's.
    for name in ["summary.csv", "report.md", "report.html", "plots"] {
      try? FileManager.default.removeItem(at: shards[0].appendingPathComponent(name))
    }
    let stopped = try SweepBinary.run(["report", shards[0].path])
    #expect(stopped.status == 66, "\(stopped.error)")
    #expect(
      stopped.error.contains("(6 of 12 trials complete); run the same `"), "\(stopped.error)")
    #expect(
      stopped.error.contains(
        "sweep \(spec) --shard 0/2 --results-dir \(shards[0].deletingLastPathComponent().path)` "
          + "command again to resume it"),
      "\(stopped.error)")
  }

  /// A merged folder whose merge stopped before its summary.csv: `runner report` said to run
  /// `runner sweep SPEC` again to resume it, which never writes that folder; now to merge again.
  @Test func aMergedFolderWithoutSummaryIsToBeMergedAgain() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try SweepBinary.shards("kill-grid", in: root).map(\.path)
    let merged = root.appendingPathComponent("merged/sweep-kill-grid")
    let merge = try SweepBinary.run(["merge"] + shards + ["--into", merged.path])
    #expect(merge.status == 0, "\(merge.error)")
    for name in ["summary.csv", "report.md", "report.html", "plots"] {
      try? FileManager.default.removeItem(at: merged.appendingPathComponent(name))
    }
    let report = try SweepBinary.run(["report", merged.path])
    #expect(report.status == 66, "\(report.error)")
    #expect(
      report.error.contains("the merge into it stopped before writing one (12 of 12 trials"),
      "\(report.error)")
    #expect(report.error.contains(" merge SHARD... --into "), "\(report.error)")
    #expect(!report.error.contains("runner sweep"), "\(report.error)")
  }
}
