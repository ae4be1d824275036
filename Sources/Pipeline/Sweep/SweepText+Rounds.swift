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
  /// round, under the name the sweep reads, whether the shard's own copy of the sweep is there
  /// or not: `mkdir -p SHARD_RESULTS/moons && cp -R merged/x/. SHARD_RESULTS/moons/`.
  public var copyCommand: String {
    Self.copy(directory, to: "SHARD_RESULTS/\((copyName ?? "NAME").shellQuoted)")
  }

  /// The command each shard runs before its own command of a further round (`roundCommands`,
  /// in their order) when the merge named the shards' folders: the merged folder copied over
  /// the shard's own copy of the sweep (`copy(_:to:)`), nil for the shard whose folder the
  /// merge wrote into; empty when the shards are not named.
  public var shardCopies: [String?] {
    let merged = Self.identity(directory)
    return shardFolders.map { folder in
      let name = copyName ?? URL(fileURLWithPath: folder).lastPathComponent
      let destination = URL(fileURLWithPath: folder).deletingLastPathComponent()
        .appendingPathComponent(name).path
      return Self.identity(destination) == merged ? nil : Self.copy(directory, to: destination)
    }
  }

  /// `mkdir -p DEST && cp -R SRC/. DEST/`: folder `source`'s files over folder `destination`'s
  /// (made when missing), as GNU and BSD `cp` both copy them. `cp -r SRC DEST` copies into
  /// `DEST/SRC` when `DEST` is there, which a shard's folder from an earlier round always is;
  /// removing it first would lose what only it holds (its `.history/`).
  static func copy(_ source: String, to destination: String) -> String {
    let shown = destination.hasPrefix("SHARD_RESULTS/") ? destination : destination.shellQuoted
    let slash = shown.hasSuffix("'") ? String(shown.dropLast()) + "/'" : shown + "/"
    return "mkdir -p \(shown) && cp -R \((source + "/.").shellQuoted) \(slash)"
  }

  /// Folder `path` with symbolic links resolved, to tell two names of one folder.
  static func identity(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
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

  /// How each shard runs a further round: `copy this folder over each shard's copy of the
  /// sweep and run its own command there (`mkdir -p … && cp -R … && runner sweep …`; …)`, the
  /// shard whose folder this is running its command alone, last: its run changes this folder,
  /// which the others copy first; when the merge did not name the shards, the copy to fill in
  /// (`copyAdvice`) and the command to fill in.
  static func roundAdvice(_ outcome: MergeOutcome) -> String {
    let copies = outcome.shardCopies
    let shards = outcome.roundCommands.dropLast()
    guard copies.count == shards.count, !copies.isEmpty else {
      return "\(copyAdvice(outcome)), \(shardRound(outcome.roundCommands))"
    }
    let pairs = zip(copies, shards)
    let steps =
      pairs.compactMap { copy, command in copy.map { "`\($0) && \(command)`" } }
      + pairs.filter { $0.0 == nil }.map {
        "`\($0.1)` (its folder is this one: no copy; run it after the other shards' copies)"
      }
    return "copy this folder over each shard's own copy of the sweep and run the shard's own "
      + "command there (\(steps.joined(separator: "; ")))"
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

extension SweepText {
  /// The warning for a sweep whose folder `folder` holds `nested`, copies of this sweep inside
  /// it (`cp -r merged/x SHARD/x` into a `SHARD/x` already there): the sweep reads only its own
  /// folder's trials, so a further round would not continue from the copy; nil when none.
  static func nestedCopyWarning(_ folder: URL, nested: [URL]) -> String? {
    guard let first = nested.first else { return nil }
    let shown = nested.map(\.path)
    return "warning: \(shown.listed()) \(shown.count == 1 ? "is a copy" : "are copies") of this "
      + "sweep inside its own folder (`cp -r` into a folder that was already there copies into "
      + "it): the sweep reads only \(folder.path) and does not continue from "
      + "\(shown.count == 1 ? "it" : "them"); to continue from a copy, copy its files over this "
      + "folder and remove it (`cp -R \((first.path + "/.").shellQuoted) "
      + "\((folder.path + "/").shellQuoted) && rm -r \(first.path.shellQuoted)`), then run the "
      + "sweep again"
  }
}
