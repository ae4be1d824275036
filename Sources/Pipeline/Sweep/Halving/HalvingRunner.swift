import Conventions
import Foundation
import Reports
import Specs

/// Runs a successive-halving sweep rung by rung (docs/sweeps.md): rung 0 trains every trial of
/// the plan to the smallest budget; each later rung trains the best 1/eta of the rung below,
/// chosen from that rung's results on disk only (objective, then trial ID), so the chosen
/// trials and every file are the same whatever `--jobs`, the finishing order or a resume.
///
/// Each rung is an ordinary sweep folder `rung-<r>/` inside the sweep folder (its own plan,
/// summary and trial folders, complete once their `status.csv` exist); the sweep folder holds
/// `plan.csv` (every trial), `sweep.csv`, `rungs.csv` and `summary.csv`. A rung that is not
/// complete (cancelled, or other shards' trials missing) stops the run; a re-run continues.
/// A `rung-<r>/` of an earlier plan with more rungs is named in a warning and left as it is.
enum HalvingRunner {
  /// Runs the sweep's rungs; `rungDone` is called once each rung below the last is complete
  /// and written (a Hyperband bracket's: the sweep writes its own summary then).
  static func run(
    _ prepared: PreparedSweep, options: SweepOptions, observer: @escaping SweepObserver,
    rungDone: () throws(SweepError) -> Void = {}
  ) throws(SweepError) -> SweepOutcome {
    let rungs = prepared.halving!
    let layout = prepared.layout
    let hook = CrashHook(environment: options.run.environment)
    let planned = rungs.rungs.map(\.index)
    if ResultsFolderKind.of(layout.directory) == .sweep,
      let warning = StaleRungs.warning(in: layout.directory, prefix: "rung-", planned: planned)
    {
      observer(.note(warning))
    }
    try EarlierTieRule.check(prepared)
    // Every rung whose trials are known is checked before the folder is written to; the others
    // as their trials are chosen.
    let checked = try progress(prepared, rungs).prefix { $0 != nil }.count
    try createFolder(prepared, hook: hook, observer: observer)
    var ids = prepared.plan.trials.map(\.id)
    var tables: [CSVTable] = []
    var last: SweepOutcome?
    var finished: [TrialStatus] = []
    var skipped = 0
    var preview = prepared.preview(
      jobs: options.jobs, retryFailed: options.retryFailed, estimateCost: false)
    var runs = rungs.rungs.map { RungRuns(rung: $0.index, planned: $0.trials) }
    var partial: (table: CSVTable, planned: Int)?
    for rung in rungs.rungs {
      if rung.index > 0 {
        ids = PreparedSweep.promoted(
          from: tables[tables.count - 1], count: rung.trials, objective: prepared.settings
        )
        if let tie = PreparedSweep.tieNote(
          from: tables[tables.count - 1], count: rung.trials, objective: prepared.settings,
          rung: rung.index)
        {
          observer(.note(tie))
        }
        if ids.isEmpty {
          for index in rung.index..<runs.count { runs[index].planned = 0 }
          break
        }
      }
      let sub = try prepared.rung(rung, trials: Set(ids))
      if rung.index >= checked { try RungBudgetCheck.check(sub, rung: rung, of: prepared) }
      observer(
        .note(
          "rung \(rung.index): \(ids.count) trial\(ids.count == 1 ? "" : "s") × \(rung.budget) \(prepared.budgetUnit)"
        ))
      let before = try? AtomicFile.read(sub.layout.summary)
      let outcome = try SweepRunner.execute(
        sub, options: options, crashHook: hook, observer: observer)
      // The file as `execute` wrote it, compared with the file before, as Hyperband compares a
      // bracket's: one rule for "the rows changed" (`execute` writes the rows of a larger plan a
      // live sweep keeps there, which this rung's own plan would not give).
      let after = try? AtomicFile.read(sub.layout.summary)
      finished += outcome.finished
      skipped += outcome.skipped
      preview.markFailed(from: outcome.preview)
      last = outcome
      runs[rung.index].planned = ids.count
      runs[rung.index].complete = outcome.completeInFolder
      runs[rung.index].ran = outcome.finished.count
      var table = SweepSummary(plan: sub.planTable, settings: prepared.settings)
      guard outcome.completeInFolder == ids.count, !outcome.cancelled else {
        if outcome.completeInFolder > 0 {
          table.refreshAll(in: sub.layout)
          partial = (table.table, ids.count)
        }
        break
      }
      table.refreshAll(in: sub.layout)
      tables.append(table.table)
      if rung.index > 0 {
        for note in starts(of: table.table, in: sub.layout, rung: rung) { observer(.note(note)) }
      }
      // The rungs done so far, as a stop writes them: a sweep killed from here on is reported
      // (`runner report`) with them before it is resumed. Only when the rung's rows changed in
      // this run or the folder's record lacks it: a rung a resume or `--retry-failed` leaves as
      // it was would take the later rungs out of the summary until the loop reached them.
      if rung.index < rungs.rungs.count - 1,
        before != after
          || !recordHolds(layout, rung: rung.index, complete: table.table.rows.count)
      {
        let record = Self.record(prepared, rungs, tables: tables, partial: nil)
        do {
          if let kept = try write(record, in: layout, hook: hook) { observer(.note(kept)) }
        } catch { throw .results(error) }
        try rungDone()
      }
    }
    let record = Self.record(prepared, rungs, tables: tables, partial: partial)
    let summary = record.summary
    do {
      if let kept = try write(record, in: layout, hook: hook) { observer(.note(kept)) }
      // No rung complete: nothing ranked yet, so no report (as `runner report` says).
      if tables.isEmpty {
        SweepReport.withdraw(in: layout)
      } else if let kept = try SweepReport.rebuild(in: layout) {
        observer(.note(kept))
      }
    } catch { throw .results(error) }
    if let kept = record.removeCheckpoints(in: layout.directory) { observer(.note(kept)) }
    let finalFolder = layout.directory.appendingPathComponent(
      HalvingRungs.folder(max(0, tables.count - 1)))
    var outcome = SweepOutcome(
      preview: preview, directory: layout.directory.path, summary: layout.summary.path,
      finished: finished,
      skipped: skipped, notStarted: last?.notStarted ?? 0,
      completeInFolder: tables.first?.rows.count ?? last?.completeInFolder ?? 0,
      best: tables.count == rungs.rungs.count
        ? SweepBest(
          summary: summary, settings: prepared.settings,
          axes: Array(prepared.planTable.header.dropFirst()), folder: finalFolder,
          unit: prepared.budgetUnit) : nil,
      halving: record.line, rungRuns: runs)
    if tables.isEmpty { outcome.firstRung = (HalvingRungs.folder(0), runs[0].complete) }
    return outcome
  }
}

extension HalvingRunner {
  /// The record of `prepared`'s rungs `tables` (complete, in rung order) and `partial`, the
  /// incomplete rung above them, with how their trials started.
  static func record(
    _ prepared: PreparedSweep, _ rungs: HalvingRungs, tables: [CSVTable],
    partial: (table: CSVTable, planned: Int)?
  ) -> HalvingRecord {
    var record = HalvingRecord(
      rungs: rungs, tables: tables, unit: prepared.budgetUnit,
      axes: Array(prepared.planTable.header.dropFirst()), objective: prepared.settings.objective)
    record.partial = partial
    record.settings = prepared.settings
    record.readStarts(in: prepared.layout.directory)
    return record
  }

  /// Whether the `rungs.csv` of sweep folder `layout` records rung `index` complete with its
  /// `count` trials (a stop records a rung only partly run with fewer).
  static func recordHolds(_ layout: SweepLayout, rung index: Int, complete count: Int) -> Bool {
    guard let table = try? CSVTable(contentsOf: layout.rungs),
      let rung = table.columnIndex("rung"), let complete = table.columnIndex("complete")
    else { return false }
    return table.rows.contains { $0[rung] == String(index) && $0[complete] == String(count) }
  }

  /// Writes `record`'s `rungs.csv` and `summary.csv` into the sweep folder `layout`; returns
  /// the note on a `summary.csv` the runner did not write as it is, kept in `.history/` first.
  static func write(_ record: HalvingRecord, in layout: SweepLayout, hook: CrashHook)
    throws(ResultsFileError) -> String?
  {
    try SweepFile.write(record.rungTable.rendered, to: layout.rungs, point: "rungs", hook: hook)
    return try SweepFile.writeSummary(record.summary.rendered, to: layout.summary, hook: hook)
  }

  /// Checks the sweep folder is one (or new), creates it and writes `plan.csv` and `sweep.csv`;
  /// a bracket's damaged plan is written again first, as the sweep makes it (`observer` told).
  static func createFolder(
    _ prepared: PreparedSweep, hook: CrashHook, observer: SweepObserver
  ) throws(SweepError) {
    try prepared.rebuildSubfolderPlan(observer: observer)
    try SweepFile.startFolder(
      prepared.layout, command: "runner sweep", plan: prepared.planTable.rendered,
      settings: prepared.settings.table.rendered, hook: hook, shard: prepared.shard,
      plannedSubfolder: prepared.plannedSubfolderTrials,
      root: prepared.context.resultsRoot)
  }

  /// How many trials of each rung are complete on disk; nil from the first rung whose trials
  /// are not chosen yet (the rung below is incomplete).
  static func progress(_ prepared: PreparedSweep, _ rungs: HalvingRungs) throws(SweepError)
    -> [Int?]
  {
    var ids = prepared.plan.trials.map(\.id)
    var complete: [Int?] = []
    var table: CSVTable?
    for rung in rungs.rungs {
      if rung.index > 0 {
        guard let table, complete.last == ids.count else {
          complete.append(nil)
          continue
        }
        ids = PreparedSweep.promoted(
          from: table, count: rung.trials, objective: prepared.settings)
      }
      let sub = try prepared.rung(rung, trials: Set(ids))
      try RungBudgetCheck.check(sub, rung: rung, of: prepared)
      complete.append(sub.summary.completeCount)
      table = sub.summary.table
    }
    return complete
  }
}

extension HalvingRunner {
  /// How a finished rung's trials started, from their `start.csv`: `rung 1: 3 continued from
  /// the rung below; 1 restarted: <reason> (<trial IDs>)`, a warning for each trial whose
  /// checkpoint could not be used, and one for the trials whose checkpoints were saved in
  /// another numeric environment.
  static func starts(of table: CSVTable, in layout: SweepLayout, rung: HalvingRungs.Rung)
    -> [String]
  {
    var continued = 0
    var restarted: [String: [String]] = [:]
    var warnings: [String] = []
    var elsewhere: [String: [String]] = [:]
    for row in table.rows {
      let start = TrialStart.read(layout.trialDirectory(row[0]))
      if let start, start.continued {
        continued += 1
      } else if let start, start.reason.hasPrefix(TrialStart.unusable) {
        restarted[TrialStart.unusable, default: []].append(row[0])
        warnings.append("warning: rung \(rung.index): \(row[0]) restarted: \(start.reason)")
      } else if let start, start.reason.hasPrefix(TrialStart.otherEnvironmentStart) {
        restarted[TrialStart.otherEnvironmentStart, default: []].append(row[0])
        elsewhere[start.reason, default: []].append(row[0])
      } else {
        restarted[start?.reason ?? "no start.csv", default: []].append(row[0])
      }
    }
    var parts: [String] = []
    if continued > 0 { parts.append("\(continued) continued from the rung below") }
    for (reason, ids) in restarted.sorted(by: { $0.key < $1.key }) {
      parts.append("\(ids.count) restarted: \(reason) (\(ids.sorted().joined(separator: " ")))")
    }
    for (reason, ids) in elsewhere.sorted(by: { $0.key < $1.key }) {
      let one = ids.count == 1
      let (trials, checkpoints) =
        one ? ("1 trial", "its checkpoint was") : ("\(ids.count) trials", "their checkpoints were")
      let environments = reason.dropFirst(TrialStart.otherEnvironmentStart.count)
      warnings.append(
        "warning: rung \(rung.index): \(trials) restarted from scratch "
          + "(\(ids.sorted().joined(separator: " "))): \(checkpoints) saved in another numeric "
          + "environment\(environments); going on from \(one ? "it" : "them") would give numbers "
          + "neither environment gives")
    }
    return ["rung \(rung.index): " + parts.joined(separator: "; ")] + warnings
  }
}

extension SweepPreview {
  /// Marks the trials `rung` (a rung's or bracket's preview) lists as failed before its run
  /// failed here too: the trials stay in the rung folders, so the sweep's own folder cannot say.
  mutating func markFailed(from rung: SweepPreview) {
    let failed = Dictionary(
      rung.trials.compactMap { trial in
        if case .failed = trial.state { (trial.id, trial.state) } else { nil }
      }, uniquingKeysWith: { a, _ in a })
    for index in trials.indices where trials[index].state == .pending {
      trials[index].state = failed[trials[index].id] ?? .pending
    }
  }
}

extension SweepLayout {
  /// `rungs.csv` of a successive-halving sweep: each rung's budget, trials and promotions.
  var rungs: URL { directory.appendingPathComponent(Self.rungsFile) }
  /// The rung record's file name.
  static let rungsFile = "rungs.csv"
}
