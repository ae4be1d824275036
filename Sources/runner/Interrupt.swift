import Conventions
import Foundation
import Pipeline

/// Ctrl-C's handling in `run` and `sweep`: the handler that replaces SIGINT's default action,
/// and the steps that end the process.
enum Interrupt {
  nonisolated(unsafe) private static var source: DispatchSourceSignal?

  /// Runs `handler` (on a global queue) at each Ctrl-C for the rest of the process, in place of
  /// the default action (a silent exit). Once per process: a second call replaces the first.
  static func install(_ handler: @escaping @Sendable () -> Void) {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler(handler: handler)
    source.resume()
    Self.source = source
  }

  /// Ends the process: waits for a results commit under way (none starts after it), removes
  /// the lock files held, says `message` of the folder committed last (nil: none) and exits
  /// 130. `_exit`, not `exit`: running atexit handlers and destructors while other threads still
  /// use them crashed the process; every committed folder is already whole on disk.
  static func end(console: Console, _ message: (String?) -> String) -> Never {
    let saved = ResultsCommits.shared.interrupt()
    FolderLock.removeHeldFilesForExit()
    console.error(message(saved))
    _exit(ExitStatus.interrupted.rawValue)
  }
}
