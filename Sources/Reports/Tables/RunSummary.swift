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
