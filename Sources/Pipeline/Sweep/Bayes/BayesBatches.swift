import Conventions
import Foundation
import Reports
import Specs

/// The batch plan of a `method: bayes` sweep: batch 0 is the `startup` random trials (the first
/// draws of a random sweep with the same seed), then batches of `batch` TPE suggestions until
/// `trials`, the last one possibly smaller.
public struct BayesBatches: Sendable, Equatable {
  /// The trials of each batch.
  public var sizes: [Int]

  /// The plan of `sweep`'s keys.
  public init(_ sweep: SweepSpec) {
    let startup = min(sweep.startup, sweep.trials)
    sizes = [startup]
    var left = sweep.trials - startup
    while left > 0 {
      sizes.append(min(sweep.batch, left))
      left -= sizes[sizes.count - 1]
    }
  }

  /// The seed of batch `index`'s suggestions: the sweep's seed mixed with the batch number.
  static func seed(_ sweepSeed: UInt64, batch index: Int) -> UInt64 {
    StableHash.mix(sweepSeed ^ StableHash.fnv1a("bayes:batch:\(index)"))
  }

  /// What `--dry-run` shows: the batches and how many are complete on disk; `distinct` of the
  /// startup draws are trials (the others repeat one, as values rounded to one integer do).
  /// `space`: how many trials the swept values make when they are finite (TPE suggests no
  /// trial twice, so they cap the plan).
  public func text(complete: Int, distinct: Int, space: Int? = nil) -> String {
    let tpe = sizes.dropFirst()
    let repeats = sizes[0] - distinct
    let startup =
      repeats > 0
      ? "\(sizes[0]) random draws (startup): \(distinct) distinct trials, \(repeats) "
        + "repeat\(repeats == 1 ? "s" : "") one"
      : "\(sizes[0]) random trials (startup)"
    var lines = ["batch plan (bayes, TPE):", "  batch 0: " + startup]
    if let first = tpe.first {
      let range = tpe.count == 1 ? "batch 1" : "batches 1-\(tpe.count)"
      let last = tpe.last != first ? " (the last \(tpe.last!))" : ""
      lines.append(
        "  \(range): \(first) TPE suggestion\(first == 1 ? "" : "s") each\(last), from the results of the batches before"
      )
    }
    let planned = sizes.reduce(0, +) - repeats
    let total = min(planned, space ?? planned)
    lines.append(
      "  \(repeats > 0 || total < planned ? "at most " : "")\(total) trials in \(sizes.count) batch\(sizes.count == 1 ? "" : "es")\(total < planned ? " (the swept values make \(total))" : ""), \(complete) complete"
    )
    return lines.joined(separator: "\n")
  }

  /// `batches.csv`: each trial's batch, sampler and `settings` (what the suggestions were made
  /// under, `settings(of:)`), in batch then suggestion order (`order`: each trial's position in
  /// the sweep's draws and suggestions; ties by ID); a batch up to `last` that suggested no new
  /// trial (a small space of lists ran out) is one row with an empty `trial`. Each batch after
  /// `last` of the `planned` is one row with sampler `planned` and no trial or settings (read as
  /// no recorded batch), so the folder of a sweep stopped before it says it has not run
  /// (`SweepCompletion`); a finished sweep has none.
  static func table(
    _ batchOf: [String: Int], through last: Int, planned: Int, order: [String: Int],
    settings: String
  ) -> CSVTable {
    let suggested = Set(batchOf.values)
    let empty = (0...max(last, 0)).filter { !suggested.contains($0) }.map { ($0, -1, "") }
    let rows = (batchOf.map { ($0.value, order[$0.key] ?? 0, $0.key) } + empty).sorted(by: <)
      .map { [String($0.0), $0.2, $0.0 == 0 ? "random" : "tpe", settings] }
    let later = (max(last, 0) + 1..<max(planned, last + 1)).map {
      [String($0), "", SweepCompletion.plannedSampler, ""]
    }
    return try! CSVTable(header: header, rows: rows + later)
  }

  /// The columns of `batches.csv`.
  static let header = ["batch", "trial", "sampler", "settings"]

  /// What a batch's suggestions depend on besides the trials' results, as 12 hex digits: the
  /// spec (its sweep's seed, startup, batch, objective and axes, every other key) without
  /// `sweep.trials` (which only ends the batch plan sooner or later) and `output`.
  static func settings(of spec: ExperimentSpec) -> String {
    var spec = spec
    spec.sweep?.trials = 0
    spec.output = ""
    return SpecWriter.fingerprint(spec)
  }

  /// The value combinations (one per axis of `axes`) that `batches.csv` and `plan.csv` in
  /// `layout` record for batch `index` under `settings`, in suggestion order: a recorded batch is
  /// replayed as it was suggested, even when a retried trial has since changed the results it
  /// came from; none for a batch recorded as empty. Nil when the batch is not recorded under
  /// these settings (another sweep setting, a folder of an earlier version) or the files do not
  /// give every value.
  static func recorded(
    _ index: Int, in layout: SweepLayout, axes: [SweepAxis], settings: String
  ) -> [[SpecValue]]? {
    guard let batches = try? CSVTable(contentsOf: layout.batches), batches.header == header,
      let plan = try? SweepPlanFile.read(layout)
    else { return nil }
    let columns = axes.map { plan.header.firstIndex(of: $0.path.description) }
    let rows = Dictionary(plan.rows.map { ($0[0], $0) }) { first, _ in first }
    let trials = batches.rows.filter {
      $0[0] == String(index) && $0[2] != SweepCompletion.plannedSampler
    }
    guard !trials.isEmpty, trials.allSatisfy({ $0[3] == settings }) else { return nil }
    var combos: [[SpecValue]] = []
    for trial in trials.map({ $0[1] }) where !trial.isEmpty {
      guard let row = rows[trial] else { return nil }
      var combo: [SpecValue] = []
      for column in columns {
        guard let column, let value = SpecValue(flowText: row[column]) else { return nil }
        combo.append(value)
      }
      combos.append(combo)
    }
    return combos
  }
}

extension BayesBatches {
  /// The trials `batches.csv` in `layout` records for each batch made under `settings`, in
  /// suggestion order (none for a batch recorded as empty); none when the file is missing,
  /// damaged or of other settings.
  static func recordedTrials(in layout: SweepLayout, settings: String) -> [Int: [String]] {
    guard let batches = try? CSVTable(contentsOf: layout.batches), batches.header == header
    else { return [:] }
    var trials: [Int: [String]] = [:]
    for row in batches.rows where row[3] == settings && row[2] != SweepCompletion.plannedSampler {
      guard let batch = Int(row[0]) else { continue }
      trials[batch, default: []] += row[1].isEmpty ? [] : [row[1]]
    }
    return trials
  }

  /// `runner merge` of a bayes sweep's shards: their `batches.csv` (the same in every shard of
  /// a round, as their `plan.csv` is) goes into the merged folder.
  static func merge(_ sources: [SweepLayout], into target: SweepLayout) throws(ResultsFileError) {
    let texts = sources.compactMap { try? AtomicFile.read($0.batches) }
    guard let text = texts.first else { return }
    guard texts.allSatisfy({ $0 == text }) else {
      throw .cannotWrite(
        path: target.batches.path, reason: "the shards' batches.csv differ (not one bayes sweep)")
    }
    try SweepFile.write(text, to: target.batches, point: "batches", hook: .disarmed)
  }
}

extension SweepLayout {
  /// `batches.csv` of a bayes sweep: which batch suggested each trial.
  var batches: URL { directory.appendingPathComponent(ResultsFile.bayesBatches) }
}

extension PreparedSweep {
  /// The finished ok trials with a finite objective, and the failed ones (diverged, too big)
  /// with an infinite loss, worse than any (as Optuna ranks a pruned trial below every complete
  /// one), oldest suggestion first (ties by ID), as TPE observations (lower is better).
  var observations: [TPESampler.Observation] {
    let table = summary.table
    guard let column = table.columnIndex(settings.objective) else { return [] }
    var loss: [String: Double] = [:]
    if let status = table.columnIndex("status") {
      for row in table.rows where row[status] == "failed" { loss[row[0]] = .infinity }
    }
    for row in settings.results(table) {
      let value = CSVCell.number(from: row[column])!
      loss[row[0]] = settings.goal == "max" ? -value : value
    }
    let axes = (plan.base.spec.sweep?.axes ?? []).map(\.path)
    return plan.trials.sorted { ($0.index, $0.id) < ($1.index, $1.id) }.compactMap { trial in
      guard let value = loss[trial.id] else { return nil }
      let values = axes.map { path in
        trial.assignments.first { $0.path == path }?.value ?? .null
      }
      return TPESampler.Observation(values: values, loss: value)
    }
  }
}
