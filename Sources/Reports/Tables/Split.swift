import Conventions

/// A part of the data a model is evaluated on. The order of the cases is the column order.
public enum Split: String, Sendable, CaseIterable, Comparable, Hashable {
  /// The training set.
  case train
  /// Held-out data drawn like the training set (Ng's train-dev set).
  case trainDev = "train_dev"
  /// The dev (validation) set.
  case dev
  /// The test set.
  case test

  /// Orders splits by column order: train, train_dev, dev, test.
  public static func < (lhs: Split, rhs: Split) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }

  /// The column name of `quantity` on this split: `train_loss`, `test_accuracy`, ….
  public func column(_ quantity: String) -> String { "\(rawValue)_\(quantity)" }
}

/// Values of named quantities (loss, then metrics) on several splits, e.g. one evaluation step.
///
/// Columns are quantity-major: every split of the first quantity, then every split of the next,
/// so `train_loss, test_loss, train_accuracy, test_accuracy`: the figures a bias/variance reader
/// compares sit side by side.
public struct SplitValues: Sendable, Equatable {
  /// The value of each quantity on each split; a missing entry is an empty field.
  public var values: [Split: [String: Double]]

  /// Values keyed by split, then by quantity name.
  public init(_ values: [Split: [String: Double]] = [:]) {
    self.values = values
  }

  /// The value of `quantity` on `split`, if recorded.
  public subscript(split: Split, quantity: String) -> Double? {
    get { values[split]?[quantity] }
    set { values[split, default: [:]][quantity] = newValue }
  }

  /// The splits that have at least one value, in column order.
  public var splits: [Split] { Split.allCases.filter { !(values[$0]?.isEmpty ?? true) } }

  /// The training objective a regularized run minimises, J = loss + penalty: a quantity of the
  /// training split only (`train_cost`), as held-out splits are scored by their loss alone.
  public static let cost = "cost"

  /// The splits among `splits` that have a column for `quantity`, in column order.
  static func splits(_ splits: [Split], of quantity: String) -> [Split] {
    splits.sorted().filter { quantity != cost || $0 == .train }
  }

  /// Column names for `quantities` on `splits`, quantity-major (`cost` on `train` only).
  public static func columns(quantities: [String], splits: [Split]) -> [String] {
    quantities.flatMap { quantity in Self.splits(splits, of: quantity).map { $0.column(quantity) } }
  }

  /// The cells for `columns(quantities:splits:)`, empty where a value is missing.
  public func cells(quantities: [String], splits: [Split], precision: NumberPrecision = .float64)
    -> [CSVCell]
  {
    quantities.flatMap { quantity in
      Self.splits(splits, of: quantity).map { CSVCell.optional(self[$0, quantity], precision) }
    }
  }
}
