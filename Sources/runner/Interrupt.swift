import Conventions
import Foundation
import Pipeline
import Reports
import Synchronization

#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// Ctrl-C's and SIGTERM's handling in every command that writes files (`run`, `sweep`, `merge`,
/// `gate`, `report`, `export`, `compare`, `predict`, `data export`, and `data fetch`, `data show`
/// and `data split`, which download into the cache) or reads for long (`validate`, which says
/// it wrote nothing): the handlers that replace
/// the signals' default action (a silent exit leaving lock files and temporaries), and the steps
/// that end the process.
enum Interrupt {
  /// The signals that stop a command, each with its exit status and the word its line starts
  /// with: Ctrl-C, SIGTERM (a scheduler's or `timeout`'s stop) and SIGHUP (the terminal
  /// closed, an ssh session dropped), handled as SIGTERM.
  static let stops: [(signal: Int32, status: ExitStatus, word: String)] = [
    (SIGINT, .interrupted, "interrupted"), (SIGTERM, .terminated, "terminated"),
    (SIGHUP, .hungUp, "terminated"),
  ]

  /// Installs the stops (`stops`) of a command that writes its files whole and has nothing
  /// else to say: each ends the process (`end`: a commit under way finished, its temporaries
  /// and lock files removed) with the line `line(word)` (`word`: `interrupted`, `terminated`),
  /// with `--json` (`json`: the command's name) also as its JSON document.
  static func installStops(
    console: Console, json: String? = nil, _ line: @escaping @Sendable (String) -> String
  ) {
    for (signal, status, word) in stops {
      install(signal) {
        end(console: console, status: status, json: json) { _ in "\n" + line(word) }
      }
    }
  }

  /// The stops of a command that writes one file, `output` (`-`: standard output), whole: the
  /// line says it is as it was, or the whole new `what` (`export`) if it was being put in place.
  static func installStops(console: Console, output: String, what: String) {
    installStops(console: console) {
      output == "-"
        ? "\($0)"
        : "\($0): \(output) is as it was, or the whole new \(what) if it was being put in place; "
          + "nothing half-written is left"
    }
  }

  /// The signal handlers running now (each writing its byte to the pipe).
  private static let inFlight = Atomic<Int>(0)

  /// Called just before the process re-executes itself (`BLASKernelSetup`), where a caught
  /// signal's byte would be lost with the pipe: the stops get their default action back (the
  /// new process installs its own), and one caught before that is honoured, this waiting for the
  /// exit its handler makes.
  static func beforeExec() {
    guard signalPipe.read >= 0 else { return }
    for (number, _, _) in stops where lock.withLock({ handlers[number] != nil }) {
      var action = sigaction()
      action.handler = SIG_DFL
      sigemptyset(&action.sa_mask)
      sigaction(number, &action, nil)
    }
    // A handler started before its action changed has written its byte, or is about to.
    usleep(1000)
    while inFlight.load(ordering: .sequentiallyConsistent) > 0 { sched_yield() }
    guard lock.withLock({ handling || endingThread != nil || signalPending }) else { return }
    while true { pause() }
  }

  /// The handler of each caught signal.
  nonisolated(unsafe) private static var handlers: [Int32: @Sendable () -> Void] = [:]
  private static let lock = NSLock()
  /// The pipe a caught signal's number is written to (`write` is async-signal-safe); the
  /// listening thread reads it and runs the handlers, one at a time.
  nonisolated(unsafe) private static var signalPipe: (read: Int32, write: Int32) = (-1, -1)

  /// Runs `handler` (on the listening thread) at each signal `number` (SIGINT: Ctrl-C) for the
  /// rest of the process, in place of the default action. Once per signal: a second call
  /// replaces it. The signal's action is set before this returns, so no signal is lost (a
  /// dispatch signal source registers later, and one ignored in between was dropped).
  /// A signal ignored when the process started stays ignored, as shells and Python leave it
  /// (`cmd &` in a script starts `cmd` with SIGINT ignored, so a Ctrl-C meant for the script
  /// does not stop it).
  static func install(_ number: Int32 = SIGINT, _ handler: @escaping @Sendable () -> Void) {
    let first = lock.withLock { handlers[number] == nil }
    if first, isIgnored(number) { return }
    guard startListening() else { return }
    lock.withLock { handlers[number] = handler }
    _ = inFlight.load(ordering: .relaxed)
    var action = sigaction()
    action.handler = { number in
      Interrupt.inFlight.add(1, ordering: .sequentiallyConsistent)
      let saved = errno
      var byte = UInt8(truncatingIfNeeded: number)
      _ = write(Interrupt.signalPipe.write, &byte, 1)
      errno = saved
      Interrupt.inFlight.subtract(1, ordering: .sequentiallyConsistent)
    }
    action.sa_flags = SA_RESTART
    sigemptyset(&action.sa_mask)
    sigaction(number, &action, nil)
  }

  /// Makes the pipe (non-blocking: a full pipe drops a signal, never blocks in the handler) and
  /// starts the thread that reads it; false when there is no pipe (the signals then keep their
  /// default action). The thread waits for a byte, then reads it under the lock, so a signal is
  /// always either still in the pipe or taken by a handler (`finish` looks at both). Started
  /// by `Runner.main` under a `ulimit -v`, for every command (`install` then finds it).
  @discardableResult static func startListening() -> Bool {
    if signalPipe.read >= 0 { return true }
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return false }
    for end in ends {
      _ = fcntl(end, F_SETFD, FD_CLOEXEC)
      _ = fcntl(end, F_SETFL, O_NONBLOCK)
    }
    signalPipe = (ends[0], ends[1])
    let readEnd = ends[0]
    let thread = Thread {
      while true {
        var ready = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
        if poll(&ready, 1, -1) < 0 {
          // Interrupted, or out of resources for a moment: wait again (never stop listening,
          // or `finish` would wait for a byte no one takes).
          if errno != EINTR { usleep(10_000) }
          continue
        }
        let handler = lock.withLock { () -> (@Sendable () -> Void)? in
          var byte: UInt8 = 0
          guard read(readEnd, &byte, 1) == 1, !finished, let handler = handlers[Int32(byte)]
          else { return nil }
          handling = true
          return handler
        }
        handler?()
        lock.withLock { handling = false }
      }
    }
    thread.start()
    return true
  }

  /// Whether a caught signal waits in the pipe, not yet taken by the listening thread.
  private static var signalPending: Bool {
    guard signalPipe.read >= 0 else { return false }
    var ready = pollfd(fd: signalPipe.read, events: Int16(POLLIN), revents: 0)
    return poll(&ready, 1, 0) > 0
  }

  /// The thread running `end`, once it runs.
  nonisolated(unsafe) private static var endingThread: pthread_t?
  /// A handler runs (it may end the process, or return, as a sweep's first Ctrl-C does).
  nonisolated(unsafe) private static var handling = false
  /// The command has ended on its own (`finish`): a signal from then on changes nothing.
  nonisolated(unsafe) private static var finished = false

  /// Called as a command returns: waits for the exit when a handler is ending the process, or
  /// one is about to take a signal caught before this (Ctrl-C pressed as the run ended is
  /// honoured, exit 130), so that the two exits never race; otherwise no handler runs from now
  /// on, and the command ends on its own.
  static func finish() {
    while true {
      let busy = lock.withLock { () -> Bool in
        if handling || endingThread != nil || signalPending { return true }
        finished = true
        return false
      }
      guard busy else { return }
      // A handler runs: it ends the process (this thread is stopped with it) or returns.
      usleep(10_000)
    }
  }

  /// Waits for the exit when another thread is ending the process (`end`), and returns at once
  /// otherwise: what the rest of the command would still print (an error that the interrupt's
  /// removal of its work caused, a verdict on it) is never shown, and its own exit never races
  /// the interrupt's.
  static func waitIfEnding() {
    let other = lock.withLock { endingThread.map { pthread_equal($0, pthread_self()) == 0 } }
    guard other == true else { return }
    while true { pause() }
  }

  /// Whether signal `number`'s action is to ignore it (read without changing it).
  private static func isIgnored(_ number: Int32) -> Bool {
    var action = sigaction()
    return sigaction(number, nil, &action) == 0
      && unsafeBitCast(action.handler, to: Int.self)
        == unsafeBitCast(SIG_IGN, to: Int.self)
  }

  /// Ends the process: waits for a results commit under way (none starts after it), removes
  /// this process's staging folders and temporaries, the lock files held and the results
  /// folders it created that are still empty, says `message` of
  /// the folder committed last (nil: none), with `--json` (`json`: the command's name) also
  /// as `CommandJSON.stopped` on stdout, and exits with `status`. `_exit`, not `exit`:
  /// running atexit handlers and destructors while other threads still use them crashed the
  /// process; every committed folder is already whole.
  static func end(
    console: Console, status: ExitStatus = .interrupted, json: String? = nil,
    _ message: (String?) -> String
  ) -> Never {
    let saved = ResultsCommits.shared.interrupt()
    lock.withLock { endingThread = pthread_self() }
    // This process's staging folders and temporaries, as a write that fails removes them.
    OwnTemporaries.removeAllForExit()
    FolderLock.removeHeldFilesForExit()
    OwnTemporaries.removeEmptyFoldersForExit()
    let line = message(saved)
    console.error(line)
    if let json {
      let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
      console.out(
        CommandJSON.stopped(command: json, exitCode: status, message: text).portable.rendered)
    }
    _exit(status.rawValue)
  }
}

extension sigaction {
  /// The action's handler function (`sa_handler`, in a union named differently by glibc and
  /// Darwin).
  fileprivate var handler: (@convention(c) (Int32) -> Void)? {
    get {
      #if canImport(Glibc)
        __sigaction_handler.sa_handler
      #else
        __sigaction_u.__sa_handler
      #endif
    }
    set {
      #if canImport(Glibc)
        __sigaction_handler.sa_handler = newValue
      #else
        __sigaction_u.__sa_handler = newValue
      #endif
    }
  }
}
