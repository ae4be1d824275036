import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// Terminal output: progress and diagnostics on stderr, results on stdout; colour only on a
/// terminal, and never with `NO_COLOR` set or `--color never`.
struct Console: Sendable {
  enum ColorChoice: String, Sendable { case auto, always, never }

  let stderrIsTerminal: Bool
  let useColor: Bool

  init(color: ColorChoice = .auto) {
    stderrIsTerminal = isatty(STDERR_FILENO) == 1
    switch color {
    case .always: useColor = true
    case .never: useColor = false
    case .auto:
      useColor = stderrIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
  }

  /// Writes to standard error.
  func error(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }

  /// Writes to standard output.
  func out(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }

  /// `text` in bold red when colour is on.
  func red(_ text: String) -> String { useColor ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text }
  /// `text` in bold when colour is on.
  func bold(_ text: String) -> String { useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}

/// One status line on stderr: redrawn in place on a terminal (at most 10 times a second), a
/// plain line at each tenth of the work otherwise. Not thread-safe: its owner serializes calls.
struct StatusLine {
  let console: Console
  private var lineOpen = false
  private var lastDraw = Date.distantPast
  private var lastTenth = -1

  init(console: Console) { self.console = console }

  /// Starts counting tenths anew (a new run).
  mutating func reset() { lastTenth = -1 }

  /// Shows `text` as the status of `done` of `total`; on a terminal the finished line stays.
  mutating func show(_ text: String, done: Int, total: Int) {
    if console.stderrIsTerminal {
      let now = Date()
      guard done >= total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
      lastDraw = now
      FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)".utf8))
      lineOpen = true
      if done >= total { end() }
    } else {
      let tenth = total > 0 ? 10 * done / total : 10
      guard tenth > lastTenth else { return }
      lastTenth = tenth
      console.error(text)
    }
  }

  /// A line of its own, ending an open status line first.
  mutating func print(_ text: String) {
    end()
    console.error(text)
  }

  /// Ends an open status line.
  mutating func end() {
    if lineOpen {
      FileHandle.standardError.write(Data("\n".utf8))
      lineOpen = false
    }
  }
}

/// Renders `RunEvent`s. On a terminal, one line redrawn in place at most 10 times a second: a
/// bar, the step, elapsed time and ETA, and the latest recorded figures with the step they were
/// measured at. Otherwise plain lines: each recorded row at most every tenth of the run, and a
/// step line when a tenth passes without one. A loss is never shown beside another step's count.
final class ProgressRenderer: @unchecked Sendable {
  private let console: Console
  private let lock = NSLock()
  private var status: StatusLine
  private var name = ""
  private var unit = "step"
  private var started = Date()
  private var latest: RecordedFigures?
  private var lastRecordTenth = -1
  private var lastStepTenth = -1

  init(console: Console) {
    self.console = console
    status = StatusLine(console: console)
  }

  var observer: RunObserver { { [self] event in handle(event) } }

  private func handle(_ event: RunEvent) {
    lock.lock()
    defer { lock.unlock() }
    switch event {
    case .started(let n, let total, let u):
      (name, unit, started, latest) = (n, u, Date(), nil)
      (lastRecordTenth, lastStepTenth) = (-1, -1)
      status.reset()
      status.print(
        u == "exact solve"
          ? "\(console.bold(n)): solving the least-squares problem exactly"
          : "\(console.bold(n)): training for \(total) \(u)s")
    case .progress(let step, let total):
      let fraction = total > 0 ? Double(step) / Double(total) : 1
      let clock = Self.clock(elapsed: Date().timeIntervalSince(started), fraction: fraction)
      if console.stderrIsTerminal {
        let width = 30
        let filled = total > 0 ? min(width, width * step / total) : width
        let bar =
          String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let figures = latest.map { " · " + Self.text($0) } ?? ""
        status.show(
          "\(name) \(bar) \(unit) \(step)/\(total) · \(clock)\(figures)", done: step, total: total)
      } else {
        let tenth = Int(10 * fraction)
        // A step line only when no recorded row was printed in the last tenth.
        guard tenth > lastStepTenth, tenth - lastRecordTenth >= 2 || step >= total else { return }
        lastStepTenth = tenth
        status.print("\(name): \(unit) \(step)/\(total) (\(Int(100 * fraction))%) · \(clock)")
      }
    case .recorded(let figures):
      latest = figures
      guard !console.stderrIsTerminal else { return }
      let tenth = Int(10 * figures.fraction)
      guard tenth > lastRecordTenth else { return }
      lastRecordTenth = tenth
      lastStepTenth = max(lastStepTenth, tenth)
      let clock = Self.clock(elapsed: Date().timeIntervalSince(started), fraction: figures.fraction)
      status.print("\(name): \(Self.text(figures)) · \(clock)")
    case .note(let text):
      status.print(text)
    }
  }

  /// `train_loss 0.466949, train_accuracy 0.9234 at iteration 200`.
  static func text(_ recorded: RecordedFigures) -> String {
    let values = recorded.figures.map { "\($0.name) \(String(format: "%.6g", $0.value))" }
    return values.joined(separator: ", ") + " at \(recorded.unit) \(recorded.step)"
  }

  /// `1.2 s, ETA 8.3 s` (no ETA before any progress).
  static func clock(elapsed: Double, fraction: Double) -> String {
    let spent = duration(elapsed)
    guard fraction > 0, fraction < 1 else { return spent }
    return "\(spent), ETA \(duration(elapsed * (1 - fraction) / fraction))"
  }

  private static func duration(_ seconds: Double) -> String {
    if seconds < 60 { return String(format: "%.1f s", seconds) }
    let whole = Int(seconds.rounded())
    return whole < 3600
      ? String(format: "%d:%02d", whole / 60, whole % 60)
      : String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
  }

  /// Ends an open progress line (before printing an error).
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    status.end()
  }
}
