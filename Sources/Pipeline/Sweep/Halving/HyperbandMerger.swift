import Conventions
import Foundation
import Reports

/// `runner merge` of Hyperband shards, bracket by bracket and rung by rung: every
/// `bracket-<s>/` folder is merged as a successive-halving folder (`HalvingMerger`), then the
/// sweep's `summary.csv` and report are rebuilt from the merged brackets exactly as
/// `runner sweep` builds them, so the merged folder is byte-identical to an unsharded run's.
enum HyperbandMerger {
  /// The brackets `s` whose folder `bracket-<s>/` in `directory` holds a rung plan, largest
  /// first (the order the runner runs them).
  static func brackets(in directory: URL) -> [Int] {
    AdaptiveSweep.brackets(in: directory).filter {
      HalvingMerger.isHalving(directory.appendingPathComponent(AdaptiveSweep.bracketFolder($0)))
    }
  }

  /// Whether `directory` is a Hyperband sweep folder (it has bracket folders).
  static func isHyperband(_ directory: URL) -> Bool { !brackets(in: directory).isEmpty }

  static func merge(_ layouts: [SweepLayout], into target: SweepLayout) throws(SweepError)
    -> MergeOutcome
  {
    let plans = layouts.map { try? AtomicFile.read($0.plan) }
    let settingsTexts = layouts.map { try? AtomicFile.read($0.settings) }
    // A shard's damaged plan is named as damage, not as another sweep's.
    if let other = plans.indices.first(where: { plans[$0] != plans[0] }) {
      throw ShardFileDamage.refusal(
        layouts[0].directory.path, plans[0], layouts[other].directory.path, plans[other],
        file: SweepLayout.planFile)
    }
    guard let plan = plans[0], plans.allSatisfy({ $0 == plan }),
      let planTable = try? CSVTable(parsing: plan)
    else { throw .differentSweeps(layouts[0].directory.path, layouts.last!.directory.path) }
    try IntoPlanRefusal.check(target, plan: plan, source: layouts[0].directory.path)
    guard let settingsText = settingsTexts[0], settingsTexts.allSatisfy({ $0 == settingsText }),
      let settings = (try? CSVTable(parsing: settingsText)).flatMap(SweepSettings.init(table:))
    else {
      throw .differentSweeps(
        layouts[0].directory.path, layouts.last!.directory.path,
        file: layouts[0].settings.lastPathComponent)
    }
    // The shards' bracket plans (none in a folder written before brackets.csv existed) agree;
    // brackets of another plan are left out, as the sweep leaves them out.
    let listed = (layouts + [target]).compactMap { layout in
      (try? AtomicFile.read(layout.brackets)).map { (layout, $0) }
    }
    if let other = listed.first(where: { $0.1 != listed[0].1 }) {
      throw ShardFileDamage.refusal(
        listed[0].0.directory.path, listed[0].1, other.0.directory.path, other.1,
        file: AdaptiveSweep.bracketsFile)
    }
    // Every bracket is checked before anything is written (a refusal leaves no half merge).
    let all = Set(layouts.flatMap { brackets(in: $0.directory) }).sorted(by: >)
    for s in all {
      let name = PreparedSweep.bracket(s)
      let sources = layouts.map {
        SweepLayout(directory: $0.directory.appendingPathComponent(name))
      }
      .filter { HalvingMerger.isHalving($0.directory) }
      _ = try HalvingMerger.validate(
        sources, into: SweepLayout(directory: target.directory.appendingPathComponent(name)),
        owner: { $0.deletingLastPathComponent() })
    }
    try SweepFile.startFolder(
      target, command: "runner merge", plan: plan, settings: settingsText, hook: .disarmed,
      mergedFrom: layouts[0].directory.path)
    let hook = CrashHook.disarmed
    var notes: [String] = []
    if let (_, text) = listed.first {
      do { try SweepFile.write(text, to: target.brackets, point: "brackets", hook: hook) } catch {
        throw .results(error)
      }
      let planned = (try? CSVTable(parsing: text))?.column("bracket")?.compactMap { Int($0) }
      notes += layouts.compactMap {
        StaleRungs.warning(in: $0.directory, prefix: "bracket-", planned: planned ?? [])
      }
    }
    var copied = 0
    var missing = Set<String>()
    var missingPositions: [Int] = []
    var complete = true
    var tables: [(s: Int, table: CSVTable)] = []
    var drawn = Set<String>()
    var bracketTrials = Set<String>()
    var runs: [RungRuns] = []
    var unit: String?
    for s in all {
      let name = PreparedSweep.bracket(s)
      let sources = layouts.map {
        SweepLayout(directory: $0.directory.appendingPathComponent(name))
      }
      .filter { HalvingMerger.isHalving($0.directory) }
      let into = SweepLayout(directory: target.directory.appendingPathComponent(name))
      let outcome = try HalvingMerger.merge(sources, into: into)
      runs += (outcome.rungRuns ?? []).map {
        RungRuns(
          bracket: s, rung: $0.rung, planned: $0.planned, complete: $0.complete, ran: $0.ran)
      }
      copied += outcome.copied
      notes += outcome.notes
      missing.formUnion(outcome.missing)
      missingPositions += outcome.missingPositions
      complete = complete && outcome.best != nil
      unit = unit ?? (try? CSVTable(contentsOf: into.rungs))?.header.dropFirst(4).first
      do { tables.append((s, try CSVTable(contentsOf: into.summary))) } catch {
        throw .results(error)
      }
      // Every trial of a bracket trains in its rung 0 (its plan): the trials drawn.
      let first = SweepLayout(
        directory: into.directory.appendingPathComponent(HalvingRungs.folder(0)))
      drawn.formUnion((try? SweepPlanFile.read(first)).map(SweepPlanFile.trialIDs) ?? [])
      // The bracket's own plan lists the trials drawn into it, before its rung 0 has run.
      bracketTrials.formUnion((try? SweepPlanFile.read(into)).map(SweepPlanFile.trialIDs) ?? [])
    }
    let summary = HyperbandRunner.combined(
      tables, axes: Array(planTable.header.dropFirst()), objective: settings)
    do {
      notes += [
        try SweepFile.writeSummary(
          summary.rendered, to: target.summary, hook: hook, writer: "this merge")
      ].compactMap { $0 }
      // No rung of any bracket complete: no report, as a sweep stopped there writes.
      if summary.rows.isEmpty {
        SweepReport.withdraw(in: target)
      } else {
        notes += [try SweepReport.rebuild(in: target)].compactMap { $0 }
      }
    } catch { throw .results(error) }
    // Its markers go once its summary is written, as a sweep folder's (`SweepMerger`).
    ShardRecord.unmark(target.directory)
    // Planned: the trials the brackets draw from the grid (the dry run's count), not the
    // grid's, which a finished sweep never reaches (tester BB F14).
    return MergeOutcome(
      directory: target.directory.path, planned: bracketTrials.union(drawn).count, copied: copied,
      complete: drawn.subtracting(missing).count, missing: missing.sorted(),
      missingPositions: missingPositions,
      best: complete
        ? HyperbandRunner.best(
          summary, settings: settings, axes: Array(planTable.header.dropFirst()),
          folder: target.directory, unit: unit) : nil, notes: notes,
      rungRuns: runs + unmergedBrackets(listed.first?.1, merged: all),
      roundCommands: ShardRecord.roundCommands(for: target.directory))
  }

  /// The rung-0 runs of the brackets `brackets.csv` (`text`) plans that no folder merged holds
  /// yet (none started them), so that they count as not complete.
  static func unmergedBrackets(_ text: String?, merged: [Int]) -> [RungRuns] {
    guard let table = text.flatMap({ try? CSVTable(parsing: $0) }),
      let brackets = table.column("bracket"), let trials = table.column("trials")
    else { return [] }
    return zip(brackets, trials).compactMap { bracket, trials in
      guard let s = Int(bracket), !merged.contains(s), let count = Int(trials) else { return nil }
      return RungRuns(bracket: s, rung: 0, planned: count)
    }
  }
}
