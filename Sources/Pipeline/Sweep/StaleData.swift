import Datasets
import Foundation
import Reports
import Specs

/// A resumed sweep skips its complete trials, so when a data file changed since they ran,
/// its summary would mix results of two datasets: the sweep warns, naming the file.
///
/// A trial's `data_files.csv` gives the SHA-256 of each file it read: it is compared with the
/// file's digest now, so an edit is found whatever the file's modification time says (a file
/// moved or copied into place keeps an older one). A trial without it (recorded by an older
/// runner) falls back on the modification times: the file newer than its marker.
enum StaleData {
  /// The warnings for `prepared`'s folder, one per changed data file, one per changed
  /// `model.init.from` folder (its arrays counted), and one when trials were run with other
  /// seeds (`seedWarning`); none when every complete trial recorded the current data and seeds
  /// (or the sweep has no complete trial). `trialsLeft` (asked only when something changed)
  /// says whether this invocation trains trials, which then sit beside the skipped ones.
  static func warnings(_ prepared: PreparedSweep, trialsLeft: () -> Bool) -> [String] {
    let trials = completeTrials(in: prepared.layout.directory)
    guard !trials.isEmpty else { return [] }
    let current = currentData(prepared)
    // Per changed source (a data file by key and file; the arrays `model.init.from` names, by
    // their folder): its path and digest now, and the trials that recorded another digest,
    // with the first one's and its file.
    var changed: [[String]: Change] = [:]
    // Per source, every complete trial that recorded it.
    var recording: [[String]: Set<String>] = [:]
    var undated: [(id: String, date: Date)] = []
    for trial in trials {
      let id = trial.folder.lastPathComponent
      guard let rows = RecordedDataFile.recorded(in: trial.folder) else {
        if let date = trial.date { undated.append((id, date)) }
        continue
      }
      for row in rows {
        let source = Self.source(of: row)
        recording[source, default: []].insert(id)
        guard let now = current[row.source], now.sha256 != row.sha256 else { continue }
        changed[source, default: Change(path: now.path, now: now.sha256, then: row.sha256)]
          .files.insert(row.file)
        changed[source]?.ids.append(id)
      }
    }
    guard !changed.isEmpty || !undated.isEmpty else {
      return [seedWarning(prepared, trials: trials)].compactMap { $0 }
    }
    let left = trialsLeft()
    var warnings = changed.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map {
      source, change in
      let mixed = left || recording[source, default: []].subtracting(change.ids).count > 0
      let (then, now) = (RecordedDataFile.short(change.then), RecordedDataFile.short(change.now))
      guard source[0] == initFrom else {
        return message(
          "\(source[0]): \(change.path) was", trials: change.ids,
          detail: ": its data_files.csv records SHA-256 \(then), the file now has \(now)",
          mixed: mixed, of: "data", prepared: prepared)
      }
      // The arrays of one saved run: one warning, counting them.
      let arrays = current.keys.filter { $0[0] == initFrom && Self.source(of: $0) == source }
      let folder = URL(fileURLWithPath: change.path).deletingLastPathComponent().path
      let first = URL(fileURLWithPath: change.path).lastPathComponent
      let n = change.files.count
      return message(
        "\(initFrom): \(n == arrays.count ? (n == 1 ? "the" : "all \(n)") : "\(n) of the \(arrays.count)") "
          + "saved array\(arrays.count == 1 ? "" : "s") in \(folder) \(n == 1 ? "was" : "were")",
        trials: change.ids,
        detail: ": its data_files.csv records SHA-256 \(then) for \(first), which now has \(now)",
        mixed: mixed, of: "weights", prepared: prepared)
    }
    // Trials recorded before data_files.csv: the newest file against their markers.
    let files = DataFootprint.files(of: prepared.plan.base, context: prepared.context)
    if let newest = files.compactMap({ file in modified(file.path).map { (file, $0) } })
      .max(by: { $0.1 < $1.1 })
    {
      let older = undated.filter { $0.date < newest.1 }.map(\.id)
      if !older.isEmpty {
        warnings.append(
          message(
            "\(newest.0.key.description): \(newest.0.path) was", trials: older, detail: "",
            mixed: left || older.count < trials.count, of: "data", prepared: prepared))
      }
    }
    return warnings + [seedWarning(prepared, trials: trials)].compactMap { $0 }
  }

  /// The key recording the arrays `model.init.from` starts from.
  private static let initFrom = "model.init.from"

  /// A changed source: its path and digest now (its first changed file's, for a folder of
  /// arrays), the trials that recorded another digest, the first one's, and the files changed.
  private struct Change {
    var path: String
    var now: String
    var then: String
    var ids: [String] = []
    var files: Set<String> = []
  }

  /// What one warning is about: a data file (`[key, file]`), or the folder of the arrays
  /// `model.init.from` starts from (`[key, folder]`), a saved run being one source of weights.
  private static func source(of row: RecordedDataFile) -> [String] { source(of: row.source) }

  private static func source(of source: [String]) -> [String] {
    guard source[0] == initFrom, let slash = source[1].lastIndex(of: "/") else { return source }
    return [source[0], String(source[1][..<slash])]
  }

  /// `what` (`dataset.file: /data/x.csv was`) modified after `trials` were recorded, and what
  /// that makes of summary.csv: two versions of the `data` (`data`, `weights`) when `mixed`
  /// (trials run now, or other complete trials recorded the current one), else only the
  /// earlier one.
  private static func message(
    _ what: String, trials: [String], detail: String, mixed: Bool, of data: String,
    prepared: PreparedSweep
  ) -> String {
    // A trial of several rungs is counted once.
    let n = Set(trials).count
    let count = n == 1 ? "1 complete trial" : "\(n) complete trials"
    let consequence =
      mixed
      ? "they are skipped, so their results come from the earlier \(data) and summary.csv "
        + "mixes both"
      : "they are skipped, and as no trial is left to run, every trial in summary.csv used "
        + "the earlier \(data)"
    return "warning: \(what) modified after \(count) of this sweep \(n == 1 ? "was" : "were") "
      + "recorded (e.g. \(trials.min() ?? "")\(detail)): \(consequence); to train every trial "
      + "on the current \(data), sweep into a new folder (--results-dir DIR, or another "
      + "output:) or move \(prepared.layout.directory.path) away"
  }

  /// The digest now of each file the sweep's trials read, by key and file as written, with
  /// its path: the base spec's, and each other data configuration's when data keys are swept.
  private static func currentData(_ prepared: PreparedSweep) -> [[String]: (
    path: String, sha256: String
  )] {
    var specs = [prepared.plan.base]
    if !PreparedSweep.sharesData(prepared.plan) {
      var seen: [DataConfiguration?] = [try? DataConfiguration(prepared.plan.base.spec)]
      for trial in prepared.plan.trials {
        let data = try? DataConfiguration(trial.spec)
        guard !seen.contains(where: { $0 == data }) else { continue }
        seen.append(data)
        var loaded = prepared.plan.base
        loaded.spec = trial.spec
        specs.append(loaded)
      }
    }
    var current: [[String]: (path: String, sha256: String)] = [:]
    for loaded in specs {
      for file in (try? DataFilesRecord.files(loaded, context: prepared.context)) ?? [] {
        current[file.row.source] = (file.path, file.row.sha256)
      }
    }
    return current
  }

  /// The warning when complete trials were run with other seeds than this runner derives for
  /// them (an earlier runner's rule): skipped on a resume, their results would sit beside the
  /// new trials' in one summary, each drawn by another rule. Nil when every seed agrees.
  private static func seedWarning(
    _ prepared: PreparedSweep, trials: [(folder: URL, date: Date?)]
  ) -> String? {
    let planned = Dictionary(
      prepared.plan.trials.map { ($0.id, $0.spec.seed) }, uniquingKeysWith: { a, _ in a })
    var differing: [(id: String, recorded: String, now: UInt64)] = []
    for trial in trials {
      let id = trial.folder.lastPathComponent
      let spec = trial.folder.appendingPathComponent(ResultsFile.resolvedSpec)
      guard let now = planned[id], let text = try? String(contentsOf: spec, encoding: .utf8),
        let recorded = ResultsReport.scalar("seed", ofResolvedSpec: text)
      else { continue }
      if recorded != String(now) { differing.append((id, recorded, now)) }
    }
    guard let first = differing.first else { return nil }
    let n = Set(differing.map(\.id)).count
    return "warning: \(n) complete trial\(n == 1 ? " was" : "s were") run with other seeds than "
      + "this runner derives (e.g. \(first.id): seed \(first.recorded), now \(first.now), as an "
      + "earlier runner derived them): they are skipped, so summary.csv mixes trials of both; to "
      + "run every trial with its current seed, sweep into a new folder (--results-dir DIR, or "
      + "another output:) or move \(prepared.layout.directory.path) away"
  }

  /// The complete trials below `directory`: each folder holding a marker, with the marker's
  /// modification time.
  static func completeTrials(in directory: URL) -> [(folder: URL, date: Date?)] {
    guard
      let walk = FileManager.default.enumerator(
        at: directory, includingPropertiesForKeys: [.contentModificationDateKey],
        options: [.skipsHiddenFiles])
    else { return [] }
    var trials: [(folder: URL, date: Date?)] = []
    // Trial markers lie at most 4 levels down (`bracket-<s>/rung-<r>/<trial>/status.csv`).
    for case let url as URL in walk {
      if walk.level >= 4 { walk.skipDescendants() }
      guard url.lastPathComponent == SweepLayout.markerFile else { continue }
      // The modification time the walk already read with the entry.
      let date = try? url.resourceValues(forKeys: [.contentModificationDateKey])
        .contentModificationDate
      trials.append((url.deletingLastPathComponent(), date))
    }
    return trials
  }

  private static func modified(_ path: String) -> Date? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
  }
}
