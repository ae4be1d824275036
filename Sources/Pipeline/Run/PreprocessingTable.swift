import Conventions
import Datasets
import Reports

/// `preprocessing.csv`: the statistics each fitted preprocessing step learned from the training
/// split (and applied unchanged to train-dev, dev and test), so that a reader can check that no
/// held-out data leaked into them and can apply the same transform elsewhere.
///
/// Columns: `step` (which of the steps that learned statistics, from 1; `polynomial` learns
/// none, so it takes no number), `name` (`standardize`,
/// `min_max(0.0, 1.0)`), `statistic` (`mean`, `std`, `min`, `max`), `feature` (the column name when
/// known, a polynomial term as `x^2` or `x y`, else its index from 0), `value` (as the run
/// applies it: a float32 run shifts and scales by the float32 values, and prints them so). Rows
/// in step order, statistics by name, features in order.
enum PreprocessingTable {
  static let fileName = "preprocessing.csv"

  /// The table, or nil when no step learned anything.
  static func table(
    _ fitted: FittedPreprocessing, featureNames: [String]?, precision: NumberPrecision = .float64
  ) throws(CSVError) -> CSVTable? {
    guard !fitted.statistics.isEmpty else { return nil }
    var table = try CSVTable(header: ["step", "name", "statistic", "feature", "value"])
    let names = fitted.statisticsFeatureNames(featureNames)
    for (index, stats) in fitted.statistics.enumerated() {
      for name in stats.values.keys.sorted() {
        for (j, value) in (stats.values[name] ?? []).enumerated() {
          let feature = names[index].flatMap { j < $0.count ? $0[j] : nil } ?? String(j)
          try table.append([
            .integer(index + 1), .text(stats.step), .text(name), .text(feature),
            .number(value, precision),
          ])
        }
      }
    }
    return table
  }
}
