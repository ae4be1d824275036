import Foundation

/// Lines said once, whichever thread or trial gives them first.
final class SaidOnce: @unchecked Sendable {
  private let lock = NSLock()
  private var said: Set<String> = []

  /// An empty record: nothing said yet.
  init() {}

  /// True the first time `line` is given, false after.
  func first(_ line: String) -> Bool {
    lock.withLock { said.insert(line).inserted }
  }
}
