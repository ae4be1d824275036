import Conventions
import Foundation
import Testing

@testable import Reports

/// The report of a sweep folder that a sweep is still writing is a snapshot, and says so in
/// report.md and report.html, never that the sweep stopped early (tester AY).
@Suite struct LiveSweepReportTests {
  /// A grid sweep of four trials, two of them complete.
  static func report(running: Int32?, bayes: Bool = false) throws -> ResultsReport {
    var report = ResultsReport(
      name: "sw",
      summary: try CSVTable(
        parsing: """
          trial,status,optimizer.learning_rate,dev_loss,reason
          a00000000001,ok,0.01,0.5,
          b00000000002,ok,0.1,0.4,

          """),
      plan: try CSVTable(
        parsing: """
          trial,optimizer.learning_rate
          a00000000001,0.01
          b00000000002,0.1
          c00000000003,0.3
          d00000000004,1

          """),
      sweepSettings: SweepSettings(objective: "dev_loss", goal: "min"))
    report.runningSweep = running
    if bayes {
      report.planGrows = true
      report.bayesBatches = try CSVTable(
        parsing: """
          batch,trial,sampler,settings
          0,a00000000001,random,f00d
          0,b00000000002,random,f00d
          1,c00000000003,tpe,f00d
          1,d00000000004,tpe,f00d

          """)
    }
    return report
  }

  @Test func aLiveSweepsReportIsASnapshot() throws {
    let report = try Self.report(running: 4242)
    let snapshot =
      "2 of 4 trials complete so far; 2 still to run: a snapshot taken while the sweep "
      + "writing this folder ran (pid 4242), which rewrites this report when it ends"
    for text in [report.markdown(plots: []), report.html(plots: [])] {
      #expect(text.contains(snapshot), "\(text)")
      #expect(!text.contains("stopped early"), "\(text)")
    }
    // With no sweep writing it, the same folder is a sweep that stopped.
    let stopped = try Self.report(running: nil).markdown(plots: [])
    #expect(stopped.contains("2 of 4 trials complete; 2 not started: the sweep stopped early"))
    #expect(!stopped.contains("snapshot"))
  }

  @Test func aLiveBayesSweepsBatchesAreASnapshot() throws {
    let text = try Self.report(running: 4242, bayes: true).markdown(plots: [])
    #expect(
      text.contains(
        "2 of 4 trials suggested so far complete; of batches 0-1, batch 1 not started: a "
          + "snapshot taken while the sweep writing this folder ran (pid 4242)"), "\(text)")
    #expect(!text.contains("stopped early"), "\(text)")
  }
}
