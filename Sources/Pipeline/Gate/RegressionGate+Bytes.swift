import Conventions
import Foundation
import Reports

extension RegressionGate {
  /// Files whose bytes differ, or that exist on one side only, among the compared files.
  static func byteDifferences(_ baseline: URL, _ fresh: URL) throws(GateError) -> [String] {
    let (old, new): ([String], [String])
    do { (old, new) = (try comparedFiles(in: baseline), try comparedFiles(in: fresh)) } catch {
      throw .unreadable(path: fresh.path, reason: "\(error)")
    }
    var differences: [String] = []
    for file in old {
      guard new.contains(file) else {
        differences.append("\(file): only in the baseline")
        continue
      }
      let a = FileManager.default.contents(atPath: baseline.appendingPathComponent(file).path)
      let b = FileManager.default.contents(atPath: fresh.appendingPathComponent(file).path)
      if a != b {
        let details =
          file.hasSuffix(ResultsFile.resolvedSpec)
          ? specChanges(file, baseline, fresh)
          : cellChanges(file, baseline, fresh)
        let reason = details.isEmpty ? GateByteReason.of(a ?? Data(), b ?? Data()) : nil
        differences.append(
          "\(file): bytes differ" + (reason.map { ": " + $0 } ?? "")
            + details.map { "\n" + $0 }.joined())
      }
    }
    differences += new.filter { !old.contains($0) }.map { "\($0): only in the fresh results" }
    return differences
  }

  /// For a CSV file that differs, the first changed cells as `runner diff` lists them (indented
  /// lines), so a failing gate says what moved; none when a side does not read as a table.
  static func cellChanges(_ file: String, _ baseline: URL, _ fresh: URL) -> [String] {
    guard file.hasSuffix(".csv"),
      let old = try? CSVTable(contentsOf: baseline.appendingPathComponent(file)),
      let new = try? CSVTable(contentsOf: fresh.appendingPathComponent(file)),
      let diff = try? TableDiff(name: file, old: old, new: new)
    else { return [] }
    return diff.rendered(maxListedChanges: 5).split(separator: "\n").dropFirst()
      .map { "    " + $0 }
  }

  /// For a resolved spec that differs, its changed keys (indented lines).
  static func specChanges(_ file: String, _ baseline: URL, _ fresh: URL) -> [String] {
    let pair = (
      name: file, a: baseline.appendingPathComponent(file), b: fresh.appendingPathComponent(file)
    )
    return SpecChange.changes([pair], reader: SpecParameters.reader)
      .map { "    " + $0.summary }
  }
}
