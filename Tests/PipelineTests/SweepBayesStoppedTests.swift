import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// A bayes sweep stopped at a batch boundary (Ctrl-C, `--timeout`, one round of shards) is
/// unfinished although every trial suggested so far may be complete: its report says which
/// batches have not run and how to resume, and its MLflow parent is tagged best so far.
@Suite struct SweepBayesStoppedTests {
  static let spec = SweepFixture.spec("bayes-moons.yaml")

  /// The report's line above the best trial, and the export's `runner.best_trial_so_far`.
  static func said(_ folder: String) throws -> (report: String, bestSoFar: Bool) {
    let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
    let sweep = MLflowExport.readSweep(URL(fileURLWithPath: folder), name: "sweep-bayes-moons")
    return (report, sweep.bestSoFar)
  }

  /// Ctrl-C as batch 0's last trial finishes: batch 1 is suggested but not run, batch 2 not
  /// suggested; the resumed sweep is the uninterrupted one, byte for byte, and finished.
  @Test func interruptedAsABatchCompletesSaysTheBatchesLeft() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let whole = try SweepRunner.run(
      specPath: Self.spec, options: SweepFixture.options(root: root.appendingPathComponent("w")))
    let stop = SweepCancellation()
    let lock = NSLock()
    nonisolated(unsafe) var finished = 0
    let options = SweepFixture.options(
      root: root.appendingPathComponent("s"), cancellation: stop)
    let stopped = try SweepRunner.run(specPath: Self.spec, options: options) { event in
      lock.withLock {
        if case .trialFinished = event { finished += 1 }
        if finished == 3 { stop.cancel() }
      }
    }
    let (report, bestSoFar) = try Self.said(stopped.directory)
    #expect(
      report.contains(
        "3 of 5 trials suggested so far complete; of batches 0-2, batches 1-2 not started"),
      "\(report)")
    #expect(report.contains("re-run the same command to resume"))
    #expect(bestSoFar)

    let resumed = try SweepRunner.run(
      specPath: Self.spec, options: SweepFixture.options(root: root.appendingPathComponent("s")))
    SweepFixture.expectSameFiles(
      SweepFixture.contents(of: resumed.directory), SweepFixture.contents(of: whole.directory),
      "differs after resuming")
    let (again, soFar) = try Self.said(resumed.directory)
    #expect(!again.contains("not started"))
    #expect(!soFar)
  }

  /// One round of 2 shards merged: every trial suggested so far (batch 0's) is complete, and
  /// batches 1-2 are still to run.
  @Test func oneMergedRoundOfShardsSaysTheBatchesLeft() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try SweepFixture.shards(Self.spec, in: root)
    let merged = root.appendingPathComponent("merged/sweep-bayes-moons").path
    let outcome = try SweepMerger.merge(shards.map(\.directory), into: merged)
    let said = SweepText.mergeResult(outcome)
    #expect(said.contains("3 of 3 suggested so far complete"), "\(said)")
    #expect(
      said.contains(
        "not complete yet: batches 1-2 of batches 0-2 not started: 2 more rounds (one per batch)"),
      "\(said)")
    #expect(said.contains("--shard 0/2") && said.contains("--shard 1/2"), "\(said)")
    let (report, bestSoFar) = try Self.said(merged)
    #expect(
      report.contains(
        "3 of 3 trials suggested so far complete; of batches 0-2, batches 1-2 not started"),
      "\(report)")
    #expect(report.contains("the merge of one round of shards"))
    #expect(bestSoFar)
  }

  /// A finished sweep and one whose space of values ran out (its last batches empty) are
  /// finished: no line, not best so far, and `batches.csv` records no batch still to run.
  @Test func finishedAndExhaustedSweepsAreFinished() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let exhausted = try SweepBayesTests.exhaustedSpec(in: root)
    for (index, spec) in [Self.spec, exhausted.path].enumerated() {
      let outcome = try SweepRunner.run(
        specPath: spec,
        options: SweepFixture.options(root: root.appendingPathComponent("r\(index)")))
      let (report, bestSoFar) = try Self.said(outcome.directory)
      #expect(!report.contains("not started"), "\(spec)")
      #expect(!bestSoFar, "\(spec)")
      let batches = try SweepFixture.table(outcome.directory + "/batches.csv")
      #expect(batches.column("sampler")?.contains(SweepCompletion.plannedSampler) == false)
      #expect(
        SweepCompletion(directory: URL(fileURLWithPath: outcome.directory))?.isFinished == true)
    }
  }
}
