import Conventions
import Foundation

extension ResultsDiff {
  /// A record beside the two files compared (`data_files.csv`, `spec.resolved.yaml`) that was
  /// not compared, and why: said, so that a diff of two `summary.csv` files never passes as
  /// having compared the data read or the specs when it did not (tester BM-4).
  public struct NotCompared: Sendable, Equatable {
    /// The record's name.
    public var file: String
    /// Why it was not compared (`only beside B: the data read was not compared`).
    public var reason: String

    /// The line the report prints.
    public var line: String { "\(file): \(reason)" }

    /// `{"file", "reason"}`.
    var json: JSONValue { .object([("file", .string(file)), ("reason", .string(reason))]) }
  }

  /// The records beside the files `a` and `b` (each in its run's folder) that only one side
  /// holds: the data record (unless the files compared are data records) and the resolved spec.
  static func besideOneSide(_ a: URL, _ b: URL) -> [NotCompared] {
    let records = [
      (ResultsFile.dataFiles, "the data read was not compared"),
      (ResultsFile.resolvedSpec, "the specs were not compared"),
    ]
    return records.compactMap { name, what in
      if name == ResultsFile.dataFiles, a.lastPathComponent == name, b.lastPathComponent == name {
        return nil
      }
      let (inA, inB) = (isRegular(beside: a, name), isRegular(beside: b, name))
      guard inA != inB else { return nil }
      return NotCompared(file: name, reason: "only beside \(inA ? "A" : "B"): \(what)")
    }
  }

  /// The data record beside two files compared when `--only` names none of its columns:
  /// compared in nothing, so not listed as the same.
  static func dataLeftOutByOnly(_ data: TableDiff, options: DiffOptions) -> NotCompared? {
    guard !options.onlyColumns.isEmpty, data.comparedColumns.isEmpty else { return nil }
    return NotCompared(
      file: data.name,
      reason: "not compared: --only names none of its columns (add --only "
        + "\(DataFilesColumn.sha256) to compare the data read)")
  }

  /// The comparisons of the data records beside two files compared (`dataBeside`) that are
  /// compared, and a note for those `--only` leaves nothing of.
  static func comparedData(_ data: [TableDiff], options: DiffOptions) -> (
    [TableDiff], [NotCompared]
  ) {
    let leftOut = data.compactMap { dataLeftOutByOnly($0, options: options) }
    return (data.filter { diff in !leftOut.contains { $0.file == diff.name } }, leftOut)
  }

  /// Whether a regular file `name` lies beside `file`.
  private static func isRegular(beside file: URL, _ name: String) -> Bool {
    let url = file.deletingLastPathComponent().appendingPathComponent(name)
    if case .regular = PathEntry.of(url.path) { return true } else { return false }
  }
}
