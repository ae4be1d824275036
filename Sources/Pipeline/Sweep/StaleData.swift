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
  /// The warnings for `prepared`'s folder, one per changed file, and one when trials were run
  /// with other seeds (`seedWarning`); none when every complete trial recorded the current
  /// data and seeds (or the sweep has no complete trial).
  static func warnings(_ prepared: PreparedSweep) -> [String] {
    let trials = completeTrials(in: prepared.layout.directory)
    guard !trials.isEmpty else { return [] }
    let current = currentData(prepared)
    // Per changed file (key, file): its path and digest now, and the trials that recorded
    // another digest, with the first one's.
    var changed: [[String]: (path: String, now: String, ids: [String], then: String)] = [:]
    var undated: [(id: String, date: Date)] = []
    for trial in trials {
      guard let rows = RecordedDataFile.recorded(in: trial.folder) else {
        if let date = trial.date { undated.append((trial.folder.lastPathComponent, date)) }
        continue
      }
      for row in rows {
        guard let now = current[row.source], now.sha256 != row.sha256 else { continue }
        changed[row.source, default: (now.path, now.sha256, [], row.sha256)].ids.append(
          trial.folder.lastPathComponent)
      }
    }
    var warnings = changed.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map {
      source, change in
      message(
        key: source[0], path: change.path, trials: change.ids,
        detail: ": its data_files.csv records SHA-256 \(RecordedDataFile.short(change.then)), "
          + "the file now has \(RecordedDataFile.short(change.now))", prepared: prepared)
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
            key: newest.0.key.description, path: newest.0.path, trials: older, detail: "",
            prepared: prepared))
      }
    }
    return warnings + [seedWarning(prepared, trials: trials)].compactMap { $0 }
  }

  private static func message(
    key: String, path: String, trials: [String], detail: String, prepared: PreparedSweep
  ) -> String {
    // A trial of several rungs is counted once.
    let n = Set(trials).count
    let count = n == 1 ? "1 complete trial" : "\(n) complete trials"
    return "warning: \(key): \(path) was modified after \(count) of this sweep were recorded "
      + "(e.g. \(trials.min() ?? "")\(detail)): they are skipped, so their results come from "
      + "the earlier data and summary.csv mixes both; to train every trial on the current "
      + "data, sweep into a new folder (--results-dir DIR, or another output:) or move "
      + "\(prepared.layout.directory.path) away"
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
