import Datasets
import Foundation

extension StatusLine {
  /// Shows a download's progress, as every command that downloads draws it (`data fetch`,
  /// `data show`, `data split`, `data export`, `run`, `sweep`, `predict`): on a terminal one
  /// line redrawn in place (its URL shortened to fit the width, at most 10 times a second), the
  /// finished file's line kept; otherwise a line as each file starts and one as it ends, and
  /// between them only once the log has been quiet a while (a slow mirror is seen working).
  mutating func show(_ progress: DownloadProgress) {
    let starting = progress.received == 0 && !progress.finished
    if starting { reset() }
    let done =
      progress.finished ? 100 : console.stderrIsTerminal ? min(progress.percent ?? 0, 99) : 0
    // On a terminal the URL gives way before the size and percentage (the clip cut them off).
    let text = progress.description(fitting: console.stderrIsTerminal ? console.width() : nil)
    show(text, done: done, total: 100, force: starting || progress.finished)
    if progress.finished { reset() }
  }
}

/// The download line of a command that draws nothing else (`runner data …`, `predict`): the
/// `StatusLine` rendering of `show(_:)`, called from any thread.
final class DownloadDisplay: @unchecked Sendable {
  private let lock = NSLock()
  private var status: StatusLine

  init(console: Console, clock: @escaping @Sendable () -> Date = { Date() }) {
    status = StatusLine(console: console, clock: clock)
  }

  /// The handler a fetcher calls with each download's progress.
  var progress: @Sendable (DownloadProgress) -> Void {
    { [self] progress in lock.withLock { status.show(progress) } }
  }

  /// Ends a line left open (a download that failed), before an error is printed.
  func end() { lock.withLock { status.end() } }
}
