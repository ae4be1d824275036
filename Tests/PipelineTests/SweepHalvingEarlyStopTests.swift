import Conventions
import Engine
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// Successive halving's compute figures count the epochs the trials actually trained: a trial
/// that early stopping ended before its rung's budget counts the epochs it ran, and one promoted
/// after stopping below trains (and counts) nothing more (tester AC, AC4; docs/sweeps.md,
/// "Early stopping (or convergence) inside a rung").
@Suite struct SweepHalvingEarlyStopTests {
  @Test func trainedEpochsCountWhereEachTrialStopped() {
    let continued = TrialStart(from: 9, reason: "adam with the constant schedule: …")
    // Rung of budget 27: a trial that went on from 9 to 27, one that had stopped at 5 below
    // (continued from 9, ends at 5), one restarted that early-stopped at 20, one whose folder
    // says nothing (its budget counts).
    let trained = HalvingRecord.trained(
      trials: 4, budget: 27,
      starts: [continued, continued, TrialStart(from: 0, reason: "restart"), nil],
      reached: [27, 5, 20, nil])
    #expect(trained == 18 + 0 + 20 + 27)
    #expect(
      HalvingRecord.stoppedBelow(
        starts: [continued, continued, TrialStart(from: 0, reason: "restart"), nil],
        reached: [27, 5, 20, nil]) == 1)
    // Rung 0, budget 9: one trial stopped at epoch 5.
    #expect(HalvingRecord.trained(trials: 3, budget: 9, starts: [], reached: [9, 5, 9]) == 23)
  }

  @Test func aDivergedTrialCountsToTheStepItsReasonNames() {
    let epoch = Divergence(iteration: 80, epoch: 7, loss: .nan).description
    #expect(epoch.hasPrefix("training diverged at epoch 7 (iteration 80)"))
    #expect(TrialReach.diverged(epoch, unit: "epochs") == 7)
    let iteration = Divergence(iteration: 80, loss: .infinity).description
    #expect(TrialReach.diverged(iteration, unit: "iterations") == 80)
  }

  /// A trial's reach reads only the end of its `metrics.csv`: the step of the last row, as the
  /// whole table gives it, whatever the line ends, a last line break or the file's length.
  @Test func theLastStepIsReadFromTheEndOfTheMetrics() throws {
    let folder = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("metrics.csv")
    let long = String(repeating: "9", count: 5000)
    let rows = (0..<700).map { "\($0 * 3),0.\($0),\($0 % 2 == 0 ? "a" : "\"b,c\"")" }
    let files = [
      "epoch,train_loss,note\n" + rows.joined(separator: "\n") + "\n",
      "epoch,train_loss,note\r\n" + rows.joined(separator: "\r\n"),
      "epoch,train_loss,note\n1,0.5,x\n12,0.\(long),y\n",
      "\"epoch\",train_loss\n\"4\",0.5\n", "epoch,train_loss\n", "",
    ]
    for text in files {
      try Data(text.utf8).write(to: url)
      let table = try? CSVTable(contentsOf: url)
      #expect(
        TrialReach.lastStep(of: url) == table?.rows.last.flatMap { Int($0[0]) },
        "\(text.prefix(40))")
    }
    #expect(TrialReach.lastStep(of: folder.appendingPathComponent("none.csv")) == nil)
    // A diverged trial counts to the step its reason names, whatever its metrics say.
    let reason = Divergence(iteration: 80, epoch: 7, loss: .nan).description
    #expect(TrialReach.read(folder, stopReason: reason, unit: "epochs") == 7)
    #expect(TrialReach.read(folder, stopReason: "", unit: "epochs") == nil)
  }

  /// The halving fixture with early stopping on dev accuracy after one record without
  /// improvement: two of rung 1's trials stop at epoch 2 of 3, and the best of them is promoted
  /// to rung 2, where it has nothing left to train.
  @Test func aTrialStoppedEarlyBelowIsPromotedAndTrainsNothingMore() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    var options = SweepFixture.options(root: root)
    options.run.spec.overrides = [
      "optimizer.early_stopping.patience=1", "optimizer.early_stopping.metric=accuracy",
    ]
    let sweep = try SweepRunner.run(specPath: SweepHalvingTests.spec, options: options)
    let best = try #require(sweep.best)
    let rungs = try SweepFixture.table(sweep.directory + "/rungs.csv")
    // Each rung's epochs from its trials' folders: where each ended, less where it went on from.
    var counted: [String] = []
    for (index, budget) in [1, 3, 9].enumerated() {
      let rung = URL(fileURLWithPath: sweep.directory).appendingPathComponent("rung-\(index)")
      let table = try SweepFixture.table(rung.path + "/summary.csv")
      let epochs = try table.rows.map { row in
        let metrics = try SweepFixture.table(rung.path + "/\(row[0])/metrics.csv")
        let last = try #require(metrics.rows.last)
        let end = min(budget, try #require(Int(last[0])))
        let from = TrialStart.read(rung.appendingPathComponent(row[0]))?.from ?? 0
        return max(0, end - from)
      }
      counted.append(String(epochs.reduce(0, +)))
    }
    #expect(rungs.column("epochs") == counted)
    #expect(rungs.column("epochs") == ["9", "4", "0"])
    #expect(rungs.column("continued") == ["0", "3", "1"])
    // The best trial stopped at epoch 2 in rung 1; at rung 2 it went on from its checkpoint and
    // trained nothing: its history and figures are rung 1's.
    let below = "\(sweep.directory)/rung-1/\(best.trial)"
    let metrics = try String(contentsOfFile: best.directory + "/metrics.csv", encoding: .utf8)
    #expect(metrics == (try String(contentsOfFile: below + "/metrics.csv", encoding: .utf8)))
    #expect(try SweepFixture.table(below + "/metrics.csv").rows.last?[0] == "2")
    #expect(
      sweep.halving
        == "successive halving: 9×1, 3×3, 1×9 epochs = 13 epochs (2 trials stopped before the "
        + "budget), 16.0% of the full grid's 81 (promoted trials: 3 continued, 1 had stopped "
        + "early below, so trained no further, 0 restarted)")
    let report = try String(contentsOfFile: sweep.directory + "/report.md", encoding: .utf8)
    #expect(report.contains("Compute: 13 epochs trained, 16.0% of the full grid's 81"))
    #expect(report.contains("after 9 epochs (its training stopped early, at epoch 2)."))
  }
}
