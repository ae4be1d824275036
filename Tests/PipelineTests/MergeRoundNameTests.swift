import Conventions
import Foundation
import Pipeline
import Reports
import Testing

/// Testers AZ F2 and BA F-G: a sharded adaptive sweep's next round reads only the folder named
/// as the sweep in each shard's results folder. A merge `--into merged/x` while rounds remain
/// says so, and prints the copy that puts the folder under the sweep's name; a shard given
/// a copy under another name says it does not continue from it. Every printed command is
/// followed literally.
@Suite struct MergeRoundNameTests {
  static let spec = SweepFixture.spec("halving-moons.yaml")
  static let name = "sweep-halving-moons"

  @Test func theRoundAdviceCopiesUnderTheSweepsNameAndAWrongCopyIsSaid() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    // Round 0: two shards, merged into a folder not named as the sweep.
    let round0 = try SweepFixture.shards(Self.spec, count: 2, in: root.appendingPathComponent("r0"))
    let merged = root.appendingPathComponent("merged/x")
    let first = try SweepMerger.merge(round0.map(\.directory), into: merged.path)
    #expect(first.copyName == Self.name)
    #expect(first.roundsLeft == 2)
    #expect(
      first.notes.contains {
        $0.hasPrefix(
          "warning: \(merged.path) is not named as the sweep names its folder (\(Self.name))")
      }, "\(first.notes)")
    let json = CommandJSON.merge(first, exitCode: .success).rendered
    #expect(
      json.contains(#""status":"more_rounds""#) && json.contains(#""rounds_left":2"#), "\(json)")
    let copy = first.copyCommand
    #expect(
      copy
        == "mkdir -p SHARD_RESULTS/\(Self.name) && cp -R \(merged.path)/. SHARD_RESULTS/\(Self.name)/"
    )

    // Round 1 with the folder copied as it is named: the shard says it does not continue from it.
    let wrong = root.appendingPathComponent("wrong")
    try FileManager.default.createDirectory(at: wrong, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: merged, to: wrong.appendingPathComponent("x"))
    let said = try Self.shardNotes(root: wrong, shard: 0)
    #expect(
      said.contains {
        $0.hasPrefix(
          "warning: \(wrong.appendingPathComponent("x").path) holds trials of this sweep (output "
            + "\(Self.name)) under another name")
      }, "\(said)")

    // Rounds 1 and 2 with the printed copy followed literally: the sweep goes on to the end.
    var advice = copy
    var outcome = first
    for round in 1...2 {
      var folders: [String] = []
      for shard in 0..<2 {
        let shardRoot = root.appendingPathComponent("r\(round)s\(shard)")
        try FileManager.default.createDirectory(at: shardRoot, withIntermediateDirectories: true)
        try Self.shell(
          advice.replacingOccurrences(of: "SHARD_RESULTS", with: shardRoot.path.shellQuoted))
        let notes = try Self.shardNotes(root: shardRoot, shard: shard)
        #expect(!notes.contains { $0.contains("under another name") }, "\(notes)")
        folders.append(shardRoot.appendingPathComponent(Self.name).path)
      }
      let into = root.appendingPathComponent("merged\(round)/\(Self.name)")
      outcome = try SweepMerger.merge(folders, into: into.path)
      #expect(outcome.rungRuns?.map(\.complete) == [[9, 3, 0], [9, 3, 1]][round - 1])
      #expect(!outcome.notes.contains { $0.contains("is not named as the sweep") })
      if round == 1 { advice = outcome.copyCommand }
    }
    #expect(outcome.roundsLeft == 0)
    let last = CommandJSON.merge(outcome, exitCode: .success).rendered
    #expect(last.contains(#""status":"complete""#) && last.contains(#""rounds_left":0"#), "\(last)")
  }

  /// Tester BA F-G: after `merge --into mg1`, copying the folder as the bayes advice said
  /// ("copy this folder into each shard's results folder", `cp -r mg1 SHARD/`) restarted the
  /// search from batch 0 silently. The advice now gives the copy under the sweep's name, which
  /// continues at batch 1; the copy under another name is said.
  @Test func theBayesRoundAdviceContinuesAtTheNextBatch() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("bayes-moons.yaml")
    let shards = try SweepFixture.shards(spec, count: 2, in: root.appendingPathComponent("r0"))
    let mg1 = root.appendingPathComponent("mg1")
    let first = try SweepMerger.merge(shards.map(\.directory), into: mg1.path)
    #expect(first.roundsLeft == 2)
    #expect(first.notes.contains { $0.contains("is not named as the sweep") }, "\(first.notes)")
    let copy = first.copyCommand
    #expect(
      copy
        == "mkdir -p SHARD_RESULTS/sweep-bayes-moons && cp -R \(mg1.path)/. SHARD_RESULTS/sweep-bayes-moons/"
    )
    let wrong = root.appendingPathComponent("wrong")
    try FileManager.default.createDirectory(at: wrong, withIntermediateDirectories: true)
    try Self.shell("cp -r \(mg1.path.shellQuoted) \(wrong.path.shellQuoted)/")
    let said = try Self.shardNotes(root: wrong, shard: 0, spec: spec)
    #expect(said.contains { $0.contains("mg1 holds trials of this sweep") }, "\(said)")
    var folders: [String] = []
    for shard in 0..<2 {
      let shardRoot = root.appendingPathComponent("r1s\(shard)")
      try FileManager.default.createDirectory(at: shardRoot, withIntermediateDirectories: true)
      try Self.shell(
        copy.replacingOccurrences(of: "SHARD_RESULTS", with: shardRoot.path.shellQuoted))
      let notes = try Self.shardNotes(root: shardRoot, shard: shard, spec: spec)
      #expect(!notes.contains { $0.contains("under another name") }, "\(notes)")
      folders.append(shardRoot.appendingPathComponent("sweep-bayes-moons").path)
    }
    let next = try SweepMerger.merge(
      folders, into: root.appendingPathComponent("mg2/sweep-bayes-moons").path)
    // Batch 0's 3 trials and batch 1's 2: the search went on, not back to batch 0.
    #expect(next.complete == 5 && next.missing.isEmpty && next.roundsLeft == 1)
    #expect(!next.notes.contains { $0.contains("is not named as the sweep") })
  }

  /// Runs shard `shard` of 2 of the sweep under `root`; returns the notes it printed.
  static func shardNotes(root: URL, shard: Int, spec: String = spec) throws -> [String] {
    let lock = NSLock()
    nonisolated(unsafe) var notes: [String] = []
    _ = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root, shard: "\(shard)/2")
    ) { event in
      if case .note(let text) = event { lock.withLock { notes.append(text) } }
    }
    return lock.withLock { notes }
  }

  /// Runs `command` with /bin/sh, as a user pastes it; records an issue unless it exits 0.
  static func shell(_ command: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(command)")
  }
}
