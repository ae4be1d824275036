import Foundation
import Testing

@testable import Pipeline

/// The stdout summary of an interrupted successive-halving (and Hyperband) sweep counts the same
/// trial runs in every line: what ran, what was not started, what is complete per rung (or
/// bracket) and the compute, including a rung only partly run; and once resumed, all of it.
@Suite struct SweepHalvingSummaryTests {
  /// Interrupted in rung 1 (9×1, 3×3, 1×9 epochs, continuing) after 2 of its 3 trials.
  @Test func anInterruptedHalvingSweepsLinesAgreeAndTheResumeCountsTheRest() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepHalvingTests.spec
    let stopped = try SweepFixture.interrupted(spec, root: root, rung: 1, finished: 2)
    let lines = SweepText.result(stopped).split(separator: "\n")
    let directory = stopped.directory
    #expect(stopped.finished.count == 11 && stopped.notStarted == 1)
    #expect(
      lines[0]
        == "ran 11 trial runs (rung 0 9, rung 1 2; 11 ok, 0 failed), skipped 0 already complete")
    #expect(
      lines[1]
        == "interrupted: 1 trial run of rung 1 not started; re-run the same command to resume")
    #expect(
      lines[2]
        == "11 of 13 trial runs complete in \(directory): rung 0 9 of 9, rung 1 2 of 3, rung 2 0 of 1"
    )
    // 9 trials × 1 epoch, and 2 trials continued from 1 to 3 epochs: 9 + 2 × 2.
    #expect(
      lines[4]
        == "successive halving: 9×1, 2 of 3×3 epochs so far = 13 epochs, 16.0% of the full grid's 81 "
        + "(promoted trials: 2 continued, 0 restarted) (rung 1 partly run: 1 of its 3 trials still "
        + "to run; 1 more rung after it)")
    // The numbers add up: runs per rung to the runs made, the rest of rung 1 to those not
    // started, and the halving line's trials per rung to the complete ones.
    let runs = stopped.rungRuns ?? []
    #expect(runs.map(\.ran).reduce(0, +) == stopped.finished.count)
    #expect(runs.map(\.complete) == [9, 2, 0] && runs.map(\.planned) == [9, 3, 1])
    #expect(runs[1].planned - runs[1].complete == stopped.notStarted)

    let resumed = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: root))
    let again = SweepText.result(resumed).split(separator: "\n")
    #expect(
      again[0]
        == "ran 2 trial runs (rung 1 1, rung 2 1; 2 ok, 0 failed), skipped 11 already complete")
    #expect(
      again[1]
        == "13 of 13 trial runs complete in \(directory): rung 0 9 of 9, rung 1 3 of 3, rung 2 1 of 1"
    )
    #expect(
      again[3]
        == "successive halving: 9×1, 3×3, 1×9 epochs = 21 epochs, 25.9% of the full grid's 81 "
        + "(promoted trials: 4 continued, 0 restarted)")
  }

  /// Hyperband shares the counting: per bracket, and the brackets after the interrupted one
  /// are counted as not run.
  @Test func anInterruptedHyperbandSweepCountsItsBracketsRuns() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let text = try String(contentsOfFile: SweepHalvingTests.spec, encoding: .utf8)
      .replacingOccurrences(of: "method: successive_halving", with: "method: hyperband")
    let spec = root.appendingPathComponent("hyperband.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    // Bracket 2 (9×1, 3×3, 1×9) interrupted in its rung 1 after 2 trials; brackets 1 (5×3,
    // 1×9) and 0 (3×9) not started.
    let stopped = try SweepFixture.interrupted(spec.path, root: root, rung: 1, finished: 2)
    let lines = SweepText.result(stopped).split(separator: "\n")
    #expect(
      lines[0] == "ran 11 trial runs (bracket 2 11; 11 ok, 0 failed), skipped 0 already complete")
    #expect(
      lines[1]
        == "interrupted: 1 trial run of bracket 2 not started; re-run the same command to resume")
    #expect(
      lines[2]
        == "11 of 22 trial runs complete in \(stopped.directory): bracket 2 11 of 13, bracket 1 0 "
        + "of 6, bracket 0 0 of 3")
    #expect(
      lines.contains {
        $0.contains("bracket 2: successive halving: 9×1, 2 of 3×3 epochs so far = 13 epochs")
      })
  }
}
