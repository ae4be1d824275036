import Conventions
import Foundation
import Reports

/// `runner merge` into a folder whose `plan.csv` is not the shards': damage there (CRLF line
/// ends, a cut final line end, a row deleted or edited) is named as damage with the remedies
/// merge supports, and a bayes folder merged before its plan grew by a batch as that, not as
/// "different sweeps".
enum IntoPlanRefusal {
  /// Refuses merging the shards in `source`, whose plan is `plan`, into `target` when the
  /// target holds another `plan.csv` (`refusal`); nothing when it holds none or the same.
  static func check(_ target: SweepLayout, plan: String, source: String) throws(SweepError) {
    guard let existing = try? AtomicFile.read(target.plan), existing != plan else { return }
    throw refusal(target.directory, existing: existing, plan: plan, source: source)
  }

  /// The refusal of merging the shards in `source`, whose plan is `plan`, into `target`, whose
  /// plan is `existing` (a different text).
  static func refusal(_ target: URL, existing: String, plan: String, source: String)
    -> SweepError
  {
    let folder = target.path
    // A bayes folder merged a round before: the shards' plan and batches.csv hold its own.
    // Its rows of the batches not yet suggested then were (`planned`) are left out.
    let batches = [target, URL(fileURLWithPath: source)].map {
      (try? AtomicFile.read(SweepLayout(directory: $0).batches)).map { text in
        text.split(separator: "\n", omittingEmptySubsequences: false)
          .filter { !$0.hasSuffix(",,\(SweepCompletion.plannedSampler),") }
          .joined(separator: "\n")
      }
    }
    if SweepPlanFile.holds(plan, existing), let own = batches[0], let grown = batches[1],
      own != grown, SweepPlanFile.holds(grown, own)
    {
      return .folder(
        .damagedPlan(
          path: folder, damage: "is the plan of an earlier batch of this bayes sweep",
          remedy: "the plan grew by a batch since this folder was merged (the shards hold "
            + "every earlier trial): merge into a new folder, as docs/sweeps.md says (`rm -rf "
            + "\(folder.shellQuoted)`, then `runner merge SHARDS --into \(folder.shellQuoted)`) "
            + "(nothing was merged)"))
    }
    let holds = { (id: String) in
      FolderError.isSafeTrialID(id)
        && FileManager.default.fileExists(
          atPath: target.appendingPathComponent(id).appendingPathComponent(
            SweepLayout.markerFile
          ).path)
    }
    guard let found = ShardFileDamage.damage(existing, plan, holds: holds) else {
      return .differentSweeps(folder, source)
    }
    let sourcePlan = (source as NSString).appendingPathComponent(SweepLayout.planFile)
    // The shards' copy damaged, the folder merged into intact: named as a shard's damage.
    if found.inFirst == false {
      return .damagedShardFile(
        damaged: sourcePlan, intact: target.appendingPathComponent(SweepLayout.planFile).path,
        fault: found.fault, known: true)
    }
    let targetPlan = target.appendingPathComponent(SweepLayout.planFile).path
    return .folder(
      .damagedPlan(
        path: folder, damage: found.fault,
        remedy: "the plan was damaged there, it is not another sweep's (the shards' copy is "
          + "\(sourcePlan)): restore plan.csv (`cp \(sourcePlan.shellQuoted) "
          + "\(targetPlan.shellQuoted)`), or merge every shard folder into a new folder "
          + "(`runner merge SHARDS --into NEW`), which takes the plan from them (nothing was "
          + "merged)"))
  }
}
