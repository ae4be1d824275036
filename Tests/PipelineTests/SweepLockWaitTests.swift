import Foundation
import Testing

@testable import Pipeline

/// A trial another process holds locked (tester B's B9: a sweep stopped with Ctrl-Z in another
/// terminal): the free trials run first, then the wait is counted as `waiting`, not running,
/// and said with the holder's pid; Ctrl-C ends the wait, the trial not started.
@Suite(.serialized) struct SweepLockWaitTests {
  /// A clock a second later at every reading, so that the waits' notices come at once.
  final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var readings = 0.0
    func now() -> Date {
      lock.withLock {
        readings += 1
        return Date(timeIntervalSince1970: 2_000_000 + readings)
      }
    }
  }

  /// What the sweep reported.
  final class Events: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [SweepEvent] = []
    func add(_ event: SweepEvent) { lock.withLock { all.append(event) } }
    var finished: [String] {
      lock.withLock {
        all.compactMap { if case .trialFinished(let s, _) = $0 { s.trial } else { nil } }
      }
    }
    /// The trials another process finished, taken as they are.
    var taken: [String] {
      lock.withLock { all.compactMap { if case .trialTaken(let s) = $0 { s.trial } else { nil } } }
    }
    var waits: [(trial: String, holder: Int32, stopped: Bool)] {
      lock.withLock {
        all.compactMap {
          if case .waiting(let trial, let holder, let stopped, _) = $0 {
            (trial, holder, stopped)
          } else {
            nil
          }
        }
      }
    }
    var progress: [SweepProgress] {
      lock.withLock { all.compactMap { if case .progress(let p) = $0 { p } else { nil } } }
    }
  }

  /// The first trial a one-job sweep would take, held locked as another process would hold it.
  static func lockFirstTrial(_ spec: String, root: URL) throws -> (String, FolderLock) {
    let preview = try SweepRunner.preview(specPath: spec, options: SweepFixture.options(root: root))
    let folder = URL(fileURLWithPath: preview.directory)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let first = preview.trials.map(\.id).sorted()[0]
    let lock = try FolderLock.acquire(SweepLayout(directory: folder).trialDirectory(first))
    #expect(lock.isHeld)
    return (first, lock)
  }

  @Test func freeTrialsRunFirstThenTheLockedOneIsWaitedForAndSaid() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("linear-grid.yaml")
    let (locked, lock) = try Self.lockFirstTrial(spec, root: root)
    let events = Events()
    let clock = Clock()
    var options = SweepFixture.options(root: root)
    options.clock = { clock.now() }
    let outcome = try SweepRunner.run(specPath: spec, options: options) { event in
      events.add(event)
      // The holder lets go once the waiting sweep has said what it waits for.
      if case .waiting = event { lock.release() }
    }
    #expect(outcome.finished.count == 6 && outcome.skipped == 0)
    #expect(events.finished.count == 6 && events.finished.last == locked, "\(events.finished)")
    let waits = events.waits
    #expect(waits.count == 1, "\(waits)")
    #expect(waits.first?.trial == locked && waits.first?.holder == getpid())
    #expect(waits.first?.stopped == false)
    #expect(events.progress.contains { $0.waiting == 1 && $0.running == 0 && $0.eta == nil })
    #expect(events.progress.allSatisfy { $0.running + $0.waiting <= 1 })
    #expect(
      SweepText.progressLine(
        SweepProgress(total: 6, done: 5, running: 0, failed: 0, elapsed: 9, eta: nil, waiting: 1))
        == "5/6 done, 0 running, 1 waiting, 0 failed, 9s elapsed, ETA …")
    #expect(
      SweepText.waitingLine(trial: locked, holder: 28233, stopped: true, seconds: 3)
        == "waiting for trial \(locked) (3s so far), locked by process 28233 (stopped; it goes on "
        + "when that process is resumed (fg, kill -CONT 28233) or ends)")
  }

  @Test func ctrlCEndsTheWaitAndTheTrialIsNotStarted() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("linear-grid.yaml")
    let (locked, lock) = try Self.lockFirstTrial(spec, root: root)
    defer { lock.release() }
    let cancellation = SweepCancellation()
    let clock = Clock()
    var options = SweepFixture.options(root: root, jobs: 2, cancellation: cancellation)
    options.clock = { clock.now() }
    let outcome = try SweepRunner.run(specPath: spec, options: options) { event in
      if case .waiting = event { cancellation.cancel() }
    }
    #expect(outcome.finished.count == 5 && outcome.notStarted == 1)
    #expect(!outcome.finished.contains { $0.trial == locked })
  }

  /// Said after 3 s, then as often as a quiet log's status line: 10 s apart at first, a tenth
  /// of the time waited later. A live process is not stopped; a stopped one is (the binary test).
  @Test func noticesComeAsAQuietLogsStatusLine() {
    let start = Date(timeIntervalSince1970: 0)
    var wait = TrialWait(started: start)
    let due = [1, 2.9, 3, 4, 12.9, 13, 22, 23, 120, 130, 134, 3000, 3200, 3300].filter {
      wait.noticeDue(start.addingTimeInterval($0))
    }
    #expect(due == [3, 13, 23, 120, 134, 3000, 3300])
    #expect(!TrialWait.isStopped(getpid()) && !TrialWait.isStopped(0))
  }
}
