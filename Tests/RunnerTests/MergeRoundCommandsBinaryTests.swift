import Foundation
import Testing

/// The commands `runner merge` prints for the next round of a sharded successive-halving sweep,
/// run literally as printed from the folder the user is in, do what the line says (halving7):
/// each shard's command runs that shard's part of the next rung in the copy of the merged
/// folder its results folder holds, and the unsharded one finishes the sweep in the merged
/// folder. They said `runner sweep SPEC --shard i/2 --results-dir SHARD_RESULTS`.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct MergeRoundCommandsBinaryTests {
  static let name = "sweep-halving-moons"

  /// The commands in backquotes on the `not complete yet` line of `text`, from `sweep` on.
  static func printed(_ text: String) throws -> [String] {
    let line = try #require(
      text.split(separator: "\n").first { $0.hasPrefix("not complete yet") }, "\(text)")
    let parts = line.split(separator: "`", omittingEmptySubsequences: false)
    return stride(from: 1, to: parts.count, by: 2).compactMap { index in
      parts[index].range(of: " sweep ").map { String(parts[index][$0.lowerBound...].dropFirst()) }
    }
  }

  @Test func eachPrintedCommandOfTheNextRoundDoesWhatItSays() throws {
    let project = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: project) }
    let fm = FileManager.default
    try fm.copyItem(
      atPath: SweepBinary.fixture("halving-moons.yaml"),
      toPath: project.appendingPathComponent("x.yaml").path)
    for shard in 0..<2 {
      let run = try SweepBinary.run(
        ["sweep", "x.yaml", "--shard", "\(shard)/2", "--results-dir", "shard\(shard)"],
        in: project)
      #expect(run.status == 0, "\(run.error)")
    }
    let sources = ["shard0/\(Self.name)", "shard1/\(Self.name)"]
    let merge = try SweepBinary.run(
      ["merge"] + sources + ["--into", "merged/\(Self.name)"], in: project)
    #expect(merge.status == 0, "\(merge.error)")
    let commands = try Self.printed(merge.output + merge.error)
    let real = project.standardizedFileURL.path
    #expect(
      commands == [
        "sweep x.yaml --shard 0/2 --results-dir \(real)/shard0",
        "sweep x.yaml --shard 1/2 --results-dir \(real)/shard1",
        "sweep x.yaml --results-dir \(real)/merged",
      ], "\(merge.output)")
    guard commands.count == 3 else { return }
    // Copy the merged folder into each shard's results folder, run its command there.
    let merged = project.appendingPathComponent("merged/\(Self.name)")
    for (shard, source) in sources.enumerated() {
      let folder = project.appendingPathComponent(source)
      try fm.removeItem(at: folder)
      try fm.copyItem(at: merged, to: folder)
      let run = try SweepBinary.run(
        ShardResumeCommandBinaryTests.words(commands[shard]), in: project)
      #expect(run.status == 0, "\(commands[shard]): \(run.error)")
      // That shard ran its part of rung 1 (of 3 trials: shard 0 two, shard 1 one) there.
      let rung = folder.appendingPathComponent("rung-1")
      let trials = try fm.contentsOfDirectory(atPath: rung.path).filter {
        fm.fileExists(atPath: rung.appendingPathComponent("\($0)/status.csv").path)
      }
      #expect(trials.count == 2 - shard, "\(commands[shard])")
    }
    let again = try SweepBinary.run(
      ["merge"] + sources + ["--into", "merged/\(Self.name)"], in: project)
    #expect(again.output.contains("rung 1 3 of 3"), "\(again.output)")
    // The unsharded command finishes the sweep in the merged folder.
    let finish = try SweepBinary.run(
      ShardResumeCommandBinaryTests.words(commands[2]), in: project)
    #expect(finish.status == 0, "\(finish.error)")
    let rungs = try String(
      contentsOf: merged.appendingPathComponent("rungs.csv"), encoding: .utf8)
    #expect(rungs.split(separator: "\n").last?.hasPrefix("2,9,1,1,") == true, "\(rungs)")
    #expect(!fm.fileExists(atPath: project.appendingPathComponent("results").path))
  }
}
