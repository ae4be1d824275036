import Conventions

/// A sweep folder's `sweep.csv`: what the summary order and the report need from the sweep's
/// spec, which the folder does not otherwise keep. Columns `key,value`; rows
/// `objective.metric` (the results column ranked, e.g. `dev_loss`), `objective.goal` (`min` or
/// `max`), for successive halving and Hyperband `ties` (how tied trials are ranked and
/// promoted: `swept values`; an earlier version's folder has none), then `parameters.<key path>` with the axis's form (`values`, `range`, `uniform`,
/// `log_uniform`) in the spec's order, then `seed` (the spec's own seed, which each trial's is
/// derived from: recorded nowhere else in the folder, so that a diff names it; an earlier
/// version's folder has none). Every shard writes the same file.
public struct SweepSettings: Sendable, Equatable {
  /// The results column the trials are ranked by, e.g. `dev_loss`.
  public var objective: String
  /// `min` (lowest first) or `max` (highest first).
  public var goal: String
  /// Each swept key path with its form, in the spec's order.
  public var axisForms: [(path: String, form: String)]
  /// How tied trials go (`swept values`), written for successive halving and Hyperband, whose
  /// promotions depend on it; nil for other sweeps and for a folder of an earlier version.
  public var ties: String?
  /// The spec's `seed`, each trial's derived from it and its ID; nil for a folder of an earlier
  /// version.
  public var seed: String?

  /// The `ties` of this version's successive-halving and Hyperband sweeps.
  public static let tiesBySweptValues = "swept values"

  /// Settings ranking by `objective` toward `goal`, with the axes' forms.
  public init(objective: String, goal: String, axisForms: [(path: String, form: String)] = []) {
    self.objective = objective
    self.goal = goal
    self.axisForms = axisForms
  }

  /// Reads the table of a `sweep.csv`; nil when it lacks the objective rows.
  public init?(table: CSVTable) {
    guard table.header == ["key", "value"] else { return nil }
    var values: [String: String] = [:]
    var forms: [(String, String)] = []
    for row in table.rows {
      if row[0].hasPrefix("parameters.") {
        forms.append((String(row[0].dropFirst("parameters.".count)), row[1]))
      } else {
        values[row[0]] = row[1]
      }
    }
    guard let objective = values["objective.metric"], let goal = values["objective.goal"],
      goal == "min" || goal == "max"
    else { return nil }
    self.init(objective: objective, goal: goal, axisForms: forms)
    ties = values["ties"]
    seed = values["seed"]
  }

  /// The `sweep.csv` table.
  public var table: CSVTable {
    // The header is fixed and every row has two fields.
    var table = try! CSVTable(header: ["key", "value"])
    try! table.append(text: ["objective.metric", objective])
    try! table.append(text: ["objective.goal", goal])
    if let ties { try! table.append(text: ["ties", ties]) }
    for (path, form) in axisForms { try! table.append(text: ["parameters.\(path)", form]) }
    // Last, so that the rows above keep their places against an earlier version's file.
    if let seed { try! table.append(text: ["seed", seed]) }
    return table
  }

  /// True when the lowest value is best.
  public var lowerIsBetter: Bool { goal == "min" }

  /// The split the objective is measured on (`dev`, `test`, `train`), from its column's prefix.
  public var split: String? {
    ["train", "dev", "test"].first { objective.hasPrefix($0 + "_") }
  }

  /// Whether swept key `path` was declared log-uniform.
  public func isLogUniform(_ path: String) -> Bool {
    axisForms.contains { $0.path == path && $0.form == "log_uniform" }
  }

  /// Equal when objective, goal, tie rule and axis forms match, and the seeds where both have
  /// one (a shard of an earlier version has none).
  public static func == (a: SweepSettings, b: SweepSettings) -> Bool {
    a.objective == b.objective && a.goal == b.goal && a.ties == b.ties
      && (a.seed == nil || b.seed == nil || a.seed == b.seed)
      && a.axisForms.map(\.path) == b.axisForms.map(\.path)
      && a.axisForms.map(\.form) == b.axisForms.map(\.form)
  }
}
