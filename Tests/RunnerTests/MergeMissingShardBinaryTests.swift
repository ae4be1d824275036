import Foundation
import Testing

/// `runner merge` with trials missing names the shard that runs them and its command, as the
/// next round's advice does (tester BB F16: "run their shards, then merge again", and --json's
/// `next_round` null): the shard a missing trial belongs to is told from its position in the
/// plan and the shard count the merged folders record.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct MergeMissingShardBinaryTests {
  static let name = "sweep-linear-grid"

  /// The trial folders of sweep folder `folder`, sorted.
  static func trials(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.count == 12 && !$0.contains(".")
    }.sorted()
  }

  @Test func aShardNotGivenIsNamedWithTheCommandThatRunsIt() throws {
    let project = try SweepBinary.shardedProject("linear-grid.yaml")
    defer { try? FileManager.default.removeItem(at: project) }
    let shard1 = try Self.trials(in: project.appendingPathComponent("shard1/\(Self.name)"))
    let merge = try SweepBinary.run(
      ["merge", "shard0/\(Self.name)", "--into", "m/\(Self.name)"], in: project)
    #expect(merge.status == 1, "\(merge.error)")
    #expect(
      merge.output.contains(
        "; run their shard, then merge again with its sweep folder: `"), "\(merge.output)")
    #expect(
      merge.output.contains(
        " sweep x.yaml --shard 1/2 --results-dir SHARD_RESULTS` (shard 1/2, whose folder this "
          + "merge was not given: SHARD_RESULTS is the results folder it writes)"),
      "\(merge.output)")
    let json = try SweepBinary.run(
      ["merge", "shard0/\(Self.name)", "--into", "m2/\(Self.name)", "--json"], in: project)
    let object = try MergeJSONBinaryTests.object(json.output)
    // The missing trials are exactly shard 1's.
    #expect(object["missing"] as? [String] == shard1)
    let shards = try #require(object["missing_shards"] as? [[String: Any]], "\(object)")
    #expect(shards.count == 1)
    #expect(shards.first?["shard"] as? String == "1/2")
    #expect(shards.first?["folder"] is NSNull)
    #expect(
      (shards.first?["command"] as? String)?.hasSuffix(
        " sweep x.yaml --shard 1/2 --results-dir SHARD_RESULTS") == true, "\(shards)")
  }

  /// A shard's folder given with a trial missing (a shard killed): named with its own command,
  /// which, run as printed, completes it, and the merge again is complete.
  @Test func aGivenShardsOwnCommandRunAsPrintedCompletesTheMerge() throws {
    let project = try SweepBinary.shardedProject("linear-grid.yaml")
    defer { try? FileManager.default.removeItem(at: project) }
    let fm = FileManager.default
    let folder = project.appendingPathComponent("shard1/\(Self.name)")
    let lost = try #require(try Self.trials(in: folder).first)
    try fm.removeItem(at: folder.appendingPathComponent(lost))
    let sources = ["shard0/\(Self.name)", "shard1/\(Self.name)"]
    let merge = try SweepBinary.run(
      ["merge"] + sources + ["--into", "m/\(Self.name)", "--json"], in: project)
    #expect(merge.status == 1, "\(merge.error)")
    let object = try MergeJSONBinaryTests.object(merge.output)
    #expect(object["missing"] as? [String] == [lost])
    let shard = try #require((object["missing_shards"] as? [[String: Any]])?.first, "\(object)")
    #expect(shard["shard"] as? String == "1/2")
    #expect(shard["folder"] as? String == folder.standardizedFileURL.path, "\(shard)")
    let command = try #require(shard["command"] as? String)
    let real = project.standardizedFileURL.path
    #expect(
      command.hasSuffix(" sweep x.yaml --shard 1/2 --results-dir \(real)/shard1"), "\(command)")
    let text = try SweepBinary.run(
      ["merge"] + sources + ["--into", "m2/\(Self.name)"], in: project)
    #expect(
      text.output.contains(
        "; run their shard, then merge again: `\(command)` (shard 1/2, not complete in "
          + "\(folder.standardizedFileURL.path))"), "\(text.output)")
    let words = try #require(command.range(of: " sweep ").map { command[$0.lowerBound...] })
    let run = try SweepBinary.run(
      ShardResumeCommandBinaryTests.words(String(words.dropFirst())), in: project)
    #expect(run.status == 0, "\(command): \(run.error)")
    let again = try SweepBinary.run(
      ["merge"] + sources + ["--into", "m3/\(Self.name)", "--json"], in: project)
    #expect(again.status == 0, "\(again.error)")
    #expect(try MergeJSONBinaryTests.object(again.output)["status"] as? String == "complete")
  }

  /// A shard killed before its first trial ended records no spec file: its command takes the
  /// spec the other shard's trials record, not `SPEC` to fill in (tester BN-2).
  @Test func aShardWithNoTrialEndedGetsTheSpecTheOtherShardRecords() throws {
    let project = try SweepBinary.shardedProject("linear-grid.yaml")
    defer { try? FileManager.default.removeItem(at: project) }
    let folder = project.appendingPathComponent("shard1/\(Self.name)")
    for trial in try Self.trials(in: folder) {
      try FileManager.default.removeItem(at: folder.appendingPathComponent(trial))
    }
    let sources = ["shard0/\(Self.name)", "shard1/\(Self.name)"]
    let merge = try SweepBinary.run(
      ["merge"] + sources + ["--into", "m/\(Self.name)", "--json"], in: project)
    #expect(merge.status == 1, "\(merge.error)")
    let object = try MergeJSONBinaryTests.object(merge.output)
    let shard = try #require((object["missing_shards"] as? [[String: Any]])?.first, "\(object)")
    let real = project.standardizedFileURL.path
    #expect(
      (shard["command"] as? String)?.hasSuffix(
        " sweep x.yaml --shard 1/2 --results-dir \(real)/shard1") == true, "\(shard)")
  }
}
