import Conventions
import Foundation

/// What `runner diff` prints and the exit status it ends with, computed without touching the
/// process, so that the exit-code contract is tested in the library.
public struct DiffCommandResult: Sendable, Equatable {
  /// Exit status: same within tolerance.
  public static let same = ExitStatus.success
  /// Exit status: something differs.
  public static let different = ExitStatus.failure
  /// Exit status: trouble (missing file, unreadable CSV, missing key column, bad option; the
  /// command reports a malformed `--tol`, `--better` or tolerance as a usage error first).
  public static let trouble = ExitStatus.trouble

  /// Text for standard output (the change report).
  public let output: String
  /// Text for standard error (the trouble, without the `error:` prefix).
  public let error: String
  /// `same` (0), `different` (1) or `trouble` (2).
  public let status: ExitStatus
  /// The compared paths, as given.
  public let a: String, b: String
  /// The comparison, when there was one.
  public let diff: ResultsDiff?
  /// Where the runs of A and B were made, when known (`--json` carries it).
  public var origins: RunOrigins?

  /// Compares `a` with `b`; `columnTolerances` are `column=rtol` texts as typed after `--tol`,
  /// `better` are `higher:COLUMN` or `lower:COLUMN` texts as typed after `--better`;
  /// `specReader` compares the resolved specs too (`ResultsDiff`).
  public static func run(
    a: String, b: String, options: DiffOptions, columnTolerances: [String] = [],
    better: [String] = [], specReader: SpecChange.Reader? = nil
  ) -> DiffCommandResult {
    do throws(DiffError) {
      var options = options
      for text in columnTolerances {
        let (column, rtol) = try DiffOptions.columnTolerance(text)
        options.columnTolerances[column] = rtol
      }
      for text in better {
        let (column, direction) = try DiffOptions.betterColumn(text)
        options.better[column] = direction
      }
      let tolerances = [options.absoluteTolerance, options.relativeTolerance]
      guard tolerances.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
        throw DiffError.badOption("--atol and --rtol must be finite numbers ≥ 0")
      }
      for name in options.onlyColumns.intersection(options.ignoredColumns).sorted() {
        throw DiffError.badOption(
          "--only and --ignore both name '\(name)': --only compares just the names it gives, "
            + "--ignore leaves a name out; keep one of them")
      }
      let diff = try ResultsDiff(
        URL(fileURLWithPath: a), URL(fileURLWithPath: b), options: options, specReader: specReader)
      // A misspelt column would otherwise pass a gate without a word.
      for (option, columns) in [
        ("--tol", options.columnTolerances.keys.sorted()),
        ("--better", options.better.keys.sorted()),
      ] {
        for column in columns {
          if let problem = Self.notCompared(column, option: option, diff: diff, options: options) {
            throw DiffError.badOption(problem)
          }
        }
      }
      // `--only` and `--ignore` name one set of keys: a column of A or B, or a key of their
      // resolved specs; a misspelt one would compare, or leave out, nothing without a word.
      let known = Set(diff.files.flatMap(\.columns)).union(diff.specKeys)
      for (option, names) in [
        ("--only", options.onlyColumns), ("--ignore", options.ignoredColumns),
      ] {
        for name in names.sorted() where !known.contains(name) {
          throw DiffError.unknownKey(option: option, key: name, known: known.sorted())
        }
      }
      // `--only` naming nothing this comparison compares (a key column, a paired trial's
      // derived seed) would pass having compared nothing.
      if let problem = Self.comparesNothing(diff: diff, options: options) {
        throw DiffError.badOption(problem)
      }
      return DiffCommandResult(
        output: diff.rendered, error: "", status: diff.differs ? different : same, a: a, b: b,
        diff: diff)
    } catch {
      return DiffCommandResult(
        output: "", error: error.description, status: trouble, a: a, b: b, diff: nil)
    }
  }
}
