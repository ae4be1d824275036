import Conventions
import Foundation
import Pipeline

/// Ctrl-C's and SIGTERM's handling in `runner gate`: the work folder goes, the lock files go,
/// and one line says what state the baselines are in. A record's moves run under the results
/// commits' lock, which the interrupt waits for, so no baseline is ever left moved aside.
final class GateInterrupt: @unchecked Sendable {
  private let gate: RegressionGate
  private let recording: Bool
  private let lock = NSLock()
  private var work: GateWorkFolder?
  private var recorded: [String] = []
  private var current: GateEntry?

  init(gate: RegressionGate, recording: Bool) {
    self.gate = gate
    self.recording = recording
  }

  /// Installs the handlers: exit 130 at Ctrl-C, 143 at SIGTERM, 129 at SIGHUP.
  func install(_ console: Console) {
    for (signal, status, word) in Interrupt.stops {
      Interrupt.install(signal) { [self] in
        Interrupt.end(console: console, status: status) { saved in
          removeWork()
          return "\n\(word): \(state(saved: saved))"
        }
      }
    }
  }

  /// Makes the work folder in `temporary`, under the lock the handler takes first: an interrupt
  /// meanwhile waits, then removes it.
  func makeWorkFolder(in temporary: URL) throws(GateError) -> GateWorkFolder {
    Interrupt.waitIfEnding()
    lock.lock()
    defer { lock.unlock() }
    let folder = try GateWorkFolder.create(in: temporary)
    work = folder
    return folder
  }

  /// Removes the work folder, once: the interrupt and the command's end both call this.
  func removeWork() {
    lock.withLock {
      work?.remove()
      work = nil
    }
  }

  /// `entry` is being recorded.
  func recordingStarted(_ entry: GateEntry) { lock.withLock { current = entry } }

  /// The entry being recorded is recorded.
  func recordingEnded() {
    lock.withLock {
      if let current { recorded.append(current.name) }
      current = nil
    }
  }

  /// The baselines' state, `saved` being the folder committed last (a baseline just recorded,
  /// before `recordingEnded` could say so).
  func state(saved: String?) -> String {
    guard recording else {
      return "a check records no baseline; run the gate again to check"
    }
    let (entry, recorded): (GateEntry?, [String]) = lock.withLock { (current, self.recorded) }
    var done = recorded
    if let entry, saved == gate.baseline(entry).path { done.append(entry.name) }
    var line =
      done.isEmpty
      ? "no baseline was recorded; each is as it was"
      : "recorded \(done.joined(separator: ", ")), each whole; the other baselines are as they "
        + "were (review git diff results/baseline)"
    // Stopped while copying the new baseline: the marked copy is the next gate's to remove.
    if let entry, !done.contains(entry.name) {
      let copy = gate.staging(entry)
      if FileManager.default.fileExists(atPath: copy.path) {
        line += "; the next gate removes the unfinished \(copy.path)"
      }
    }
    return line
  }
}
