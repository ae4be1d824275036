import Conventions

/// A `runner ls` or `runner compare` request that cannot be answered (exit 64).
public enum ListingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A `--where` text that is not `COLUMN OP VALUE`.
  case badFilter(String)
  /// A `--where` that is only a column the runs have: the shell took the unquoted rest
  /// (`>=0.9`) as a redirection.
  case bareColumn(String)
  /// A column to sort by, filter on or show that no listed run has; with `anyFigure`, every
  /// final figure a run may write is a known column too (`WritableFigures`: a sweep whose
  /// trials all failed).
  case unknownColumn(String, known: [String], anyFigure: Bool = false)
  /// A `--format` that is not table, csv, json or markdown.
  case unknownFormat(String)
  /// An ordering `--where` (`<`, `<=`, `>`, `>=`) on a column holding numbers, with a value
  /// that is not a number.
  case notANumber(filter: String, value: String)
  /// A `--where` whose operator runs into its value (`status==ok`, `dev_accuracy=>0.9`): the
  /// typed operator (`==`) and the condition meant (`status=ok`), nil when no operator is meant.
  case runOnOperator(filter: String, typed: String, meant: String?)

  /// The problem and what to type instead.
  public var description: String {
    switch self {
    case .badFilter(let text):
      "--where '\(text)' is not COLUMN OP VALUE (OP one of = != ~ !~ < <= > >=), "
        + "e.g. --where 'dev_accuracy>=0.9' or --where name~cat"
    case .bareColumn(let column):
      ListingError.badFilter(column).description
        + "\nnote: '\(column)' is a column: quote the whole condition, e.g. --where "
        + "'\(column)>=0.9'; unquoted, the shell took > or < as a redirection (`>=0.9` may have "
        + "written a file named '=0.9')"
    case .unknownColumn(let column, let known, let anyFigure):
      "no listed run has a column '\(column)'; "
        + (column.likelyMeant(among: known + (anyFigure ? WritableFigures.columns : []))
          .map { "did you mean '\($0)'? " } ?? "")
        + "columns: " + known.joined(separator: ", ")
        + (anyFigure
          ? ", and any figure a run writes, blank in a sweep whose trials all failed: "
            + WritableFigures.described : "")
    case .notANumber(let filter, let value):
      "--where '\(filter)': '\(value)' is not a number, and the column holds numbers "
        + "(e.g. --where 'dev_accuracy>=0.9')"
    case .runOnOperator(let filter, let typed, let meant):
      "--where '\(filter)': '\(typed)' is not an operator (OP one of = != ~ !~ < <= > >=)"
        + (meant.map { "; did you mean --where '\($0)'?" } ?? "")
        + "\nnote: a value cannot begin with = ! ~ < or >"
    case .unknownFormat(let text):
      "unknown format '\(text)'; choose table, csv, json or markdown"
    }
  }
}
