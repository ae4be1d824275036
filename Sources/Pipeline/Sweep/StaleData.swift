import Foundation

/// A resumed sweep skips its complete trials, so when a data file changed since they ran,
/// its summary would mix results of two datasets: the sweep warns, naming the file.
enum StaleData {
  /// The warning for `prepared`'s folder, nil when no data file is newer than a complete
  /// trial's marker (or the sweep reads no file, or has no complete trial yet).
  static func warning(_ prepared: PreparedSweep) -> String? {
    let manager = FileManager.default
    func modified(_ path: String) -> Date? {
      (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
    let files = DataFootprint.files(of: prepared.plan.base, context: prepared.context)
    guard
      let newest = files.compactMap({ file in modified(file.path).map { (file, $0) } })
        .max(by: { $0.1 < $1.1 }),
      let walk = manager.enumerator(
        at: prepared.layout.directory, includingPropertiesForKeys: [.contentModificationDateKey],
        options: [.skipsHiddenFiles])
    else { return nil }
    var older: [String] = []
    // Trial markers lie at most 4 levels down (`bracket-<s>/rung-<r>/<trial>/status.csv`).
    for case let url as URL in walk {
      if walk.level >= 4 { walk.skipDescendants() }
      // The modification time the walk already read with the entry.
      guard url.lastPathComponent == SweepLayout.markerFile,
        let date = try? url.resourceValues(forKeys: [.contentModificationDateKey])
          .contentModificationDate,
        date < newest.1
      else { continue }
      older.append(url.deletingLastPathComponent().lastPathComponent)
    }
    guard let example = older.min() else { return nil }
    let trials = older.count == 1 ? "1 complete trial" : "\(older.count) complete trials"
    return "warning: \(newest.0.key): \(newest.0.path) was modified after \(trials) of this "
      + "sweep were recorded (e.g. \(example)): they are skipped, so their results come from the "
      + "earlier data and summary.csv mixes both; to train every trial on the current data, "
      + "sweep into a new folder (--results-dir DIR, or another output:) or move "
      + "\(prepared.layout.directory.path) away"
  }
}
