import Conventions
import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `runner merge` did.
public struct MergeOutcome: Sendable, Equatable {
  /// The merged sweep folder.
  public var directory: String
  /// Trials the sweep plans to run, as its dry run counts them: the plan's (a bayes sweep's:
  /// those suggested so far; Hyperband's: those its brackets draw from the grid).
  public var planned: Int
  /// Trials copied into the folder by this merge.
  public var copied: Int
  /// Trials complete in the merged folder.
  public var complete: Int
  /// Trials of the plan that no folder had complete, in trial-ID order.
  public var missing: [String]
  /// The shards that run the `missing` trials, with their commands (`MissingShard`); empty
  /// when none is missing or the shards cannot be told.
  public var missingShards: [MissingShard] = []
  /// The positions of the `missing` trials in the plans that list them (a rung's, a
  /// bracket's), which name their shards.
  var missingPositions: [Int] = []
  /// The best complete trial by the objective, if any recorded it.
  public var best: SweepBest? = nil
  /// Notes on incomplete trial folders kept in the sweep's `.history/` because they held files
  /// the runner did not write (a copied trial replaced them).
  public var notes: [String] = []
  /// Successive halving and Hyperband: the trial runs per rung (per bracket's rung), counted as
  /// `runner sweep` counts them; nil for other sweeps.
  public var rungRuns: [RungRuns]? = nil
  /// Adaptive and bayes sweeps: the commands the shards run in a further round, one per shard
  /// when the merged folders name them (else one to fill in), then the unsharded one that
  /// finishes the sweep in the merged folder, last (`ShardRecord.roundCommands`).
  public var roundCommands: [String] = []
  /// A bayes sweep's batches in the merged folder (those not started run in later rounds, one
  /// per batch); nil for other sweeps.
  public var batches: SweepCompletion.BatchProgress? = nil
  /// The name a copy of the merged folder must have in each shard's results folder for a
  /// further round to continue from it (`SweepName.expectedName(of:)`); nil when no trial
  /// records it.
  public var copyName: String? = nil
  /// The sweep folders the shards' own commands of a further round read, in shard order (as
  /// `roundCommands`), when the merged folders named every shard; empty otherwise.
  public var shardFolders: [String] = []
  /// The failed trials of the merged folder (`FailedTrials`): the merge exits 1 for them, as
  /// `runner sweep` on that folder does.
  public var failed: [FailedTrials.Trial] = []
}

/// Combines the folders that shards of one sweep wrote (each holding `plan.csv` and its share of
/// trial folders) into one sweep folder with the `summary.csv` an unsharded run writes, byte for
/// byte: trial folders are copied whole (a complete one is never mixed with another's files),
/// and the summary is rebuilt from the plan and the trial folders exactly as `runner sweep`
/// builds it.
public enum SweepMerger {
  /// Merges `sources` into `destination` (default: the first source, which then receives the
  /// others' trials).
  public static func merge(_ sources: [String], into destination: String? = nil) throws(SweepError)
    -> MergeOutcome
  {
    guard !sources.isEmpty else { throw .usage("runner merge needs at least one sweep folder") }
    let layouts = sources.map {
      SweepLayout(directory: URL(fileURLWithPath: $0, isDirectory: true))
    }
    let target =
      destination.map { SweepLayout(directory: URL(fileURLWithPath: $0, isDirectory: true)) }
      ?? layouts[0]
    defer { SweepWriters.leave(target.directory) }
    // A symbolic link loop or a pipe given is named for what it is, before it is taken for a
    // link to write through or a folder that is missing.
    for folder in (layouts + [target]).map(\.directory.path) {
      let entry = PathEntry.of(folder)
      if case .regular = entry { continue }
      if let why = entry.notAFolder { throw .notAFolder(path: folder, why: why) }
    }
    do { try ResultsFolderKind.refuseLink(target.directory, for: "runner merge") } catch {
      throw .folder(error)
    }
    // The merged folder at or below the gate's baselines: only `runner gate --record` writes
    // there (exit 65, as `runner sweep` refuses it).
    do {
      try GateBaselineOutput.check(
        writing: target.directory,
        subject: destination.map { "--into '\($0)'" } ?? "the merge into '\(sources[0])'",
        instead: "merge into another folder (--into)")
    } catch { throw .spec(error) }
    try refuseInsideSource(layouts, into: target)
    // The folder, a file of it that the merge rewrites (its summary, report, plots) or a trial
    // folder it replaces, made write-protected: refused before anything is written (tester BB
    // F10, F8).
    try refuseProtected(layouts, into: target)
    // A plan.csv damaged in a shard's own folder (edited: it disagrees with the folder's
    // summary.csv) is named as `runner sweep` names it, before anything is written: it is no
    // other sweep's plan. The folder `--into` names, when no shard's, was merge's to write.
    for layout in layouts {
      if let refusal = DamagedPlan.mergeRefusal(layout.directory) { throw .folder(refusal) }
    }
    if !layouts.contains(target),
      let refusal = DamagedPlan.mergeRefusal(target.directory, into: true)
    {
      throw .folder(refusal)
    }
    // A killed process's staging folders in the merged folder, a complete trial's too, at the
    // start and the end, as a sweep settles them.
    let start = StaleFiles.settleAllStaging(in: target.directory)
    // Each shard's own command, read while its folder still names its shard (a merge into it
    // takes the marker out).
    let shardFolders = ShardRecord.ordered(layouts.map(\.directory))
    let shards = shardFolders.map {
      $0.map { ShardRecord.sweepCommand(for: $0, shard: ShardRecord.own($0)) }
    }
    let given = ShardFolders(layouts.map(\.directory))
    var outcome: MergeOutcome
    do { outcome = try merge(layouts: layouts, into: target) } catch {
      switch error {
      // The folder `--into` names (or the first given) is the one to change, not a results root.
      case .folder(.unusable(let path, let reason)):
        throw .folder(.unusableInto(path: path, reason: reason))
      // Said in the merge's words, not a sweep's (tester BB).
      case .results(let e) where SweepError.results(e).exitCode == .cannotCreate:
        throw .mergeWrite(e)
      default: throw error
      }
    }
    if let shards, outcome.roundCommands.count == 2 {
      outcome.roundCommands = ShardRecord.roundCommands(for: target.directory, shards: shards)
      outcome.shardFolders = shardFolders?.map(\.path) ?? []
    }
    let end = StaleFiles.settleAllStaging(in: target.directory)
    outcome.notes = start.notes + outcome.notes + end.notes
    outcome.notes += [
      RunEnvironment.mixedNote(target.directory),
      RunEnvironment.versionsNote(target.directory, .merged),
    ].compactMap { $0 }
    // The shards to run for the missing trials, named as the next round's are (tester BB F16).
    outcome.missingShards = given.missing(at: outcome.missingPositions, merged: target.directory)
    outcome.failed = FailedTrials.in(target.directory)
    outcome.copyName = SweepName.expectedName(
      of: target.directory, shards: layouts.map(\.directory))
    outcome.notes += [SweepText.renamedCopyWarning(outcome)].compactMap { $0 }
    return outcome
  }

  /// Merges sweep folders `layouts` into `target` (a successive-halving or Hyperband sweep's
  /// rung by rung).
  static func merge(layouts: [SweepLayout], into target: SweepLayout) throws(SweepError)
    -> MergeOutcome
  {
    if layouts.contains(where: { HyperbandMerger.isHyperband($0.directory) }) {
      return try HyperbandMerger.merge(layouts, into: target)
    }
    if layouts.contains(where: { HalvingMerger.isHalving($0.directory) }) {
      return try HalvingMerger.merge(layouts, into: target)
    }
    var planText: String?
    var planSource = ""
    var settings: SweepSettings?
    for layout in layouts {
      let text = try readPlan(layout)
      if let planText, planText != text {
        throw ShardFileDamage.refusal(
          planSource, planText, layout.directory.path, text, file: SweepLayout.planFile)
      }
      // Shards of one spec rank by one objective; a folder without `sweep.csv` is older.
      if let own = try SweepPlanFile.checkedSettings(layout) {
        if let settings, settings != own {
          throw .differentSweeps(
            planSource, layout.directory.path, file: layout.settings.lastPathComponent)
        }
        // An earlier runner's shard records no seed: the one another shard records is kept,
        // whatever the order the folders are named in (tester BO-7).
        if settings?.seed == nil || own.seed != nil { settings = own }
      }
      planText = text
      planSource = layout.directory.path
    }
    if FileManager.default.fileExists(atPath: target.plan.path) {
      let existing = try readPlan(target)
      if existing != planText! {
        throw IntoPlanRefusal.refusal(
          target.directory, existing: existing, plan: planText!, source: planSource)
      }
      if let own = try SweepPlanFile.checkedSettings(target), let settings, own != settings {
        throw .differentSweeps(
          target.directory.path, planSource, file: target.settings.lastPathComponent)
      }
    }
    let plan: CSVTable
    do { plan = try CSVTable(parsing: planText!) } catch {
      throw .results(.malformedCSV(path: layouts[0].plan.path, error))
    }
    try SweepPlanFile.checkTrialIDs(plan, file: layouts[0].plan.path)
    let ids = SweepPlanFile.trialIDs(plan)
    // The target's copies first, then each source's in order (none twice).
    let holders = [target] + layouts.filter { $0.directory != target.directory }
    try TrialFolder.checkAgree(ids, in: holders)
    try RecordedDataFile.checkAgree(RecordedDataFile.complete(ids, in: holders))
    try SweepFile.startFolder(
      target, command: "runner merge", plan: planText!, settings: settings?.table.rendered,
      hook: .disarmed, mergedFrom: planSource
    ) {
      try BayesBatches.merge(layouts, into: target)
    }
    let hook = CrashHook(environment: ProcessInfo.processInfo.environment)
    var copied = 0
    var notes: [String] = []
    for id in ids where TrialStatus.read(target.marker(id)) == nil {
      guard let source = holders.first(where: { TrialStatus.read($0.marker(id)) != nil })
      else { continue }
      notes += try TrialFolder.copy(
        source.trialDirectory(id), id: id, into: target, hook: hook)
      copied += 1
    }
    var summary = SweepSummary(plan: plan, settings: settings)
    summary.refreshAll(in: target)
    let table = summary.table
    do {
      notes += [
        try SweepFile.writeSummary(
          table.rendered, to: target.summary, hook: hook, writer: "this merge")
      ].compactMap { $0 }
      // Titled by the sweep's `output`, which its trials name, as an unsharded run's report.
      notes += [try SweepReport.rebuild(in: target)].compactMap { $0 }
    } catch { throw .results(error) }
    // A merge's folder is no shard's own, even a shard's folder merged into: its markers go
    // once its summary is written (a merge stopped before keeps a shard's folder its shard's).
    ShardRecord.unmark(target.directory)
    let missing = SweepPlanFile.trialIDs(plan).filter { summary.status($0) == nil }
    // A copy marked ok whose own summary.csv is damaged is neither copied nor counted: named
    // for the trials still missing (one a good copy replaced is not).
    notes += holders.flatMap { TrialStatus.damaged(missing, in: $0) }.map {
      "note: \($0); run the sweep again to re-run it"
    }
    let absent = Set(missing)
    var outcome = MergeOutcome(
      directory: target.directory.path, planned: plan.rows.count, copied: copied,
      complete: summary.completeCount,
      missing: missing,
      missingPositions: ids.indices.filter { absent.contains(ids[$0]) },
      best: SweepBest(
        summary: table,
        settings: settings
          ?? SweepSettings(objective: summary.rankedBy(header: table.header).column, goal: "min"),
        axes: Array(plan.header.dropFirst()), folder: target.directory), notes: notes)
    if let batches = SweepCompletion(directory: target.directory)?.batches {
      outcome.batches = batches
      outcome.roundCommands = ShardRecord.roundCommands(for: target.directory)
    }
    return outcome
  }

  private static func readPlan(_ layout: SweepLayout) throws(SweepError) -> String {
    _ = try SweepPlanFile.read(layout)
    do { return try AtomicFile.read(layout.plan) } catch { throw .results(error) }
  }
}

/// Copying and comparing whole trial folders.
enum TrialFolder {
  /// Copies trial folder `source` into trial `id`'s folder of `layout` as `runner sweep`
  /// commits a trial it ran: staged beside it, then swapped into place, so the trial appears
  /// complete at once or not at all. An incomplete folder there is removed, or kept in the
  /// sweep's `.history/<id>/` when it holds files the runner did not write; returns the notes
  /// saying so. `hook`'s point `merge-copied`: the copy staged, not yet in place.
  static func copy(_ source: URL, id: String, into layout: SweepLayout, hook: CrashHook)
    throws(SweepError) -> [String]
  {
    let notes = StaleFiles.settleStaging(of: id, in: layout)
    do {
      let staged = try ResultsStaging(destination: layout.trialDirectory(id), copyOf: source)
      hook.reach("merge-copied")
      return notes + [try staged.commit()].compactMap { $0 }
    } catch {
      switch error {
      case .results(let error), .unsaved(let error, _): throw .results(error)
      default: throw .aborted(trial: id, error)
      }
    }
  }

  /// Refuses trials whose complete copies in `holders` differ, naming the first copy and the one
  /// that differs from it, before anything is written.
  static func checkAgree(_ ids: [String], in holders: [SweepLayout]) throws(SweepError) {
    for id in ids {
      let copies = holders.filter { TrialStatus.read($0.marker(id)) != nil }
      guard let first = copies.first else { continue }
      for other in copies.dropFirst() {
        guard
          let difference = firstDifference(other.trialDirectory(id), first.trialDirectory(id))
        else { continue }
        let holder = difference.onlyInA.map { $0 ? other.directory : first.directory }
        let made = [first, other].map {
          RunEnvironment.numericEnvironment(of: $0.trialDirectory(id)) ?? ""
        }
        if holder == nil, !made.contains(""), made[0] != made[1] {
          throw .trialFromTwoEnvironments(
            id: id, first: first.directory.path, second: other.directory.path,
            file: difference.file,
            environments: (made[0], made[1], NumericEnvironmentPart.which(made)))
        }
        throw .conflictingTrial(
          id: id, first: first.directory.path, second: other.directory.path,
          file: difference.file, onlyIn: holder?.path)
      }
    }
  }

  /// The first results file (relative path) that differs between two trial folders, and
  /// whether it is only in `a` (true), only in `b` (false) or in both with other bytes (nil);
  /// nil when they hold the same files with the same bytes. Hidden files, `timings.csv` (wall-clock
  /// times), `checkpoint/` (removed once a successive-halving sweep completes, so one copy
  /// may have it and the other not) and what `runner export` adds (DVC's `summary.json`,
  /// TensorBoard's event files) are not compared.
  static func firstDifference(_ a: URL, _ b: URL) -> (file: String, onlyInA: Bool?)? {
    let (filesA, filesB) = (files(in: a), files(in: b))
    if let only = filesA.symmetricDifference(filesB).sorted().first {
      return (only, filesA.contains(only))
    }
    for file in filesA.sorted() {
      let dataA = FileManager.default.contents(atPath: a.appendingPathComponent(file).path)
      let dataB = FileManager.default.contents(atPath: b.appendingPathComponent(file).path)
      if dataA != dataB { return (file, nil) }
    }
    return nil
  }

  /// Relative paths of the regular, non-hidden files below `directory`, without timings.
  static func files(in directory: URL) -> Set<String> {
    Set(
      (ResultsFile.visibleFiles(below: directory) ?? []).filter { path in
        let name = (path as NSString).lastPathComponent
        return path.prefix { $0 != "/" } != CheckpointFiles.folder
          && !ResultsFile.timingFiles.contains(name) && !ExportedFiles.contains(name)
      })
  }
}
