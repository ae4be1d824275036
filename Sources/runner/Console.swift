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

/// Renders `RunEvent`s: on a terminal, one progress line redrawn in place at most 10 times a
/// second; otherwise a plain line every 10% of the run.
final class ProgressRenderer: @unchecked Sendable {
  private let console: Console
  private let lock = NSLock()
  private var lastDraw = Date.distantPast
  private var lastDecile = -1
  private var name = ""
  private var unit = "step"
  private var lineOpen = false

  init(console: Console) { self.console = console }

  var observer: RunObserver { { [self] event in handle(event) } }

  private func handle(_ event: RunEvent) {
    lock.lock()
    defer { lock.unlock() }
    switch event {
    case .started(let n, let total, let u):
      name = n
      unit = u
      lastDecile = -1
      console.error("\(console.bold(n)): training for \(total) \(u)s")
    case .progress(let step, let total, let loss):
      let lossText = String(format: "%.6f", loss)
      if console.stderrIsTerminal {
        let now = Date()
        guard step == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let width = 30
        let filled = total > 0 ? width * step / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(
          Data("\r\u{1B}[2K\(name) \(bar) \(unit) \(step)/\(total) loss \(lossText)".utf8))
        lineOpen = true
        if step == total {
          FileHandle.standardError.write(Data("\n".utf8))
          lineOpen = false
        }
      } else {
        let decile = total > 0 ? 10 * step / total : 10
        guard decile > lastDecile else { return }
        lastDecile = decile
        console.error("\(name): \(unit) \(step)/\(total) loss \(lossText)")
      }
    case .note(let text):
      if lineOpen {
        FileHandle.standardError.write(Data("\n".utf8))
        lineOpen = false
      }
      console.error(text)
    }
  }

  /// Ends an open progress line (before printing an error).
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if lineOpen {
      FileHandle.standardError.write(Data("\n".utf8))
      lineOpen = false
    }
  }
}
