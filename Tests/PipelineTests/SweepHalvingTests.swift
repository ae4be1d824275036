import Conventions
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// Successive halving (`sweep.method: successive_halving`): the rung plan, promotion by the
/// objective with ties to the smaller swept values, byte-identical folders whatever `--jobs`, and a
/// resume from an interrupted rung.
@Suite struct SweepHalvingTests {
  static let spec = SweepFixture.spec("halving-moons.yaml")

  @Test func rungPlanStartsAtMinAndGrowsByEta() {
    let digits = HalvingRungs(trials: 81, min: 1, max: 27, eta: 3)
    #expect(digits.rungs.map(\.trials) == [81, 27, 9, 3])
    #expect(digits.rungs.map(\.budget) == [1, 3, 9, 27])
    #expect(digits.cost == 324)
    #expect(digits.gridCost == 2187)
    // Promoted trials going on from the rung below train b₂ − b₁: 81 + 27·2 + 9·6 + 3·18.
    #expect(digits.continuing().rungs.map(\.cost) == [81, 54, 54, 54])
    #expect(digits.continuing().cost == 243)
    // max / min not a power of eta: the first rung is min, each next eta times it, the last
    // max (Optuna's min_resource, scikit-learn's min_resources).
    let uneven = HalvingRungs(trials: 10, min: 1, max: 20, eta: 3)
    #expect(uneven.rungs.map(\.budget) == [1, 3, 20])
    #expect(uneven.rungs.map(\.trials) == [10, 3, 1])
    // The tester's case (AC3): min 5 was not the first rung (13, 40 for every min 5…13).
    #expect(HalvingRungs(trials: 10, min: 5, max: 40, eta: 3).rungs.map(\.budget) == [5, 40])
    #expect(HalvingRungs(trials: 10, min: 5, max: 45, eta: 3).rungs.map(\.budget) == [5, 15, 45])
    #expect(HalvingRungs(trials: 10, min: 13, max: 40, eta: 3).rungs.map(\.budget) == [13, 40])
    // A Hyperband bracket stays anchored at max (Li et al.).
    #expect(
      HalvingRungs(trials: 34, min: 1, max: 100, eta: 3, s: 3).rungs.map(\.budget)
        == [4, 11, 33, 100])
    // Once a single trial is left it goes straight to max.
    let few = HalvingRungs(trials: 4, min: 1, max: 81, eta: 2)
    #expect(few.rungs.map(\.trials) == [4, 2, 1])
    #expect(few.rungs.map(\.budget).last == 81)
    #expect(HalvingRungs(trials: 5, min: 2, max: 3, eta: 3).rungs.map(\.budget) == [3])
  }

  /// Before any rung is complete (a shard's first round) the line says so.
  @Test func theLineBeforeAnyRungIsCompleteSaysSo() {
    let rungs = HalvingRungs(trials: 9, min: 1, max: 9, eta: 3)
    #expect(
      HalvingRecord(rungs: rungs, tables: [], unit: "epochs", axes: [], objective: nil).line
        == "successive halving: no rung complete yet (3 of 3 rungs still to run)")
  }

  /// A rung whose every trial failed (diverged) promotes none; the line says so and why, not
  /// that the other rungs are still to run (a re-run would not run them either).
  @Test func theLineAfterARungWhoseEveryTrialFailedSaysNoneWentOn() throws {
    let rungs = HalvingRungs(trials: 9, min: 1, max: 9, eta: 3)
    var table = try CSVTable(header: ["trial", "status", "dev_loss"])
    for id in ["a", "b", "c"] { try table.append(text: [id, "failed", ""]) }
    #expect(
      HalvingRecord(rungs: rungs, tables: [table], unit: "epochs", axes: [], objective: nil).line
        == "successive halving: 3×1 epochs = 3 epochs, 3.7% of the full grid's 81 (every trial "
        + "of rung 0 failed, so none went on: 2 of 3 rungs not run; see summary.csv's reasons)")
  }

  @Test func promotionIsByObjectiveThenSweptValuesFailedNever() throws {
    // a, d and f tie at 0.3: their learning rates (0.3, 0.01, 0.1) order them, not their IDs.
    let rows = [
      ["e", "failed", "0.001", "0.01"], ["d", "ok", "0.01", "0.3"], ["c", "ok", "0.3", "0.1"],
      ["b", "ok", "0.03", "nan"], ["a", "ok", "0.3", "0.3"], ["f", "ok", "0.1", "0.3"],
    ]
    let header = ["trial", "status", "optimizer.learning_rate", "dev_loss"]
    let ranked = TrialRanking.rank(
      rows: rows, header: header, column: "dev_loss", axes: ["optimizer.learning_rate"],
      by: Objective(metric: "dev_loss"))
    let table = try CSVTable(header: header, rows: ranked)
    let settings = SweepSettings(objective: "dev_loss", goal: "min")
    let promoted = { (k: Int) in
      PreparedSweep.promoted(from: table, count: k, objective: settings)
    }
    #expect(promoted(2) == ["c", "d"])
    #expect(promoted(3) == ["c", "d", "f"])
    // Failed and unscored trials never go on, even when too few others remain.
    #expect(promoted(9) == ["c", "d", "f", "a"])
    // The tie at the cut is named; a cut between different values is not.
    #expect(
      PreparedSweep.tieNote(from: table, count: 2, objective: settings, rung: 1)
        == "rung 1: dev_loss 0.3 ties at the cut: d promoted, f a not (ties go to the smaller "
        + "swept values)")
    #expect(PreparedSweep.tieNote(from: table, count: 1, objective: settings, rung: 1) == nil)
    #expect(PreparedSweep.tieNote(from: table, count: 4, objective: settings, rung: 1) == nil)
  }

  /// Brackets' tables combined: the largest budget first; no table yet gives the header only.
  @Test func hyperbandCombinesBracketsByBudgetAndTakesNoTableAtAll() throws {
    let settings = SweepSettings(objective: "dev_loss", goal: "min")
    let header = ["trial", "status", "budget", "dev_loss"]
    let small = try CSVTable(
      header: header, rows: [["a", "ok", "1", "0.1"], ["b", "ok", "1", "0.2"]])
    let large = try CSVTable(header: header, rows: [["b", "ok", "3", "0.3"]])
    let combined = HyperbandRunner.combined(
      [(0, small), (1, large)], axes: [], objective: settings)
    #expect(combined.rows.map { $0[0] } == ["b", "a"])
    let empty = HyperbandRunner.combined([], axes: [], objective: settings)
    #expect(empty.header == ["trial", "status", "bracket"] && empty.rows.isEmpty)
  }

  @Test func sameFolderWithOneOrTwoJobsAndBestOfTheLastRung() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let first = try SweepFixture.runWithOneAndTwoJobs(Self.spec, root: root)
    // 9 trials × 1 epoch, the best 3 × 3, the best one × 9; promoted trials go on from the
    // rung below (adam, constant schedule), so they train 3 − 1 and 9 − 3 epochs.
    let rungs = try SweepFixture.table(first.directory + "/rungs.csv")
    #expect(rungs.column("trials") == ["9", "3", "1"])
    #expect(rungs.column("budget") == ["1", "3", "9"])
    #expect(rungs.column("epochs") == ["9", "6", "6"])
    #expect(rungs.column("continued") == ["0", "3", "1"])
    let rung0 = try SweepFixture.table(first.directory + "/rung-0/summary.csv")
    let rung1 = try SweepFixture.table(first.directory + "/rung-1/summary.csv")
    let wentOn = try #require(rungs.column("went_on"))
    #expect(wentOn[0] == rung0.rows.prefix(3).map { $0[0] }.joined(separator: " "))
    #expect(wentOn[1] == rung1.rows[0][0])
    #expect(wentOn[2] == "")
    // The last rung trained its trial for 9 epochs; the summary lists it first.
    let best = try #require(first.best)
    #expect(best.trial == wentOn[1])
    #expect(best.directory.hasSuffix("rung-2/\(best.trial)"))
    let summary = try SweepFixture.table(first.summary)
    #expect(summary.rows.count == 9)
    #expect(summary.rows[0][0] == best.trial)
    #expect(summary.column("rung")?.prefix(4) == ["2", "1", "1", "0"])
    // docs/results.md's rule over the merged rows: `iterations`, constant in each rung, varies.
    #expect(
      Array(summary.header.prefix(6))
        == [
          "trial", "status", "rung", "budget", "optimizer.learning_rate", "model.layers[0].units",
        ])
    #expect(summary.header[6] == "dev_loss")
    try Self.expectVaryingColumnsFirst(summary, after: 6)
    #expect(
      first.halving?.contains(
        "21 epochs, 25.9% of the full grid's 81 (promoted trials: 4 continued, 0 restarted)")
        == true)
  }

  /// The columns after the first `fixed` vary between the rows up to the first constant one,
  /// and none after it does (`reason` last).
  static func expectVaryingColumnsFirst(_ summary: CSVTable, after fixed: Int) throws {
    #expect(summary.header.last == "reason")
    let columns = Array(summary.header.dropFirst(fixed).dropLast())
    let varies = try columns.map { Set(try #require(summary.column($0))).count > 1 }
    let firstConstant = try #require(varies.firstIndex(of: false))
    #expect(!varies[firstConstant...].contains(true), "\(summary.header)")
    #expect(varies[columns.firstIndex(of: "iterations")!], "\(summary.header)")
  }

  @Test func interruptedRungResumesToTheSameBytesAndDryRunShowsThePlan() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let full = try SweepRunner.run(
      specPath: Self.spec, options: SweepFixture.options(root: root.appendingPathComponent("full")))
    let reference = SweepFixture.contents(of: full.directory)
    // Interrupted in rung 1 after two of its three trials.
    let stopped = try SweepFixture.interrupted(Self.spec, root: root, rung: 1, finished: 2)
    #expect(stopped.cancelled)
    // `--json` says which rung is incomplete: the grid's count alone is complete at rung 0.
    let json = CommandJSON.sweep(stopped, exitCode: .interrupted).rendered
    #expect(json.contains("\"complete_in_folder\":9"))
    #expect(
      json.contains(
        "\"rungs\":[{\"bracket\":null,\"rung\":0,\"planned\":9,\"complete\":9,\"ran\":9},"
          + "{\"bracket\":null,\"rung\":1,\"planned\":3,\"complete\":2,\"ran\":2}"), "\(json)")
    let preview = try SweepRunner.preview(
      specPath: Self.spec, options: SweepFixture.options(root: root))
    let listing = SweepText.listing(preview)
    #expect(preview.rungs?.complete == [9, 2, nil])
    // Every grid trial finished rung 0, so none is listed as still to run.
    #expect(preview.trials.count == 9 && preview.pending.isEmpty)
    #expect(listing.contains("rung plan"))
    #expect(listing.contains("waits for rung 1"))
    #expect(listing.contains("promoted trials continue from the rung below"))
    #expect(listing.contains("total: 21 epochs, 25.9% of the full grid's 81"))
    let events = EventLog()
    let resumed = try SweepRunner.run(
      specPath: Self.spec, options: SweepFixture.options(root: root, jobs: 2)
    ) { events.append($0) }
    #expect(resumed.finished.count == 2)  // the missing rung-1 trial and the last rung's
    let again = SweepFixture.contents(of: resumed.directory)
    SweepFixture.expectSameFiles(again, reference, "differs after resuming")
    // Complete, the sweep keeps no checkpoint: nothing goes on from one any more.
    #expect(!again.keys.contains { $0.contains("/checkpoint/") })
  }
}

/// Successive halving as 3 shards merged rung by rung: each round every shard runs its part of
/// the current rung in its own folder (a copy of the merged one), `runner merge` joins them,
/// and the next round starts from the merged folder. The result is the unsharded run's, byte
/// for byte.
@Suite struct SweepHalvingShardTests {
  @Test func threeShardsMergedRungByRungGiveTheUnshardedFolder() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let whole = try SweepRunner.run(
      specPath: SweepHalvingTests.spec,
      options: SweepFixture.options(root: root.appendingPathComponent("whole")))
    let merged = root.appendingPathComponent("merged/sweep-halving-moons")
    for round in 0..<3 {
      var folders: [String] = []
      for shard in 0..<3 {
        let shardRoot = root.appendingPathComponent("round\(round)-shard\(shard)")
        let folder = shardRoot.appendingPathComponent("sweep-halving-moons")
        try fm.createDirectory(at: shardRoot, withIntermediateDirectories: true)
        if fm.fileExists(atPath: merged.path) { try fm.copyItem(at: merged, to: folder) }
        let outcome = try SweepRunner.run(
          specPath: SweepHalvingTests.spec,
          options: SweepFixture.options(root: shardRoot, shard: "\(shard)/3"))
        // Only the last rung (a single trial) can be finished by one shard alone.
        #expect(outcome.best == nil || round == 2)
        folders.append(folder.path)
      }
      let outcome = try SweepMerger.merge(folders, into: merged.path)
      #expect(outcome.missing.isEmpty)
      #expect((outcome.best != nil) == (round == 2))
      // Trial runs per rung, as the sweep counts them: every configuration is in rung 0 after
      // the first round, yet rungs remain until the last, and the merge says so.
      let text = SweepText.mergeResult(outcome)
      let complete = [[9, 0, 0], [9, 3, 0], [9, 3, 1]][round]
      #expect(outcome.rungRuns?.map(\.complete) == complete)
      #expect(outcome.rungRuns?.map(\.planned) == [9, 3, 1])
      #expect(
        text.contains(
          "\(complete.reduce(0, +)) of 13 trial runs complete: rung 0 \(complete[0]) of 9, "
            + "rung 1 \(complete[1]) of 3, rung 2 \(complete[2]) of 1"))
      if round < 2 {
        #expect(
          text.contains(
            ["not complete yet: 2 more rounds", "not complete yet: 1 more round ("][round]))
      }
      // Each shard's own command, as it ran this round (its spec, shard and results folder).
      let real = root.standardizedFileURL.path
      #expect(
        text.contains(
          "--shard 2/3 --results-dir \(real)/round\(round)-shard2`), then merge again")
          == (round < 2), "\(text)")
      #expect(text.contains("not complete yet") == (round < 2))
      if round == 2 {
        #expect(
          text.contains(SweepText.completeLine(try #require(whole.rungRuns), in: nil)))
      }
    }
    let expected = SweepFixture.contents(of: whole.directory)
    let actual = SweepFixture.contents(of: merged.path)
    SweepFixture.expectSameFiles(actual, expected, "differs after merging rung by rung")
  }
}

/// Two copies of a successive-halving sweep that disagree on a trial of a later rung: the merge
/// into a new folder is refused before it writes anything there (rung 0 included).
@Suite struct SweepHalvingConflictTests {
  @Test func aConflictInALaterRungWritesNothing() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let a = try SweepRunner.run(
      specPath: SweepHalvingTests.spec,
      options: SweepFixture.options(root: root.appendingPathComponent("a"))
    ).directory
    let b = root.appendingPathComponent("b/sweep-halving-moons")
    try FileManager.default.createDirectory(
      at: b.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: a, toPath: b.path)
    let rung1 = try SweepFixture.table(a + "/rung-1/plan.csv")
    let id = try #require(rung1.rows.first?[0])
    try "iteration,train_loss\n0,1.0\n".write(
      to: b.appendingPathComponent("rung-1/\(id)/metrics.csv"), atomically: true, encoding: .utf8)
    let target = root.appendingPathComponent("merged/sweep-halving-moons")
    #expect(throws: SweepError.self) { try SweepMerger.merge([a, b.path], into: target.path) }
    #expect(!FileManager.default.fileExists(atPath: target.path))
  }
}

/// Hyperband (`method: hyperband`): Li et al.'s brackets, and the same folder with 1 or 2 jobs.
@Suite struct SweepHyperbandTests {
  @Test func bracketsFollowLiEtAlAndTheFolderIsTheSameWithTwoJobs() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let text = try String(contentsOfFile: SweepHalvingTests.spec, encoding: .utf8)
      .replacingOccurrences(of: "method: successive_halving", with: "method: hyperband")
    let spec = root.appendingPathComponent("hyperband.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    let one = try SweepFixture.runWithOneAndTwoJobs(spec.path, root: root)
    // Budgets 1…9, eta 3: brackets 9 trials × 1 epoch, 5 × 3, 3 × 9.
    for (s, trials, budgets) in [(2, "9 3 1", "1 3 9"), (1, "5 1", "3 9"), (0, "3", "9")] {
      let rungs = try SweepFixture.table(one.directory + "/bracket-\(s)/rungs.csv")
      #expect(rungs.column("trials")?.joined(separator: " ") == trials)
      #expect(rungs.column("budget")?.joined(separator: " ") == budgets)
    }
    // The best trial reached the largest budget, and its folder is named.
    let summary = try SweepFixture.table(one.summary)
    let best = try #require(one.best)
    #expect(summary.rows[0][0] == best.trial)
    #expect(summary.column("budget")?.first == "9")
    #expect(
      Array(summary.header.prefix(7))
        == [
          "trial", "status", "bracket", "rung", "budget", "optimizer.learning_rate",
          "model.layers[0].units",
        ])
    try SweepHalvingTests.expectVaryingColumnsFirst(summary, after: 7)
    #expect(FileManager.default.fileExists(atPath: best.directory + "/status.csv"))
    #expect(Set(summary.rows.map { $0[0] }).count == summary.rows.count)
  }
}

/// `runner ls` and `runner export` see an adaptive sweep's trials: each once, in the folder of
/// the largest budget it reached.
@Suite struct AdaptiveSweepListingTests {
  @Test func halvingAndHyperbandTrialsAreListedAtTheirLastRung() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let halving = try SweepRunner.run(
      specPath: SweepHalvingTests.spec,
      options: SweepFixture.options(root: root.appendingPathComponent("h")))
    let listed = ResultsIndex.runs(under: URL(fileURLWithPath: halving.directory))
    #expect(listed.count == 9 && listed.allSatisfy { $0.status == "ok" })
    // Each with the rung and budget it reached, its sweep's swept keys and objective.
    #expect(listed.map { $0.metric("budget") ?? "" }.sorted().last == "9")
    #expect(listed.allSatisfy { $0.metric("rung") != nil && $0.objective == "dev_loss" })
    #expect(listed.allSatisfy { !$0.sweptKeys.isEmpty })
    let best = try #require(halving.best)
    #expect(listed.first { $0.name.hasSuffix("/" + best.trial) }?.path == best.directory)
    #expect(try ExportedRun.find([halving.directory]).map(\.name) == listed.map(\.name))
    // `runner compare` takes the trials by the names `runner ls` prints.
    let sweepFolder = URL(fileURLWithPath: halving.directory)
    let names = ResultsIndex.runs(under: sweepFolder.deletingLastPathComponent()).prefix(2)
      .map(\.name)
    let compared = try RunComparer.entries(names, root: sweepFolder.deletingLastPathComponent())
    #expect(compared.map { $0.run.path } == listed.prefix(2).map(\.path))
    // A rung's trial folder its plan does not list (an earlier version's) is listed as earlier.
    let rung0 = URL(fileURLWithPath: halving.directory).appendingPathComponent("rung-0")
    let kept = try #require(listed.first).path
    try FileManager.default.copyItem(
      at: URL(fileURLWithPath: kept), to: rung0.appendingPathComponent("0000000000aa"))
    let withEarlier = ResultsIndex.runs(under: URL(fileURLWithPath: halving.directory))
    #expect(withEarlier.filter { $0.kind == .trial }.map(\.name) == listed.map(\.name))
    #expect(
      withEarlier.filter { $0.kind == .earlier }.map { $0.name.split(separator: "/").suffix(2) }
        == [["rung-0", "0000000000aa"]])
    // A plan.csv that no longer reads still leaves the summary's trials listed.
    let plan = URL(fileURLWithPath: halving.directory).appendingPathComponent("plan.csv")
    let handle = try FileHandle(forWritingTo: plan)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("\"broken,1\n".utf8))
    try handle.close()
    #expect(
      ResultsIndex.runs(under: URL(fileURLWithPath: halving.directory)).map(\.name)
        == listed.map(\.name))
    let hyperband = try SweepRunner.run(
      specPath: try SweepHyperbandShardTests.spec(in: root),
      options: SweepFixture.options(root: root.appendingPathComponent("b")))
    let brackets = ResultsIndex.runs(under: URL(fileURLWithPath: hyperband.directory))
    #expect(!brackets.isEmpty && brackets.allSatisfy { $0.path.contains("/bracket-") })
  }
}

/// A dry run prices an adaptive sweep's trials at its largest budget, not at the spec's own
/// `epochs` (which the rungs replace).
@Suite struct AdaptiveSweepCostTests {
  @Test func operationsAreAtTheLargestBudget() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let halving = try SweepRunner.preview(
      specPath: SweepHalvingTests.spec, options: SweepFixture.options(root: root))
    var options = SweepFixture.options(root: root)
    // The same axes as a grid: the same trials, priced at the spec's own 5 epochs.
    options.run.spec.overrides = [
      "sweep={parameters: {optimizer.learning_rate: [0.003, 0.03, 0.3], "
        + "\"model.layers[0].units\": [2, 4, 8]}}"
    ]
    let grid = try SweepRunner.preview(specPath: SweepHalvingTests.spec, options: options)
    let values = try #require(halving.trials.first?.values.map(\.value))
    let own = try #require(grid.trials.first { $0.values.map(\.value) == values }?.flops)
    let atMax = try #require(halving.trials.first?.flops)
    // The fixture's spec says 5 epochs; its rungs end at 9.
    #expect(abs(atMax / own - 9.0 / 5.0) < 1e-12)
    #expect(SweepText.listing(halving).contains("ops at max"))
  }

  /// Without a measured rate, every trial of every rung pays a trial's fixed cost (its data,
  /// files and report), not only the rung-0 trials scaled by the plan's share of the budget.
  @Test func eachRungTrialPaysTheFixedCostOfATrial() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    var options = SweepFixture.options(root: root)
    options.jobs = 1
    let halving = try SweepRunner.preview(specPath: SweepHalvingTests.spec, options: options)
    let plan = try #require(halving.rungs?.plan)
    let runs = Double(plan.rungs.map(\.trials).reduce(0, +))
    let cost = try #require(halving.cost)
    let fixed = runs * SweepCost.assumedTrialSeconds
    #expect(cost.seconds >= fixed && cost.seconds < fixed + 0.05, "\(cost.seconds) s")
  }

  /// Once some rung trials are done, only the rest are costed: half of rung 0 done leaves the
  /// other half and the rungs above; a complete sweep costs nothing (it was `about ?`: 0 / 0).
  @Test func onlyTheRungTrialsStillToRunAreCosted() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepHalvingTests.spec
    let fresh = try #require(
      try SweepRunner.preview(specPath: spec, options: SweepFixture.options(root: root)).cost)
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root, shard: "0/2"))
    let half = try #require(
      try SweepRunner.preview(specPath: spec, options: SweepFixture.options(root: root)).cost)
    #expect(half.flops > 0 && half.flops < fresh.flops, "\(half.flops) of \(fresh.flops)")
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let done = try #require(
      try SweepRunner.preview(specPath: spec, options: SweepFixture.options(root: root)).cost)
    #expect(done.flops == 0 && done.seconds == 0 && done.rate > 0)
  }
}

/// Before a trial has finished, a sweep's seconds are its arithmetic at 10 G/s plus 10 µs per
/// optimizer step: a flat 2e8 operations per second put a 2-64-32-1 MLP's 10 000 steps on 100
/// moons at 70 s a trial where they took 0.5 s, and small models below their step overhead.
@Suite struct AssumedSweepCostTests {
  @Test func theAssumedRateAddsEachStepsFixedWorkToTheArithmetic() {
    // 10 000 steps of 1.38 M operations: 1.38 s of arithmetic and 0.1 s of steps.
    let rate = SweepCost.assumedRate(flops: 1.383e10, steps: 10_000)
    #expect(abs(1.383e10 / rate - 1.483) < 1e-9)
    // A logic gate's 2000 steps of 72 operations: the steps' 20 ms, not 0.7 µs of arithmetic.
    #expect(abs(144_000 / SweepCost.assumedRate(flops: 144_000, steps: 2000) - 0.0200144) < 1e-9)
    #expect(SweepCost.assumedRate(flops: 0, steps: 0) == SweepCost.assumedArithmeticRate)
    // Each trial's own loading and writing: 12 moons trials of 1.4 M operations in 1000 steps.
    #expect(
      abs(1.4e6 / SweepCost.assumedRate(flops: 1.4e6, steps: 1000, trials: 12) - 0.37014) < 1e-9)
  }

  /// An unmeasured cost prints its assumption, the figures docs/sweeps.md states: it printed
  /// the effective rate (`at 425 k/s per job (assumed…)`), never the documented 10 G/s.
  @Test func theDryRunPrintsTheAssumptionTheDocsState() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let preview = try SweepRunner.preview(
      specPath: SweepHalvingTests.spec, options: SweepFixture.options(root: root))
    let assumed = "(assumed: \(SweepText.assumption); no finished trial to measure)"
    #expect(SweepText.listing(preview).contains(assumed))
    #expect(!SweepText.listing(preview).contains("/s per job (assumed"))
    let docs = try String(
      contentsOf: SweepFixture.root.appendingPathComponent("docs/sweeps.md"), encoding: .utf8)
    let words = { (text: String) in
      text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    #expect(words(docs).contains("`" + assumed + "`"))
  }

  @Test func anEpochIsOneStepPerMiniBatch() throws {
    let spec = try SpecLoader.load(
      text: "name: s\ndataset: {generator: {type: moons}}\nmodel: {type: logreg}\n"
        + "optimizer: {type: sgd, learning_rate: 0.1, epochs: 3, batch_size: 32}\n",
      file: "steps.yaml"
    ).spec
    #expect(SweepCost.steps(spec, examples: 100) == 12)
    #expect(SweepCost.steps(spec, examples: 20) == 3)
  }
}

/// A seed above `Int.max` (as `runner ls` shows derived trial seeds) is swept exactly: it was
/// read as a float and refused ("got 1.642383753508124e+19").
@Suite struct SweptLargeSeedTests {
  @Test func aSeedAboveIntMaxIsSweptExactly() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("seeds.yaml")
    try """
    dataset: {generator: {type: moons, samples: 100}, split: {train: 0.8, dev: 0.2}}
    model: {type: logreg}
    sweep: {parameters: {seed: [1, 16423837535081239908]}}

    """.write(to: spec, atomically: true, encoding: .utf8)
    let preview = try SweepRunner.preview(
      specPath: spec.path, options: SweepFixture.options(root: root))
    #expect(
      Set(preview.trials.flatMap { $0.values.map(\.value) }) == ["1", "16423837535081239908"])
  }
}
