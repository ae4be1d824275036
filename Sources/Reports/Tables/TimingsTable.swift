import Conventions

/// `timings.csv`: wall-clock durations, the only results file that differs between two runs of
/// the same spec. Columns: `phase` (e.g. `load_data`, `train`, `evaluate`, `report`, `total`,
/// in the caller's order) and `seconds`.
public struct TimingsTable: Sendable, Equatable {
  /// The columns, in order.
  public static let columns = ["phase", "seconds"]

  /// (phase, seconds) in the order recorded.
  public private(set) var phases: [(phase: String, seconds: Double)] = []

  /// An empty table.
  public init() {}

  /// Records the duration of `phase`; a phase recorded twice accumulates.
  public mutating func record(_ phase: String, seconds: Double) {
    if let index = phases.firstIndex(where: { $0.phase == phase }) {
      phases[index].seconds += seconds
    } else {
      phases.append((phase, seconds))
    }
  }

  /// The table written as `timings.csv`.
  public var table: CSVTable {
    var table = CSVTable(trusted: Self.columns)
    for entry in phases { table.append(trusted: [.text(entry.phase), .double(entry.seconds)]) }
    return table
  }

  /// Equal when both record the same phases in the same order with the same seconds.
  public static func == (lhs: TimingsTable, rhs: TimingsTable) -> Bool {
    lhs.phases.map(\.phase) == rhs.phases.map(\.phase)
      && lhs.phases.map(\.seconds) == rhs.phases.map(\.seconds)
  }
}
