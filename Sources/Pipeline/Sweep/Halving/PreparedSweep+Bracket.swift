import Conventions
import Foundation
import Reports

extension PreparedSweep {
  /// The successive-halving sweep of one Hyperband bracket: the bracket's trials (same IDs and
  /// seeds as in `plan.csv`), this shard's share of them, the folder `bracket-<s>/` and its rung
  /// plan.
  func bracket(_ s: Int, rungs: HalvingRungs, trials ids: [String]) throws(SweepError)
    -> PreparedSweep
  {
    let chosen = Set(ids)
    var sub = try with(
      trials: plan.trials.filter { chosen.contains($0.id) },
      in: SweepLayout(directory: layout.directory.appendingPathComponent(Self.bracket(s))))
    sub.bracketRungs = rungs
    sub.isPlannedSubfolder = true
    return sub
  }

  /// The folder name of Hyperband bracket `s`: `bracket-2`, …, `bracket-0`.
  static func bracket(_ s: Int) -> String { AdaptiveSweep.bracketFolder(s) }

  /// hyperband: each bracket's rung plan and how many trials of each rung are complete on disk
  /// (nil for a rung whose trials are not chosen yet), brackets in run order.
  func bracketProgress() throws(SweepError) -> [(s: Int, plan: HalvingRungs, complete: [Int?])] {
    var out: [(s: Int, plan: HalvingRungs, complete: [Int?])] = []
    for bracket in HyperbandRunner.brackets(self) {
      let sub = try self.bracket(bracket.s, rungs: bracket.rungs, trials: bracket.ids)
      // The plan counts `b₂ − b₁` per promoted trial when they continue (as successive halving).
      let plan = sub.halving ?? bracket.rungs
      out.append((bracket.s, plan, try HalvingRunner.progress(sub, plan)))
    }
    return out
  }
}
