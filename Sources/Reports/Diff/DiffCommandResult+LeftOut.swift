import Conventions

/// Why a column that `--tol`, `--better` or `--only` names takes no part in a comparison, so
/// that a typo or a column this comparison leaves out never passes a gate without a word, and a
/// column left out on purpose is not mistaken for a typo (docs/results.md, "runner diff A B").
extension DiffCommandResult {
  /// Why a name that no file of a comparison compares is left out.
  enum LeftOut: Equatable {
    /// `--ignore` names it.
    case ignored
    /// `--only` names other columns.
    case notInOnly
    /// A key column of some file: it matches rows.
    case key
    /// A paired trial's `seed`, derived from its ID, which differs between the versions.
    case derivedSeed
    /// `trial` in the tables of a sweep whose trials are paired by their swept values.
    case pairedTrial
    /// A timing column, without `--include-timings`.
    case timing
    /// No file has it in both A and B.
    case absent
  }

  /// Why `column`, compared in no file of `diff`, is left out.
  static func leftOut(_ column: String, diff: ResultsDiff, options: DiffOptions) -> LeftOut {
    let inFiles = diff.files.contains { $0.columns.contains(column) }
    if options.ignoredColumns.contains(column) { return .ignored }
    if inFiles, !options.onlyColumns.isEmpty, !options.onlyColumns.contains(column) {
      return .notInOnly
    }
    if diff.files.contains(where: { $0.keyColumns.contains(column) }) { return .key }
    if column == "seed", diff.files.contains(where: \.derivedSeedLeftOut) { return .derivedSeed }
    if column == "trial", diff.files.contains(where: { $0.pairedBySweptValues && inFiles }) {
      return .pairedTrial
    }
    if inFiles, !options.includeTimings, DiffOptions.isTimingColumn(column) { return .timing }
    return .absent
  }

  /// Why the column `column` that `option` (`--tol` or `--better`) names is compared in no file
  /// of `diff`; nil when some file compares it, or when it is a paired trial's derived `seed`
  /// (left out on purpose, as the report says: the option has nothing to apply to, and the
  /// comparison's own verdict stands).
  static func notCompared(_ column: String, option: String, diff: ResultsDiff, options: DiffOptions)
    -> String?
  {
    guard !diff.files.contains(where: { $0.comparedColumns.contains(column) }) else { return nil }
    switch leftOut(column, diff: diff, options: options) {
    case .derivedSeed: return nil
    case .ignored: return "\(option) names '\(column)', which --ignore leaves out; keep one of them"
    case .notInOnly:
      return "\(option) names '\(column)', which --only leaves out (only "
        + options.onlyColumns.sorted().joined(separator: ", ") + " compared); add --only \(column)"
    case .key:
      return "\(option) names '\(column)', a key column, which matches rows and is not compared"
    case .pairedTrial:
      return "\(option) names 'trial', which is not compared: \(pairedTrials)"
    case .timing:
      return "\(option) names '\(column)', a timing column, which is compared only with "
        + "--include-timings"
    case .absent:
      return "no compared file has a column '\(column)' in both A and B (check --tol and --better)"
    }
  }

  /// Why `--only` compares nothing, when no name it gives is compared in a file (changed,
  /// added or removed) or a pair of resolved specs of `diff`; nil when one is, or without
  /// `--only`. Trouble: a check that compared nothing must not pass as the same.
  static func comparesNothing(diff: ResultsDiff, options: DiffOptions) -> String? {
    let compared = Set(
      diff.files.flatMap { $0.comparedColumns + $0.removedColumns + $0.addedColumns }
    ).union(diff.comparedSpecKeys)
    guard let name = options.onlyColumns.sorted().first,
      options.onlyColumns.isDisjoint(with: compared)
    else { return nil }
    let fix = "name a column to compare, e.g. --only dev_loss"
    switch leftOut(name, diff: diff, options: options) {
    case .key:
      return "--only '\(name)': it is a key column, which matches rows (A's and B's of the same "
        + "\(name)) and is not compared; \(fix)"
    case .derivedSeed:
      return "--only '\(name)' compares nothing: each trial's seed is derived from its ID, and the "
        + "IDs differ (the spec changed besides the swept keys: run without --only to see the "
        + "change), so it is not compared; \(fix)"
    case .pairedTrial:
      return "--only 'trial' compares nothing: \(pairedTrials); \(fix)"
    case .timing:
      return "--only '\(name)' compares nothing: a timing column is compared only with "
        + "--include-timings"
    case .ignored, .notInOnly, .absent:
      return "--only compares nothing: no compared file or resolved spec compares "
        + options.onlyColumns.sorted().map { "'\($0)'" }.listed(.or) + " here; \(fix)"
    }
  }

  /// Why a sweep's `trial` column is not compared when its trials are paired.
  private static var pairedTrials: String {
    "the trials of A and B are paired by their swept values (their IDs differ)"
  }
}
