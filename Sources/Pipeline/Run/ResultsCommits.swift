import Foundation

/// The results folder this process committed last, so that Ctrl-C can tell what was saved. A
/// commit (a results folder swapped into place, the previous one retired) runs under one lock:
/// an interrupt waits for a commit under way to finish, and no commit starts after it.
public final class ResultsCommits: @unchecked Sendable {
  /// The process's record.
  public static let shared = ResultsCommits()

  private let lock = NSLock()
  private var last: String?

  /// Runs `commit`, which puts `folder` in place, whole, before an interrupt can end the
  /// process; records the folder once it is in place (not when `commit` throws).
  func committing<T, Failure: Error>(_ folder: URL, _ commit: () throws(Failure) -> T)
    throws(Failure) -> T
  {
    lock.lock()
    Thread.current.threadDictionary[Self.committingKey] = true
    defer {
      Thread.current.threadDictionary[Self.committingKey] = nil
      lock.unlock()
    }
    let result = try commit()
    last = folder.path
    return result
  }

  /// Whether the calling thread is inside `committing` (an interrupt then waits for it).
  static var isCommittingOnThisThread: Bool {
    Thread.current.threadDictionary[committingKey] != nil
  }

  private static let committingKey = "runner.ResultsCommits.committing"

  /// For an interrupt about to end the process: waits for a commit under way, then returns the
  /// folder committed last (nil: none yet). The lock stays taken, so no commit starts after
  /// this (the process exits before it could finish).
  public func interrupt() -> String? {
    waiting.withLock { interruptWaits = true }
    lock.lock()
    return last
  }

  private let waiting = NSLock()
  private var interruptWaits = false

  /// Whether an interrupt has called `interrupt` (it then waits for the commit under way).
  var interruptIsWaiting: Bool { waiting.withLock { interruptWaits } }
}
