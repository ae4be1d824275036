import Conventions
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
    let project = try SweepBinary.shardedProject("halving-moons.yaml")
    defer { try? FileManager.default.removeItem(at: project) }
    let fm = FileManager.default
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

  /// The steps in backquotes on the `not complete yet` line of `text` but the last (the
  /// unsharded command that would finish the sweep): each shard's copy and command.
  static func steps(_ text: String) -> [String]? {
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("not complete yet") })
    else { return nil }
    let parts = line.split(separator: "`", omittingEmptySubsequences: false)
    return stride(from: 1, to: parts.count, by: 2).map { String(parts[$0]) }.dropLast()
  }

  /// Runs `command` with /bin/sh in `directory`, as a user pastes it.
  static func shell(_ command: String, in directory: URL) throws -> SweepBinary.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = directory
    // Files, not pipes: neither stream can fill while the other is read.
    let files = ["out", "err"].map {
      FileManager.default.temporaryDirectory.appendingPathComponent("sh-\(UUID().uuidString).\($0)")
    }
    defer { for file in files { try? FileManager.default.removeItem(at: file) } }
    let handles = try files.map {
      _ = FileManager.default.createFile(atPath: $0.path, contents: nil)
      return try FileHandle(forWritingTo: $0)
    }
    (process.standardOutput, process.standardError) = (handles[0], handles[1])
    try process.run()
    process.waitUntilExit()
    for handle in handles { try handle.close() }
    let (output, error) = try (
      String(contentsOf: files[0], encoding: .utf8), String(contentsOf: files[1], encoding: .utf8)
    )
    return SweepBinary.Result(
      status: process.terminationStatus, killed: false, output: output, error: error)
  }

  /// Tester BB F2: the advice said `cp -r merged/x SHARD_RESULTS/x`, which copies into
  /// `SHARD_RESULTS/x/x` when the shard's folder from the round before is there (always, when
  /// its printed `--results-dir` is used again): the rounds never advanced. In place (no
  /// `--into`), it told shard 0 to copy its folder into itself. Every step printed, run
  /// literally through `sh -c` until the merge says the sweep is complete, ends in the
  /// summary an unsharded run writes.
  @Test(arguments: [false, true])
  func theRoundsRunAsPrintedUntilTheSweepIsComplete(inPlace: Bool) throws {
    let project = try SweepBinary.shardedProject("halving-moons.yaml")
    defer { try? FileManager.default.removeItem(at: project) }
    let merge =
      ["merge", "shard0/\(Self.name)", "shard1/\(Self.name)"]
      + (inPlace ? [] : ["--into", "merged/\(Self.name)"])
    var merged = try SweepBinary.run(merge, in: project)
    var rounds = 0
    while merged.status == 0, let steps = Self.steps(merged.output), rounds < 4 {
      #expect(steps.count == 2, "\(merged.output)")
      // In place, shard 0's folder is the merged one: its step is its command alone, after
      // the copy shard 1 makes of that folder.
      #expect(steps[0].hasPrefix("mkdir -p "), "\(steps[0])")
      #expect(steps[1].hasPrefix("mkdir -p ") != inPlace, "\(steps[1])")
      for printed in steps {
        // The runner as printed (`swift run … runner` for a build folder's) is this binary.
        let step = printed.replacingOccurrences(
          of: SweepBinary.command(in: project) + " sweep ",
          with: try #require(SweepBinary.executable).path.shellQuoted + " sweep ")
        #expect(step != printed, "\(printed)")
        let run = try Self.shell(step, in: project)
        #expect(run.status == 0, "\(step): \(run.error)")
        #expect(!run.error.contains("warning"), "\(step): \(run.error)")
      }
      merged = try SweepBinary.run(merge, in: project)
      rounds += 1
    }
    #expect(merged.status == 0, "\(merged.error)")
    #expect(rounds == 2, "\(merged.output)")
    #expect(merged.output.contains("rung 2 1 of 1"), "\(merged.output)")
    let whole = try SweepBinary.run(["sweep", "x.yaml", "--results-dir", "whole"], in: project)
    #expect(whole.status == 0, "\(whole.error)")
    let folder = inPlace ? "shard0" : "merged"
    let summaries = try [folder, "whole"].map {
      try String(
        contentsOf: project.appendingPathComponent("\($0)/\(Self.name)/summary.csv"),
        encoding: .utf8)
    }
    #expect(summaries[0] == summaries[1])
  }

  /// Tester BB F2: a merged folder copied into a shard's folder rather than over it
  /// (`cp -r merged/x shard0/x` with `shard0/x` there) was not noticed: the shard ran again
  /// from its own trials, silently. It warns, and its remedy, run as printed, continues.
  @Test func aCopyNestedInTheShardsFolderIsSaid() throws {
    let project = try SweepBinary.shardedProject("halving-moons.yaml")
    defer { try? FileManager.default.removeItem(at: project) }
    let merge = try SweepBinary.run(
      ["merge", "shard0/\(Self.name)", "shard1/\(Self.name)", "--into", "merged/\(Self.name)"],
      in: project)
    #expect(merge.status == 0, "\(merge.error)")
    let nested = try Self.shell("cp -r merged/\(Self.name) shard0/\(Self.name)", in: project)
    #expect(nested.status == 0, "\(nested.error)")
    let shard = ["sweep", "x.yaml", "--shard", "0/2", "--results-dir", "shard0"]
    let run = try SweepBinary.run(shard, in: project)
    let real = project.standardizedFileURL.path
    let inner = "\(real)/shard0/\(Self.name)/\(Self.name)"
    #expect(
      run.error.contains(
        "warning: \(inner) is a copy of this sweep inside its own folder"), "\(run.error)")
    let start = try #require(run.error.range(of: "remove it (`"), "\(run.error)")
    let end = try #require(run.error[start.upperBound...].range(of: "`"))
    let remedy = String(run.error[start.upperBound..<end.lowerBound])
    let fixed = try Self.shell(remedy, in: project)
    #expect(fixed.status == 0, "\(remedy): \(fixed.error)")
    let again = try SweepBinary.run(shard, in: project)
    #expect(again.status == 0 && !again.error.contains("warning"), "\(again.error)")
    // Shard 0 went on to its part of rung 1 from the merged trials.
    let rung = project.appendingPathComponent("shard0/\(Self.name)/rung-1")
    let trials = try FileManager.default.contentsOfDirectory(atPath: rung.path).filter {
      FileManager.default.fileExists(atPath: rung.appendingPathComponent("\($0)/status.csv").path)
    }
    #expect(trials.count == 2)
  }
}
