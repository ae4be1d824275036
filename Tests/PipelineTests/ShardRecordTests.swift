import Foundation
import Testing

@testable import Pipeline

/// `ShardRecord.recorded`, which gives the `--shard i/n` of the `runner sweep` command a report
/// or merge names for a sweep folder, names a shard only for that shard's own folder: a folder
/// merged from one shard so far, or one several shards share, names none (the shard's command
/// would not write the merged folder, and would run only its share of the shared one's trials).
@Suite struct ShardRecordTests {
  static let spec = SweepFixture.spec("linear-grid.yaml")
  /// The spec as the commands name it: the file its trials record (tester AX F6: `SPEC`).
  static var shown: String { ShardRecord.shownSpec(spec) }

  /// Shard `shard` of the 6-trial grid, run into `root`.
  static func shard(_ shard: String, root: URL) throws -> SweepOutcome {
    try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root, shard: shard))
  }

  @Test func aShardsOwnFolderNamesItsShard() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = URL(fileURLWithPath: try Self.shard("1/2", root: root).directory)
    #expect(ShardRecord.recorded(in: folder) == "1/2")
    // With the results folder holding it (F2: without, the command trained into results/).
    #expect(
      ShardRecord.sweepCommand(for: folder)
        == "runner sweep \(Self.shown) --shard 1/2 --results-dir \(root.standardizedFileURL.path)")
  }

  /// A `--set seed=5` sweep stopped before its first trial ended: no trial records its
  /// `output`, so the overrides come from the folder's name (the command dropped them and ran
  /// the spec's own values into another folder; reviewer B1).
  @Test func aFolderWithNoTrialYetKeepsItsNamesOverrides() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("grid@seed=5")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    #expect(
      ShardRecord.sweepCommand(for: folder)
        == "runner sweep SPEC --set seed=5 --results-dir \(root.standardizedFileURL.path)")
  }

  /// `--set output=…` names the folder outright, and `--set name=…` is not repeated after its
  /// `@`: the printed command dropped both, sweeping the spec's own values into another folder
  /// (reviewer B2). Both come back with the others, as the trials record them given (tester
  /// BD F-f: `output=` came back with the others asked for, `--set KEY=VALUE...`).
  @Test func aSetOutputOrNameIsInTheCommand() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.standardizedFileURL.path
    var options = SweepFixture.options(root: root, shard: "1/2")
    options.run.spec.overrides = ["output=lr-study", "seed=5"]
    let outright = URL(
      fileURLWithPath: try SweepRunner.run(specPath: Self.spec, options: options).directory)
    #expect(outright.lastPathComponent == "lr-study")
    #expect(
      ShardRecord.sweepCommand(for: outright)
        == "runner sweep \(Self.shown) --shard 1/2 --set output=lr-study --set seed=5 --results-dir \(results)"
    )
    options.run.spec.overrides = ["name=study", "seed=5"]
    let named = URL(
      fileURLWithPath: try SweepRunner.run(specPath: Self.spec, options: options).directory)
    #expect(named.lastPathComponent == "study@seed=5")
    #expect(
      ShardRecord.sweepCommand(for: named)
        == "runner sweep \(Self.shown) --shard 1/2 --set name=study --set seed=5 --results-dir \(results)"
    )
  }

  /// `runner merge shard0 --into all` before the other shard is done: `all/` holds only shard
  /// 0's trials, yet `runner sweep SPEC --shard 0/2` never writes it.
  @Test func aFolderMergedFromOneShardNamesNone() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shard = try Self.shard("0/2", root: root.appendingPathComponent("s0"))
    let all = root.appendingPathComponent("all/sweep-linear-grid")
    let merged = try SweepMerger.merge([shard.directory], into: all.path)
    #expect(merged.copied == 3)
    #expect(ShardRecord.recorded(in: all) == nil)
    #expect(
      ShardRecord.sweepCommand(for: all).hasPrefix("runner sweep \(Self.shown) --results-dir "))
    #expect(ShardRecord.isMerged(all))
    #expect(!ShardRecord.isMerged(URL(fileURLWithPath: shard.directory)))
    #expect(ShardRecord.recorded(in: URL(fileURLWithPath: shard.directory)) == "0/2")
  }

  /// Two shards run into one folder (a shared file system), only one with finished trials so
  /// far: naming it would resume its share alone.
  @Test func aFolderTwoShardsShareNamesNone() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    // 6 trials in 7 shards: shard 0 runs one, shard 6 none.
    let first = try Self.shard("0/7", root: root)
    #expect(first.finished.count == 1)
    let folder = URL(fileURLWithPath: first.directory)
    #expect(ShardRecord.recorded(in: folder) == "0/7")
    let second = try Self.shard("6/7", root: root)
    #expect(second.finished.isEmpty && second.directory == first.directory)
    #expect(ShardRecord.recorded(in: folder) == nil)
    // Its command asks for the shard to fill in: without one it would run every shard's trials
    // into that folder (reviewer s41).
    #expect(
      ShardRecord.sweepCommand(for: folder).hasPrefix("runner sweep \(Self.shown) --shard I/N "))
  }

  /// A shard's folder into which the other shard's trials were merged names no shard, and is
  /// a merge's (review B4: it kept its marker, so a merge into it killed before its summary.csv
  /// was reported as its sweep stopped, with `runner sweep SPEC …` to run again).
  @Test func aShardsFolderMergedIntoNamesNone() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try (0..<2).map {
      try Self.shard("\($0)/2", root: root.appendingPathComponent("s\($0)"))
    }
    _ = try SweepMerger.merge(shards.map(\.directory))
    let into = URL(fileURLWithPath: shards[0].directory)
    #expect(ShardRecord.recorded(in: into) == nil)
    #expect(ShardRecord.isMerged(into))
    #expect(!ShardRecord.isMerged(URL(fileURLWithPath: shards[1].directory)))
  }

  /// Successive halving as 2 shards, round by round (docs/sweeps.md): each round's shard folder
  /// starts from a copy of the merged one, so it holds the earlier rungs' trials of every
  /// shard. Its command still names its shard (tester AU: after round 0 it asked for `I/N`).
  @Test func aHalvingShardsFolderAfterItsFirstRoundNamesItsShard() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let spec = SweepHalvingTests.spec
    let merged = root.appendingPathComponent("merged/sweep-halving-moons")
    for round in 0..<2 {
      var folders: [String] = []
      for shard in 0..<2 {
        let shardRoot = root.appendingPathComponent("round\(round)-shard\(shard)")
        let folder = shardRoot.appendingPathComponent("sweep-halving-moons")
        try fm.createDirectory(at: shardRoot, withIntermediateDirectories: true)
        if fm.fileExists(atPath: merged.path) { try fm.copyItem(at: merged, to: folder) }
        _ = try SweepRunner.run(
          specPath: spec, options: SweepFixture.options(root: shardRoot, shard: "\(shard)/2"))
        #expect(ShardRecord.recorded(in: folder) == "\(shard)/2", "round \(round)")
        #expect(
          ShardRecord.sweepCommand(for: folder)
            == "runner sweep \(ShardRecord.shownSpec(spec)) --shard \(shard)/2 --results-dir "
            + shardRoot.standardizedFileURL.path, "round \(round)")
        #expect(!ShardRecord.isMerged(folder))
        folders.append(folder.path)
      }
      _ = try SweepMerger.merge(folders, into: merged.path)
      #expect(ShardRecord.recorded(in: merged) == nil)
      #expect(ShardRecord.marked(in: merged).isEmpty)
      #expect(ShardRecord.marked(in: merged.appendingPathComponent("rung-1")).isEmpty)
    }
  }
}
