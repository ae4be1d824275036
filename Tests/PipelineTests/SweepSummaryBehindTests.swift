import Foundation
import Reports
import Testing

@testable import Pipeline

/// A sweep stopped (a full disk) whose `summary.csv` could not be rewritten from the trials
/// kept says so, and how to update it (tester V9: 7 rows for 11 trials kept, nothing said).
@Suite struct SweepSummaryBehindTests {
  @Test func aStopWithAnOldSummarySaysWhatItLacks() {
    let stop = SweepError.aborted(
      trial: "5a2f3a152e83",
      .unsaved(
        .cannotWrite(path: "/r/s/5a2f3a152e83/report.html", reason: "No space left on device"),
        folder: "/r/s/5a2f3a152e83"))
    let error = SweepError.summaryBehind(
      stop, summary: "/r/s/summary.csv", listed: 7, complete: 11)
    #expect(error.exitCode == stop.exitCode)
    #expect(error.diagnostics == nil)
    #expect(
      error.description
        == "error: trial 5a2f3a152e83 stopped the sweep: cannot write "
        + "/r/s/5a2f3a152e83/report.html: No space left on device (this trial was not saved); "
        + "the trials completed are kept: make room or fix the folder, then run the same "
        + "command again to resume\nnote: /r/s/summary.csv could not be rewritten when the sweep "
        + "stopped: it lists 7 rows for the 11 complete trials kept (the 4 that finished last "
        + "are missing), and the sweep's report is as old; run the same command again to "
        + "resume, which rewrites both")
    let one = SweepError.summaryBehind(stop, summary: "/r/s/summary.csv", listed: 1, complete: 2)
    #expect(
      one.description.contains(
        "it lists 1 row for the 2 complete trials kept (the 1 that finished last is missing)"))
  }
}
