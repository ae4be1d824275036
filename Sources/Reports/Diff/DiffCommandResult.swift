import Conventions
import Foundation

/// What `runner diff` prints and the exit status it ends with, computed without touching the
/// process, so that the exit-code contract is tested in the library.
public struct DiffCommandResult: Sendable, Equatable {
  /// Exit status: same within tolerance.
  public static let same = ExitStatus.success
  /// Exit status: something differs.
  public static let different = ExitStatus.failure
  /// Exit status: trouble (missing file, unreadable CSV, missing key column, bad option).
  public static let trouble = ExitStatus.trouble

  /// Text for standard output (the change report).
  public let output: String
  /// Text for standard error (the trouble, without the `error:` prefix).
  public let error: String
  /// `same` (0), `different` (1) or `trouble` (2).
  public let status: ExitStatus

  /// Compares `a` with `b`; `columnTolerances` are `column=rtol` texts as typed after `--tol`.
  public static func run(
    a: String, b: String, options: DiffOptions, columnTolerances: [String] = []
  ) -> DiffCommandResult {
    do throws(DiffError) {
      var options = options
      for text in columnTolerances {
        let (column, rtol) = try DiffOptions.columnTolerance(text)
        options.columnTolerances[column] = rtol
      }
      let tolerances = [options.absoluteTolerance, options.relativeTolerance]
      guard tolerances.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
        throw DiffError.badOption("--atol and --rtol must be finite numbers ≥ 0")
      }
      let diff = try ResultsDiff(URL(fileURLWithPath: a), URL(fileURLWithPath: b), options: options)
      return DiffCommandResult(
        output: diff.rendered, error: "", status: diff.differs ? different : same)
    } catch {
      return DiffCommandResult(output: "", error: error.description, status: trouble)
    }
  }
}
