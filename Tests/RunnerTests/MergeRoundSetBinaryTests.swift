import Conventions
import Foundation
import Testing

/// The next-round steps `runner merge` prints for shards run with a `--set`, run literally
/// through `sh -c` until the merge says the sweep is complete (tester BD, session 47). F-n:
/// merged `--into merged/x` (the docs' own command), the copies went to SHARD/x while each
/// shard reads SHARD/x@<set>, so the rounds never advanced, with no warning, and the finish
/// command dropped the --set. F-f: a value holding a `/` or a comma was printed as
/// `--set KEY=VALUE...` or as the folder name's sanitized text. F-k: the same in-place merge
/// made twice printed only a template the second time.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct MergeRoundSetBinaryTests {
  static let name = MergeRoundCommandsBinaryTests.name

  /// A project with `x.yaml` (successive halving on the moons) run as shards 0/2 and 1/2 with
  /// `--set set` into `shard0`, `shard1`; the shards' sweep folder name.
  static func shards(set: String) throws -> (URL, String) {
    let project = try SweepBinary.shardedProject("halving-moons.yaml", extra: ["--set", set])
    let names = try FileManager.default.contentsOfDirectory(
      atPath: project.appendingPathComponent("shard0").path
    ).filter { $0.hasPrefix(name + "@") }
    return (project, try #require(names.first, "\(names)"))
  }

  /// The backquoted commands on the `not complete yet` line of `text`.
  static func quoted(_ text: String) -> [String] {
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("not complete yet") })
    else { return [] }
    let parts = line.split(separator: "`", omittingEmptySubsequences: false)
    return stride(from: 1, to: parts.count, by: 2).map { String(parts[$0]) }
  }

  @Test(arguments: [
    ("dataset.generator.samples=90", false), ("description=a/b, c", true),
    ("description=a/b, c", false),
  ])
  func theRoundsOfShardsRunWithASetRunAsPrintedUntilComplete(set: String, inPlace: Bool) throws {
    let (project, folder) = try Self.shards(set: set)
    defer { try? FileManager.default.removeItem(at: project) }
    let merge =
      ["merge", "shard0/\(folder)", "shard1/\(folder)"]
      + (inPlace ? [] : ["--into", "merged/\(Self.name)"])
    var merged = try SweepBinary.run(merge, in: project)
    var rounds = 0
    let given = "--set \(set.shellQuoted) "
    while merged.status == 0, let steps = MergeRoundCommandsBinaryTests.steps(merged.output),
      rounds < 4
    {
      #expect(steps.count == 2, "\(merged.output)")
      // Each shard's command, and the one that finishes the sweep, repeat the --set as given.
      for command in Self.quoted(merged.output) {
        #expect(command.contains(given), "\(command)")
      }
      // Merged into a folder not named as the shards' sweep folder: said, as docs/sweeps.md
      // promises, and the copies still go where each shard reads.
      #expect(
        merged.error.contains("is not named as the sweep names its folder") == !inPlace,
        "\(merged.error)")
      for printed in steps {
        let step = printed.replacingOccurrences(
          of: SweepBinary.command(in: project) + " sweep ",
          with: try #require(SweepBinary.executable).path.shellQuoted + " sweep ")
        let run = try MergeRoundCommandsBinaryTests.shell(step, in: project)
        #expect(run.status == 0, "\(step): \(run.error)")
      }
      merged = try SweepBinary.run(merge, in: project)
      rounds += 1
    }
    #expect(merged.status == 0, "\(merged.error)")
    #expect(rounds == 2, "\(merged.output)")
    #expect(merged.output.contains("rung 2 1 of 1"), "\(merged.output)")
    let whole = try SweepBinary.run(
      ["sweep", "x.yaml", "--set", set, "--results-dir", "whole"], in: project)
    #expect(whole.status == 0, "\(whole.error)")
    let summaries = try [inPlace ? "shard0/\(folder)" : "merged/\(Self.name)", "whole/\(folder)"]
      .map {
        try String(
          contentsOf: project.appendingPathComponent("\($0)/summary.csv"), encoding: .utf8)
      }
    #expect(summaries[0] == summaries[1])
  }

  /// F-k: the same in-place merge made twice (a CI retry, `merge` then `merge --json`) prints
  /// the same per-shard steps, not a `--shard i/2 --results-dir SHARD_RESULTS` template.
  @Test func theSameInPlaceMergeMadeTwiceNamesTheShardsAgain() throws {
    let (project, folder) = try Self.shards(set: "dataset.generator.samples=90")
    defer { try? FileManager.default.removeItem(at: project) }
    let merge = ["merge", "shard0/\(folder)", "shard1/\(folder)"]
    let first = try SweepBinary.run(merge, in: project)
    let second = try SweepBinary.run(merge, in: project)
    #expect(first.status == 0 && second.status == 0, "\(first.error)\(second.error)")
    let steps = [first, second].map { Self.quoted($0.output) }
    #expect(steps[0].count == 3, "\(first.output)")
    #expect(steps[1] == steps[0], "\(second.output)")
    #expect(!second.output.contains("SHARD_RESULTS"), "\(second.output)")
  }
}
