import Conventions
import Foundation
import Testing

@testable import Reports

/// Whether a sweep folder has finished, from its tables: a bayes sweep's batches planned and
/// not run make it unfinished, an empty batch of a space that ran out does not, and a folder of
/// an earlier version (no batch recorded as planned) is judged by its plan alone.
@Suite struct SweepCompletionTests {
  static func table(_ text: String) throws -> CSVTable { try CSVTable(parsing: text) }

  static let plan = """
    trial,optimizer.learning_rate
    a00000000001,0.1
    b00000000002,0.2
    c00000000003,0.3
    d00000000004,0.4

    """

  static func summary(_ trials: [String]) throws -> CSVTable {
    try table("trial,status,dev_loss\n" + trials.map { "\($0),ok,0.5\n" }.joined())
  }

  static let all = ["a00000000001", "b00000000002", "c00000000003", "d00000000004"]

  /// Batch 0: a, b; batch 1: c, d; then `more` rows.
  static func batches(_ more: String) throws -> CSVTable {
    try table(
      """
      batch,trial,sampler,settings
      0,a00000000001,random,f00d
      0,b00000000002,random,f00d
      1,c00000000003,tpe,f00d
      1,d00000000004,tpe,f00d

      """ + more)
  }

  @Test func batchesPlannedAndNotRunLeaveItUnfinished() throws {
    let completion = SweepCompletion(
      plan: try Self.table(Self.plan), summary: try Self.summary(Self.all),
      batches: try Self.batches("2,,planned,\n3,,planned,\n"), rungsComplete: nil)
    #expect(!completion.isFinished)
    #expect(completion.batches?.notStarted == [2, 3])
    #expect(completion.batches?.count == 4)
    let line = ResultsReport.batchesLine(
      try #require(completion.batches), complete: 4, suggested: 4)
    #expect(
      line == "4 of 4 trials suggested so far complete; of batches 0-3, batches 2-3 not started")
  }

  @Test func aPartlyRunBatchIsSaid() throws {
    let completion = SweepCompletion(
      plan: try Self.table(Self.plan), summary: try Self.summary(Array(Self.all.prefix(3))),
      batches: try Self.batches("2,,planned,\n"), rungsComplete: nil)
    #expect(!completion.isFinished)
    let line = ResultsReport.batchesLine(
      try #require(completion.batches), complete: 3, suggested: 4)
    #expect(
      line == "3 of 4 trials suggested so far complete; of batches 0-2, batch 1 partly run and "
        + "batch 2 not started")
  }

  @Test func emptyBatchesOfAnExhaustedSpaceAndEarlierFoldersAreFinished() throws {
    for more in ["2,,tpe,f00d\n3,,tpe,f00d\n", ""] {
      let completion = SweepCompletion(
        plan: try Self.table(Self.plan), summary: try Self.summary(Self.all),
        batches: try Self.batches(more), rungsComplete: nil)
      #expect(completion.isFinished, "\(more)")
    }
    let unfinished = SweepCompletion(
      plan: try Self.table(Self.plan), summary: try Self.summary(Array(Self.all.prefix(2))),
      batches: try Self.batches(""), rungsComplete: nil)
    #expect(!unfinished.isFinished)
    #expect(unfinished.batches?.notStarted == [1])
  }

  @Test func gridAndAdaptiveSweeps() throws {
    let plan = try Self.table(Self.plan)
    let grid = { (trials: [String]) in
      SweepCompletion(
        plan: plan, summary: try Self.summary(trials), batches: nil, rungsComplete: nil)
    }
    #expect(try grid(Self.all).isFinished)
    #expect(try !grid(Array(Self.all.prefix(3))).isFinished)
    let rungs = SweepCompletion(
      plan: plan, summary: try Self.summary(Self.all), batches: nil, rungsComplete: false)
    #expect(!rungs.isFinished)
  }
}
