import Conventions
import Foundation
import Pipeline
import Testing

/// `runner sweep --timeout`: how a budget is written, and a sweep whose budget is spent starts
/// no more trials, keeps what finished, says so, and resumes to the same files as a sweep that
/// was never stopped.
@Suite struct SweepTimeoutTests {
  /// A clock that stands still until `advance` moves it.
  final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var now = Date(timeIntervalSince1970: 2_000_000)
    func read() -> Date { lock.withLock { now } }
    func advance(_ seconds: Double) { lock.withLock { now += seconds } }
  }

  @Test func durationsAreWrittenWithUnits() throws {
    #expect(try SweepTimeout.seconds("45s") == 45)
    #expect(try SweepTimeout.seconds("90m") == 5400)
    #expect(try SweepTimeout.seconds("2h") == 7200)
    #expect(try SweepTimeout.seconds("1h30m") == 5400)
    #expect(try SweepTimeout.seconds("1.5d") == 129_600)
    #expect(try SweepTimeout.seconds("0.25s") == 0.25)
    let refused: [(String, String)] = [
      (
        "90",
        "--timeout 90: the number needs a unit; 90s (1m30s)? (write a duration with its unit, e.g. 45s"
      ),
      ("3600", "--timeout 3600: the number needs a unit; 3600s (1h00m)?"),
      ("2.5", "--timeout 2.5: the number needs a unit; 2.5s? (write"),
      ("1h30", "--timeout 1h30: the number needs a unit"),
      ("0s", "--timeout 0s: the time budget must be longer than 0"),
      ("-5m", "--timeout -5m: a time budget cannot be negative"),
      ("5 min", "--timeout 5 min: not a duration"),
      ("h", "--timeout h: not a duration"), ("1..5s", "--timeout 1..5s: not a duration"),
      ("", "--timeout: an empty value is not a duration"),
    ]
    for (text, message) in refused {
      #expect(throws: SweepError.self) { try SweepTimeout.seconds(text) }
      do {
        _ = try SweepTimeout.seconds(text)
      } catch {
        #expect(error.description.contains(message), "\(error.description)")
        #expect(error.exitCode == .usage)
      }
    }
  }

  /// A budget reads as the budget given: the progress display's rounding (2.5 s as `3s`,
  /// 1h30m15s as `1h30m`) would name another one.
  /// Nor in a unit `--timeout` refuses (`500ms` was shown for `0.5s`).
  @Test func aBudgetIsShownAsGiven() throws {
    let given = ["45s", "90s", "2h", "0.001s", "2.5s", "0.25s", "1h30m15s", "1.5d"]
    let budgets = try given.map { try SweepTimeout.seconds($0) }
    let shown = budgets.map(SweepTimeout.text)
    #expect(shown == ["45s", "1m30s", "2h00m", "0.001s", "2.5s", "0.25s", "5415s", "1d12h"])
    #expect(try shown.map { try SweepTimeout.seconds($0) } == budgets)
  }

  /// One job, the budget spent while the first trial runs: it finishes, the other five do not
  /// start; summary.csv holds the one; a re-run finishes the sweep, byte-identical to one never
  /// stopped.
  @Test func aSpentBudgetStartsNoMoreTrialsAndARerunResumes() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("linear-grid.yaml")
    let clock = Clock()
    var options = SweepFixture.options(root: root.appendingPathComponent("budget"))
    options.timeout = 60
    options.clock = { clock.read() }
    let stopped = try SweepRunner.run(specPath: spec, options: options) { event in
      if case .trialStarted = event { clock.advance(61) }
    }
    #expect(stopped.finished.count == 1 && stopped.notStarted == 5)
    #expect(stopped.spentBudget == 60)
    #expect(try SweepFixture.table(stopped.summary).rows.count == 1)
    let text = SweepText.result(stopped)
    #expect(
      text.contains(
        "time budget of 1m00s spent: 5 trials not started; re-run the same command to resume"),
      "\(text)")
    let json = CommandJSON.sweep(stopped, exitCode: .timedOut).rendered
    #expect(json.contains(#""status":"timed_out""#) && json.contains(#""exit_code":124"#))
    #expect(json.contains(#""timeout_seconds":60.0"#) && json.contains(#""not_started":5"#))
    // The report says the sweep is partial, and whose best its best trial is (tester G5).
    let report = try String(contentsOfFile: stopped.directory + "/report.md", encoding: .utf8)
    #expect(
      report.contains(
        "**1 of 6 trials complete; 5 not started: the sweep stopped early (its --timeout budget "
          + "was spent, or it was interrupted: re-run the same command to resume), or this is "
          + "one shard's folder (runner merge joins the shards' folders)**"), "\(report)")
    #expect(report.contains("(the lowest of 1 ok trials complete so far)"), "\(report)")
    // Resumed (a new command) with the same budget on a clock that does not move: the rest runs.
    options.cancellation = SweepCancellation()
    let resumed = try SweepRunner.run(specPath: spec, options: options)
    #expect(resumed.finished.count == 5 && resumed.skipped == 1 && resumed.spentBudget == nil)
    let done = try String(contentsOfFile: resumed.directory + "/report.md", encoding: .utf8)
    #expect(!done.contains("not started") && !done.contains("so far"))
    let whole = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root.appendingPathComponent("whole")))
    SweepFixture.expectSameFiles(
      SweepFixture.contents(of: resumed.directory), SweepFixture.contents(of: whole.directory),
      "differs after a timed-out sweep resumed")
  }

  /// The bayes-moons fixture swept under `root` with a 60-second budget on a clock that
  /// `advance` moves on the sweep's events.
  static func bayesSweep(
    in root: URL, advance: @escaping @Sendable (SweepEvent, Clock) -> Void
  ) throws -> SweepOutcome {
    let clock = Clock()
    var options = SweepFixture.options(root: root.appendingPathComponent("bayes"))
    (options.timeout, options.clock) = (60, { clock.read() })
    return try SweepRunner.run(
      specPath: SweepFixture.spec("bayes-moons.yaml"), options: options
    ) { event in advance(event, clock) }
  }

  /// A bayes sweep stopped in its first batch counts the later batches as not started, and its
  /// report scopes its count to the trials suggested so far (tester G5, G6).
  @Test func aTimedOutBayesSweepCountsItsLaterBatches() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    // Batches of 3 random trials, then 2 and 2 TPE suggestions.
    let stopped = try Self.bayesSweep(in: root) { event, clock in
      if case .trialStarted = event { clock.advance(61) }
    }
    #expect(stopped.finished.count == 1 && stopped.notStarted == 6)
    #expect(stopped.preview.sweepTrials == 7)
    let text = SweepText.result(stopped)
    #expect(text.contains("spent: 6 trials not started") && text.contains("1 of 7 trials complete"))
    let json = CommandJSON.sweep(stopped, exitCode: .timedOut).rendered
    #expect(json.contains(#""trials_in_sweep":7"#) && json.contains(#""not_started":6"#))
    let report = try String(contentsOfFile: stopped.directory + "/report.md", encoding: .utf8)
    #expect(
      report.contains(
        "**1 of 3 trials suggested so far complete; of batches 0-2, batch 0 partly run and "
          + "batches 1-2 not started"), "\(report)")
    #expect(
      stopped.halving
        == "bayes: 1 of 3 suggested trials run, batch 0 of batches 0-2 partly run: 2 of its 3 "
        + "trials still to run (3 random, then TPE)")
  }

  /// A bayes sweep whose budget is spent as its random start ends suggests batch 1 but runs
  /// none of it: its line counts the trials run, not those suggested (tester I #8: `16 trials
  /// in 3 of 4 batches` counted the 4 suggestions that never ran).
  @Test func aTimedOutBayesSweepCountsOnlyTheTrialsRun() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    // The third (last random) trial's end spends the budget.
    let stopped = try Self.bayesSweep(in: root) { event, clock in
      if case .trialFinished = event { clock.advance(21) }
    }
    #expect(stopped.finished.count == 3)
    #expect(
      stopped.halving
        == "bayes: 3 of 5 suggested trials run, batch 1 of batches 0-2 not started "
        + "(3 random, then TPE)")
  }

  /// A budget spent after the last trial started changes nothing; Ctrl-C before the budget is
  /// spent is an interruption, not a timeout.
  @Test func onlyABudgetSpentFirstEndsTheSweepAsTimedOut() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let clock = Clock()
    var late = SweepFixture.options(root: root.appendingPathComponent("late"), jobs: 6)
    (late.timeout, late.clock) = (60, { clock.read() })
    let all = try SweepRunner.run(specPath: spec, options: late) { event in
      if case .trialFinished = event { clock.advance(61) }
    }
    #expect(all.finished.count == 6 && !all.cancelled && all.spentBudget == nil)
    let cancellation = SweepCancellation()
    var options = SweepFixture.options(
      root: root.appendingPathComponent("interrupted"), cancellation: cancellation)
    (options.timeout, options.clock) = (60, { clock.read() })
    let interrupted = try SweepRunner.run(specPath: spec, options: options) { event in
      guard case .trialFinished = event else { return }
      cancellation.cancel()
      clock.advance(61)
    }
    #expect(interrupted.notStarted == 5 && interrupted.spentBudget == nil)
    #expect(SweepText.result(interrupted).contains("interrupted: 5 trials not started"))
  }

  /// Successive halving: a budget spent in rung 0 stops the sweep there; a re-run ends with the
  /// files of a sweep never stopped.
  @Test func aHalvingSweepResumesAfterItsBudget() throws {
    let spec = SweepFixture.spec("halving-moons.yaml")
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let clock = Clock()
    var options = SweepFixture.options(root: root.appendingPathComponent("budget"))
    (options.timeout, options.clock) = (60, { clock.read() })
    nonisolated(unsafe) var started = 0
    let stopped = try SweepRunner.run(specPath: spec, options: options) { event in
      guard case .trialStarted = event else { return }
      started += 1
      if started == 3 { clock.advance(61) }
    }
    #expect(stopped.spentBudget == 60 && stopped.cancelled)
    #expect(SweepText.result(stopped).contains("time budget of 1m00s spent: "))
    options.cancellation = SweepCancellation()
    let resumed = try SweepRunner.run(specPath: spec, options: options)
    #expect(!resumed.cancelled)
    let whole = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root.appendingPathComponent("whole")))
    SweepFixture.expectSameFiles(
      SweepFixture.contents(of: resumed.directory), SweepFixture.contents(of: whole.directory),
      "differs after a timed-out halving sweep resumed")
  }
}
