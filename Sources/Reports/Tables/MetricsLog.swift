import Conventions

/// The learning history written as `metrics.csv`: one row per recorded step.
///
/// Columns: the step column (`iteration` for full-batch gradient descent, `epoch` for mini-batch
/// training), then `<split>_<quantity>` quantity-major (`loss` first, then each metric in the
/// spec's order; splits in the order train, train_dev, dev, test), then the training process's
/// own columns (`learning_rate` under a schedule). Rows are sorted by step.
public struct MetricsLog: Sendable, Equatable {
  /// The process column of the scheduled learning rate.
  public static let learningRate = "learning_rate"
  /// The name of the step column, e.g. `iteration` or `epoch`.
  public let stepColumn: String
  /// The quantities, in column order (`loss` first by convention).
  public let quantities: [String]
  /// The splits that get columns, in column order.
  public let splits: [Split]
  /// How values print: as float64 or as float32 (the spec's dtype).
  public let precision: NumberPrecision
  /// The recorded steps, ascending, each with its values.
  public private(set) var steps: [(step: Int, values: SplitValues)] = []
  /// Columns of the training process rather than of a split (`learning_rate`), after the others.
  public let processColumns: [String]
  /// The process columns' values by step.
  public private(set) var processValues: [Int: [String: Double]] = [:]

  /// An empty log with a fixed column layout (repeated quantities and splits are dropped).
  public init(
    stepColumn: String = "iteration", quantities: [String], splits: [Split],
    precision: NumberPrecision = .float64, processColumns: [String] = []
  ) {
    self.stepColumn = stepColumn
    self.precision = precision
    var seen = Set([stepColumn])
    self.quantities = quantities.filter { seen.insert($0).inserted }
    self.splits = Array(Set(splits)).sorted()
    self.processColumns = processColumns.filter { seen.insert($0).inserted }
  }

  /// The columns of the table, in order.
  public var columns: [String] {
    [stepColumn] + SplitValues.columns(quantities: quantities, splits: splits) + processColumns
  }

  /// Records values at `step`; values already recorded at that step are merged (new ones win).
  public mutating func record(step: Int, _ values: SplitValues) {
    // Steps usually arrive in order: appending is the common case; otherwise binary search.
    if steps.last.map({ $0.step < step }) ?? true {
      steps.append((step, values))
      return
    }
    var (low, high) = (0, steps.count)
    while low < high {
      let middle = (low + high) / 2
      if steps[middle].step < step { low = middle + 1 } else { high = middle }
    }
    if low < steps.count && steps[low].step == step {
      for (split, named) in values.values {
        for (quantity, value) in named { steps[low].values[split, quantity] = value }
      }
    } else {
      steps.insert((step, values), at: low)
    }
  }

  /// Records the process columns' `values` at `step` (new ones win).
  public mutating func record(step: Int, process values: [String: Double]) {
    processValues[step, default: [:]].merge(values) { _, new in new }
  }

  /// Records `values` (quantity name to value) for one split at `step`.
  public mutating func record(step: Int, split: Split, _ values: [String: Double]) {
    record(step: step, SplitValues([split: values]))
  }

  /// The values of `quantity` on `split` at every step that has one.
  public func series(_ quantity: String, on split: Split) -> [(step: Int, value: Double)] {
    steps.compactMap { entry in entry.values[split, quantity].map { (entry.step, $0) } }
  }

  /// The table written as `metrics.csv`.
  public var table: CSVTable {
    var table = CSVTable(trusted: columns)
    for entry in steps {
      table.append(
        trusted: [.integer(entry.step)]
          + entry.values.cells(quantities: quantities, splits: splits, precision: precision)
          + processColumns.map { .optional(processValues[entry.step]?[$0], precision) })
    }
    return table
  }

  /// Equal when the layout (step column, precision, quantities, splits) and every step match.
  public static func == (lhs: MetricsLog, rhs: MetricsLog) -> Bool {
    lhs.stepColumn == rhs.stepColumn && lhs.precision == rhs.precision
      && lhs.quantities == rhs.quantities && lhs.splits == rhs.splits
      && lhs.processColumns == rhs.processColumns && lhs.processValues == rhs.processValues
      && lhs.steps.map(\.step) == rhs.steps.map(\.step)
      && lhs.steps.map(\.values) == rhs.steps.map(\.values)
  }
}
