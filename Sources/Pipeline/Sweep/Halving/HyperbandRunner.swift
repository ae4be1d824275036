import Conventions
import Foundation
import Reports
import Specs

/// Runs a Hyperband sweep (Li et al. 2018): brackets `s = s_max … 0` of successive halving,
/// `s_max = ⌊log_eta(max/min)⌋`; bracket `s` starts `⌈(s_max+1)/(s+1)·eta^s⌉` trials of the
/// grid (a seeded draw without replacement, by a hash of the trials' training IDs, at most the whole grid) at
/// `max/eta^s` and halves them up to `max`: `s + 1` rungs at `max/eta^(s-r)` (rounded), even
/// when `max/min` is not a power of `eta`. Each bracket is a successive-halving folder
/// `bracket-<s>/`; the sweep's `summary.csv` ranks every trial by the largest budget it reached,
/// then the objective, then trial ID, so the answer never depends on `--jobs` or finishing order.
enum HyperbandRunner {
  /// The brackets: `s`, the rung plan, and the trial IDs they start with (trial-ID order).
  static func brackets(_ prepared: PreparedSweep) -> [(s: Int, rungs: HalvingRungs, ids: [String])]
  {
    guard let sweep = prepared.plan.base.spec.sweep, let budget = sweep.budget else { return [] }
    let eta = sweep.eta
    let (low, high) = (budget.lowerBound, budget.upperBound)
    // s_max: the rungs of a bracket large enough never to run out of trials.
    let sMax = HalvingRungs(trials: Int(1 << 40), min: low, max: high, eta: eta).rungs.count - 1
    // Drawn by the trials' training IDs: a rename, a description or the spec's own budget
    // (which the rungs replace) changes no draw.
    let all = prepared.plan.trials.map { ($0.id, $0.trainingID.isEmpty ? $0.id : $0.trainingID) }
    let seed = prepared.plan.base.spec.seed
    return (0...sMax).reversed().map { s in
      let power = Int(pow(Double(eta), Double(s)))
      let n = min(all.count, ((sMax + 1) * power + s) / (s + 1))
      let drawn = all.sorted {
        let a = StableHash.mix(seed ^ StableHash.fnv1a("hyperband:\(s):\($0.1)"))
        let b = StableHash.mix(seed ^ StableHash.fnv1a("hyperband:\(s):\($1.1)"))
        return a != b ? a < b : $0.1 < $1.1
      }.prefix(n).map(\.0).sorted()
      var rungs = HalvingRungs(trials: n, min: low, max: high, eta: eta, s: s)
      rungs.gridTrials = all.count
      rungs.gridCost = all.count * high
      return (s, rungs, Array(drawn))
    }
  }

  /// `brackets.csv`: the plan's brackets, largest first (`bracket`: `s`, its `rungs`, the
  /// `budget` its trials start at, its `trials`); merges and reports take only these.
  static func bracketsTable(_ plan: [(s: Int, rungs: HalvingRungs, ids: [String])]) -> CSVTable {
    // The header is fixed and every row has its width.
    try! CSVTable(
      header: ["bracket", "rungs", "budget", "trials"],
      rows: plan.map { bracket in
        [bracket.s, bracket.rungs.rungs.count, bracket.rungs.rungs[0].budget, bracket.ids.count]
          .map(String.init)
      })
  }

  static func run(
    _ prepared: PreparedSweep, options: SweepOptions, observer: @escaping SweepObserver
  ) throws(SweepError) -> SweepOutcome {
    let hook = CrashHook(environment: options.run.environment)
    let plan = brackets(prepared)
    try EarlierTieRule.check(prepared)
    if ResultsFolderKind.of(prepared.layout.directory) == .sweep,
      let warning = StaleRungs.warning(
        in: prepared.layout.directory, prefix: "bracket-", planned: plan.map(\.s))
    {
      observer(.note(warning))
    }
    // Every bracket's rungs whose trials are known are checked before the folder is written to.
    let brackets = try prepared.bracketProgress()
    // Said once, for the whole sweep: the brackets' rungs start no such note of their own.
    if let warning = prepared.hyperbandCostWarning(brackets) { observer(.note(warning)) }
    try HalvingRunner.createFolder(prepared, hook: hook, observer: observer)
    do {
      try SweepFile.write(
        bracketsTable(plan).rendered, to: prepared.layout.brackets, point: "brackets", hook: hook)
    } catch { throw .results(error) }
    var finished: [TrialStatus] = []
    var skipped = 0
    var notStarted = 0
    var lines: [String] = []
    var complete = true
    var runs: [RungRuns] = []
    var tables: [(s: Int, table: CSVTable)] = []
    var preview = prepared.preview(
      jobs: options.jobs, retryFailed: options.retryFailed, estimateCost: false)
    for bracket in plan {
      let sub = try prepared.bracket(bracket.s, rungs: bracket.rungs, trials: bracket.ids)
      let ids = bracket.ids
      observer(
        .note(
          "bracket \(bracket.s): \(ids.count) trials from \(bracket.rungs.rungs[0].budget) \(prepared.budgetUnit)"
        ))
      // The brackets done so far and this one's rungs, as a stop writes them: a sweep killed
      // from here on is reported (`runner report`) with them before it is resumed.
      let before = try? AtomicFile.read(sub.layout.summary)
      let outcome = try HalvingRunner.run(sub, options: options, observer: observer) {
        () throws(SweepError) in
        let current = (try? CSVTable(contentsOf: sub.layout.summary)).map { [(bracket.s, $0)] }
        try writeSummary(prepared, tables + (current ?? []), hook: hook, observer: observer)
      }
      finished += outcome.finished
      skipped += outcome.skipped
      notStarted += outcome.notStarted
      preview.markFailed(from: outcome.preview)
      complete = complete && outcome.best != nil
      lines.append("bracket \(bracket.s): " + (outcome.halving ?? ""))
      runs += (outcome.rungRuns ?? []).map {
        RungRuns(
          bracket: bracket.s, rung: $0.rung, planned: $0.planned, complete: $0.complete, ran: $0.ran
        )
      }
      let after = try? AtomicFile.read(sub.layout.summary)
      if let table = after.flatMap({ try? CSVTable(parsing: $0) }) {
        tables.append((bracket.s, table))
      }
      if outcome.cancelled { break }
      // As a rung: only a bracket whose rows changed in this run, or which the sweep's
      // summary.csv lacks (one a resume or `--retry-failed` leaves as it was would roll back).
      if bracket.s != plan.last?.s, before != after || !summaryHolds(prepared, bracket: bracket.s) {
        try writeSummary(prepared, tables, hook: hook, observer: observer)
      }
    }
    // Brackets after an interrupted one have not run.
    for bracket in plan where !runs.contains(where: { $0.bracket == bracket.s }) {
      runs += bracket.rungs.rungs.map {
        RungRuns(bracket: bracket.s, rung: $0.index, planned: $0.trials)
      }
    }
    let summary = try writeSummary(prepared, tables, hook: hook, observer: observer)
    // No rung of any bracket complete: nothing ranked yet, so no report (as `runner report`).
    if summary.rows.isEmpty {
      SweepReport.withdraw(in: prepared.layout)
    } else {
      do {
        if let kept = try SweepReport.rebuild(in: prepared.layout) { observer(.note(kept)) }
      } catch { throw .results(error) }
    }
    // Named once every bracket has run all its rungs (as successive halving).
    let best =
      complete
      ? best(
        summary, settings: prepared.settings, axes: Array(prepared.planTable.header.dropFirst()),
        folder: prepared.layout.directory, unit: prepared.budgetUnit) : nil
    var outcome = SweepOutcome(
      preview: preview, directory: prepared.layout.directory.path,
      summary: prepared.layout.summary.path,
      finished: finished, skipped: skipped, notStarted: notStarted,
      completeInFolder: Set(summary.rows.map { $0[0] }).count, best: best,
      halving: "hyperband:\n  " + lines.joined(separator: "\n  "), rungRuns: runs)
    if summary.rows.isEmpty, let first = plan.first, let rungZero = runs.first {
      outcome.firstRung = (
        AdaptiveSweep.bracketFolder(first.s) + "/" + AdaptiveSweep.rungFolder(0), rungZero.complete
      )
    }
    return outcome
  }

  /// Whether the sweep's `summary.csv` lists a trial of bracket `s`.
  static func summaryHolds(_ prepared: PreparedSweep, bracket s: Int) -> Bool {
    guard let summary = try? CSVTable(contentsOf: prepared.layout.summary),
      let column = summary.columnIndex("bracket")
    else { return false }
    return summary.rows.contains { $0[column] == String(s) }
  }

  /// Writes the sweep's `summary.csv`, `combined` from the brackets' `tables`, first keeping
  /// one the runner did not write as it is in `.history/` (said to `observer`); returns it.
  @discardableResult
  static func writeSummary(
    _ prepared: PreparedSweep, _ tables: [(s: Int, table: CSVTable)], hook: CrashHook,
    observer: SweepObserver
  ) throws(SweepError) -> CSVTable {
    let summary = combined(
      tables, axes: Array(prepared.planTable.header.dropFirst()), objective: prepared.settings)
    do {
      if let kept = try SweepFile.writeSummary(
        summary.rendered, to: prepared.layout.summary, hook: hook)
      {
        observer(.note(kept))
      }
    } catch { throw .results(error) }
    return summary
  }

  /// The best trial of the combined `summary`, its folder inside its bracket's last rung.
  static func best(
    _ summary: CSVTable, settings: SweepSettings, axes: [String], folder: URL, unit: String?
  ) -> SweepBest? {
    guard
      var found = SweepBest(
        summary: summary, settings: settings, axes: axes, folder: folder, unit: unit),
      let first = summary.rows.first
    else { return nil }
    guard let s = Int(first[2]), let rung = Int(first[3]) else { return found }
    let path =
      AdaptiveSweep.bracketFolder(s) + "/" + AdaptiveSweep.rungFolder(rung) + "/" + found.trial
    found.directory = folder.appendingPathComponent(path).path
    return found
  }

  /// Every bracket's trials, each once at its best-ranked row: the largest budget first, then
  /// the objective (ties to the smaller swept values, `TrialRanking.tieOrder`); columns `trial`, `status`, `bracket`, `rung`,
  /// `budget`, the swept `axes`, then the brackets' other columns ordered over all their rows
  /// (`SweepSummary.mergedHeader`), `reason` last.
  static func combined(
    _ tables: [(s: Int, table: CSVTable)], axes: [String], objective settings: SweepSettings
  ) -> CSVTable {
    var columns: [String] = []
    var cellsByRow: [[String: String]] = []
    for (s, table) in tables {
      for name in table.header where !columns.contains(name) { columns.append(name) }
      for row in table.rows {
        var cells = Dictionary(zip(table.header, row), uniquingKeysWith: { a, _ in a })
        cells["bracket"] = String(s)
        cellsByRow.append(cells)
      }
    }
    let header = SweepSummary.mergedHeader(
      leading: ["trial", "status", "bracket"] + ["rung", "budget"].filter(columns.contains),
      axes: axes, columns: columns, rows: cellsByRow, objective: settings.objective)
    let rows = cellsByRow.map { cells in header.map { cells[$0] ?? "" } }
    let objective = Objective(
      metric: settings.objective, goal: Objective.Goal(rawValue: settings.goal))
    // No bracket table yet (none has a `budget` column): one group.
    let budget = header.firstIndex(of: "budget")
    let byBudget = Dictionary(grouping: rows) { row in budget.flatMap { Int(row[$0]) } ?? 0 }
    var out: [[String]] = []
    var seen = Set<String>()
    for key in byBudget.keys.sorted(by: >) {
      let ranked = TrialRanking.rank(
        rows: byBudget[key]!.sorted { ($0[0], $0[2]) < ($1[0], $1[2]) }, header: header,
        column: settings.objective, axes: axes, by: objective)
      for row in ranked where seen.insert(row[0]).inserted { out.append(row) }
    }
    return try! CSVTable(header: header, rows: out)
  }
}
