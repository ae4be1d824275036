import Conventions
import Foundation

/// What a successive-halving or Hyperband sweep folder adds to its report: the rungs of the
/// folder (`rungs.csv`), or of each `bracket-<s>/` folder, and where each trial's folder is.
public enum AdaptiveSweep: Sendable, Equatable {
  /// A successive-halving folder.
  case halving(RungHistory)
  /// A Hyperband folder: its brackets `s` in run order (largest first).
  case hyperband([(s: Int, history: RungHistory)])

  /// Reads `directory`'s rungs; nil for any other folder.
  public init?(directory: URL, objective: String) {
    if let history = RungHistory(directory: directory, objective: objective) {
      self = .halving(history)
      return
    }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    let brackets = names.compactMap { name -> Int? in
      guard name.hasPrefix("bracket-"), let s = Int(name.dropFirst("bracket-".count)),
        name == "bracket-\(s)"
      else { return nil }
      return s
    }.sorted(by: >).compactMap { s -> (s: Int, history: RungHistory)? in
      RungHistory(directory: directory.appendingPathComponent("bracket-\(s)"), objective: objective)
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

  /// The folder of `trial` relative to the sweep folder, from its row of the sweep's
  /// `summary.csv` (columns `rung` and, for Hyperband, `bracket`): `rung-2/<id>`.
  func folder(of trial: String, in summary: CSVTable) -> String? {
    guard let row = summary.rows.first(where: { $0.first == trial }),
      let rung = summary.columnIndex("rung").map({ row[$0] }), Int(rung) != nil
    else { return nil }
    guard case .hyperband = self else { return "rung-\(rung)/\(trial)" }
    guard let bracket = summary.columnIndex("bracket").map({ row[$0] }), Int(bracket) != nil
    else { return nil }
    return "bracket-\(bracket)/rung-\(rung)/\(trial)"
  }
}
