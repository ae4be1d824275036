import Conventions
import Foundation

/// The comparison of two results: two CSV files, or two results directories (every `*.csv`
/// below them, matched by relative path; `timings.csv` skipped unless timings are included).
/// A file given against a directory is compared with the file of the same name in it.
public struct ResultsDiff: Sendable, Equatable {
  /// Per-file comparisons, by relative path.
  public let files: [TableDiff]
  /// CSV files only in A.
  public let onlyInA: [String]
  /// CSV files only in B.
  public let onlyInB: [String]
  /// The options used.
  public let options: DiffOptions

  /// True when anything differs beyond tolerance.
  public var differs: Bool {
    !onlyInA.isEmpty || !onlyInB.isEmpty || files.contains(where: \.differs)
  }

  /// Compares A with B on disk.
  public init(_ a: URL, _ b: URL, options: DiffOptions = DiffOptions()) throws(DiffError) {
    self.options = options
    let (aIsDirectory, bIsDirectory) = (try Self.kind(a), try Self.kind(b))
    switch (aIsDirectory, bIsDirectory) {
    case (false, false):
      files = [
        try TableDiff(
          name: a.lastPathComponent, old: Self.table(a), new: Self.table(b), options: options)
      ]
      (onlyInA, onlyInB) = ([], [])
    case (false, true), (true, false):
      let (file, directory) = aIsDirectory ? (b, a) : (a, b)
      let other = directory.appendingPathComponent(file.lastPathComponent)
      guard FileManager.default.fileExists(atPath: other.path) else {
        throw .missing(path: other.path)
      }
      let (old, new) = aIsDirectory ? (other, file) : (file, other)
      files = [
        try TableDiff(
          name: file.lastPathComponent, old: Self.table(old), new: Self.table(new), options: options
        )
      ]
      (onlyInA, onlyInB) = ([], [])
    case (true, true):
      let (namesA, namesB) = (
        try Self.csvFiles(in: a, options: options), try Self.csvFiles(in: b, options: options)
      )
      let setB = Set(namesB)
      let setA = Set(namesA)
      var diffs: [TableDiff] = []
      for name in namesA where setB.contains(name) {
        let old = try Self.table(a.appendingPathComponent(name))
        let new = try Self.table(b.appendingPathComponent(name))
        diffs.append(try TableDiff(name: name, old: old, new: new, options: options))
      }
      files =
        options.convergedIterationTolerance.map { ConvergedIterations.allow(diffs, tolerance: $0) }
        ?? diffs
      onlyInA = namesA.filter { !setB.contains($0) }
      onlyInB = namesB.filter { !setA.contains($0) }
    }
  }

  /// Whether `url` is a directory; trouble when nothing is there or it cannot be examined.
  private static func kind(_ url: URL) throws(DiffError) -> Bool {
    let entry = PathEntry.of(url.path)
    switch entry {
    case .missing: throw .missing(path: url.path)
    case .symlinkLoop, .inaccessible: throw .unreadable(path: url.path, reason: "is \(entry.noun)")
    case .directory: return true
    default: return false
    }
  }

  private static func table(_ url: URL) throws(DiffError) -> CSVTable {
    do { return try CSVTable(contentsOf: url) } catch {
      switch error {
      case .missing: throw .missing(path: url.path)
      case .malformedCSV(_, let csv): throw .unreadable(path: url.path, reason: csv.description)
      case .cannotRead(_, let reason): throw .unreadable(path: url.path, reason: reason)
      default: throw .unreadable(path: url.path, reason: error.description)
      }
    }
  }

  /// Relative paths of the CSV files below `directory`, sorted; hidden files and folders
  /// (temporaries, staging, `.history/`) skipped.
  private static func csvFiles(in directory: URL, options: DiffOptions) throws(DiffError)
    -> [String]
  {
    guard let files = ResultsFile.visibleFiles(below: directory) else {
      throw .unreadable(path: directory.path, reason: "cannot list the directory")
    }
    return files.filter { path in
      path.hasSuffix(".csv")
        && (options.includeTimings
          || !ResultsFile.timingFiles.contains((path as NSString).lastPathComponent))
    }
  }
}
