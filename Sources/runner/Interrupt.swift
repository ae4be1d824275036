import Conventions
import Foundation
import Pipeline

/// Ctrl-C's and SIGTERM's handling in `run` and `sweep`: the handlers that replace the signals'
/// default action (a silent exit leaving lock files), and the steps that end the process.
enum Interrupt {
  nonisolated(unsafe) private static var sources: [Int32: DispatchSourceSignal] = [:]

  /// Runs `handler` (on a global queue) at each signal `number` (SIGINT: Ctrl-C) for the rest of
  /// the process, in place of the default action. Once per signal: a second call replaces it.
  /// A signal ignored when the process started stays ignored, as shells and Python leave it
  /// (`cmd &` in a script starts `cmd` with SIGINT ignored, so a Ctrl-C meant for the script
  /// does not stop it).
  static func install(_ number: Int32 = SIGINT, _ handler: @escaping @Sendable () -> Void) {
    if sources[number] == nil, isIgnored(number) { return }
    signal(number, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
    source.setEventHandler(handler: handler)
    source.resume()
    sources[number] = source
  }

  /// Whether signal `number`'s action is to ignore it (read without changing it).
  private static func isIgnored(_ number: Int32) -> Bool {
    var action = sigaction()
    return sigaction(number, nil, &action) == 0
      && unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
        == unsafeBitCast(SIG_IGN, to: Int.self)
  }

  /// Ends the process: waits for a results commit under way (none starts after it), removes
  /// the lock files held, says `message` of the folder committed last (nil: none) and exits
  /// with `status`. `_exit`, not `exit`: running atexit handlers and destructors while other
  /// threads still use them crashed the process; every committed folder is already whole.
  static func end(
    console: Console, status: ExitStatus = .interrupted, _ message: (String?) -> String
  ) -> Never {
    let saved = ResultsCommits.shared.interrupt()
    FolderLock.removeHeldFilesForExit()
    console.error(message(saved))
    _exit(status.rawValue)
  }
}
