#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif
import Foundation
import Pipeline

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

/// Renders `RunEvent`s: on a terminal, one progress line redrawn in place at most 10 times a
/// second; otherwise a plain line every 10% of the run.
final class ProgressRenderer: @unchecked Sendable {
  private let console: Console
  private let lock = NSLock()
  private var status: StatusLine
  private var name = ""
  private var unit = "step"

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
      name = n
      unit = u
      status.reset()
      status.print("\(console.bold(n)): training for \(total) \(u)s")
    case .progress(let step, let total, let loss):
      let lossText = String(format: "%.6f", loss)
      var line = "\(name): \(unit) \(step)/\(total) loss \(lossText)"
      if console.stderrIsTerminal {
        let width = 30
        let filled = total > 0 ? width * step / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        line = "\(name) \(bar) \(unit) \(step)/\(total) loss \(lossText)"
      }
      status.show(line, done: step, total: total)
    case .note(let text):
      status.print(text)
    }
  }

  /// Ends an open progress line (before printing an error).
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    status.end()
  }
}
