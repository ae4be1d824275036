import Foundation
import Synchronization

/// Progress of a long analysis (bootstrap rounds) as occasional notes: "cat: bootstrap round
/// 120/200", at most one every `interval` seconds, so quick analyses print nothing extra.
final class ProgressNotes: Sendable {
  let what: String
  let total: Int
  let interval: TimeInterval
  let observer: RunObserver
  private let lastNote = Mutex(Date())

  init(what: String, total: Int, observer: @escaping RunObserver, interval: TimeInterval = 5) {
    self.what = what
    self.total = total
    self.observer = observer
    self.interval = interval
  }

  /// Called with the number of finished jobs (from any thread).
  var report: @Sendable (Int) -> Void {
    { [self] done in
      let due = lastNote.withLock { last -> Bool in
        let now = Date()
        guard now.timeIntervalSince(last) >= interval else { return false }
        last = now
        return true
      }
      if due { observer(.note("\(what) \(done)/\(total)")) }
    }
  }
}
