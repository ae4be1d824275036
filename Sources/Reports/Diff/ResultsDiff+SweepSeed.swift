import Conventions
import Foundation

extension ResultsDiff {
  /// The changes of the spec's own `seed` between the `sweep.csv` files of each pair (A's
  /// relative path, A's file, B's file) where both record one, grouped by values: the trials'
  /// resolved specs hold only their derived seeds, which a diff leaves out, so a sweep folder
  /// names its spec's seed nowhere else (tester BM-12: `seed 12 -> 13` was never said). A file
  /// that is not a sweep's settings names none.
  static func sweepSeedChanges(_ pairs: [(name: String, a: URL, b: URL)]) -> [SpecChange] {
    var changes: [SpecChange] = []
    for (name, a, b) in pairs {
      guard let old = recordedSeed(a), let new = recordedSeed(b), old != new else { continue }
      if let at = changes.firstIndex(where: { $0.old == old && $0.new == new }) {
        changes[at].files.append(name)
      } else {
        changes.append(SpecChange(key: "seed", old: old, new: new, files: [name]))
      }
    }
    return changes
  }

  /// The pairs of `sweep.csv` files among those compared (A's relative path `name`, A's file,
  /// B's file).
  static func sweepSettingsPairs(_ pairs: [(name: String, a: URL, b: URL)]) -> [(
    name: String, a: URL, b: URL
  )] {
    pairs.filter { $0.a.lastPathComponent == ResultsFile.sweepSettings }
  }

  /// The spec's seed a `sweep.csv` records; nil when it records none or is no sweep's settings.
  private static func recordedSeed(_ file: URL) -> String? {
    guard let table = try? CSVTable(contentsOf: file) else { return nil }
    return SweepSettings(table: table)?.seed
  }
}
