import Conventions
import Foundation
import Reports

/// One search of `bench halving`, by the runner or a peer, and what it found: the chosen
/// configuration, its dev and test accuracy at the full budget, the epochs trained and the wall
/// time. `unavailable` says why a search did not run (a peer not installed, a method this build
/// lacks).
struct HalvingSearch {
  var method: String
  var unavailable: String? = nil
  /// The chosen configuration: axis key path → value.
  var configuration: [String: Double] = [:]
  var dev = Double.nan
  var test = Double.nan
  var epochs = 0
  var trials = 0
  var seconds = 0.0
  /// The runner's searches: seconds its trials spent loading data and training (their
  /// `timings.csv`, summed over every trial run, rungs and brackets included).
  var loading = Double.nan
  var training = Double.nan
  /// The sweep folder (the runner's searches).
  var folder: URL? = nil

  /// A search that did not run, and why.
  static func unavailable(_ method: String, _ reason: String) -> HalvingSearch {
    HalvingSearch(method: method, unavailable: reason)
  }

  /// The runner's search in `folder` (a finished sweep folder): its best trial (the first row
  /// of `summary.csv`), the trials it ran and the epochs they trained (the rungs' `epochs` in
  /// every `rungs.csv`, else each complete trial at `fullBudget`).
  static func read(
    _ method: String, folder: URL, axes: [String], fullBudget: Int, seconds: Double
  ) throws -> HalvingSearch {
    let summary = try CSVTable(contentsOf: folder.appendingPathComponent("summary.csv"))
    guard let best = summary.rows.first else {
      return .unavailable(method, "no complete trial in \(folder.path)")
    }
    func value(_ column: String) -> Double {
      summary.columnIndex(column).flatMap { Double(best[$0]) } ?? .nan
    }
    var search = HalvingSearch(method: method, seconds: seconds, folder: folder)
    for axis in axes { search.configuration[axis] = value(axis) }
    search.dev = value("dev_accuracy")
    search.test = value("test_accuracy")
    let rungFiles = rungTables(in: folder)
    search.epochs =
      rungFiles.isEmpty
      ? summary.rows.count * fullBudget
      : rungFiles.reduce(0) { total, table in
        total + (table.column("epochs") ?? []).compactMap { Int($0) }.reduce(0, +)
      }
    search.trials = summary.rows.count
    (search.loading, search.training) = phases(under: folder)
    return search
  }

  /// The `load_data` and `train` seconds of every `timings.csv` under `folder`.
  static func phases(under folder: URL) -> (Double, Double) {
    var loading = 0.0
    var training = 0.0
    let files = FileManager.default.enumerator(atPath: folder.path)
    while let path = files?.nextObject() as? String {
      guard path.hasSuffix("/timings.csv"),
        let table = try? CSVTable(contentsOf: folder.appendingPathComponent(path))
      else { continue }
      for row in table.rows where row.count >= 2 {
        if row[0] == "load_data" { loading += Double(row[1]) ?? 0 }
        if row[0] == "train" { training += Double(row[1]) ?? 0 }
      }
    }
    return (loading, training)
  }

  /// `rungs.csv` of a successive-halving folder, or of each Hyperband bracket.
  static func rungTables(in folder: URL) -> [CSVTable] {
    let fm = FileManager.default
    let names = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    let folders =
      [folder]
      + names.filter { $0.hasPrefix("bracket-") }.map {
        folder.appendingPathComponent($0)
      }
    return folders.compactMap { try? CSVTable(contentsOf: $0.appendingPathComponent("rungs.csv")) }
  }

  /// A peer's search from its JSON object (scripts/bench/halving_peers.py), its configuration
  /// mapped back to the runner's key paths.
  static func peer(_ object: [String: Any]) -> HalvingSearch {
    let name = object["name"] as? String ?? "peer"
    guard object["available"] as? Bool == true else {
      return .unavailable(name, object["reason"] as? String ?? "unknown reason")
    }
    let version = object["version"] as? String
    var search = HalvingSearch(method: version.map { "\(name) \($0)" } ?? name)
    let best = object["best"] as? [String: Any] ?? [:]
    for (path, key) in HalvingSpace.peerKeys {
      search.configuration[path] = (best[key] as? NSNumber)?.doubleValue ?? .nan
    }
    search.dev = (object["dev_accuracy"] as? NSNumber)?.doubleValue ?? .nan
    search.test = (object["test_accuracy"] as? NSNumber)?.doubleValue ?? .nan
    search.epochs = (object["epochs"] as? NSNumber)?.intValue ?? 0
    search.trials = (object["trials"] as? NSNumber)?.intValue ?? 0
    search.seconds = (object["seconds"] as? NSNumber)?.doubleValue ?? .nan
    return search
  }
}

/// The full grid's ranking at the full budget (its `summary.csv`: best first, ties to the smaller
/// swept values), to place any search's choice.
struct GridRanking {
  /// Each configuration (values in `axes` order) and its dev accuracy, best first.
  var rows: [(configuration: [Double], dev: Double)]
  var axes: [String]

  init(folder: URL, axes: [String]) throws {
    let summary = try CSVTable(contentsOf: folder.appendingPathComponent("summary.csv"))
    let columns = axes.map { summary.columnIndex($0) }
    let dev = summary.columnIndex("dev_accuracy")
    rows = summary.rows.map { row in
      (
        columns.map { $0.flatMap { Double(row[$0]) } ?? .nan },
        dev.flatMap { Double(row[$0]) } ?? .nan
      )
    }
    self.axes = axes
  }

  /// The configuration's place in the grid (1-based, ties broken by swept values as the
  /// summary orders them) and how many configurations have a strictly higher dev accuracy; nil when the
  /// grid lacks it.
  func place(of configuration: [String: Double]) -> (position: Int, strictlyBetter: Int)? {
    let wanted = axes.map { configuration[$0] ?? .nan }
    guard
      let index = rows.firstIndex(where: { row in
        zip(row.configuration, wanted).allSatisfy { abs($0 - $1) <= 1e-9 * max(abs($0), 1e-300) }
      })
    else { return nil }
    let dev = rows[index].dev
    return (index + 1, rows.filter { $0.dev > dev }.count)
  }
}
