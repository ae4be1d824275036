import Foundation
import Testing

@testable import Pipeline

/// The commands a merge of one round of shards prints for the next round: each shard's own
/// `runner sweep` command (its spec file, `--shard i/n` and results folder), not
/// `runner sweep SPEC --shard i/n --results-dir SHARD_RESULTS` to fill in; when the merged
/// folders do not name their shards, the one to fill in names the spec file its trials record.
@Suite struct MergeRoundCommandsTests {
  static let spec = SweepFixture.spec("bayes-moons.yaml")
  static var shown: String { ShardRecord.shownSpec(spec) }

  @Test func eachShardsOwnCommandIsGiven() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try SweepFixture.shards(Self.spec, in: root)
    let merged = root.appendingPathComponent("merged/sweep-bayes-moons").path
    let outcome = try SweepMerger.merge(shards.reversed().map(\.directory), into: merged)
    let real = root.standardizedFileURL.path
    #expect(
      outcome.roundCommands == [
        "runner sweep \(Self.shown) --shard 0/2 --results-dir \(real)/s0",
        "runner sweep \(Self.shown) --shard 1/2 --results-dir \(real)/s1",
        "runner sweep \(Self.shown) --results-dir \(real)/merged",
      ])
    let said = SweepText.mergeResult(outcome)
    // Each shard's copy over its own folder, then its command (tester BB F2).
    let copies = outcome.shardCopies.compactMap { $0 }
    #expect(copies.count == 2)
    guard copies.count == 2 else { return }
    #expect(
      said.contains(
        "run the shard's own command there (`\(copies[0]) && \(outcome.roundCommands[0])`; "
          + "`\(copies[1]) && \(outcome.roundCommands[1])`)"
      ), "\(said)")
    #expect(copies[0] == MergeOutcome.copy(merged, to: "\(real)/s0/sweep-bayes-moons"))
    // The commands name no placeholder.
    #expect(!said.contains("SPEC") && !said.contains("SHARD_RESULTS"), "\(said)")
  }

  /// A shard's folder that lost its marker names no shard: the command to fill in, with the
  /// spec file (it said `SPEC`).
  @Test func unnamedShardsGetOneCommandNamingTheSpec() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try SweepFixture.shards(Self.spec, in: root)
    let folder = URL(fileURLWithPath: shards[1].directory)
    try FileManager.default.removeItem(at: folder.appendingPathComponent(".shard-1-of-2"))
    let merged = root.appendingPathComponent("merged/sweep-bayes-moons").path
    let outcome = try SweepMerger.merge(shards.map(\.directory), into: merged)
    #expect(
      outcome.roundCommands.first
        == "runner sweep \(Self.shown) --shard i/2 --results-dir SHARD_RESULTS")
    #expect(outcome.roundCommands.count == 2)
    #expect(SweepText.mergeResult(outcome).contains("run `\(outcome.roundCommands[0])` there"))
  }
}
