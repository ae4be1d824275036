import Conventions
import Foundation

/// The trials of two versions of one sweep, paired by their swept values.
///
/// A trial's ID hashes its whole spec, so changing a key that is not swept (`optimizer.epochs`)
/// changes every ID. When A and B are sweep folders (a `plan.csv`: `trial`, then the swept key
/// paths) with the same swept keys but not the same trial IDs, `runner diff` matches the rows of
/// their tables by the swept values instead of by `trial`, and compares each trial folder of A
/// with the folder of B's trial of the same values.
public struct SweepPairing: Sendable, Equatable {
  /// The swept key paths, in A's `plan.csv` order.
  public let axes: [String]
  /// A's trial ID → B's trial ID of the same swept values (values found once on each side).
  public let trials: [String: String]
  /// Complete trial folders in A and in B (`1c13812e39c5`, `rung-0/1c13812e39c5`) that their
  /// `plan.csv` does not list, left by an earlier version of the spec: not compared.
  public let earlierInA: [String], earlierInB: [String]
  /// The trials of A's plan that no trial of B's has the swept values of (removed), and those
  /// of B's that none of A's has (added), in plan order; a trial whose values several trials
  /// share on one side is among them too.
  public var removed: [Unpaired] = [], added: [Unpaired] = []

  /// A trial of one side only, with its swept values (in `axes` order, as `plan.csv` records
  /// them).
  public struct Unpaired: Sendable, Equatable {
    /// The trial ID.
    public var trial: String
    /// Its swept values.
    public var values: [String]
  }

  /// The pairing of the sweep folders `a` and `b`; nil unless both hold a `plan.csv` with the
  /// same swept keys (at least one) and their trial IDs differ.
  public static func of(_ a: URL, _ b: URL) -> SweepPairing? {
    guard let planA = EarlierTrials.plan(a), let planB = EarlierTrials.plan(b) else { return nil }
    let axes = Array(planA.header.dropFirst())
    guard !axes.isEmpty, Set(axes) == Set(planB.header.dropFirst()),
      Set(planA.rows.map { $0[0] }) != Set(planB.rows.map { $0[0] })
    else { return nil }
    let (byValuesA, byValuesB) = (trialsByValues(planA, axes), trialsByValues(planB, axes))
    var trials: [String: String] = [:]
    for (values, idA) in byValuesA {
      if let idA, let idB = byValuesB[values] ?? nil { trials[idA] = idB }
    }
    var pairing = SweepPairing(
      axes: axes, trials: trials, earlierInA: EarlierTrials.find(in: a, plan: planA),
      earlierInB: EarlierTrials.find(in: b, plan: planB))
    let pairedInB = Set(trials.values)
    pairing.removed = unpaired(planA, axes) { trials[$0] == nil }
    pairing.added = unpaired(planB, axes) { !pairedInB.contains($0) }
    return pairing
  }

  /// The trials of `plan` that `isUnpaired` picks, with their values of `axes`.
  private static func unpaired(_ plan: CSVTable, _ axes: [String], _ isUnpaired: (String) -> Bool)
    -> [Unpaired]
  {
    let columns = axes.compactMap(plan.columnIndex)
    return plan.rows.filter { isUnpaired($0[0]) }.map { row in
      Unpaired(trial: row[0], values: columns.map { row[$0] })
    }
  }

  /// Whether each trial's `seed` is derived from its ID (`seed` is not swept) and the paired
  /// trials' IDs differ: then it differs between the versions and is not compared.
  var derivesSeed: Bool { !axes.contains("seed") && trials.contains { $0.key != $0.value } }

  /// Whether A's or B's relative path `name` lies in a trial folder of an earlier version.
  func isEarlier(_ name: String, inA: Bool) -> Bool {
    (inA ? earlierInA : earlierInB).contains { name.hasPrefix($0 + "/") }
  }

  /// A's `table` with each `trial` cell naming a paired trial replaced by B's trial, so that the
  /// rows of a trial's own tables (`status.csv`) match.
  func translated(_ table: CSVTable) -> CSVTable {
    guard let column = table.columnIndex("trial") else { return table }
    let rows = table.rows.map { row in
      var row = row
      row[column] = trials[row[column]] ?? row[column]
      return row
    }
    return (try? CSVTable(header: table.header, rows: rows)) ?? table
  }

  /// A's relative path `name` as it is in B: a component naming a paired trial folder of A
  /// becomes B's trial (`1c13812e39c5/metrics.csv` → `a07d3b8e41f2/metrics.csv`).
  func pathInB(_ name: String) -> String {
    name.split(separator: "/", omittingEmptySubsequences: false)
      .map { trials[String($0)] ?? String($0) }.joined(separator: "/")
  }

  /// The options comparing a table of the sweep: rows matched by the swept values and `trial`
  /// left out, when both tables have `trial` and every swept key and no `--key` was given;
  /// nil otherwise.
  func options(_ options: DiffOptions, old: CSVTable, new: CSVTable) -> DiffOptions? {
    let needed = ["trial"] + axes
    guard options.keyColumns.isEmpty,
      needed.allSatisfy({ old.columnIndex($0) != nil && new.columnIndex($0) != nil })
    else { return nil }
    var options = options
    options.keyColumns = axes
    options.ignoredColumns.insert("trial")
    return options
  }

  /// Each trial by its swept values (in `axes` order); nil for values that several trials share.
  private static func trialsByValues(_ plan: CSVTable, _ axes: [String]) -> [[String]: String?] {
    let columns = axes.compactMap(plan.columnIndex)
    var trials: [[String]: String?] = [:]
    for row in plan.rows {
      let values = columns.map { row[$0] }
      trials[values] = trials[values] == nil ? row[0] : .some(nil)
    }
    return trials
  }
}
