import Conventions
import Foundation

/// What a successive-halving or Hyperband sweep folder adds to its report: the rungs of the
/// folder (`rungs.csv`), or of each `bracket-<s>/` folder, and where each trial's folder is.
public enum AdaptiveSweep: Sendable, Equatable {
  /// A successive-halving folder.
  case halving(RungHistory)
  /// A Hyperband folder: its brackets `s` in run order (largest first).
  case hyperband([(s: Int, history: RungHistory)])

  /// The folder of rung `index` in a sweep or bracket folder: `rung-0`, `rung-1`, …
  public static func rungFolder(_ index: Int) -> String { "rung-\(index)" }

  /// The folder of Hyperband bracket `s` in the sweep folder: `bracket-2`, …, `bracket-0`.
  public static func bracketFolder(_ s: Int) -> String { "bracket-\(s)" }

  /// Whether `name` is a rung's or a bracket's folder name (`rung-1`, `bracket-0`).
  public static func isRungOrBracketFolder(_ name: String) -> Bool {
    let number = Int(name.drop { $0 != "-" }.dropFirst()) ?? -1
    return number >= 0 && (name == rungFolder(number) || name == bracketFolder(number))
  }

  /// The file of a Hyperband sweep folder listing its plan's brackets (`bracket`: each `s`).
  public static let bracketsFile = "brackets.csv"

  /// The `s` of every `bracket-<s>/` folder in `directory` that its `brackets.csv` plans (a
  /// folder of an earlier plan, with another `sweep.budget`, is left out; every one when there
  /// is no such file), largest first (the order Hyperband runs them).
  public static func brackets(in directory: URL) -> [Int] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    let planned = (try? CSVTable(contentsOf: directory.appendingPathComponent(bracketsFile)))?
      .column("bracket")?.compactMap { Int($0) }
    return names.compactMap { name -> Int? in
      guard name.hasPrefix("bracket-"), let s = Int(name.dropFirst("bracket-".count)),
        name == bracketFolder(s), planned?.contains(s) ?? true
      else { return nil }
      return s
    }.sorted(by: >)
  }

  /// `33.3% of the full grid's 81`: `used` budget units against the full grid's `full`.
  public static func shareOfGrid(_ used: Int, full: Int) -> String {
    String(format: "%.1f", 100 * Double(used) / Double(max(1, full)))
      + "% of the full grid's \(full)"
  }

  /// Reads `directory`'s rungs; nil for any other folder.
  public init?(directory: URL, objective: String) {
    if let history = RungHistory(directory: directory, objective: objective) {
      self = .halving(history)
      return
    }
    let brackets = Self.brackets(in: directory).compactMap { s -> (s: Int, history: RungHistory)? in
      RungHistory(
        directory: directory.appendingPathComponent(Self.bracketFolder(s)), objective: objective
      )
      .map { (s, $0) }
    }
    guard !brackets.isEmpty else { return nil }
    self = .hyperband(brackets)
  }

  /// Equal when the same kind holds the same rungs.
  public static func == (a: AdaptiveSweep, b: AdaptiveSweep) -> Bool {
    switch (a, b) {
    case (.halving(let x), .halving(let y)): x == y
    case (.hyperband(let x), .hyperband(let y)):
      x.map(\.s) == y.map(\.s) && x.map(\.history) == y.map(\.history)
    default: false
    }
  }

  /// The full budget: the last rung's (of the largest bracket, for Hyperband; every bracket's
  /// last rung trains to it).
  var fullBudget: Int? {
    switch self {
    case .halving(let history): history.rungs.last?.budget
    case .hyperband(let brackets): brackets.first?.history.rungs.last?.budget
    }
  }

  /// Whether every rung has run in sweep folder `directory`: each rung's planned trials
  /// complete, and for Hyperband every bracket its `brackets.csv` plans (each present one when
  /// that file is unreadable).
  public func isComplete(in directory: URL) -> Bool {
    switch self {
    case .halving(let history): return history.isComplete
    case .hyperband(let brackets):
      let planned =
        (try? CSVTable(contentsOf: directory.appendingPathComponent(Self.bracketsFile)))?
        .column("bracket")?.compactMap { Int($0) }
      return brackets.allSatisfy(\.history.isComplete)
        && Set(planned ?? []).isSubset(of: brackets.map(\.s))
    }
  }

  /// The unit of the budget (`epochs`, `iterations`).
  var unit: String {
    switch self {
    case .halving(let history): history.unit
    case .hyperband(let brackets): brackets.first?.history.unit ?? "epochs"
    }
  }

  /// The folder of `trial` relative to the sweep folder, from its row of the sweep's
  /// `summary.csv` (columns `rung` and, for Hyperband, `bracket`): `rung-2/<id>`.
  func folder(of trial: String, in summary: CSVTable) -> String? {
    guard let row = summary.rows.first(where: { $0.first == trial }) else { return nil }
    return Self.folder(of: row, in: summary)
  }

  /// The folder of the trial of `row` of an adaptive sweep's `summary.csv`, relative to the
  /// sweep folder: `rung-2/<id>`, or `bracket-1/rung-2/<id>` when the summary has `bracket`.
  public static func folder(of row: [String], in summary: CSVTable) -> String? {
    guard let rung = summary.columnIndex("rung").flatMap({ Int(row[$0]) }) else { return nil }
    let path = rungFolder(rung) + "/" + row[0]
    guard let column = summary.columnIndex("bracket") else { return path }
    return Int(row[column]).map { bracketFolder($0) + "/" + path }
  }
}
