import Conventions
import Vocabulary

/// The final figures a run may write to `summary.csv`, derived from the declarations of what it
/// records: each `<split>_<quantity>` column (`SplitValues.columns`) of the loss, the cost and
/// every scored metric (`Objective.quantities`) on every split (`Split`). `runner ls` knows them
/// as columns of a sweep whose trials all failed before writing one.
enum WritableFigures {
  /// The quantities: the loss and every scored metric, then the cost (training split only).
  static let quantities = Objective.quantities + [SplitValues.cost]

  /// Every column, quantity-major (`train_loss`, `train_dev_loss`, `dev_loss`, …).
  static let columns = SplitValues.columns(quantities: quantities, splits: Split.allCases)

  /// Whether `column` is one of them.
  static func contains(_ column: String) -> Bool { known.contains(column) }

  private static let known = Set(columns)

  /// The columns in a few words, for a message naming the known columns.
  static var described: String {
    let splits = Split.allCases.map(\.rawValue)
    let quantities = quantities.map { $0 == SplitValues.cost ? "\($0) (train only)" : $0 }
    return "SPLIT_QUANTITY with SPLIT \(splits.listed(.or)) and QUANTITY \(quantities.listed(.or))"
  }
}
