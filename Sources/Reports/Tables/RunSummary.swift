import Conventions

/// A named cell: a hyperparameter or a final figure of a run.
public struct NamedCell: Sendable, Equatable {
  /// The column name, e.g. `optimizer.learning_rate` or `test_accuracy`.
  public var name: String
  /// The value.
  public var value: CSVCell

  /// A named value.
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

  /// A summary row.
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
