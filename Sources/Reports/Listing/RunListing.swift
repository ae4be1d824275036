import Conventions
import Foundation

/// The rows of `runner ls`: runs filtered, sorted and laid out in columns, like `dvc exp show`.
///
/// Columns: `name`, `when`, `status` (when a trial is listed), `description`, then every final
/// figure of their `summary.csv` files (first-appearance order, each run's own order kept), then the parameters whose
/// values differ between the listed runs (key paths, in first-appearance order), as
/// `dvc exp show` puts metrics before parameters.
public struct RunListing: Sendable, Equatable {
  /// The listed runs, in display order.
  public private(set) var runs: [ListedRun]

  /// The runs, in the given order.
  public init(runs: [ListedRun]) { self.runs = runs }

  /// The fixed columns, present in every listing (`status` only with trials).
  public var fixedColumns: [String] {
    let status = runs.contains { !$0.status.isEmpty }
    return ["name", "when"] + (status ? ["status"] : []) + ["description"]
  }

  /// Parameters whose value differs between two listed runs (or is absent from one).
  public var parameterColumns: [String] {
    var order: [String] = []
    var values: [String: Set<String>] = [:]
    var present: [String: Int] = [:]
    for run in runs {
      for field in run.parameters {
        if values[field.name] == nil { order.append(field.name) }
        values[field.name, default: []].insert(field.text)
        present[field.name, default: 0] += 1
      }
    }
    return order.filter { values[$0]!.count > 1 || present[$0]! < runs.count }
  }

  /// Every final figure of the listed runs, in first-appearance order; a figure an earlier run
  /// lacks goes before the next figure its own run lists (`dev_loss` before `test_loss`, never
  /// after `stop_reason`).
  public var metricColumns: [String] {
    var order: [String] = []
    for run in runs {
      let names = run.metrics.map(\.name)
      for (index, name) in names.enumerated() where !order.contains(name) {
        let next = names[(index + 1)...].lazy.compactMap { order.firstIndex(of: $0) }.first
        order.insert(name, at: next ?? order.endIndex)
      }
    }
    return order
  }

  /// The columns shown, in order.
  public var columns: [String] { fixedColumns + metricColumns + parameterColumns }

  /// Every column a filter or sort may name: the shown ones, `kind`, `path` and every parameter.
  public var knownColumns: [String] {
    var seen = Set<String>()
    let all = columns + ["kind", "path"] + runs.flatMap { $0.parameters.map(\.name) }
    return all.filter { seen.insert($0).inserted }
  }

  /// The runs satisfying every filter; a filter on a column no run has, or ordering a column
  /// that holds numbers by a value that is not one, is an error.
  public func filtered(_ filters: [RunFilter]) throws(ListingError) -> RunListing {
    for filter in filters {
      try check(filter.column)
      guard filter.operation.orders, RunFilter.number(filter.value) == nil else { continue }
      if runs.contains(where: { run in
        run.value(filter.column).flatMap { RunFilter.number($0) } != nil
      }) {
        throw .notANumber(filter: filter.description, value: filter.value)
      }
    }
    let matching = runs.map { run in filters.allSatisfy { $0.matches(run) } }
    var kept = RunListing(runs: zip(runs, matching).filter(\.1).map(\.0))
    kept.filteredOut = filteredOut + zip(runs, matching).filter { !$0.1 }.map(\.0)
    return kept
  }

  /// The runs a filter left out: a column only they have is blank in the listing (`--columns`,
  /// `--sort`), not unknown, so a filter that keeps no run with it lists, not errs.
  private var filteredOut: [ListedRun] = []

  /// The columns of an adaptive sweep's trials: the bracket, rung and budget each reached.
  public static let budgetColumns = ["bracket", "rung", "budget"]

  /// The runs sorted by `column` (numbers as numbers, text as text; runs without a value
  /// last, whatever the direction; ties by name). Successive-halving or Hyperband trials only
  /// (each with a `budget`) go by the largest budget first, as their sweep ranks them: a trial
  /// stopped at a smaller budget is not compared with those that reached the full one.
  public func sorted(by column: String, descending: Bool = false) throws(ListingError)
    -> RunListing
  {
    try check(column)
    let budget = { (run: ListedRun) in run.metric("budget").flatMap { Int($0) } }
    let byBudget =
      column != "name" && !Self.budgetColumns.contains(column)
      && runs.allSatisfy { budget($0) != nil }
    let sorted = runs.sorted { a, b in
      if byBudget, budget(a)! != budget(b)! { return budget(a)! > budget(b)! }
      let (x, y) = (a.value(column) ?? "", b.value(column) ?? "")
      if x.isEmpty != y.isEmpty { return y.isEmpty }
      // NaN after the numbers (as pandas sorts it), before the blanks.
      let (nanX, nanY) = (RunFilter.number(x)?.isNaN == true, RunFilter.number(y)?.isNaN == true)
      if nanX != nanY { return nanY }
      let order = RunFilter.order(x, y) ?? 0
      if order != 0 { return descending ? order > 0 : order < 0 }
      return a.name < b.name
    }
    var listing = RunListing(runs: sorted)
    listing.filteredOut = filteredOut
    return listing
  }

  /// The header and rows of the table showing `columns` (default: `self.columns`).
  public func cells(columns chosen: [String]? = nil) throws(ListingError)
    -> (header: [String], rows: [[String]])
  {
    let header = chosen ?? columns
    if chosen != nil { for column in header { try check(column) } }
    return (header, runs.map { run in header.map { run.value($0) ?? "" } })
  }

  /// A line per sweep folder holding listed trials of an earlier version of its spec (kind
  /// `earlier`): how many, and how to hide, remove or keep them. Folders under `rootPath` are
  /// named from `root`, the folder as the user typed it.
  public func earlierTrialNotes(root: String, rootPath: String) -> [String] {
    let bySweep = Dictionary(grouping: runs.filter { $0.kind == .earlier }) {
      PathText.folder(of: $0.path)
    }
    let root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    return bySweep.keys.sorted().map { path in
      let folder =
        path == rootPath
        ? root : path.hasPrefix(rootPath + "/") ? root + path.dropFirst(rootPath.count) : path
      let count = bySweep[path]!.count
      let (folders, are) = count == 1 ? ("folder", "is") : ("folders", "are")
      return
        "note: \(count) trial \(folders) in \(folder) \(are) from an earlier version of its spec "
        + "(status '… (earlier)', left out of its summary.csv): --where kind!=earlier hides them; "
        + "delete the folders to remove them, or keep them to diff against (running that version "
        + "again reuses them)"
    }
  }

  /// Throws unless some run (or the fixed columns), listed or filtered out, has `column`, or it
  /// is a listed trial's sweep objective, or a figure a run writes while a sweep's trials all
  /// failed before writing one (the figures its spec writes are unknown, blank in every row).
  func check(_ column: String) throws(ListingError) {
    let all = runs + filteredOut
    if runs.isEmpty || all.contains(where: { $0.value(column) != nil || $0.objective == column }) {
      return
    }
    let anyFigure = hasSweepWithoutFigures
    if anyFigure, WritableFigures.contains(column) { return }
    throw .unknownColumn(column, known: knownColumns, anyFigure: anyFigure)
  }

  /// Whether the trials of some sweep, listed or filtered out, all lack the figures a run writes
  /// (every one failed before writing `summary.csv`).
  var hasSweepWithoutFigures: Bool {
    let trials = (runs + filteredOut).filter { $0.kind == .trial }
    return Dictionary(grouping: trials) { PathText.folder(of: $0.name) }.values.contains {
      $0.allSatisfy { run in !run.metrics.contains { WritableFigures.contains($0.name) } }
    }
  }
}
