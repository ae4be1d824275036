import Conventions

/// A named cell: a hyperparameter or a final figure of a run.
public struct NamedCell: Sendable, Equatable {
  /// The column name, e.g. `optimizer.learning_rate` or `test_accuracy`.
  public var name: String
  /// The cell written under `name` (a number, text, or empty when absent).
  public var value: CSVCell

  /// The cell `value` under the column `name`.
  public init(_ name: String, _ value: CSVCell) {
    self.name = name
    self.value = value
  }
}

/// One row of `summary.csv`: the final figures of one run (or one sweep trial).
public struct RunSummary: Sendable, Equatable {
  /// The trial ID in a sweep, nil for a single run.
  public var trial: String?
  /// Hyperparameters as (spec key path, value), in the caller's order.
  public var hyperparameters: [NamedCell]
  /// Final figures, in column order (see `finalFigures(_:quantities:)`).
  public var figures: [NamedCell]

  /// The row of one run, or of sweep trial `trial`; no hyperparameters unless given.
  public init(trial: String? = nil, hyperparameters: [NamedCell] = [], figures: [NamedCell]) {
    self.trial = trial
    self.hyperparameters = hyperparameters
    self.figures = figures
  }

  /// Final figures named `<split>_<quantity>` in `metrics.csv`'s order (quantity-major:
  /// `train_loss, test_loss, train_accuracy, test_accuracy`), then `extra` figures as given
  /// (e.g. `iterations`, `train_error`); values print in `precision`.
  public static func finalFigures(
    _ values: SplitValues, quantities: [String], extra: [NamedCell] = [],
    precision: NumberPrecision = .float64
  ) -> [NamedCell] {
    let splits = values.splits
    var figures: [NamedCell] = []
    for quantity in quantities {
      for split in splits {
        if let value = values[split, quantity] {
          figures.append(NamedCell(split.column(quantity), .number(value, precision)))
        }
      }
    }
    return figures + extra
  }
}

extension RunSummary {
  /// The final figures of a run's `summary.csv` (its first row), as written: every non-empty
  /// cell from the first figure column on, as (column, text). The hyperparameters come first
  /// (`model.type`, …, `dtype`); the figures start at the first `<split>_<quantity>` column, or
  /// at `iterations` for a run without a final record. Empty for a table without rows.
  public static func figures(of table: CSVTable) -> [(name: String, text: String)] {
    guard let row = table.rows.first else { return [] }
    return zip(table.header, row).dropFirst(firstFigure(table.header))
      .filter { !$0.1.isEmpty }.map { (name: $0.0, text: $0.1) }
  }

  /// The index of the first final figure in a run's `summary.csv` header (see `figures(of:)`);
  /// the header's count when it has none.
  static func firstFigure(_ header: [String]) -> Int {
    let prefixes = Split.allCases.map { $0.column("") }
    return header.firstIndex { column in prefixes.contains(where: column.hasPrefix) }
      ?? header.firstIndex(of: "iterations") ?? header.count
  }
}
