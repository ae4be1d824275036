import Conventions
import Foundation
import Reports

/// `runner merge` of successive-halving shards, rung by rung: every `rung-<r>/` folder is merged
/// like a sweep folder, then `rungs.csv` and `summary.csv` are rebuilt from the merged rungs'
/// results exactly as `runner sweep` builds them, so the merged folder is byte-identical to an
/// unsharded run's. Each shard then continues the next rung from a copy of the merged folder.
enum HalvingMerger {
  /// Whether `directory` is a successive-halving sweep folder (it has `rungs.csv`).
  static func isHalving(_ directory: URL) -> Bool {
    FileManager.default.fileExists(atPath: SweepLayout(directory: directory).rungs.path)
  }

  /// What `merge` checks before it writes: one plan and rung plan, every rung's complete
  /// trials trained to its budget. `owner` gives the folder a refusal tells to move away (the
  /// sweep folder of a Hyperband bracket's).
  static func validate(
    _ layouts: [SweepLayout], into target: SweepLayout, owner: (URL) -> URL = { $0 }
  ) throws(SweepError) -> (plan: String, settings: String, rungTable: CSVTable, rungs: HalvingRungs)
  {
    let plans = layouts.map { try? AtomicFile.read($0.plan) }
    // A shard's damaged plan is named as damage, not as another sweep's.
    if let other = plans.indices.first(where: { plans[$0] != plans[0] }) {
      throw ShardFileDamage.refusal(
        layouts[0].directory.path, plans[0], layouts[other].directory.path, plans[other],
        file: SweepLayout.planFile)
    }
    guard let plan = plans[0], plans.allSatisfy({ $0 == plan }),
      let settingsText = try? AtomicFile.read(layouts[0].settings),
      let rungText = try? AtomicFile.read(layouts[0].rungs),
      let rungTable = try? CSVTable(parsing: rungText), rungTable.header.count >= 6,
      let rungs = HalvingRungs(table: rungTable)
    else { throw .differentSweeps(layouts[0].directory.path, layouts.last!.directory.path) }
    try IntoPlanRefusal.check(target, plan: plan, source: layouts[0].directory.path)
    // Shards of one spec plan the same rung budgets (a changed sweep.budget or eta does not
    // change plan.csv); a shard killed before its end has no rungs.csv, so every rung's
    // complete trials are checked against the budget too, before anything is written.
    let budgets = (layouts + [target]).compactMap { layout in
      (try? CSVTable(contentsOf: layout.rungs))?.column("budget").map { (layout, $0) }
    }
    if let other = budgets.first(where: { $0.1 != budgets[0].1 }) {
      throw .differentSweeps(
        budgets[0].0.directory.path, other.0.directory.path, file: "rungs.csv budgets")
    }
    var trials: [(id: String, folder: URL)] = []
    for rung in rungs.rungs {
      var ids: [String] = []
      for layout in layouts + [target] {
        let folder = SweepLayout(
          directory: layout.directory.appendingPathComponent(HalvingRungs.folder(rung.index)))
        guard let trials = (try? SweepPlanFile.read(folder)).map(SweepPlanFile.trialIDs) else {
          continue
        }
        try RungBudgetCheck.check(
          folder, trials: trials, rung: rung, unit: rungTable.header[4],
          sweep: owner(layout.directory))
        ids += trials.filter { !ids.contains($0) }
      }
      // Every rung's copies of a trial agree before anything is written (the target's first).
      let name = HalvingRungs.folder(rung.index)
      let holders = ([target] + layouts.filter { $0.directory != target.directory }).map {
        SweepLayout(directory: $0.directory.appendingPathComponent(name))
      }
      try TrialFolder.checkAgree(ids, in: holders)
      trials += RecordedDataFile.complete(ids, in: holders)
    }
    // Every rung's trials trained on the same data (a later rung's continue the earlier's).
    try RecordedDataFile.checkAgree(trials)
    return (plan, settingsText, rungTable, rungs)
  }

  static func merge(_ layouts: [SweepLayout], into target: SweepLayout) throws(SweepError)
    -> MergeOutcome
  {
    let (plan, settingsText, rungTable, rungs) = try validate(layouts, into: target)
    try SweepFile.startFolder(
      target, command: "runner merge", plan: plan, settings: settingsText, hook: .disarmed,
      mergedFrom: layouts[0].directory.path)
    let hook = CrashHook.disarmed
    var copied = 0
    var notes: [String] = []
    var tables: [CSVTable] = []
    var missing: [String] = []
    var missingPositions: [Int] = []
    var completeInFirst = 0
    var partial: (table: CSVTable, planned: Int)?
    let settings = (try? CSVTable(parsing: settingsText)).flatMap(SweepSettings.init(table:))
    // The trial runs per rung as `runner sweep` counts them: a rung's planned trials are those
    // its folder's plan holds once chosen, else those the complete rung below promotes, else
    // the rung plan's.
    var runs = rungs.rungs.map { RungRuns(rung: $0.index, planned: $0.trials) }
    for rung in rungs.rungs {
      let name = HalvingRungs.folder(rung.index)
      let sources = (layouts + [target]).map { $0.directory.appendingPathComponent(name) }
        .filter { FileManager.default.fileExists(atPath: SweepLayout(directory: $0).plan.path) }
      guard !sources.isEmpty else {
        if let below = tables.last, tables.count == rung.index, let settings {
          let promoted = PreparedSweep.promoted(
            from: below, count: rung.trials, objective: settings
          ).count
          for index in rung.index..<runs.count where promoted == 0 { runs[index].planned = 0 }
          runs[rung.index].planned = promoted
        }
        break
      }
      let merged = try SweepMerger.merge(
        layouts: sources.map { SweepLayout(directory: $0) },
        into: SweepLayout(directory: target.directory.appendingPathComponent(name)))
      copied += merged.copied
      notes += merged.notes
      missing = merged.missing
      missingPositions = merged.missingPositions
      runs[rung.index].planned = merged.planned
      runs[rung.index].complete = merged.complete
      runs[rung.index].ran = merged.copied
      if rung.index == 0 { completeInFirst = merged.complete }
      let summary = SweepLayout(directory: URL(fileURLWithPath: merged.directory)).summary
      let table: CSVTable
      do { table = try CSVTable(contentsOf: summary) } catch { throw .results(error) }
      guard merged.missing.isEmpty, tables.count == rung.index else {
        // Partly run (a shard stopped inside it, or not run yet): its complete trials are
        // recorded as `runner sweep` stopped there records them (`HalvingRunner`).
        if merged.complete > 0, tables.count == rung.index { partial = (table, merged.planned) }
        break
      }
      tables.append(table)
    }
    let unit = rungTable.header[4]
    let axes = Array(((try? CSVTable(parsing: plan))?.header ?? []).dropFirst())
    var record = HalvingRecord(
      rungs: rungs, tables: tables, unit: unit, axes: axes, objective: settings?.objective)
    record.settings = settings
    record.partial = partial
    record.readStarts(in: target.directory)
    let summary = record.summary
    do {
      try SweepFile.write(record.rungTable.rendered, to: target.rungs, point: "rungs", hook: hook)
      notes += [
        try SweepFile.writeSummary(
          summary.rendered, to: target.summary, hook: hook, writer: "this merge")
      ].compactMap { $0 }
      // No rung complete: nothing ranked yet, so no report, as a sweep stopped there writes.
      if tables.isEmpty {
        SweepReport.withdraw(in: target)
      } else {
        notes += [try SweepReport.rebuild(in: target)].compactMap { $0 }
      }
    } catch { throw .results(error) }
    // Its markers go once its summary is written, as a sweep folder's (`SweepMerger`).
    ShardRecord.unmark(target.directory)
    notes += [record.removeCheckpoints(in: target.directory)].compactMap { $0 }
    let planned = (try? CSVTable(parsing: plan))?.rows.count ?? 0
    let finalFolder = target.directory.appendingPathComponent(
      HalvingRungs.folder(max(0, tables.count - 1)))
    return MergeOutcome(
      directory: target.directory.path, planned: planned, copied: copied,
      complete: completeInFirst, missing: missing, missingPositions: missingPositions,
      best: tables.count == rungs.rungs.count
        ? settings.flatMap {
          SweepBest(
            summary: summary, settings: $0,
            axes: axes, folder: finalFolder, unit: unit)
        } : nil, notes: notes, rungRuns: runs,
      roundCommands: ShardRecord.roundCommands(for: target.directory))
  }
}

extension HalvingRungs {
  /// The rung plan as `rungs.csv` records it (budget and planned trials per rung).
  init?(table: CSVTable) {
    guard let budgets = table.column("budget")?.compactMap({ Int($0) }),
      let counts = table.column("trials")?.compactMap({ Int($0) }), !budgets.isEmpty,
      budgets.count == counts.count
    else { return nil }
    rungs = zip(budgets, counts).enumerated().map {
      Rung(index: $0.offset, trials: $0.element.1, budget: $0.element.0)
    }
    gridTrials = counts[0]
    gridCost = counts[0] * budgets[budgets.count - 1]
  }
}
