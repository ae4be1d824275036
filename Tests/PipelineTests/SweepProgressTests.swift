import Foundation
import Pipeline
import Testing

/// A sweep's progress events: with two jobs, two trials are counted as running whenever two
/// are left, also between one trial's end and the next one's start; elapsed time comes from
/// the injected clock.
@Suite struct SweepProgressTests {
  /// Collects the progress events.
  final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [SweepProgress] = []
    func add(_ p: SweepProgress) { lock.withLock { events.append(p) } }
    var all: [SweepProgress] { lock.withLock { events } }
  }

  /// The start time on the first reading, five seconds later on every other.
  final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var readings = 0
    let origin = Date(timeIntervalSince1970: 2_000_000)
    func now() -> Date {
      lock.withLock {
        readings += 1
        return origin.addingTimeInterval(readings == 1 ? 0 : 5)
      }
    }
  }

  @Test func runningCountIsExactWithTwoJobs() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let recorder = Recorder()
    let clock = Clock()
    var options = SweepFixture.options(root: root, jobs: 2)
    options.clock = { clock.now() }
    let outcome = try SweepRunner.run(
      specPath: SweepFixture.spec("linear-grid.yaml"), options: options
    ) { event in
      if case .progress(let p) = event { recorder.add(p) }
    }
    #expect(outcome.finished.count == 6)
    let events = recorder.all
    #expect(events.count >= 7, "a start event and one per finished trial at least")
    for p in events {
      #expect(p.total == 6)
      #expect(p.running == min(2, p.total - p.done), "\(p)")
      #expect(p.elapsed == 5)
    }
    #expect(events.first?.running == 2 && events.first?.done == 0)
    #expect(events.last?.done == 6 && events.last?.running == 0)
    // Events arrive in the order their counts were taken.
    #expect(events.map(\.done) == events.map(\.done).sorted())
  }
}
