import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// Hyperband as 3 shards merged round by round (each round every bracket's current rung), and
/// its bracket plan in `--dry-run`: the merged folder is the unsharded run's, byte for byte.
@Suite struct SweepHyperbandShardTests {
  /// The successive-halving fixture as `method: hyperband` (budgets 1…9, eta 3: brackets
  /// 9×1 → 3×3 → 1×9, 5×3 → 1×9 and 3×9), written into `root`.
  static func spec(in root: URL) throws -> String {
    let text = try String(contentsOfFile: SweepHalvingTests.spec, encoding: .utf8)
      .replacingOccurrences(of: "method: successive_halving", with: "method: hyperband")
    let spec = root.appendingPathComponent("hyperband.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    return spec.path
  }

  @Test func threeShardsMergedRoundByRoundGiveTheUnshardedFolder() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let spec = try Self.spec(in: root)
    let whole = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root.appendingPathComponent("whole")))
    let merged = root.appendingPathComponent("merged/sweep-halving-moons")
    for round in 0..<3 {
      var folders: [String] = []
      for shard in 0..<3 {
        let shardRoot = root.appendingPathComponent("round\(round)-shard\(shard)")
        let folder = shardRoot.appendingPathComponent("sweep-halving-moons")
        try fm.createDirectory(at: shardRoot, withIntermediateDirectories: true)
        if fm.fileExists(atPath: merged.path) { try fm.copyItem(at: merged, to: folder) }
        let run = try SweepRunner.run(
          specPath: spec, options: SweepFixture.options(root: shardRoot, shard: "\(shard)/3"))
        // Only the last rung (a single trial) can be finished by one shard alone.
        #expect(run.best == nil || round == 2)
        folders.append(folder.path)
      }
      let outcome = try SweepMerger.merge(folders, into: merged.path)
      #expect(outcome.missing.isEmpty)
      #expect(outcome.planned == 9)
      // Only the last round completes bracket 2 (3 rungs), and with it the sweep.
      #expect((outcome.best != nil) == (round == 2))
      // Trial runs per bracket, as the sweep counts them (not the 9 configurations, of which
      // the brackets draw some twice): 22 once complete, with the rounds still to run named.
      let text = SweepText.mergeResult(outcome)
      let complete = [[9, 5, 3], [12, 6, 3], [13, 6, 3]][round]
      #expect(
        text.contains(
          "\(complete.reduce(0, +)) of 22 trial runs complete: bracket 2 \(complete[0]) of 13, "
            + "bracket 1 \(complete[1]) of 6, bracket 0 \(complete[2]) of 3"))
      if round < 2 {
        #expect(
          text.contains(
            ["not complete yet: 2 more rounds", "not complete yet: 1 more round ("][round]))
      }
      #expect(text.contains("not complete yet") == (round < 2))
      if round == 2 {
        #expect(text.contains(SweepText.completeLine(try #require(whole.rungRuns), in: nil)))
      }
      if round == 0 {
        // The dry run of the next round: every bracket's rung 0 done, rung 1 to run.
        let preview = try SweepRunner.preview(
          specPath: spec,
          options: SweepFixture.options(root: merged.deletingLastPathComponent()))
        #expect(preview.brackets.map(\.s) == [2, 1, 0])
        #expect(preview.brackets.map(\.complete) == [[9, 0, nil], [5, 0], [3]])
      }
    }
    let expected = SweepFixture.contents(of: whole.directory)
    let actual = SweepFixture.contents(of: merged.path)
    #expect(expected["bracket-1/rung-1/summary.csv"] != nil)
    SweepFixture.expectSameFiles(actual, expected, "differs after merging round by round")
    // The report: the brackets against the full grid, then each bracket's rungs.
    let report = try #require(expected["report.md"].flatMap { String(data: $0, encoding: .utf8) })
    #expect(report.contains("## Hyperband"))
    #expect(report.contains("Compute: 69 epochs trained in all, 85.2% of the full grid's 81"))
    #expect(report.contains("## Bracket 2: rungs 9×1, 3×3, 1×9 epochs"))
    #expect(report.contains("## Bracket 0: rungs 3×9 epochs"))
    #expect(report.contains("### Bracket 1, rung 1: 1 of 1 trials × 9 epochs"))
    #expect(expected["plots/bracket_1_rung_1_curves.svg"] != nil)
    #expect(expected["plots/bracket_0_rungs.svg"] != nil)
    let best = try #require(try SweepMerger.merge([merged.path]).best)
    #expect(best.trial == whole.best?.trial)
    #expect(best.directory.hasSuffix("bracket-0/rung-0/\(best.trial)"))
    #expect(report.contains("folder: `bracket-0/rung-0/\(best.trial)/`"))
  }

  @Test func dryRunShowsEachBracketsRungPlanAndTheTotal() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.spec(in: root)
    let preview = try SweepRunner.preview(
      specPath: spec, options: SweepFixture.options(root: root))
    #expect(preview.brackets.map { $0.plan.rungs.map(\.trials) } == [[9, 3, 1], [5, 1], [3]])
    #expect(preview.brackets.map { $0.plan.rungs.map(\.budget) } == [[1, 3, 9], [3, 9], [9]])
    #expect(preview.brackets.map(\.complete) == [[0, nil, nil], [0, nil], [0]])
    let listing = SweepText.listing(preview)
    #expect(
      listing.contains("bracket plan (hyperband; promoted trials continue from the rung below)"))
    #expect(listing.contains("bracket 2: 9×1 → 3×3 → 1×9 = 21 epochs"))
    #expect(listing.contains("bracket 1: 5×3 → 1×9 = 21 epochs"))
    #expect(listing.contains("bracket 0: 3×9 = 27 epochs"))
    // Promoted trials continue (Adam, constant rate): 9 + 3·2 + 6, 15 + 6 and 27 epochs.
    #expect(listing.contains("total: 69 epochs, 85.2% of the full grid's 81 (9 trials × 9 epochs)"))
    #expect(listing.contains("waits for rung 0"))
    // A dry run writes nothing.
    #expect(
      !FileManager.default.fileExists(
        atPath: root.appendingPathComponent("sweep-halving-moons").path))
  }

  /// max/min not a power of eta (1…100, eta 3): every bracket keeps its `s + 1` rungs at
  /// `max/eta^(s-r)` (Li et al. 2018), e.g. bracket 3 is 34×4 → 11×11 → 3×33 → 1×100.
  @Test func bracketsKeepTheirRungsWhenMaxOverMinIsNotAPowerOfEta() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let text = try String(contentsOfFile: SweepHalvingTests.spec, encoding: .utf8)
      .replacingOccurrences(of: "method: successive_halving", with: "method: hyperband")
      .replacingOccurrences(of: "budget: {min: 1, max: 9}", with: "budget: {min: 1, max: 100}")
      .replacingOccurrences(
        of: "optimizer.learning_rate: [0.003, 0.03, 0.3]",
        with: "optimizer.learning_rate: {log_uniform: [0.001, 0.1], num: 40}")
    let spec = root.appendingPathComponent("hyperband-100.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    let preview = try SweepRunner.preview(
      specPath: spec.path, options: SweepFixture.options(root: root))
    #expect(preview.brackets.map(\.s) == [4, 3, 2, 1, 0])
    #expect(
      preview.brackets.map { $0.plan.rungs.map(\.budget) } == [
        [1, 4, 11, 33, 100], [4, 11, 33, 100], [11, 33, 100], [33, 100], [100],
      ])
    #expect(
      preview.brackets.map { $0.plan.rungs.map(\.trials) } == [
        [81, 27, 9, 3, 1], [34, 11, 3, 1], [15, 5, 1], [8, 2], [5],
      ])
  }
}
