import Conventions
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// `sweep.method: bayes` end to end: batches of TPE suggestions from the finished batches on
/// disk, byte-identical folders whatever `--jobs`, a resume from an interrupted batch, the
/// dry-run's batch plan, and the keys refused elsewhere.
@Suite struct SweepBayesTests {
  static let spec = SweepFixture.spec("bayes-moons.yaml")

  @Test func sameTrialsAndFilesWithOneOrTwoJobsThenResumedAfterAnInterruption() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let first = try SweepFixture.runWithOneAndTwoJobs(Self.spec, root: root)
    let reference = SweepFixture.contents(of: first.directory)
    // Batches of 3 random trials, then 2 and 2 TPE suggestions; 7 trials, ranked best first.
    let batches = try SweepFixture.table(first.directory + "/batches.csv")
    #expect(batches.column("batch") == ["0", "0", "0", "1", "1", "2", "2"])
    #expect(batches.column("sampler")?.last == "tpe")
    let summary = try SweepFixture.table(first.summary)
    #expect(summary.rows.count == 7)
    #expect(first.best?.trial == summary.rows[0][0])
    let losses = try #require(summary.column("dev_loss")).compactMap(Double.init)
    #expect(losses == losses.sorted())
    #expect(first.halving?.contains("7 trials in 3 of 3 batches") == true)

    // As if killed in batch 1: one of its trials, batch 2 and the summary never happened.
    let trials = try #require(batches.column("trial"))
    let folder = URL(fileURLWithPath: first.directory)
    for id in trials[4...] {
      try FileManager.default.removeItem(at: folder.appendingPathComponent(id))
    }
    try FileManager.default.removeItem(at: folder.appendingPathComponent("summary.csv"))
    let preview = try SweepRunner.preview(
      specPath: Self.spec, options: SweepFixture.options(root: root.appendingPathComponent("1")))
    #expect(preview.trials.count == 5)
    #expect(preview.pending.map(\.id) == [trials[4]])
    let listing = SweepText.listing(preview)
    #expect(listing.contains("batch plan (bayes, TPE)"))
    #expect(listing.contains("batches 1-2: 2 TPE suggestions each"))
    #expect(listing.contains("7 trials in 3 batches, 1 complete"))
    let resumed = try SweepRunner.run(
      specPath: Self.spec,
      options: SweepFixture.options(root: root.appendingPathComponent("1"), jobs: 2))
    #expect(resumed.finished.count == 3)  // the missing batch-1 trial and batch 2
    let again = SweepFixture.contents(of: resumed.directory)
    SweepFixture.expectSameFiles(again, reference, "differs after resuming")
  }

  /// A trial that failed for an outside reason (killed, a full disk) and succeeds when retried
  /// changes the results the later batches were suggested from; they stay the recorded ones.
  @Test func aRetriedTrialKeepsTheRecordedBatches() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let first = try SweepRunner.run(specPath: Self.spec, options: SweepFixture.options(root: root))
    let reference = SweepFixture.contents(of: first.directory)
    let batches = try SweepFixture.table(first.directory + "/batches.csv")
    let startup = try #require(batches.column("trial")?.first)
    let marker = URL(fileURLWithPath: first.directory).appendingPathComponent(startup)
      .appendingPathComponent(SweepLayout.markerFile)
    try "trial,status,reason\n\(startup),failed,killed\n".write(
      to: marker, atomically: true, encoding: .utf8)
    let retried = try SweepRunner.run(
      specPath: Self.spec, options: SweepFixture.options(root: root, retryFailed: true))
    #expect(retried.finished.map(\.trial) == [startup])
    let again = SweepFixture.contents(of: retried.directory)
    SweepFixture.expectSameFiles(again, reference, "differs after retrying a failed trial")
  }

  /// Raising `trials` on a finished sweep completes its last, smaller batch: the extended
  /// sweep has `trials` trials, the ones a fresh run with that many suggests (3, 2, 2).
  @Test func raisingTrialsCompletesTheLastSmallerBatch() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let text = try String(contentsOfFile: Self.spec, encoding: .utf8)
    let six = root.appendingPathComponent("six.yaml")
    try text.replacingOccurrences(of: "trials: 7", with: "trials: 6")
      .write(to: six, atomically: true, encoding: .utf8)
    let options = SweepFixture.options(root: root.appendingPathComponent("extended"))
    let first = try SweepRunner.run(specPath: six.path, options: options)
    #expect(try SweepFixture.table(first.summary).rows.count == 6)
    let extended = try SweepRunner.run(specPath: Self.spec, options: options)
    #expect(extended.finished.count == 1)
    let fresh = try SweepRunner.run(
      specPath: Self.spec, options: SweepFixture.options(root: root.appendingPathComponent("fresh"))
    )
    for file in ["batches.csv", "plan.csv"] {
      let a = try String(contentsOfFile: extended.directory + "/" + file, encoding: .utf8)
      let b = try String(contentsOfFile: fresh.directory + "/" + file, encoding: .utf8)
      #expect(a == b, "\(file)")
    }
    #expect(try SweepFixture.table(extended.summary).rows.count == 7)
  }

  /// Startup draws that collide leave fewer random trials; the summary counts those that ran.
  @Test func collidingStartupDrawsAreCountedAsTheyRan() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let text = try String(contentsOfFile: Self.spec, encoding: .utf8)
      .replacingOccurrences(of: "trials: 7", with: "trials: 4")
      .replacingOccurrences(
        of: """
              optimizer.learning_rate: {log_uniform: [0.001, 3.0]}
              regularization.l2: {uniform: [0.0, 1.0]}
              optimizer.iterations: {range: [2, 10], step: 2}
          """,
        with: "    optimizer.learning_rate: [0.01, 0.1]\n")
    let spec = root.appendingPathComponent("collide.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    let outcome = try SweepRunner.run(
      specPath: spec.path, options: SweepFixture.options(root: root))
    let random = try SweepFixture.table(outcome.directory + "/batches.csv").rows
      .filter { $0[2] == "random" }.count
    #expect(random < 3)
    #expect(outcome.halving?.hasSuffix("(\(random) random, then TPE)") == true)
  }

  /// The fixture's spec with a space of three values that six trials (two random, then TPE one
  /// at a time) run out of, written as `exhausted.yaml` in `root`.
  static func exhaustedSpec(in root: URL) throws -> URL {
    let text = try String(contentsOfFile: Self.spec, encoding: .utf8)
      .replacingOccurrences(of: "trials: 7", with: "trials: 6")
      .replacingOccurrences(of: "startup: 3", with: "startup: 2")
      .replacingOccurrences(of: "batch: 2", with: "batch: 1")
      .replacingOccurrences(
        of: """
              optimizer.learning_rate: {log_uniform: [0.001, 3.0]}
              regularization.l2: {uniform: [0.0, 1.0]}
              optimizer.iterations: {range: [2, 10], step: 2}
          """,
        with: "    optimizer.learning_rate: [0.01, 0.1, 1.0]\n")
    let spec = root.appendingPathComponent("exhausted.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    return spec
  }

  /// A batch that suggests no new trial (a space of lists ran out) is recorded as an empty row,
  /// so a re-run replays it instead of asking TPE again, and leaves every file as it was.
  @Test func anExhaustedSpaceRecordsItsEmptyBatches() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.exhaustedSpec(in: root)
    let first = try SweepRunner.run(specPath: spec.path, options: SweepFixture.options(root: root))
    let batches = try SweepFixture.table(first.directory + "/batches.csv")
    // Batches 0-4 (2 random, then 1 TPE each): the 3 values are all tried before batch 3.
    #expect(batches.column("batch")?.suffix(2) == ["3", "4"])
    #expect(batches.column("trial")?.suffix(2) == ["", ""])
    #expect(try SweepFixture.table(first.summary).rows.count == 3)
    let layout = SweepLayout(directory: URL(fileURLWithPath: first.directory))
    let settings = try #require(batches.column("settings")?.first)
    let axes = try #require(try SpecLoader.load(file: spec.path).spec.sweep?.axes)
    #expect(BayesBatches.recorded(3, in: layout, axes: axes, settings: settings) == [])
    let reference = SweepFixture.contents(of: first.directory)
    let again = try SweepRunner.run(specPath: spec.path, options: SweepFixture.options(root: root))
    #expect(again.finished.isEmpty)
    SweepFixture.expectSameFiles(
      SweepFixture.contents(of: again.directory), reference, "differs after a re-run")
  }

  /// A recorded batch is replayed only under the settings it was suggested with: a smaller
  /// `batch` suggests again from the results, so the sweep still ends with `trials` trials.
  @Test func changedSweepSettingsSuggestAgain() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    _ = try SweepRunner.run(specPath: Self.spec, options: SweepFixture.options(root: root))
    var options = SweepFixture.options(root: root)
    // Into the same folder (`--set` alone would name its own, `<output>@sweep.batch=1`).
    options.run.spec.overrides = ["sweep.batch=1", "output=sweep-bayes-moons"]
    let again = try SweepRunner.run(specPath: Self.spec, options: options)
    let batches = try SweepFixture.table(again.directory + "/batches.csv")
    #expect(batches.column("batch") == ["0", "0", "0", "1", "2", "3", "4"])
    #expect(try SweepFixture.table(again.summary).rows.count == 7)
    #expect(Set(batches.column("settings") ?? []).count == 1)
  }

  @Test func bayesKeysAreRefusedElsewhere() throws {
    func errors(_ sweep: String) -> [Diagnostic] {
      let text = """
        name: k
        dataset: {generator: {type: moons, samples: 30}, split: {train: 0.5, test: 0.5}}
        model: {type: logreg}
        optimizer: {type: gd, iterations: 3}
        sweep:
        \(sweep)
        """
      do {
        _ = try SweepPlanner.plan(text: text, file: "k.yaml")
        return []
      } catch {
        // The warnings said beside them (ranked on test_loss: no dev split) left out.
        return error.diagnostics.filter { $0.severity == .error }
      }
    }
    let axis = "  parameters: {optimizer.learning_rate: {log_uniform: [0.1, 1.0]"
    let grid = errors("  method: random\n  startup: 3\n  batch: 2\n\(axis)}}")
    #expect(grid.map(\.message).contains("sweep.startup applies only to method: bayes"))
    #expect(grid.map(\.message).contains("sweep.batch applies only to method: bayes"))
    #expect(grid.first?.location?.line == 7)
    let halving = errors("  method: grid\n  trials: 3\n\(axis), num: 2}}")
    #expect(halving.map(\.message) == ["sweep.trials applies only to method: random and bayes"])
    let num = errors("  method: bayes\n\(axis), num: 3}}")
    #expect(num.first?.message.contains("a bayes sweep draws 'trials' values") == true)
    #expect(errors("  method: bayes\n  batch: 0\n\(axis)}}").first?.location?.line == 7)
  }

  /// 2 shards merged batch by batch: each round every shard runs its part of the current batch
  /// in its own folder (a copy of the last merged one), `runner merge` joins them into a new
  /// folder, and the next round starts from it. The result is the unsharded run's, byte for byte.
  @Test func twoShardsMergedBatchByBatchGiveTheUnshardedFolder() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let whole = try SweepRunner.run(
      specPath: Self.spec, options: SweepFixture.options(root: root.appendingPathComponent("w")))
    var merged = root.appendingPathComponent("none")
    for round in 0..<3 {
      var folders: [String] = []
      for shard in 0..<2 {
        let shardRoot = root.appendingPathComponent("round\(round)-shard\(shard)")
        let folder = shardRoot.appendingPathComponent("sweep-bayes-moons")
        try fm.createDirectory(at: shardRoot, withIntermediateDirectories: true)
        if fm.fileExists(atPath: merged.path) { try fm.copyItem(at: merged, to: folder) }
        let outcome = try SweepRunner.run(
          specPath: Self.spec, options: SweepFixture.options(root: shardRoot, shard: "\(shard)/2"))
        // The batch is whole in this shard's folder when the other shard's part is empty.
        let line = outcome.halving ?? ""
        #expect(
          line.contains("in \(round + 1) of 3 batches")
            || line.contains("trials run, batch \(round) of batches 0-2 "), "\(line)")
        folders.append(folder.path)
      }
      // Into the last round's folder, as successive halving merges: refused as what it is
      // (tester AV F11: "different sweeps ... merge only shards of one spec"), nothing written.
      if round > 0 {
        let before = SweepFixture.contents(of: merged.path)
        var message = ""
        do { _ = try SweepMerger.merge(folders, into: merged.path) } catch { message = "\(error)" }
        #expect(
          message.contains("the plan grew by a batch since this folder was merged"), "\(message)")
        #expect(message.contains("merge into a new folder"), "\(message)")
        #expect(!message.contains("different sweeps"), "\(message)")
        #expect(SweepFixture.contents(of: merged.path) == before)
      }
      // Into a fresh folder: the plan grew, and the shards hold every earlier trial.
      merged = root.appendingPathComponent("merged\(round)/sweep-bayes-moons")
      let outcome = try SweepMerger.merge(folders, into: merged.path)
      #expect(outcome.missing.isEmpty)
    }
    let expected = SweepFixture.contents(of: whole.directory)
    let actual = SweepFixture.contents(of: merged.path)
    SweepFixture.expectSameFiles(actual, expected, "differs after merging batch by batch")
  }
}
