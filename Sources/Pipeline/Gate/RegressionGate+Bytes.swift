import Conventions
import Foundation
import Reports

extension RegressionGate {
  /// A compared file that differs between a baseline and a fresh run.
  enum FileDifference: Equatable {
    /// In the baseline only.
    case onlyInBaseline(String)
    /// In the fresh results only.
    case onlyInFresh(String)
    /// In both, with other bytes (`nil`: unreadable).
    case bytes(String, baseline: Data?, fresh: Data?)
  }

  /// The compared files that differ, or that exist on one side only: the baseline's in order
  /// (on its side only, or other bytes), then those only in the fresh results; the first
  /// `limit` of them (`isUnchanged` asks whether there is one).
  static func differingFiles(_ baseline: URL, _ fresh: URL, limit: Int = .max)
    throws(GateError) -> [FileDifference]
  {
    func files(in folder: URL) throws(GateError) -> [String] {
      do { return try comparedFiles(in: folder) } catch {
        throw .unreadable(path: folder.path, reason: "\(error)")
      }
    }
    let (old, new) = (try files(in: baseline), try files(in: fresh))
    let (inOld, inNew) = (Set(old), Set(new))
    let onlyInFresh = new.filter { !inOld.contains($0) }.map(FileDifference.onlyInFresh)
    var differences: [FileDifference] = []
    for file in old {
      if differences.count >= limit { break }
      guard inNew.contains(file) else {
        differences.append(.onlyInBaseline(file))
        continue
      }
      let a = FileManager.default.contents(atPath: baseline.appendingPathComponent(file).path)
      let b = FileManager.default.contents(atPath: fresh.appendingPathComponent(file).path)
      if a != b { differences.append(.bytes(file, baseline: a, fresh: b)) }
    }
    return Array((differences + onlyInFresh).prefix(limit))
  }

  /// Files whose bytes differ (with the changed cells or keys, else why the bytes differ), that
  /// exist on one side only, or that cannot be read (named by their path), among the compared
  /// files.
  static func byteDifferences(_ baseline: URL, _ fresh: URL) throws(GateError) -> [String] {
    try differingFiles(baseline, fresh).map { difference in
      switch difference {
      case .onlyInBaseline(let file): return "\(file): only in the baseline"
      case .onlyInFresh(let file): return "\(file): only in the fresh results"
      case .bytes(let file, nil, _):
        return "\(file): cannot read the baseline's \(baseline.appendingPathComponent(file).path)"
      case .bytes(let file, _, nil):
        return "\(file): cannot read this run's \(fresh.appendingPathComponent(file).path)"
      case .bytes(let file, let a, let b):
        let details =
          file.hasSuffix(ResultsFile.resolvedSpec)
          ? specChanges(file, baseline, fresh)
          : cellChanges(file, baseline, fresh)
        let reason = details.isEmpty ? GateByteReason.of(a ?? Data(), b ?? Data()) : nil
        return "\(file): bytes differ" + (reason.map { ": " + $0 } ?? "")
          + details.map { "\n" + $0 }.joined()
      }
    }
  }

  /// For a CSV file that differs, the first changed cells as `runner diff` lists them (indented
  /// lines), so a failing gate says what moved; none when a side does not read as a table.
  static func cellChanges(_ file: String, _ baseline: URL, _ fresh: URL) -> [String] {
    guard file.hasSuffix(".csv"),
      let old = try? CSVTable(contentsOf: baseline.appendingPathComponent(file)),
      let new = try? CSVTable(contentsOf: fresh.appendingPathComponent(file)),
      let diff = try? TableDiff(name: file, old: old, new: new)
    else { return [] }
    return diff.rendered(maxListedChanges: 5, sides: .baselineAndFresh).split(separator: "\n")
      .dropFirst()
      .map { "    " + $0 }
  }

  /// For a resolved spec that differs, its changed keys (indented lines); why a side cannot be
  /// read as a spec instead.
  static func specChanges(_ file: String, _ baseline: URL, _ fresh: URL) -> [String] {
    let pair = (
      name: file, a: baseline.appendingPathComponent(file), b: fresh.appendingPathComponent(file)
    )
    do {
      return try SpecChange.changes([pair], reader: SpecParameters.reader)
        .map { "    " + $0.summary }
    } catch {
      return ["    " + error.description]
    }
  }
}
