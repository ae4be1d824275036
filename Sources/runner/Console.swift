import Conventions
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
  /// Where standard-error text goes (tests capture it).
  private let errorSink: @Sendable (String) -> Void
  /// The terminal's width now, in characters (nil: lines are not clipped).
  let width: @Sendable () -> Int?

  init(color: ColorChoice = .auto) {
    // A dumb terminal (Emacs's shell, some CI consoles) takes no escape codes: lines as in a log.
    stderrIsTerminal =
      isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    switch color {
    case .always: useColor = true
    case .never: useColor = false
    case .auto:
      useColor = stderrIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
    errorSink = { StandardStream.error($0) }
    width = { terminalWidth(of: STDERR_FILENO) }
  }

  /// A console that behaves as on a terminal `width` characters wide or not, whose
  /// standard-error text goes to `sink`.
  init(
    terminal: Bool, width: Int? = nil, color: Bool = false,
    sink: @escaping @Sendable (String) -> Void
  ) {
    stderrIsTerminal = terminal
    useColor = color
    errorSink = sink
    self.width = { width }
  }

  /// Writes a line to standard error (waits for the exit instead while an interrupt ends the
  /// process, as every write does: `Interrupt.waitIfEnding`).
  func error(_ text: String) {
    Interrupt.waitIfEnding()
    errorSink(text.hasSuffix("\n") ? text : text + "\n")
  }

  /// Writes `text` to standard error as it is (a status line redrawn in place).
  func errorRaw(_ text: String) {
    Interrupt.waitIfEnding()
    errorSink(text)
  }

  /// Writes to standard output. When it cannot be written (redirected to a full disk), says so
  /// on standard error and exits 73: the output is the command's product, so it must not end as
  /// if it were written. A reader that closed the pipe (`| head -1`) stopped reading on
  /// purpose: the command stops writing and exits 141 without a word, as a tool SIGPIPE ends.
  /// `kept` says what the command wrote before (`the run's results are complete in …`), so
  /// that the 73 is not taken for lost results.
  func out(_ text: String, kept: String? = nil) {
    Interrupt.waitIfEnding()
    guard let failure = StandardStream.out(text.hasSuffix("\n") ? text : text + "\n") else {
      return
    }
    if failure.readerGone { exit(ExitStatus.outputClosed.rawValue) }
    StandardStream.error(
      "error: cannot write the output (standard output): \(failure.reason)"
        + (kept.map { "; \($0): only this output is lost" } ?? "") + "\n")
    exit(ExitStatus.cannotCreate.rawValue)
  }

  /// `text` in bold red when colour is on.
  func red(_ text: String) -> String { useColor ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text }
  /// `text` in bold when colour is on.
  func bold(_ text: String) -> String { useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}

/// One status line on stderr: redrawn in place on a terminal (at most 10 times a second unless
/// forced), a plain line at each tenth of the work otherwise, and between tenths once the log has
/// been quiet for `ProgressText.quietInterval`. Not thread-safe: its owner serializes calls.
struct StatusLine {
  let console: Console
  private let clock: @Sendable () -> Date
  private var lineOpen = false
  private var lastDraw = Date.distantPast
  private var lastTenth = -1
  /// Since the first status of this work was shown (piped output).
  private var quiet: QuietTimer?

  init(console: Console, clock: @escaping @Sendable () -> Date = { Date() }) {
    self.console = console
    self.clock = clock
  }

  /// Starts counting tenths anew (a new run).
  mutating func reset() { (lastTenth, quiet) = (-1, nil) }

  /// Shows `text` as the status of `done` of `total`; on a terminal the finished line stays,
  /// and `force` redraws even within a tenth of a second of the last drawing.
  mutating func show(_ text: String, done: Int, total: Int, force: Bool = false) {
    if console.stderrIsTerminal {
      let now = clock()
      guard force || done >= total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
      lastDraw = now
      // Clipped to the terminal: a line that wraps leaves a row behind at every redraw.
      let width = console.width() ?? Int.max
      let shown = text.count < width ? text : String(text.prefix(max(width - 2, 1))) + "…"
      console.errorRaw("\r\u{1B}[2K\(shown)")
      lineOpen = true
      if done >= total { end() }
    } else {
      let tenth = total > 0 ? 10 * done / total : 10
      let now = clock()
      // The first status is always shown (its tenth is past -1), and starts the timer.
      var timer = quiet ?? QuietTimer(started: now)
      guard tenth > lastTenth || timer.due(now) && done < total else { return }
      timer.printed(now)
      (lastTenth, quiet) = (max(lastTenth, tenth), timer)
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
      console.errorRaw("\n")
      lineOpen = false
    }
  }
}

/// When a log that is not a terminal is due a progress line anyway: once it has been quiet for
/// `ProgressText.quietInterval` of the time since the work started.
struct QuietTimer {
  private let started: Date
  private var lastLine: Date

  /// A timer for work started at `started`, counting quiet from then.
  init(started: Date) { (self.started, lastLine) = (started, started) }

  /// Whether the log has been quiet long enough at `now`.
  func due(_ now: Date) -> Bool {
    now.timeIntervalSince(lastLine)
      >= ProgressText.quietInterval(elapsed: now.timeIntervalSince(started))
  }

  /// Notes a line printed at `now`.
  mutating func printed(_ now: Date) { lastLine = now }
}
