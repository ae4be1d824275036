import Foundation
import Testing

@testable import Pipeline

/// Two sweeps of one spec at once (tester AB1): a trial the other process finished while this
/// one waited for it is taken as it is, and reported as done by another process, not as a trial
/// this one ran `ok`, so each log counts each trial once.
@Suite(.serialized) struct SweepTakenTrialTests {
  @Test func aTrialAnotherProcessFinishedIsReportedAsTakenNotRun() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("linear-grid.yaml")
    // The other process's results, made beforehand.
    let other = root.appendingPathComponent("other")
    let made = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: other))
    let here = root.appendingPathComponent("here")
    let (locked, lock) = try SweepLockWaitTests.lockFirstTrial(spec, root: here)
    let source = URL(fileURLWithPath: made.directory).appendingPathComponent(locked)
    let clock = SweepLockWaitTests.Clock()
    var options = SweepFixture.options(root: here)
    options.clock = { clock.now() }
    let events = SweepLockWaitTests.Events()
    let outcome = try SweepRunner.run(specPath: spec, options: options) { event in
      events.add(event)
      // The holder finishes the trial while this sweep waits for it, then lets go.
      if case .waiting(let trial, _, _, _) = event, trial == locked, lock.isHeld {
        let folder = URL(
          fileURLWithPath: made.directory.replacingOccurrences(
            of: other.path, with: here.path)
        ).appendingPathComponent(locked)
        try? FileManager.default.copyItem(at: source, to: folder)
        lock.release()
      }
    }
    #expect(outcome.finished.count == 5 && outcome.skipped == 1, "\(outcome)")
    #expect(!events.finished.contains(locked), "\(events.finished)")
    #expect(events.finished.count == 5)
    #expect(events.taken == [locked])
    #expect(
      SweepText.takenLine(locked) == "trial \(locked) done by another process (not run here)")
  }
}
