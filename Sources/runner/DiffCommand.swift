import ArgumentParser
import Conventions
import Foundation
import Pipeline
import Reports

/// `runner diff A B`: compares two results CSV files or directories within tolerances.
/// Exit 0 when the same within tolerance, 1 when something differs, 2 on trouble, 64 on a
/// malformed option.
struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two results CSV files or results directories within tolerances.",
    discussion: """
      Rows are matched by key columns (trial, step, iteration, epoch, …; else by position). Numeric \
      cells agree when |new − old| ≤ atol + rtol·|old|; NaN only with NaN; other cells must be equal. \
      --better higher:COLUMN (or lower:COLUMN) makes a column one-sided: a change beyond tolerance \
      for the better is listed as an improvement and passes, a regression fails, and the other \
      columns still compare both ways (--only COLUMN compares just the columns named; --only and \
      --ignore take a column of A or B or a key of the resolved specs). \
      Two versions of a sweep whose trial IDs differ (a key that is not swept changed) have their \
      trials paired by their swept values. \
      The resolved specs (spec.resolved.yaml) are compared key by key: a changed key is listed \
      first and is a difference whatever the tolerances; one that only A (or B) has is listed \
      as only in A (a difference), one that is not UTF-8 text or not YAML is trouble; a \
      sweep's own seed is its sweep.csv's. Two files are compared with the resolved specs and \
      data_files.csv beside them; one beside a single side is not compared, and said. \
      The regression gate's manifest (gate.csv) on one side only is not a result: not compared. \
      Timing columns and timings.csv are ignored unless --include-timings. Exit codes: 0 same within \
      tolerance, 1 different, 2 trouble (missing file, unreadable CSV or resolved spec, a folder \
      that cannot be read, two folders with nothing to compare, missing key column, a column or \
      key no file or spec has, --only and --ignore naming one name, --only naming only what is \
      not compared: a key column, a paired trial's derived seed), 64 \
      usage (a malformed --tol or --better, a negative tolerance), \(ExitStatus.osErrorHelp).
      """)

  @Argument(help: "The reference (old) CSV file or results directory.") var a: String
  @Argument(help: "The new CSV file or results directory.") var b: String
  // Unconditional: `--atol -1` is a (refused) value, not an unknown flag.
  @Option(parsing: .unconditional, help: "Absolute tolerance.") var atol: Double = 0
  @Option(parsing: .unconditional, help: "Relative tolerance (relative to A's value).")
  var rtol: Double = 0
  @Option(
    name: .customLong("tol"),
    help: "Per-column relative tolerance, column=rtol (repeatable, or a comma list).")
  var columnTolerances: [String] = []
  @Option(name: .customLong("key"), help: "Key column to match rows by (repeatable).") var keys:
    [String] = []
  @Option(
    name: .customLong("ignore"),
    help: "Column or spec key to leave out (repeatable, or a comma list).") var ignored: [String] =
      []
  @Flag(help: "Also compare timing columns and timings.csv.") var includeTimings = false
  @Option(help: "At most this many changed cells listed per file.") var maxChanges: Int = 50
  @Option(
    name: .customLong("better"),
    help: ArgumentHelp(
      "One-sided column: an improvement passes, a regression fails (repeatable).",
      valueName: "higher|lower:COLUMN"))
  var better: [String] = []
  @Option(
    name: .customLong("only"),
    help: "Compare only this column or spec key (repeatable, or a comma list).") var only:
    [String] = []
  @Flag(help: "Print the outcome as one JSON object on stdout (docs/results.md, JSON output).")
  var json = false

  /// A malformed `--tol` or `--better`, or a negative tolerance, is a usage error (exit 64),
  /// reported before any file is read.
  func validate() throws {
    do throws(DiffError) {
      for text in Self.tolerances(columnTolerances) { _ = try DiffOptions.columnTolerance(text) }
      for text in better { _ = try DiffOptions.betterColumn(text) }
    } catch {
      throw ValidationError(error.description)
    }
    guard [atol, rtol].allSatisfy({ $0 >= 0 && $0.isFinite }) else {
      throw ValidationError("--atol and --rtol must be finite numbers ≥ 0")
    }
  }

  /// The names of repeated `--only` or `--ignore` options, each a name or a comma list
  /// (`--only dev_accuracy,dev_loss`).
  static func names(_ values: [String]) -> [String] {
    values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
      .filter { !$0.isEmpty }
  }

  /// The `column=rtol` texts of repeated `--tol` options, each one or a comma list
  /// (`--tol dev_loss=0.1,train_loss=0.1`, as `--only` and `--ignore` take them); a text whose
  /// comma-separated parts are not all `column=rtol` is one (a column name with a comma).
  static func tolerances(_ values: [String]) -> [String] {
    values.flatMap { text in
      let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      return parts.count > 1 && parts.allSatisfy({ $0.contains("=") }) ? parts : [text]
    }
  }

  func run() throws {
    let console = Console()
    // `-0` is 0 (printed `atol 0.0`, not `atol -0.0`).
    var options = DiffOptions(
      absoluteTolerance: atol + 0, relativeTolerance: rtol + 0, keyColumns: keys,
      ignoredColumns: Set(Self.names(ignored)),
      includeTimings: includeTimings, maxListedChanges: maxChanges)
    options.onlyColumns = Set(Self.names(only))
    // Each side's files all from one run: read again when a run replaced a folder meanwhile.
    let read = FileIdentity.unreplaced([a, b]) {
      RunDiff.run(
        a: a, b: b, options: options, columnTolerances: Self.tolerances(columnTolerances),
        better: better)
    }
    guard let result = read else {
      console.error(
        "\(console.red("error:")) a run replaced \(a) or \(b) each of the \(FileIdentity.rereads) times they "
          + "were read; run `\(Invocation.commandLine(["diff", a, b]))` again once it is done")
      throw ExitCode(DiffCommandResult.trouble)
    }
    if json {
      console.out(result.json.portable.rendered)
    } else if !result.output.isEmpty {
      console.out(result.output)
    }
    if !result.error.isEmpty { console.error("\(console.red("error:")) \(result.error)") }
    for note in RunDiff.notes(result) { console.error(note) }
    if result.status != DiffCommandResult.same { throw ExitCode(result.status) }
  }
}
