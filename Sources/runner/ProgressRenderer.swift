import Foundation
import Pipeline

/// Renders `RunEvent`s. On a terminal, one line redrawn in place at most 10 times a second: a
/// bar, the step, elapsed time and ETA, and the latest recorded figures with the step they were
/// measured at. Otherwise plain lines: each recorded row at most every tenth of the run, and a
/// step line when a tenth passes without one, each with elapsed time and ETA; and, between
/// tenths, the next row or step once the log has been quiet for `ProgressText.quietInterval`
/// (10 s at first, at most 5 minutes). A loss is never shown beside another step's count.
final class ProgressRenderer: @unchecked Sendable {
  private let console: Console
  private let clock: @Sendable () -> Date
  private let lock = NSLock()
  private var status: StatusLine
  private var name = ""
  private var unit = "step"
  private var started = Date()
  private var latest: RecordedFigures?
  private var lastRecordTenth = -1
  /// Where in the run the last printed row was measured (0 before any).
  private var lastRecordFraction = 0.0
  private var lastStepTenth = -1
  /// Where the ETA's pace is measured from: the end of the evaluation at step 0 (of the whole
  /// training and held-out sets, a minute on a wide MNIST model, which no step repeats).
  private var pace = (elapsed: 0.0, fraction: 0.0)
  /// Whether the run started and its evaluation at step 0 has not ended: the one long quiet a
  /// run has before its first step (minutes on a wide model), which `tick()` fills.
  private var firstEvaluation = false
  /// The timer calling `tick()` (`startTicking()`), cancelled by `finish()`.
  private var ticker: DispatchSourceTimer?
  /// Since the last progress line was printed (piped output).
  private var quiet = QuietTimer(started: Date())

  init(console: Console, clock: @escaping @Sendable () -> Date = { Date() }) {
    self.console = console
    self.clock = clock
    status = StatusLine(console: console, clock: clock)
  }

  var observer: RunObserver { { [self] event in handle(event) } }

  private func handle(_ event: RunEvent) {
    lock.lock()
    defer { lock.unlock() }
    switch event {
    case .started(let n, let total, let u):
      (name, unit, started, latest) = (n, u, clock(), nil)
      (lastRecordTenth, lastStepTenth, quiet) = (-1, -1, QuietTimer(started: started))
      lastRecordFraction = 0
      pace = (0, 0)
      firstEvaluation = u != "exact solve"
      status.reset()
      status.print(
        u == "exact solve"
          ? "\(console.bold(n)): solving the least-squares problem exactly"
          : "\(console.bold(n)): training for \(total) \(u)s")
    case .progress(let step, let total):
      firstEvaluation = false
      let fraction = total > 0 ? Double(step) / Double(total) : 1
      let time = ProgressText.clock(
        elapsed: clock().timeIntervalSince(started), fraction: fraction, pace: pace)
      if console.stderrIsTerminal {
        status.show(terminalLine(step: step, total: total, time: time), done: step, total: total)
      } else {
        let tenth = Int(10 * fraction)
        // A step line only when the last row printed was measured over a tenth of the run ago
        // (a row at step 0 leaves the 10% line; one at 10% leaves 20%'s, which its next row
        // takes), or the log was quiet for too long. In whole steps: fractions are not exact.
        let rowStep = Int((lastRecordFraction * Double(total)).rounded())
        guard
          tenth > lastStepTenth && (10 * (step - rowStep) > total || step >= total)
            || quiet.due(clock())
        else { return }
        lastStepTenth = max(lastStepTenth, tenth)
        quiet.printed(clock())
        status.print("\(name): \(unit) \(step)/\(total) (\(Int(100 * fraction))%) · \(time)")
      }
    case .recorded(let figures):
      latest = figures
      firstEvaluation = false
      if figures.fraction == 0 { pace = (clock().timeIntervalSince(started), 0) }
      guard !console.stderrIsTerminal else { return }
      let tenth = Int(10 * figures.fraction)
      guard tenth > lastRecordTenth || quiet.due(clock()) else { return }
      lastRecordTenth = max(lastRecordTenth, tenth)
      lastRecordFraction = figures.fraction
      lastStepTenth = max(lastStepTenth, tenth)
      quiet.printed(clock())
      // The exact solver records its solution once: the work is done, no ETA.
      let time = ProgressText.clock(
        elapsed: clock().timeIntervalSince(started),
        fraction: unit == "exact solve" ? 1 : figures.fraction, pace: pace)
      status.print("\(name): \(ProgressText.figures(figures)) · \(time)")
    case .note(let text):
      status.print(text)
    case .warning(let diagnostic):
      status.print(diagnostic.description)
    case .download(let progress):
      status.show(progress)
    }
  }

  /// The terminal's line: the name, a bar, the step, the elapsed time and ETA, and the latest
  /// row's figures, within the terminal's width (one column left free). The step, time and
  /// ETA always show whole: the figures are left out when they do not fit whole, and the bar
  /// narrows (from 30 cells to 10, then none) before anything is cut (tester BP-6: on 80
  /// columns the cut fell inside the ETA, `ETA 95…` for 950 ms).
  private func terminalLine(step: Int, total: Int, time: String) -> String {
    let width = (console.width() ?? Int.max) - 1
    let counts = "\(unit) \(step)/\(total) · \(time)"
    let figures = latest.map { " · " + ProgressText.figures($0) } ?? ""
    func line(bar cells: Int, figures: String) -> String {
      let bar = cells > 0 ? ProgressText.bar(done: step, total: total, width: cells) + " " : ""
      return "\(name) \(bar)\(counts)\(figures)"
    }
    let fixed = name.count + counts.count + 2
    if fixed + 10 + figures.count <= width {
      return line(bar: min(30, width - fixed - figures.count), figures: figures)
    }
    return line(bar: width - fixed >= 10 ? min(30, width - fixed) : 0, figures: "")
  }

  /// Calls `tick()` every second until `finish()`.
  func startTicking() {
    let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
    timer.schedule(deadline: .now() + 1, repeating: 1)
    timer.setEventHandler { [weak self] in self?.tick() }
    timer.resume()
    lock.withLock { ticker = timer }
  }

  /// Called every second (`startTicking()`): while the evaluation at step 0 runs, piped
  /// output gets a line once the log has been quiet for `ProgressText.quietInterval`, and a
  /// terminal's line shows the time spent, so a long evaluation is not taken for a hang.
  func tick() {
    lock.lock()
    defer { lock.unlock() }
    guard firstEvaluation else { return }
    let now = clock()
    let text =
      "\(name): evaluating the starting model (\(unit) 0) · "
      + "\(ProgressText.duration(now.timeIntervalSince(started))) elapsed"
    if console.stderrIsTerminal {
      status.show(text, done: 0, total: 1)
    } else if quiet.due(now) {
      quiet.printed(now)
      status.print(text)
    }
  }

  /// Ends an open progress line (before printing an error).
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    ticker?.cancel()
    ticker = nil
    firstEvaluation = false
    status.end()
  }
}
