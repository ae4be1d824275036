import Foundation

/// The notes a run's observer reports, collected from whichever thread reports them.
final class RecordedNotes: @unchecked Sendable {
  private let lock = NSLock()
  private var texts: [String] = []
  func append(_ text: String) { lock.withLock { texts.append(text) } }
  var all: [String] { lock.withLock { texts } }
}
