import Foundation
import Testing

@testable import Datasets
@testable import Pipeline
@testable import runner

/// The live display's lines, from events and an injected clock: elapsed time and ETA on a run's
/// line and a sweep's line, on a terminal (redrawn) and piped (plain lines), and a sweep's
/// running count drawn as soon as it changes.
@Suite struct LiveDisplayTests {
  /// A clock the test sets, and the text written to standard error.
  final class Fixture: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 0.0
    private var text = ""
    let origin = Date(timeIntervalSince1970: 1_000_000)

    func set(_ s: Double) { lock.withLock { seconds = s } }
    var now: Date { lock.withLock { origin.addingTimeInterval(seconds) } }
    func write(_ s: String) { lock.withLock { text += s } }
    /// Everything written, with redraw codes shown as `⏎` (carriage return + erase line).
    var output: String { lock.withLock { text.replacingOccurrences(of: "\r\u{1B}[2K", with: "⏎") } }

    func console(terminal: Bool) -> Console {
      Console(terminal: terminal, sink: { [self] in write($0) })
    }
  }

  static func recorded(_ step: Int, _ loss: Double, _ accuracy: Double) -> RunEvent {
    .recorded(
      RecordedFigures(
        step: step, unit: "iteration", fraction: Double(step) / 2000,
        figures: [
          .init(name: "train_loss", value: loss), .init(name: "train_accuracy", value: accuracy),
        ]
      ))
  }

  @Test func pipedRunLinesCarryElapsedTimeAndETA() {
    let f = Fixture()
    let renderer = ProgressRenderer(console: f.console(terminal: false), clock: { f.now })
    let observe = renderer.observer
    observe(.started(name: "cat", totalSteps: 2000, unit: "iteration"))
    observe(Self.recorded(0, 0.693147, 0.344498))
    f.set(2)
    observe(.progress(step: 100, total: 2000))  // within the first tenth: no line
    observe(Self.recorded(200, 0.466949, 0.832536))
    f.set(9)
    observe(.progress(step: 900, total: 2000))  // no row printed for two tenths: a step line
    f.set(20)
    observe(.progress(step: 2000, total: 2000))
    #expect(
      f.output == """
        cat: training for 2000 iterations
        cat: train_loss 0.693147, train_accuracy 0.344498 at iteration 0 · 0ms elapsed, ETA …
        cat: train_loss 0.466949, train_accuracy 0.832536 at iteration 200 · 2s elapsed, ETA 18s
        cat: iteration 900/2000 (45%) · 9s elapsed, ETA 11s
        cat: iteration 2000/2000 (100%) · 20s elapsed

        """)
  }

  /// The evaluation at step 0 (the whole training and held-out sets through the model) is not
  /// a step's work: the ETA is paced from its end (tester BP-1: 38 s of it on a wide MNIST
  /// model made the ETA at 10% 6m24s where 52 s were left).
  @Test func theETAIsPacedFromTheEndOfTheFirstEvaluation() {
    let f = Fixture()
    let renderer = ProgressRenderer(console: f.console(terminal: false), clock: { f.now })
    let observe = renderer.observer
    observe(.started(name: "wide", totalSteps: 1000, unit: "step"))
    // Meanwhile piped output says it is working, once the log has been quiet for 10 s.
    f.set(5)
    renderer.tick()
    f.set(12)
    renderer.tick()
    f.set(15)
    renderer.tick()
    f.set(38)
    observe(Self.recorded(0, 2.3, 0.1))
    renderer.tick()
    f.set(44)
    observe(.progress(step: 150, total: 1000))
    // 6 s for 15%: 34 s left (paced from the start, 44 s for 15% would say 4m09s).
    #expect(
      f.output == """
        wide: training for 1000 steps
        wide: evaluating the starting model (step 0) · 12s elapsed
        wide: train_loss 2.3, train_accuracy 0.1 at iteration 0 · 38s elapsed, ETA …
        wide: step 150/1000 (15%) · 44s elapsed, ETA 34s

        """)
  }

  /// A one-epoch run of 938 mini-batches records its rows at the start and the end only: the
  /// row at step 0 is a tenth behind by 10%, so piped output has a 10% line (it went from 0%
  /// to 20%). Rows on the tenths, each preceded by its step's progress, add no step lines.
  @Test func pipedRunHasATenPercentLineAfterARowAtTheStart() {
    let f = Fixture()
    let renderer = ProgressRenderer(console: f.console(terminal: false), clock: { f.now })
    let observe = renderer.observer
    func recorded(_ fraction: Double, step: Int) -> RunEvent {
      .recorded(
        RecordedFigures(
          step: step, unit: "epoch", fraction: fraction,
          figures: [.init(name: "train_loss", value: 1)]))
    }
    observe(.started(name: "f", totalSteps: 938, unit: "mini-batch"))
    observe(recorded(0, step: 0))
    // The engine's progress events within an epoch: about every 1% of its steps.
    for step in stride(from: 9, to: 938, by: 9) { observe(.progress(step: step, total: 938)) }
    let steps = f.output.split(separator: "\n").filter { $0.contains("/938") }
    #expect(steps.first?.hasPrefix("f: mini-batch 99/938 (10%)") == true, "\(f.output)")
    #expect(steps.count == 9, "\(f.output)")

    let g = Fixture()
    let rows = ProgressRenderer(console: g.console(terminal: false), clock: { g.now })
    rows.observer(.started(name: "cat", totalSteps: 2000, unit: "iteration"))
    for step in stride(from: 0, through: 1800, by: 20) {
      if step > 0 { rows.observer(.progress(step: step, total: 2000)) }
      if step % 200 == 0 { rows.observer(Self.recorded(step, 0.5, 0.5)) }
    }
    #expect(!g.output.contains("/2000 ("), "\(g.output)")
  }

  /// The exact solver's one record is its solution: no ETA after it.
  @Test func anExactSolveHasNoETA() {
    let f = Fixture()
    let renderer = ProgressRenderer(console: f.console(terminal: false), clock: { f.now })
    renderer.observer(.started(name: "ex", totalSteps: 0, unit: "exact solve"))
    f.set(0.004)
    renderer.observer(
      .recorded(
        RecordedFigures(
          step: 0, unit: "iteration", fraction: 0,
          figures: [.init(name: "train_loss", value: 3955.02)])))
    #expect(
      f.output == """
        ex: solving the least-squares problem exactly
        ex: train_loss 3955.02 at iteration 0 · 4ms elapsed

        """)
  }

  @Test func terminalRunLineIsRedrawnWithElapsedTimeETAAndTheLatestRow() {
    let f = Fixture()
    let renderer = ProgressRenderer(console: f.console(terminal: true), clock: { f.now })
    let observe = renderer.observer
    observe(.started(name: "cat", totalSteps: 2000, unit: "iteration"))
    observe(Self.recorded(800, 0.242941, 0.956938))
    f.set(10)
    observe(.progress(step: 1000, total: 2000))
    f.set(10.05)
    observe(.progress(step: 1010, total: 2000))  // within 0.1 s: not redrawn
    f.set(20)
    observe(.progress(step: 2000, total: 2000))
    let bar = String(repeating: "█", count: 15) + String(repeating: "·", count: 15)
    let full = String(repeating: "█", count: 30)
    #expect(
      f.output == """
        cat: training for 2000 iterations
        ⏎cat \(bar) iteration 1000/2000 · 10s elapsed, ETA 10s · train_loss 0.242941, train_accuracy 0.956938 at iteration 800\
        ⏎cat \(full) iteration 2000/2000 · 20s elapsed · train_loss 0.242941, train_accuracy 0.956938 at iteration 800

        """)
  }

  /// On a terminal 60 characters wide the redrawn line holds 59 (a wrapped line left a stale row
  /// at every redraw: 22 of them in a 3-second run on 80 columns), never cut inside a figure:
  /// the bar narrows and the row's figures, which do not fit whole, are left out (tester BP-6:
  /// the cut fell inside the ETA).
  @Test func terminalRunLineIsClippedToTheTerminal() {
    let f = Fixture()
    let console = Console(terminal: true, width: 60, sink: { [f] in f.write($0) })
    let renderer = ProgressRenderer(console: console, clock: { f.now })
    let observe = renderer.observer
    observe(.started(name: "cat", totalSteps: 2000, unit: "iteration"))
    observe(Self.recorded(800, 0.242941, 0.956938))
    f.set(10)
    observe(.progress(step: 1000, total: 2000))
    let drawn = f.output.split(separator: "⏎").dropFirst().map {
      $0.trimmingCharacters(in: .newlines)
    }
    let bar = String(repeating: "█", count: 6) + String(repeating: "·", count: 6)
    #expect(drawn == ["cat \(bar) iteration 1000/2000 · 10s elapsed, ETA 10s"], "\(drawn)")
    #expect(drawn[0].count == 59)
    // Wide enough for the figures whole: they come back, beside a narrower bar.
    let g = Fixture()
    let wider = Console(terminal: true, width: 130, sink: { [g] in g.write($0) })
    let both = ProgressRenderer(console: wider, clock: { g.now })
    both.observer(.started(name: "cat", totalSteps: 2000, unit: "iteration"))
    both.observer(Self.recorded(800, 0.242941, 0.956938))
    g.set(10)
    both.observer(.progress(step: 1000, total: 2000))
    let line = g.output.split(separator: "⏎").dropFirst().first.map(String.init) ?? ""
    #expect(line.count <= 129 && line.hasSuffix("at iteration 800"), "\(line)")
  }

  static let imagesURL = "http://127.0.0.1:8766/mnist/train-images-idx3-ubyte.gz"

  /// One file's download, as a fetcher reports it: its start, each percent to 100, its end.
  static func download(_ url: String = imagesURL) -> [DownloadProgress] {
    let total: Int64 = 9_912_422
    var reports = [DownloadProgress(url: url, received: 0, total: nil, finished: false)]
    for percent: Int64 in 1...100 {
      reports.append(
        DownloadProgress(url: url, received: total * percent / 100, total: total, finished: false))
    }
    reports.append(DownloadProgress(url: url, received: total, total: total, finished: true))
    return reports
  }

  // Session 42: `runner data fetch` piped printed a line at each tenth, `runner run` only a
  // "downloaded" line once a file was in (a mirror being tried was silent). One renderer for
  // every command now: piped, a line as a file starts and one as it ends.
  @Test func pipedDownloadSaysWhenAFileStartsAndEnds() {
    let f = Fixture()
    let display = DownloadDisplay(console: f.console(terminal: false), clock: { f.now })
    for report in Self.download() { display.progress(report) }
    let url = Self.imagesURL
    #expect(f.output == "downloading \(url)\ndownloaded \(url): 9.9 MB / 9.9 MB (100%)\n")
    // A run draws it the same way, between its own lines.
    let g = Fixture()
    let renderer = ProgressRenderer(console: g.console(terminal: false), clock: { g.now })
    for report in Self.download() { renderer.observer(.download(report)) }
    renderer.observer(.started(name: "mnist", totalSteps: 10, unit: "step"))
    #expect(g.output == f.output + "mnist: training for 10 steps\n", "\(g.output)")
  }

  // Review s41 §10d: `data fetch` drew its line with raw redraws, unclipped, so a long URL
  // wrapped and left a row behind at every redraw; it is the status line a run's is now.
  @Test func terminalDownloadLineIsClippedAndKeptOnceDone() {
    let f = Fixture()
    let console = Console(terminal: true, width: 60, sink: { [f] in f.write($0) })
    let display = DownloadDisplay(console: console, clock: { f.now })
    for report in Self.download() { display.progress(report) }
    let drawn = f.output.split(separator: "⏎").map { String($0) }
    #expect(drawn.count == 2, "\(drawn)")
    #expect(drawn.allSatisfy { $0.trimmingCharacters(in: .newlines).count <= 59 }, "\(drawn)")
    #expect(
      drawn.last == "downloaded …in-images-idx3-ubyte.gz: 9.9 MB / 9.9 MB (100%)\n", "\(drawn)")
  }

  // Tester s43 AX F7: on a 50-column terminal the line left on screen was
  // `downloaded http://127.0.0.1:18777/catvnoncat/tra…`, the size and 100% cut off; the URL
  // gives way now. Piped, the line stays whole.
  @Test func aNarrowTerminalKeepsTheDownloadsSizeAndShortensItsURL() {
    let url = "http://127.0.0.1:18777/catvnoncat/train_catvnoncat.h5"
    let f = Fixture()
    let console = Console(terminal: true, width: 50, sink: { [f] in f.write($0) })
    let display = DownloadDisplay(console: console, clock: { f.now })
    for report in Self.download(url) { display.progress(report) }
    let drawn = f.output.split(separator: "⏎").map { String($0) }
    #expect(drawn.first == "downloading http://127.0.0.1…/train_catvnoncat.h5", "\(drawn)")
    #expect(drawn.last == "downloaded …catvnoncat.h5: 9.9 MB / 9.9 MB (100%)\n", "\(drawn)")
    let g = Fixture()
    let piped = DownloadDisplay(console: g.console(terminal: false), clock: { g.now })
    for report in Self.download(url) { piped.progress(report) }
    #expect(g.output.hasSuffix("downloaded \(url): 9.9 MB / 9.9 MB (100%)\n"), "\(g.output)")
  }

  static func progress(done: Int, running: Int, elapsed: Double) -> SweepEvent {
    .progress(
      SweepProgress(
        total: 12, done: done, running: running, failed: 0, elapsed: elapsed,
        eta: done == 0 ? nil : elapsed * Double(12 - done) / Double(done)))
  }

  @Test func sweepLineShowsANewRunningCountAtOnce() {
    // All within one tenth of a second: the first line, then each change of the counts is
    // drawn; the same counts again are not.
    let f = Fixture()
    let display = SweepProgressDisplay(console: f.console(terminal: true), clock: { f.now })
    let observe = display.observer
    observe(Self.progress(done: 0, running: 2, elapsed: 0))
    observe(Self.progress(done: 0, running: 2, elapsed: 0.01))
    observe(Self.progress(done: 1, running: 2, elapsed: 3))
    observe(Self.progress(done: 1, running: 2, elapsed: 3.01))
    observe(Self.progress(done: 11, running: 1, elapsed: 30))
    #expect(
      f.output == """
        ⏎: 0/12 done, 2 running, 0 failed, 0ms elapsed, ETA …\
        ⏎: 1/12 done, 2 running, 0 failed, 3s elapsed, ETA 33s\
        ⏎: 11/12 done, 1 running, 0 failed, 30s elapsed, ETA 3s
        """)
  }

  /// The first Ctrl-C says how many trials it waits for, from the display's latest count; when
  /// none is left (the sweep is writing its summary) it says so instead of "waiting".
  @Test func firstCtrlCSaysHowManyTrialsItWaitsFor() {
    let f = Fixture()
    let display = SweepProgressDisplay(console: f.console(terminal: false), clock: { f.now })
    #expect(display.runningTrials == 0)
    display.observer(Self.progress(done: 3, running: 2, elapsed: 5))
    #expect(display.runningTrials == 2)
    #expect(
      InterruptHandler.firstInterruptText(running: display.runningTrials).contains(
        "waiting for the 2 running trials (Ctrl-C again to stop now)"))
    display.observer(Self.progress(done: 12, running: 0, elapsed: 9))
    let last = InterruptHandler.firstInterruptText(running: display.runningTrials)
    #expect(last.contains("no trial is running; the sweep writes its summary and stops"))
    #expect(!last.contains("waiting"))
  }

  /// A run of days piped into a CI log: a line once the log has been quiet for 10 s, then for a
  /// tenth of the time spent (at most 5 minutes), a recorded row when one is new, else the step;
  /// the tenth-of-the-run lines alone said nothing for hours.
  @Test func pipedLongRunSpeaksAfterAQuietWhile() {
    let f = Fixture()
    let renderer = ProgressRenderer(console: f.console(terminal: false), clock: { f.now })
    let observe = renderer.observer
    let total = 1_000_000_000
    func recorded(_ step: Int, _ loss: Double) -> RunEvent {
      .recorded(
        RecordedFigures(
          step: step, unit: "epoch", fraction: Double(step) / Double(total),
          figures: [.init(name: "train_loss", value: loss)]))
    }
    observe(.started(name: "long", totalSteps: total, unit: "epoch"))
    observe(recorded(0, 0.693147))  // the first tenth's row: a line
    f.set(4)
    observe(.progress(step: 400, total: total))  // quiet for 4 s: nothing
    f.set(10)
    observe(.progress(step: 1000, total: total))  // quiet for 10 s: a step line
    f.set(15)
    observe(recorded(1500, 0.5))  // 5 s after the last line: nothing
    f.set(20)
    observe(recorded(2000, 0.4))  // 10 s: the row
    f.set(3000)
    observe(.progress(step: 300_000, total: total))  // a quiet hour: a line
    f.set(3200)
    observe(.progress(step: 320_000, total: total))  // 200 s < 300 s (a tenth of 3200 s)
    f.set(3300)
    observe(.progress(step: 330_000, total: total))  // 300 s: a line
    #expect(
      f.output == """
        long: training for 1000000000 epochs
        long: train_loss 0.693147 at epoch 0 · 0ms elapsed, ETA …
        long: epoch 1000/1000000000 (0%) · 10s elapsed, ETA 115d17h
        long: train_loss 0.4 at epoch 2000 · 20s elapsed, ETA 115d17h
        long: epoch 300000/1000000000 (0%) · 50m00s elapsed, ETA 115d16h
        long: epoch 330000/1000000000 (0%) · 55m00s elapsed, ETA 115d16h

        """)
  }

  /// A piped sweep of long trials: a line once the log has been quiet too long, not only at
  /// each tenth of the trials done.
  @Test func pipedSweepLineSpeaksAfterAQuietWhile() {
    let f = Fixture()
    let display = SweepProgressDisplay(console: f.console(terminal: false), clock: { f.now })
    let observe = display.observer
    observe(Self.progress(done: 0, running: 2, elapsed: 0))
    f.set(5)
    observe(Self.progress(done: 0, running: 2, elapsed: 5))
    f.set(12)
    observe(Self.progress(done: 0, running: 2, elapsed: 12))
    #expect(
      f.output == """
        : 0/12 done, 2 running, 0 failed, 0ms elapsed, ETA …
        : 0/12 done, 2 running, 0 failed, 12s elapsed, ETA …

        """)
  }
}
