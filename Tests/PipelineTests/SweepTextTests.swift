import Foundation
import Pipeline
import Testing

@Suite struct SweepTextTests {
  @Test func durations() {
    #expect(ProgressText.duration(0.25) == "250ms")
    #expect(ProgressText.duration(12.4) == "12s")
    #expect(ProgressText.duration(185) == "3m05s")
    #expect(ProgressText.duration(7620) == "2h07m")
    #expect(ProgressText.duration(.infinity) == "?")
  }

  @Test func progressLineShowsCountsAndETA() {
    let line = SweepText.progressLine(
      SweepProgress(total: 24, done: 9, running: 2, failed: 1, elapsed: 4.2, eta: 7))
    #expect(line == "9/24 done, 2 running, 1 failed, 4s elapsed, ETA 7s")
    #expect(
      SweepText.progressLine(
        SweepProgress(total: 3, done: 0, running: 1, failed: 0, elapsed: 0.1, eta: nil)
      ).hasSuffix("ETA …"))
  }

  @Test func etaScalesElapsedTimeByTheWorkLeft() throws {
    // 2 finished and 2 halfway after 6 s: 3 units of 8 done, 5 left → 10 s.
    #expect(SweepProgress.estimate(total: 8, finished: 2, runningFraction: 1, elapsed: 6) == 10)
    #expect(SweepProgress.estimate(total: 8, finished: 0, runningFraction: 0, elapsed: 6) == nil)
    #expect(SweepProgress.estimate(total: 8, finished: 8, runningFraction: 0, elapsed: 6) == 0)
  }

  @Test func listingShowsEveryTrialItsValuesAndTheCost() throws {
    let root = SweepFixture.temporaryDirectory()
    let spec = SweepFixture.spec("diverging.yaml")
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let preview = try SweepRunner.preview(
      specPath: spec, options: SweepFixture.options(root: root, retryFailed: false))
    let text = SweepText.listing(preview)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[0].hasPrefix("trial") && lines[0].contains("optimizer.learning_rate"))
    for trial in preview.trials { #expect(text.contains(trial.id)) }
    #expect(lines.contains { $0.hasPrefix("failed ") && $0.contains("diverged") })
    #expect(text.contains("0 to run, 2 already done, 1 failed before"))
    #expect(text.contains("measured on this sweep's finished trials"))
  }
}
