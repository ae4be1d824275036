import Foundation
import Testing

@testable import Pipeline

/// `runner merge` of successive-halving shards where one shard was stopped (Ctrl-C) inside a
/// rung records that partly run rung as `runner sweep` stopped there records it: the merged
/// folder is byte for byte the folder the same shards' work gives when they run one after the
/// other in one folder (`rungs.csv` counting the rung's complete trials and epochs, no report
/// before a rung is complete).
@Suite struct HalvingMergePartialRungTests {
  static let spec = SweepHalvingTests.spec
  static let name = "sweep-halving-moons"

  /// Shard 1/2 stopped after one trial of rung 0, shard 0/2 complete.
  @Test func aShardStoppedInsideRungZero() throws {
    try compare(round: 0, stopped: 1)
  }

  /// Rung 0 merged complete, then shard 0/2 stopped after one of its two trials of rung 1.
  @Test func aShardStoppedInsideRungOne() throws {
    try compare(round: 1, stopped: 0)
  }

  /// Runs rounds of 2 shards up to `round` (the earlier ones complete and merged), shard
  /// `stopped` of the last stopped once one trial of rung `round` finished; the same work in
  /// one shared folder and merged from two folders must give the same files.
  func compare(round: Int, stopped: Int) throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let merged = root.appendingPathComponent("merged/\(Self.name)")
    for r in 0...round {
      var folders: [String] = []
      // The same work in one folder, the last round's only (earlier ones would go on there).
      let shared = root.appendingPathComponent("shared")
      try fm.createDirectory(at: shared, withIntermediateDirectories: true)
      if r == round, fm.fileExists(atPath: merged.path) {
        try fm.copyItem(at: merged, to: shared.appendingPathComponent(Self.name))
      }
      for shard in 0..<2 {
        let shardRoot = root.appendingPathComponent("round\(r)-shard\(shard)")
        try fm.createDirectory(at: shardRoot, withIntermediateDirectories: true)
        if fm.fileExists(atPath: merged.path) {
          try fm.copyItem(at: merged, to: shardRoot.appendingPathComponent(Self.name))
        }
        let stop = r == round && shard == stopped ? round : nil
        for place in r == round ? [shardRoot, shared] : [shardRoot] {
          _ = try Self.run(root: place, shard: "\(shard)/2", stopInRung: stop)
        }
        folders.append(shardRoot.appendingPathComponent(Self.name).path)
      }
      let outcome = try SweepMerger.merge(folders, into: merged.path)
      #expect(outcome.missing.isEmpty == (r < round))
    }
    let one = root.appendingPathComponent("shared/\(Self.name)")
    let rungs = try String(contentsOf: merged.appendingPathComponent("rungs.csv"), encoding: .utf8)
    // The stopped rung's complete trials are counted (5 + 1 of rung 0; 1 + 1 of rung 1).
    #expect(rungs.split(separator: "\n")[round + 1].hasPrefix("\(round),\([1, 3][round]),"))
    #expect(!rungs.split(separator: "\n")[round + 1].contains(",0,0,"), "\(rungs)")
    SweepFixture.expectSameFiles(
      SweepFixture.contents(of: merged.path), SweepFixture.contents(of: one.path),
      "differs between the merged shards and the same work in one folder")
  }

  /// Shard `shard` of the sweep under `root` (one job); when `stopInRung` is given, stopped as
  /// Ctrl-C stops it once one trial of that rung finished.
  static func run(root: URL, shard: String, stopInRung: Int?) throws -> SweepOutcome {
    let stop = SweepCancellation()
    let lock = NSLock()
    nonisolated(unsafe) var inRung = false
    return try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root, shard: shard, cancellation: stop)
    ) { event in
      guard let stopInRung else { return }
      lock.withLock {
        switch event {
        case .note(let text) where text.hasPrefix("rung \(stopInRung):"): inRung = true
        case .trialFinished where inRung: stop.cancel()
        default: break
        }
      }
    }
  }
}
