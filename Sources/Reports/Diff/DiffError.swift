import Conventions

/// Trouble that stops `runner diff` from comparing (exit code 2).
public enum DiffError: Error, Equatable, Sendable, CustomStringConvertible {
  /// An argument names nothing.
  case missing(path: String)
  /// A file could not be read or parsed.
  case unreadable(path: String, reason: String)
  /// A key column is absent from one of the files, so rows cannot be matched.
  case missingKeyColumn(file: String, column: String, side: String)
  /// A and B are folders holding nothing to compare: no results CSV file (`timings.csv` and `environment.csv` aside) and
  /// no resolved spec on either side.
  case nothingToCompare(a: String, b: String)
  /// A bad command-line value (e.g. `--tol` without `=`).
  case badOption(String)
  /// A key `--only` or `--ignore` (`option`) names that is neither a column of a compared file
  /// (in A or B) nor a key of their resolved specs (`known` holds those).
  case unknownKey(option: String, key: String, known: [String])

  /// The path and what went wrong, with how to fix it where there is a fix (`--key`).
  public var description: String {
    switch self {
    case .missing(let path): return "\(path): no such file or directory"
    case .unreadable(let path, let reason): return "\(path): \(reason)"
    case .missingKeyColumn(let file, let column, let side):
      return
        "\(file): key column '\(column)' is missing in \(side), so rows cannot be matched (choose another with --key)"
    case .nothingToCompare(let a, let b):
      return "\(a) and \(b) hold no results file to compare (no CSV file but "
        + "\(ResultsFile.timingFiles.sorted().joined(separator: " and ")), which differ between "
        + "identical runs and are compared only with --include-timings, nor "
        + "\(ResultsFile.resolvedSpec)), so nothing was compared; check both paths (an artifact "
        + "download that fetched nothing, another --results-dir?)"
    case .badOption(let message): return message
    case .unknownKey(let option, let key, let known):
      let meant = key.likelyMeant(among: known).map { "; did you mean '\($0)'?" } ?? ""
      return "no compared file has a column '\(key)' in A or B, nor a resolved spec such a key "
        + "(check \(option)\(meant))"
    }
  }
}
