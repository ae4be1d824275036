import Conventions

/// `runner compare`: chosen runs side by side (docs/results.md, "runner compare"): their
/// parameters, their final figures, and their learning curves overlaid, one chart per
/// `metrics.csv` column with a line per run. Built from the runs' files only.
public struct RunComparison: Sendable {
  /// One compared run: its row (parameters, figures, description), its `metrics.csv` and,
  /// for a sweep's trial, its swept values.
  public struct ComparedRun: Sendable {
    /// The run as `runner ls` lists it.
    public var run: ListedRun
    /// Its learning history, when it has one.
    public var history: CSVTable?
    /// For a trial its sweep's `plan.csv` lists: each swept key path with the trial's value,
    /// in the plan's order (empty values left out); empty for any other run.
    public var swept: [ListedRun.NamedValue]

    /// A run, its history and its swept values.
    public init(run: ListedRun, history: CSVTable?, swept: [ListedRun.NamedValue] = []) {
      self.run = run
      self.history = history
      self.swept = swept
    }
  }

  /// The page's file name.
  public static let htmlFile = "compare.html"
  /// The parameters side by side.
  public static let parametersFile = "compare_parameters.csv"
  /// The final figures side by side.
  public static let metricsFile = "compare_metrics.csv"
  /// Every run's learning history in one long table (`run`, `step`, the columns).
  public static let curvesFile = "compare_curves.csv"
  /// The rows of `metricTable` before the final figures: the runs' descriptions, their start.
  static let descriptionRow = "description", whenRow = "when"

  /// The runs, in the order given.
  public let entries: [ComparedRun]
  /// The label of each run (its column, its legend entry, its `run` in the curves table):
  /// a planned trial's swept values (`optimizer=adam, learning_rate=0.01`, keys shortened by `shortKeys`),
  /// else its name (`cat`). Unique: see `labels(_:)`.
  public let labels: [String]

  /// Compares `entries` (two or more, in the order given).
  public init(_ entries: [ComparedRun]) {
    self.entries = entries
    labels = Self.labels(entries)
  }

  /// Each key path by its shortest ending (whole `.` components) that no other of `keys` ends
  /// with: `optimizer.learning_rate` → `learning_rate`, `model.layers[0].units` → `units`; a
  /// section's `type` by the section (`optimizer.type` → `optimizer`, as Hydra names a group's
  /// choice), and a key whose every ending is shared stays whole.
  static func shortKeys(_ keys: Set<String>) -> [String: String] {
    let parts = Dictionary(uniqueKeysWithValues: keys.map { ($0, $0.split(separator: ".")) })
    return parts.mapValues { components in
      let isType = components.count > 1 && components.last == "type"
      for count in (isType ? 2 : 1)..<max(1, components.count) {
        let ending = components.suffix(count)
        let ambiguous = parts.values.contains { other in
          other != components && other.suffix(count) == ending
        }
        if !ambiguous { return ending.dropLast(isType ? 1 : 0).joined(separator: ".") }
      }
      return components.dropLast(isType && components.count == 2 ? 1 : 0).joined(separator: ".")
    }
  }

  /// Each run's label, the same for the same runs in the same order: a trial's swept values but
  /// those every compared trial shares (unless none is left). Trials that would share
  /// one get their trial ID appended (`optimizer=adam (17c62298bf12)`), and when that is
  /// shared too (the same trial in two copies of a sweep) their name instead; runs still
  /// sharing a label (a run named twice) are numbered from the second (`cat #2`).
  static func labels(_ entries: [ComparedRun]) -> [String] {
    // The forms each run's label may take, the shortest first.
    let short = shortKeys(Set(entries.flatMap { $0.swept.map(\.name) }))
    // A swept key every trial compared gives the same value (`seed: [3]`) tells none apart.
    let trials = entries.filter { !$0.swept.isEmpty }
    let constant = Set(
      trials.first?.swept.filter { value in
        trials.count > 1 && trials.allSatisfy { $0.swept.contains(value) }
      }.map(\.name) ?? [])
    let forms = entries.map { entry -> [String] in
      guard !entry.swept.isEmpty else { return [entry.run.name] }
      let telling = entry.swept.filter { !constant.contains($0.name) }
      let values = (telling.isEmpty ? entry.swept : telling)
        .map { "\(short[$0.name]!)=\($0.text)" }.joined(separator: ", ")
      let id = entry.run.path.split(separator: "/").last.map(String.init) ?? entry.run.name
      return [values, "\(values) (\(id))", "\(values) (\(entry.run.name))"]
    }
    var level = forms.map { _ in 0 }
    while true {
      let current = zip(forms, level).map { $0[$1] }
      let counts = Dictionary(current.map { ($0, 1) }, uniquingKeysWith: +)
      let shared = current.indices.filter {
        counts[current[$0]]! > 1 && level[$0] + 1 < forms[$0].count
      }
      if shared.isEmpty { break }
      for index in shared { level[index] += 1 }
    }
    var seen: [String: Int] = [:]
    return zip(forms, level).map { forms, level in
      let label = forms[level]
      let count = (seen[label] ?? 0) + 1
      seen[label] = count
      return count == 1 ? label : "\(label) #\(count)"
    }
  }

  /// Every parameter key path, in first-appearance order, with whether the runs disagree.
  public var parameters: [(name: String, differs: Bool)] {
    let listing = RunListing(runs: entries.map(\.run))
    let differing = Set(listing.parameterColumns)
    var seen = Set<String>()
    return entries.flatMap { $0.run.parameters.map(\.name) }.filter { seen.insert($0).inserted }
      .map { ($0, differing.contains($0)) }
  }

  /// `compare_parameters.csv`: `parameter`, `differs` (`true`/`false`), then a column per run;
  /// the differing parameters first.
  public var parameterTable: CSVTable {
    let ordered = parameters.filter(\.differs) + parameters.filter { !$0.differs }
    var table = CSVTable(trusted: ["parameter", "differs"] + labels)
    for parameter in ordered {
      let values = entries.map { CSVCell.text($0.run.parameter(parameter.name) ?? "") }
      table.append(trusted: [.text(parameter.name), .text(String(parameter.differs))] + values)
    }
    return table
  }

  /// `compare_metrics.csv`: `metric`, then a column per run; the description and start time
  /// first, then every final figure in first-appearance order.
  public var metricTable: CSVTable {
    let names = RunListing(runs: entries.map(\.run)).metricColumns
    var table = CSVTable(trusted: ["metric"] + labels)
    table.append(trusted: [.text(Self.descriptionRow)] + entries.map { .text($0.run.description) })
    table.append(trusted: [.text(Self.whenRow)] + entries.map { .text($0.run.when) })
    for name in names {
      table.append(trusted: [.text(name)] + entries.map { .text($0.run.metric(name) ?? "") })
    }
    return table
  }

  /// `compare_curves.csv`: `run`, `step_column` (`iteration` or `epoch`), `step`, then every
  /// `metrics.csv` column of any run (empty where a run has none), the runs in order.
  public var curvesTable: CSVTable {
    let columns = curveColumns
    var table = CSVTable(trusted: ["run", "step_column", "step"] + columns)
    for (label, entry) in zip(labels, entries) {
      guard let history = entry.history, let step = history.header.first else { continue }
      let indices = columns.map { history.columnIndex($0) }
      for row in history.rows {
        table.append(
          trusted: [.text(label), .text(step), .text(row[0])]
            + indices.map { .text($0.map { row[$0] } ?? "") })
      }
    }
    return table
  }

  /// The `metrics.csv` columns of every run but the step, in first-appearance order.
  public var curveColumns: [String] {
    var seen = Set<String>()
    return entries.compactMap(\.history).flatMap { $0.header.dropFirst() }
      .filter { seen.insert($0).inserted }
  }

  /// One chart per curve column: a line per run that has it, over `stepAxis`, the legend below
  /// the plot so it never covers a curve; file names `plots/compare_<column>.svg`.
  public var charts: [(file: String, chart: LineChart)] {
    let axis = stepAxis
    return curveColumns.map { column in
      let series = zip(labels, entries).enumerated().compactMap {
        item -> LineChart.Series? in
        let (index, (label, entry)) = item
        guard let history = entry.history, let column = history.columnIndex(column) else {
          return nil
        }
        let points = history.rows.compactMap { row -> LineChart.Point? in
          guard let x = CSVCell.number(from: row[0]), let y = CSVCell.number(from: row[column])
          else { return nil }
          return LineChart.Point(x: x * axis.scales[index], y: y)
        }
        return LineChart.Series(name: label, points: points)
      }
      var chart = LineChart(title: column, xLabel: axis.label, yLabel: column, series: series)
      chart.legendBelow = true
      return ("plots/compare_\(column).svg", chart)
    }
  }

  /// The charts' x axis and each run's factor to it: the runs' step column when they share
  /// one; when epochs meet iterations, iterations for all, an epoch run's epochs times its
  /// iterations per epoch (`summary.csv`'s `iterations` over its last epoch); when that is not
  /// known for one, each run's own step, the label saying so.
  var stepAxis: (label: String, scales: [Double]) {
    let steps = entries.map { $0.history?.header.first }
    let units = Set(steps.compactMap { $0 })
    let ones = steps.map { _ in 1.0 }
    guard units.count > 1 else { return (units.first ?? "step", ones) }
    let scales = zip(entries, steps).map { entry, step -> Double? in
      guard step == "epoch" else { return 1 }
      guard let iterations = entry.run.metric("iterations").flatMap(CSVCell.number(from:)),
        let last = entry.history?.rows.last.flatMap({ CSVCell.number(from: $0[0]) }), last > 0
      else { return nil }
      return iterations / last
    }
    if scales.allSatisfy({ $0 != nil }) {
      return ("iteration (epochs × iterations per epoch)", scales.map { $0! })
    }
    return ("each run's own epoch or iteration (compare_curves.csv's step_column)", ones)
  }
}
