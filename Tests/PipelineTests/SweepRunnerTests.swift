import Foundation
import Pipeline
import Reports
import Testing

@Suite struct SweepRunnerTests {
  @Test func gridWritesOneFolderPerTrialAndASortedSummary() throws {
    let root = SweepFixture.temporaryDirectory()
    let outcome = try SweepRunner.run(
      specPath: SweepFixture.spec("linear-grid.yaml"), options: SweepFixture.options(root: root))
    #expect(outcome.finished.count == 6 && outcome.failed.isEmpty && outcome.skipped == 0)
    #expect(outcome.directory == root.appendingPathComponent("sweep-linear-grid").path)
    let summary = try SweepFixture.table(outcome.summary)
    #expect(
      Array(summary.header.prefix(4)) == [
        "trial", "status", "optimizer.learning_rate", "regularization.l2",
      ])
    #expect(summary.header.last == "reason")
    #expect(summary.header.contains("test_mse") && summary.header.contains("seed"))
    let ids = try #require(summary.column("trial"))
    #expect(ids.count == 6 && Set(ids).count == 6)
    #expect(summary.column("status") == Array(repeating: "ok", count: 6))
    #expect(Set(summary.column("optimizer.learning_rate") ?? []) == ["0.01", "0.1", "0.3"])
    let plan = try SweepFixture.table(outcome.directory + "/plan.csv")
    #expect(plan.column("trial") == ids.sorted())
    for id in ids {
      let folder = outcome.directory + "/" + id
      let marker = try SweepFixture.table(folder + "/status.csv")
      #expect(marker.rows == [[id, "ok", ""]])
      #expect(FileManager.default.fileExists(atPath: folder + "/metrics.csv"))
      #expect(FileManager.default.fileExists(atPath: folder + "/spec.resolved.yaml"))
    }
    // Trials differ in their figures (each ran its own learning rate).
    #expect(Set(summary.column("train_mse") ?? []).count == 6)
    #expect(SweepFixture.hiddenEntries(in: outcome.directory).isEmpty)
  }

  @Test func twoJobsGiveTheSameBytesAsOne() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let one = try SweepRunner.run(
      specPath: spec,
      options: SweepFixture.options(root: SweepFixture.temporaryDirectory("one"), jobs: 1))
    let two = try SweepRunner.run(
      specPath: spec,
      options: SweepFixture.options(root: SweepFixture.temporaryDirectory("two"), jobs: 2))
    let a = SweepFixture.contents(of: one.directory)
    #expect(a.count > 6 * 4)
    #expect(a == SweepFixture.contents(of: two.directory))
  }

  @Test func rerunSkipsCompleteTrialsAndRerunsIncompleteOnes() throws {
    let root = SweepFixture.temporaryDirectory()
    let spec = SweepFixture.spec("linear-grid.yaml")
    let first = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let before = SweepFixture.contents(of: first.directory)
    let ids = try #require(try SweepFixture.table(first.summary).column("trial"))
    // One trial lost its marker (killed before it was written), another its whole folder.
    try FileManager.default.removeItem(atPath: first.directory + "/\(ids[1])/status.csv")
    try FileManager.default.removeItem(atPath: first.directory + "/\(ids[4])")
    try "stale".write(toFile: first.directory + "/summary.csv", atomically: true, encoding: .utf8)
    let second = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root, jobs: 2))
    #expect(second.skipped == 4)
    #expect(Set(second.finished.map(\.trial)) == [ids[1], ids[4]])
    #expect(SweepFixture.contents(of: second.directory) == before)
    let third = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    #expect(third.finished.isEmpty && third.skipped == 6)
    #expect(SweepFixture.contents(of: third.directory) == before)
  }

  @Test func aDivergingTrialIsRecordedAsFailedAndTheSweepGoesOn() throws {
    let root = SweepFixture.temporaryDirectory()
    let spec = SweepFixture.spec("diverging.yaml")
    let outcome = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root, jobs: 2))
    #expect(outcome.finished.count == 3)
    #expect(outcome.failed.count == 1)
    let summary = try SweepFixture.table(outcome.summary)
    let rate = try #require(summary.column("optimizer.learning_rate"))
    let status = try #require(summary.column("status"))
    let reason = try #require(summary.column("reason"))
    for (r, (s, why)) in zip(rate, zip(status, reason)) {
      if r == "5.0" {
        #expect(s == "failed")
        #expect(why.contains("diverged"))
        // The single run's remedy too (it had only the divergence).
        #expect(why.contains("; lower `optimizer.learning_rate`"), "\(why)")
      } else {
        #expect(s == "ok" && why.isEmpty)
      }
    }
    // A failed trial is complete: a rerun skips it, unless asked to retry failed trials.
    let again = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    #expect(again.finished.isEmpty && again.skipped == 3)
    let retry = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root, retryFailed: true))
    #expect(retry.finished.count == 1 && retry.failed.count == 1)
    #expect(try SweepFixture.table(retry.summary) == summary)
  }

  /// Successive halving and Hyperband keep their trials in rung folders: a re-run still reports
  /// the trial that failed in an earlier run (the command exits 1 on it, as for a grid).
  @Test(arguments: ["successive_halving", "hyperband"])
  func anAdaptiveReRunReportsTheTrialThatFailedBefore(method: String) throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let text = try String(contentsOfFile: SweepFixture.spec("diverging.yaml"), encoding: .utf8)
      .replacingOccurrences(
        of: "sweep:\n",
        with: "sweep:\n  method: \(method)\n  budget: {min: 50, max: 200}\n  eta: 2\n")
    let spec = root.appendingPathComponent("adaptive.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    let failed = { (outcome: SweepOutcome) in
      outcome.preview.trials.filter { if case .failed = $0.state { true } else { false } }.count
    }
    let first = try SweepRunner.run(specPath: spec.path, options: SweepFixture.options(root: root))
    #expect(!first.failed.isEmpty && failed(first) == 0)
    let again = try SweepRunner.run(specPath: spec.path, options: SweepFixture.options(root: root))
    #expect(again.finished.isEmpty && failed(again) == 1)
  }

  /// A failed trial retried and failing again: what a user put in its folder is kept, in the
  /// sweep's `.history/<trial>/` with the attempt it sat beside.
  @Test func aRetriedTrialThatFailsAgainKeepsTheUsersFiles() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("diverging.yaml")
    let outcome = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let failed = try #require(outcome.failed.first)
    let notes = URL(fileURLWithPath: outcome.directory).appendingPathComponent(failed.trial)
      .appendingPathComponent("my-notes.md")
    try "why it diverges\n".write(to: notes, atomically: true, encoding: .utf8)
    let events = EventLog()
    let retry = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root, retryFailed: true),
      observer: events.append)
    #expect(retry.failed.map(\.trial) == [failed.trial])
    let history = URL(fileURLWithPath: outcome.directory).appendingPathComponent(".history")
      .appendingPathComponent(failed.trial)
    let kept = try FileManager.default.contentsOfDirectory(atPath: history.path)
    #expect(kept.count == 1)
    // Said as `runner run` says it: where the file went, and why.
    let said = events.notes.filter { $0.hasPrefix("note: ") && $0.contains("my-notes.md") }
    #expect(said.count == 1 && said.first?.contains(history.path) == true)
    let moved = history.appendingPathComponent(kept[0]).appendingPathComponent("my-notes.md")
    #expect(try String(contentsOf: moved, encoding: .utf8) == "why it diverges\n")
    // The sweep's files are those of the first run: history is not compared or listed.
    #expect(try SweepFixture.table(retry.summary) == SweepFixture.table(outcome.summary))
  }

  /// A trial another process finished while this one waited for it (two sweeps of one spec)
  /// is counted as skipped, not as run by this process.
  @Test func trialsAnotherProcessFinishedAreNotCountedAsRun() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let done = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: SweepFixture.temporaryDirectory("a")))
    let root = SweepFixture.temporaryDirectory("b")
    let folder = root.appendingPathComponent("sweep-linear-grid")
    // Each trial is finished by "another process" just before this one takes its lock.
    let outcome = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root)) {
      event in
      guard case .trialStarted(let id) = event else { return }
      try? FileManager.default.copyItem(
        atPath: done.directory + "/" + id, toPath: folder.appendingPathComponent(id).path)
    }
    #expect(outcome.finished.isEmpty && outcome.skipped == 6)
    #expect(SweepText.result(outcome).hasPrefix("ran 0 trials (0 ok, 0 failed), skipped 6"))
    #expect(
      SweepFixture.contents(of: outcome.directory) == SweepFixture.contents(of: done.directory))
  }

  /// `--set` writes to `<output>@<overrides>/`, as `runner run` does: the spec's own sweep
  /// folder keeps its plan and summary.
  @Test func overridesWriteTheirOwnSweepFolder() throws {
    let root = SweepFixture.temporaryDirectory()
    let spec = SweepFixture.spec("linear-grid.yaml")
    let plain = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let before = SweepFixture.contents(of: plain.directory)
    var options = SweepFixture.options(root: root)
    options.run.spec.overrides = ["optimizer.iterations=20"]
    let set = try SweepRunner.run(specPath: spec, options: options)
    #expect(
      set.directory
        == root.appendingPathComponent("sweep-linear-grid@optimizer.iterations=20")
        .standardizedFileURL.path)
    #expect(set.finished.count == 6)
    #expect(SweepFixture.contents(of: plain.directory) == before)
  }

  @Test func cancellationStopsStartingTrialsAndARerunFinishes() throws {
    let root = SweepFixture.temporaryDirectory()
    let spec = SweepFixture.spec("linear-grid.yaml")
    let cancellation = SweepCancellation()
    let stopped = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root, cancellation: cancellation)
    ) { event in
      if case .trialFinished = event { cancellation.cancel() }
    }
    #expect(stopped.finished.count == 1 && stopped.notStarted == 5 && stopped.cancelled)
    #expect(try SweepFixture.table(stopped.summary).rows.count == 1)
    let resumed = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    #expect(resumed.finished.count == 5 && resumed.skipped == 1)
    let fresh = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: SweepFixture.temporaryDirectory("fresh")))
    #expect(
      SweepFixture.contents(of: resumed.directory) == SweepFixture.contents(of: fresh.directory))
  }

  @Test func progressCountsEveryTrial() throws {
    let root = SweepFixture.temporaryDirectory()
    let events = EventLog()
    _ = try SweepRunner.run(
      specPath: SweepFixture.spec("linear-grid.yaml"),
      options: SweepFixture.options(root: root, jobs: 2)
    ) { events.append($0) }
    let progress = events.progress
    let last = try #require(progress.last)
    #expect(last.total == 6 && last.done == 6 && last.running == 0 && last.failed == 0)
    #expect(last.eta == 0)
    #expect(progress.allSatisfy { $0.running <= 2 && $0.done <= $0.total })
    #expect(events.started == 6)
  }

  @Test func dryRunListsTrialsWithStatesAndACostWithoutWriting() throws {
    let root = SweepFixture.temporaryDirectory()
    let spec = SweepFixture.spec("diverging.yaml")
    let preview = try SweepRunner.preview(specPath: spec, options: SweepFixture.options(root: root))
    #expect(preview.trials.count == 3 && preview.pending.count == 3 && preview.sweepTrials == 3)
    #expect(preview.trials.map(\.id) == preview.trials.map(\.id).sorted())
    #expect(preview.trials.allSatisfy { $0.values.map(\.key) == ["optimizer.learning_rate"] })
    let cost = try #require(preview.cost)
    // 200 iterations × 48 training examples × 2 parameters × 6, per trial.
    #expect(cost.flops == 3 * 6 * 2 * 48 * 200)
    #expect(!cost.measured && cost.seconds > 0)
    #expect(SweepFixture.hiddenEntries(in: root.path).isEmpty)
    #expect((try? FileManager.default.contentsOfDirectory(atPath: root.path))?.isEmpty == true)

    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let after = try SweepRunner.preview(specPath: spec, options: SweepFixture.options(root: root))
    #expect(after.pending.isEmpty)
    #expect(after.trials.filter { $0.state == .done }.count == 2)
    #expect(after.trials.contains { if case .failed = $0.state { true } else { false } })
    #expect(try #require(after.cost).flops == 0)
  }

  @Test func zeroJobsIsAUsageError() {
    do {
      _ = try SweepRunner.run(
        specPath: SweepFixture.spec("linear-grid.yaml"),
        options: SweepFixture.options(root: SweepFixture.temporaryDirectory(), jobs: 0))
      Issue.record("expected a usage error")
    } catch {
      #expect(error.exitCode == .usage)
    }
  }

  @Test func aMissingSpecIsMissingInput() {
    do {
      _ = try SweepRunner.run(
        specPath: SweepFixture.spec("no-such.yaml"),
        options: SweepFixture.options(root: SweepFixture.temporaryDirectory()))
      Issue.record("expected an error")
    } catch {
      #expect(error.exitCode == .noInput)
    }
  }
}

/// Collects sweep events from the sweep's threads.
final class EventLog: @unchecked Sendable {
  private let lock = NSLock()
  private var events: [SweepEvent] = []

  func append(_ event: SweepEvent) { lock.withLock { events.append(event) } }

  var progress: [SweepProgress] {
    lock.withLock { events.compactMap { if case .progress(let p) = $0 { p } else { nil } } }
  }

  var notes: [String] {
    lock.withLock { events.compactMap { if case .note(let n) = $0 { n } else { nil } } }
  }

  var startedIDs: [String] {
    lock.withLock { events.compactMap { if case .trialStarted(let id) = $0 { id } else { nil } } }
  }

  var started: Int {
    lock.withLock { events.filter { if case .trialStarted = $0 { true } else { false } }.count }
  }
}

@Suite struct SweepBenchmarkGridTests {
  /// Acceptance: the 24-trial grid of `experiments/sweep_moons_grid.yaml` gives the same
  /// `summary.csv` with one job and with two (its timing is in docs/sweeps.md).
  @Test func twentyFourTrialGridIsTheSameWithOneAndTwoJobs() throws {
    let spec = SweepFixture.root.appendingPathComponent("experiments/sweep_moons_grid.yaml").path
    // Fewer epochs than the benchmark: the same 24 trials, faster.
    func options(_ label: String, jobs: Int) -> SweepOptions {
      var options = SweepFixture.options(root: SweepFixture.temporaryDirectory(label), jobs: jobs)
      options.run.spec.overrides = ["optimizer.epochs=40"]
      return options
    }
    let one = try SweepRunner.run(specPath: spec, options: options("one", jobs: 1))
    let two = try SweepRunner.run(specPath: spec, options: options("two", jobs: 2))
    #expect(one.finished.count == 24 && one.failed.isEmpty)
    let summary = try String(contentsOfFile: one.summary, encoding: .utf8)
    #expect(summary.split(separator: "\n").count == 25)
    #expect(try String(contentsOfFile: two.summary, encoding: .utf8) == summary)
    // The analysis (report, plots, sweep.csv) is byte-identical too.
    let (a, b) = (
      SweepFixture.contents(of: one.directory), SweepFixture.contents(of: two.directory)
    )
    for file in a.keys where !file.contains("/") || file.hasPrefix("plots/") {
      #expect(a[file] == b[file], "\(file)")
    }
    #expect(a.keys.contains("sweep.csv") && a.keys.contains("plots/sweep_parallel_coordinates.svg"))
  }
}

@Suite struct SweepChangedSpecTests {
  @Test func trialsNoLongerInThePlanAreNotedAndLeftOutOfTheSummary() throws {
    let folder = SweepFixture.temporaryDirectory()
    let root = folder.appendingPathComponent("results")
    let original = try String(contentsOfFile: SweepFixture.spec("diverging.yaml"), encoding: .utf8)
    let spec = folder.appendingPathComponent("sweep.yaml").path
    try original.write(toFile: spec, atomically: true, encoding: .utf8)
    let first = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    // Drop the diverging learning rate: its trial folder stays on disk but leaves the plan.
    try original.replacingOccurrences(of: "[0.001, 0.005, 5.0]", with: "[0.001, 0.005]")
      .write(toFile: spec, atomically: true, encoding: .utf8)
    let events = EventLog()
    let second = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root)) {
      events.append($0)
    }
    #expect(second.finished.isEmpty && second.skipped == 2)
    let stray = try #require(first.failed.first?.trial)
    #expect(events.notes.contains { $0.contains("1 trial folder") && $0.contains(stray) })
    let summary = try SweepFixture.table(second.summary)
    #expect(summary.rows.count == 2 && summary.column("status") == ["ok", "ok"])
  }
}

@Suite struct SweepOrderTests {
  @Test func longestTrialsStartFirst() throws {
    let spec = SweepFixture.root.appendingPathComponent("experiments/sweep_moons_grid.yaml").path
    var options = SweepFixture.options(root: SweepFixture.temporaryDirectory(), jobs: 1)
    options.run.spec.overrides = ["optimizer.epochs=2"]
    let preview = try SweepRunner.preview(specPath: spec, options: options)
    let units = Dictionary(
      uniqueKeysWithValues: preview.trials.map { trial in
        (trial.id, trial.values.first { $0.key == "model.layers[0].units" }!.value)
      })
    let events = EventLog()
    _ = try SweepRunner.run(specPath: spec, options: options) { events.append($0) }
    let started = events.startedIDs.map { units[$0]! }
    #expect(
      started == Array(repeating: "64", count: 8) + Array(repeating: "16", count: 8)
        + Array(repeating: "4", count: 8))
  }
}
