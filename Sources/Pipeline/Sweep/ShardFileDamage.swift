import Conventions
import Foundation

/// Two shard folders' copies of a file every shard of one sweep writes the same (`plan.csv`, a
/// rung's, Hyperband's `brackets.csv`) that differ: one copy damaged — line ends changed to
/// CRLF, its final line end cut, a row deleted, added or edited — or two sweeps. `runner merge`
/// names the damage and the intact copy, where it said "hold different sweeps" for both.
enum ShardFileDamage {
  /// The refusal of merging folders `a` and `b` whose copies of `file` (a name inside each, e.g.
  /// `plan.csv`, `rung-1/plan.csv`) hold `textA` and `textB`: `.damagedShardFile` when one
  /// copy is the other's damaged, else `.differentSweeps`.
  static func refusal(
    _ a: String, _ textA: String?, _ b: String, _ textB: String?, file: String
  ) -> SweepError {
    guard let textA, let textB else { return .differentSweeps(a, b, file: file) }
    // A row's trial complete in either folder is one of the plan's.
    let holds = { (id: String) in
      [a, b].contains { folder in
        FolderError.isSafeTrialID(id)
          && FileManager.default.fileExists(
            atPath: ((folder as NSString).appendingPathComponent(id) as NSString)
              .appendingPathComponent(SweepLayout.markerFile))
      }
    }
    guard let found = damage(textA, textB, holds: holds) else {
      return .differentSweeps(a, b, file: file)
    }
    let (damaged, intact) = found.inFirst == true ? (a, b) : (b, a)
    return .damagedShardFile(
      damaged: (damaged as NSString).appendingPathComponent(file),
      intact: (intact as NSString).appendingPathComponent(file), fault: found.fault,
      known: found.inFirst != nil)
  }

  /// What is wrong with one of `a` and `b` (`inFirst`: with `a`; nil when either may be the
  /// damaged one), the copies of one file; nil when neither is the other's damaged (another
  /// sweep's file, or no CSV). `holds` says whether a trial ID's folder is complete: a row
  /// only one copy has is the plan's when it is.
  static func damage(_ a: String, _ b: String, holds: (String) -> Bool = { _ in false })
    -> (inFirst: Bool?, fault: String)?
  {
    let crlfA = a.contains("\r\n")
    if crlfA != b.contains("\r\n"), lf(a) == lf(b) {
      return (crlfA, "has CRLF line ends (a checkout or an editor changed them)")
    }
    // Compared with LF line ends: a CRLF copy cut at its final line end is found too, and one
    // cut between its last `\r` and `\n`.
    let (cutA, cutB) = (uncut(a), uncut(b))
    if cutA + "\n" == lf(b) || cutB + "\n" == lf(a) {
      return (cutA + "\n" == lf(b), "lacks its final line end (the file was cut)")
    }
    guard let tableA = try? CSVTable(parsing: lf(a)), let tableB = try? CSVTable(parsing: lf(b)),
      tableA.header == tableB.header, !tableA.rows.isEmpty, !tableB.rows.isEmpty
    else { return nil }
    let rowsA = tableA.rows.map { $0.joined(separator: ",") }
    let rowsB = tableB.rows.map { $0.joined(separator: ",") }
    // Rows counted as a multiset: a row repeated is one added, which the other copy lacks.
    for (fewer, more, inFirst) in [(rowsB, rowsA, true), (rowsA, rowsB, false)] {
      guard let row = extra(more, over: fewer) else { continue }
      if fewer.contains(row) {
        return (inFirst, "repeats the row `\(row)` (a plan lists each trial once)")
      }
      let id = String(row.prefix { $0 != "," })
      return holds(id)
        ? (!inFirst, "lacks the row `\(row)` the other copy has (its trial's folder is complete)")
        : (nil, "the row `\(row)` is in one copy only (deleted from one, or added to the other)")
    }
    // One row edited: the same first cells (trial IDs), one row's other cells differ; which
    // copy was edited cannot be told.
    let differing = zip(rowsA, rowsB).filter { $0 != $1 }
    if tableA.rows.map(\.first) == tableB.rows.map(\.first), differing.count == 1 {
      let (rowA, rowB) = differing[0]
      return (nil, "one gives `\(rowA)`, the other `\(rowB)` (one of the two was edited)")
    }
    return nil
  }

  /// A row `more` holds more often than `fewer` does, when `more` holds every row of `fewer` as
  /// often or more (a multiset holding the other) and is larger; nil otherwise.
  private static func extra(_ more: [String], over fewer: [String]) -> String? {
    guard more.count > fewer.count else { return nil }
    var left = Dictionary(more.map { ($0, 1) }, uniquingKeysWith: +)
    for row in fewer {
      guard let count = left[row], count > 0 else { return nil }
      left[row] = count - 1
    }
    return more.first { left[$0, default: 0] > 0 }
  }

  /// `lf(text)` without a `\r` it ends in (a CRLF line end cut after its `\r`).
  private static func uncut(_ text: String) -> String {
    let text = lf(text)
    return text.hasSuffix("\r") ? String(text.dropLast()) : text
  }

  /// `text` with each CRLF line end as LF.
  private static func lf(_ text: String) -> String {
    text.replacingOccurrences(of: "\r\n", with: "\n")
  }
}
