import Conventions
import Foundation

extension MergeOutcome {
  /// How many more rounds of the shards the sweep needs after this merge: one per rung not yet
  /// complete (successive halving, Hyperband's largest bracket), one per bayes batch not
  /// complete, one for a grid or random sweep with trials missing; 0 exactly when the whole
  /// sweep is complete.
  public var roundsLeft: Int {
    if let rungRuns { return SweepText.roundsLeft(rungRuns) }
    if let batches { return batches.notStarted.count + (batches.partlyRun.isEmpty ? 0 : 1) }
    return missing.isEmpty ? 0 : 1
  }

  /// The command that copies the merged folder into a shard's results folder for a further
  /// round, under the name the sweep reads: `cp -r merged/x SHARD_RESULTS/moons`.
  public var copyCommand: String {
    "cp -r \(directory.shellQuoted) SHARD_RESULTS/\((copyName ?? "NAME").shellQuoted)"
  }
}

extension SweepText {
  /// How a further round starts from the merged folder: `copy this folder into each shard's
  /// results folder under the sweep's name (`cp -r merged/x SHARD_RESULTS/moons`)`; a copy
  /// under another name is not read, and the round would start the sweep over.
  static func copyAdvice(_ outcome: MergeOutcome) -> String {
    "copy this folder into each shard's results folder under the sweep's name "
      + "(`\(outcome.copyCommand)`)"
  }

  /// The warning for a merge into a folder whose name the sweep's runs do not read, while
  /// rounds remain: the next round, given a copy of it as it is named, would start the sweep
  /// over (rung 0, batch 0); nil otherwise.
  static func renamedCopyWarning(_ outcome: MergeOutcome) -> String? {
    let folder = URL(fileURLWithPath: outcome.directory)
    guard outcome.roundsLeft > 0, outcome.rungRuns != nil || outcome.batches != nil,
      let name = outcome.copyName, name != folder.lastPathComponent
    else { return nil }
    let renamed = folder.deletingLastPathComponent().appendingPathComponent(name)
    return "warning: \(outcome.directory) is not named as the sweep names its folder "
      + "(\(name)): a shard's `runner sweep` reads only SHARD_RESULTS/\(name), so a copy "
      + "named \(folder.lastPathComponent) would not be continued from and the next round would "
      + "start the sweep over; copy it under the sweep's name (`\(outcome.copyCommand)`), "
      + "or merge into a folder of that name (--into \(renamed.path.shellQuoted))"
  }
}

extension SweepText {
  /// The warning for a shard starting sweep folder `folder` (missing or empty) beside
  /// `namesakes`, folders holding trials of this sweep (`output`) under other names: a merged
  /// folder copied under another name, which the shard does not continue from; nil when none.
  static func namesakeWarning(_ folder: URL, output: String, namesakes: [URL]) -> String? {
    guard let first = namesakes.first else { return nil }
    let others = namesakes.map(\.path)
    return "warning: \(others.listed()) \(others.count == 1 ? "holds" : "hold") trials of this "
      + "sweep (output \(output)) under another name; a shard reads only the sweep's own folder, "
      + "\(folder.path), so it does not continue from \(others.count == 1 ? "it" : "them") and "
      + "runs the sweep from its start: to continue from a merged folder, copy it under the "
      + "sweep's name (`cp -r \(first.path.shellQuoted) "
      + "\(folder.path.shellQuoted)`) before the shard runs"
  }
}
