import Conventions
import Foundation
import Reports

/// What a successive-halving sweep wrote, built from its complete rungs' ranked summaries
/// only: `rungs.csv` (per rung: budget, trials, which went on, compute), the sweep-level
/// `summary.csv`; and the line comparing its compute with the full grid's, which also counts
/// the complete trials of a rung only partly run (an interrupted sweep).
struct HalvingRecord {
  let rungs: HalvingRungs
  /// The complete rungs' `summary.csv` tables (ranked best first), rung 0 first.
  let tables: [CSVTable]
  /// `epochs` or `iterations`.
  let unit: String
  /// The swept key paths (`plan.csv`'s columns after `trial`), placed after `rung` and `budget`.
  let axes: [String]
  /// The column the trials are ranked by (`sweep.csv`'s objective), when known.
  let objective: String?
  /// How the trials are ranked (`sweep.csv`), when known: what chooses the promoted trials.
  var settings: SweepSettings? = nil
  /// How each complete rung's trials started (`start.csv`), rung 0 first (`readStarts`).
  var starts: [[TrialStart?]] = []
  /// How far each complete rung's trials trained in all (`TrialReach`), rung 0 first.
  var reached: [[Int?]] = []
  /// The rung after the complete ones when only part of its trials are complete (interrupted,
  /// or another shard's part missing): its complete trials' table and how many it runs.
  var partial: (table: CSVTable, planned: Int)? = nil
  /// How the partial rung's complete trials started (`readStarts`).
  var partialStarts: [TrialStart?] = []
  /// How far the partial rung's complete trials trained in all.
  var partialReached: [Int?] = []

  /// Once every rung is complete, no trial goes on from a checkpoint any more: removes the
  /// rungs' checkpoints from the sweep `directory` (they would double its size). A run and a
  /// merge both do it, so their folders stay byte-identical; an interrupted removal is finished
  /// by the next run or merge. A checkpoint the user write-protected is kept: the note saying
  /// so is returned (nil when none is).
  func removeCheckpoints(in directory: URL) -> String? {
    guard tables.count == rungs.rungs.count else { return nil }
    var kept: [URL] = []
    for (index, table) in tables.enumerated() {
      let rung = directory.appendingPathComponent(HalvingRungs.folder(index))
      for row in table.rows where ResultsFile.isPlainFolderName(row[0]) {
        let checkpoint = rung.appendingPathComponent(row[0])
          .appendingPathComponent(CheckpointFiles.folder)
        if let protected = CheckpointFiles.remove(checkpoint) { kept.append(protected) }
      }
    }
    return Self.keptNote(kept)
  }

  /// The note naming the write-protected entries (`protected`) whose checkpoints a complete
  /// sweep left in place; nil when there are none.
  static func keptNote(_ protected: [URL]) -> String? {
    guard let first = protected.min(by: { $0.path < $1.path }) else { return nil }
    let more = protected.count == 1 ? "" : " and \(protected.count - 1) more"
    return "note: kept \(protected.count) checkpoint\(protected.count == 1 ? "" : "s") a complete "
      + "sweep removes, as \(first.path)\(more) \(protected.count == 1 ? "is" : "are") "
      + "write-protected (the runner leaves \(protected.count == 1 ? "it as it is" : "them as they are")); to remove "
      + "\(protected.count == 1 ? "it" : "them"), make \(protected.count == 1 ? "it" : "them") "
      + "writable (chmod -R u+w) and run the same command again"
  }

  /// Reads how the complete rungs' trials started and how far they trained from their folders
  /// in the sweep `directory`.
  mutating func readStarts(in directory: URL) {
    func read(_ table: CSVTable, rung index: Int) -> ([TrialStart?], [Int?]) {
      let rung = directory.appendingPathComponent(HalvingRungs.folder(index))
      let folders = table.rows.map { rung.appendingPathComponent($0[0]) }
      // The rung's summary holds each trial's own stop reason: no trial's summary is read again.
      let reasons = table.column("stop_reason") ?? []
      let reached = folders.indices.map { row in
        TrialReach.read(
          folders[row], stopReason: row < reasons.count ? reasons[row] : nil, unit: unit)
      }
      return (folders.map(TrialStart.read), reached)
    }
    let complete = tables.indices.map { read(tables[$0], rung: $0) }
    (starts, reached) = (complete.map(\.0), complete.map(\.1))
    (partialStarts, partialReached) =
      partial.map { read($0.table, rung: tables.count) } ?? ([], [])
  }

  /// Epochs (or iterations) the complete trials of rung `index` trained in it.
  func trained(_ index: Int) -> Int {
    Self.trained(
      trials: tables[index].rows.count, budget: rungs.rungs[index].budget,
      starts: index < starts.count ? starts[index] : [],
      reached: index < reached.count ? reached[index] : [])
  }

  /// Epochs (or iterations) `trials` complete trials trained in a rung of `budget`: each from
  /// the budget it continued from (`starts`, in row order; 0 after a restart) to where it
  /// stopped (`reached`: its budget, or less where early stopping, convergence or divergence
  /// ended it); a trial that had stopped below the budget it continued from trained nothing.
  static func trained(trials: Int, budget: Int, starts: [TrialStart?], reached: [Int?]) -> Int {
    (0..<trials).map { row in
      let from = row < starts.count ? starts[row]?.from ?? 0 : 0
      let end = row < reached.count ? reached[row].map { min($0, budget) } ?? budget : budget
      return max(0, end - from)
    }.reduce(0, +)
  }

  /// Trials of rung `index` that went on from their checkpoint of the rung below.
  func continued(_ index: Int) -> Int {
    index < starts.count ? starts[index].filter { $0?.continued == true }.count : 0
  }

  /// Of `starts`' trials, those that went on from a checkpoint where they had already stopped
  /// (`reached` below the budget continued from: early stopping, convergence): nothing was left
  /// to train, so they kept the result of the rung below.
  static func stoppedBelow(starts: [TrialStart?], reached: [Int?]) -> Int {
    zip(starts, reached).filter { start, end in
      guard let start, start.continued, let end else { return false }
      return end < start.from
    }.count
  }

  /// Of the complete rungs' and the partial rung's trials, those that stopped before their
  /// rung's budget (in any rung, once each: early stopping, convergence, divergence).
  var stoppedEarly: Int {
    var stopped = Set<String>()
    for (index, table) in tables.enumerated() where index < reached.count {
      for (row, end) in zip(table.rows, reached[index]) {
        if let end, end < rungs.rungs[index].budget { stopped.insert(row[0]) }
      }
    }
    if let partial, tables.count < rungs.rungs.count {
      for (row, end) in zip(partial.table.rows, partialReached) {
        if let end, end < rungs.rungs[tables.count].budget { stopped.insert(row[0]) }
      }
    }
    return stopped.count
  }

  /// Epochs (or iterations) the partial rung's complete trials trained (0 without one).
  var partialTrained: Int {
    guard let partial, tables.count < rungs.rungs.count else { return 0 }
    return Self.trained(
      trials: partial.table.rows.count, budget: rungs.rungs[tables.count].budget,
      starts: partialStarts, reached: partialReached)
  }

  /// The trials of rung `index` that went on to the next rung, best first: those of the next
  /// rung's table, or, the next rung not complete yet, those the last complete rung promotes
  /// (chosen once it completes, `settings` known: a sweep stopped there made them).
  func wentOn(_ index: Int) -> [String] {
    guard index < tables.count, index + 1 < rungs.rungs.count else { return [] }
    let next: Set<String>
    if index + 1 < tables.count {
      next = Set(tables[index + 1].rows.map { $0[0] })
    } else if let settings {
      next = Set(
        PreparedSweep.promoted(
          from: tables[index], count: rungs.rungs[index + 1].trials, objective: settings))
    } else {
      return []
    }
    return tables[index].rows.map { $0[0] }.filter(next.contains)
  }

  /// Epochs (or iterations) trained by the complete rungs.
  var used: Int { tables.indices.map(trained).reduce(0, +) }

  /// `rungs.csv`: `rung`, `budget`, `trials` planned, `complete`, the compute the complete
  /// trials trained (named after the unit), `went_on` (the promoted trial IDs, best first) and
  /// `continued` (its trials that went on from their checkpoint of the rung below). The rung
  /// only partly run counts its complete trials too, as `line` does, so the report's compute
  /// is the one the sweep printed.
  var rungTable: CSVTable {
    var table = try! CSVTable(
      header: ["rung", "budget", "trials", "complete", unit, "went_on", "continued"])
    for rung in rungs.rungs {
      let done = rung.index < tables.count
      let partly = rung.index == tables.count ? partial : nil
      let complete = done ? tables[rung.index].rows.count : partly?.table.rows.count ?? 0
      let trained = done ? trained(rung.index) : partly == nil ? 0 : partialTrained
      let continued =
        done
        ? continued(rung.index)
        : partly == nil ? 0 : partialStarts.filter { $0?.continued == true }.count
      try! table.append(text: [
        String(rung.index), String(rung.budget), String(rung.trials), String(complete),
        String(trained), wentOn(rung.index).joined(separator: " "), String(continued),
      ])
    }
    return table
  }

  /// The sweep's `summary.csv`: every trial once, from the highest rung it reached down (so the
  /// best trial of the last rung comes first), each rung's rows in its ranked order; columns
  /// `trial`, `status`, `rung`, `budget`, the swept keys, then the rung summaries' other
  /// columns ordered as a sweep's are, over these rows (`SweepSummary.mergedHeader`: those that
  /// vary between them first, such as `iterations` at each rung's budget), `reason` last.
  var summary: CSVTable {
    var columns: [String] = []
    var rows: [[String: String]] = []
    var seen = Set<String>()
    for table in tables {
      for name in table.header where !columns.contains(name) { columns.append(name) }
    }
    for (index, table) in tables.enumerated().reversed() {
      for row in table.rows where seen.insert(row[0]).inserted {
        var cells = Dictionary(zip(table.header, row), uniquingKeysWith: { a, _ in a })
        cells["rung"] = String(index)
        cells["budget"] = String(rungs.rungs[index].budget)
        rows.append(cells)
      }
    }
    let header = SweepSummary.mergedHeader(
      leading: ["trial", "status", "rung", "budget"], axes: axes, columns: columns, rows: rows,
      objective: objective)
    var table = try! CSVTable(header: header)
    for cells in rows { try! table.append(text: header.map { cells[$0] ?? "" }) }
    return table
  }

  /// `successive halving: 81×1, 27×3, 9×9, 3×27 epochs = 324 epochs, 14.8% of the full
  /// grid's 2187`; interrupted in rung 1 after 19 of its 27 trials: `successive halving: 81×1,
  /// 19 of 27×3 epochs so far = 119 epochs, … (rung 1 partly run: 8 of its 27 trials still to
  /// run; 2 more rungs after it)`.
  var line: String {
    var done = zip(rungs.rungs, tables).map { "\($1.rows.count)×\($0.budget)" }
    let partial = tables.count < rungs.rungs.count ? self.partial : nil
    if let partial {
      let rung = rungs.rungs[tables.count]
      done.append("\(partial.table.rows.count) of \(partial.planned)×\(rung.budget)")
    }
    let total = used + partialTrained
    let share = AdaptiveSweep.shareOfGrid(total, full: rungs.gridCost)
    var pending =
      tables.count < rungs.rungs.count
      ? " (\(rungs.rungs.count - tables.count) of \(rungs.rungs.count) rungs still to run)" : ""
    if let partial {
      let after = rungs.rungs.count - tables.count - 1
      let more = after == 0 ? "" : "; \(after) more rung\(after == 1 ? "" : "s") after it"
      pending =
        " (rung \(tables.count) partly run: \(partial.planned - partial.table.rows.count) of its "
        + "\(partial.planned) trials still to run\(more))"
    }
    // A rung whose every trial failed promotes none: a re-run would not run the rest either.
    var stopped = false
    if partial == nil, !pending.isEmpty, let last = tables.last,
      let status = last.columnIndex("status"),
      !last.rows.contains(where: { $0[status] == "ok" })
    {
      stopped = true
      pending =
        " (every trial of rung \(tables.count - 1) failed, so none went on: "
        + "\(rungs.rungs.count - tables.count) of \(rungs.rungs.count) rungs not run; "
        + "see summary.csv's reasons)"
    }
    let promoted =
      tables.dropFirst().map(\.rows.count).reduce(0, +)
      + (tables.isEmpty ? 0 : partial?.table.rows.count ?? 0)
    let went =
      tables.indices.map(continued).reduce(0, +)
      + partialStarts.filter { $0?.continued == true }.count
    let stoppedBelow =
      zip(starts, reached).dropFirst().map { Self.stoppedBelow(starts: $0, reached: $1) }
      .reduce(0, +)
      + (tables.isEmpty ? 0 : Self.stoppedBelow(starts: partialStarts, reached: partialReached))
    let kept =
      stoppedBelow == 0
      ? "" : ", \(stoppedBelow) had stopped early below, so trained no further"
    let starts =
      promoted == 0
      ? ""
      : " (promoted trials: \(went - stoppedBelow) continued\(kept), \(promoted - went) restarted)"
    let early = stoppedEarly
    let shortened =
      early == 0
      ? "" : " (\(early) trial\(early == 1 ? "" : "s") stopped before the budget)"
    if done.isEmpty { return "successive halving: no rung complete yet" + pending }
    let soFar = tables.count < rungs.rungs.count && !stopped ? " so far" : ""
    return
      "successive halving: \(done.joined(separator: ", ")) \(unit)\(soFar) = \(total) \(unit)\(shortened), \(share)\(starts)\(pending)"
  }
}
