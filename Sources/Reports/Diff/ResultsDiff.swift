import Conventions
import Foundation

/// The comparison of two results: two CSV files, or two results directories (every `*.csv`
/// below them, matched by relative path; `timings.csv` skipped unless timings are included).
/// A file given against a directory is compared with the file of the same name in it. Given a
/// spec reader, the resolved specs (`spec.resolved.yaml`) are compared key by key too: beside
/// the files compared, or of the folders holding them (`SpecChange`).
public struct ResultsDiff: Sendable, Equatable {
  /// Per-file comparisons, by relative path.
  public let files: [TableDiff]
  /// CSV files only in A.
  public let onlyInA: [String]
  /// CSV files only in B.
  public let onlyInB: [String]
  /// The options used.
  public let options: DiffOptions
  /// The pairing of the trials of two versions of a sweep, when their IDs differ
  /// (`SweepPairing`); nil when rows are matched as usual.
  public let pairing: SweepPairing?
  /// The keys whose values differ between the resolved specs of A and B (empty without a
  /// spec reader).
  public private(set) var specChanges: [SpecChange] = []
  /// The number of pairs of resolved specs compared.
  public private(set) var comparedSpecs = 0
  /// Trial folders of an earlier version in the sweep folders below A and below B (not A and
  /// B themselves: `pairing` has those), as paths relative to A or B: not compared.
  public private(set) var earlierBelowA: [String] = [], earlierBelowB: [String] = []

  /// True when anything differs beyond tolerance, or the specs differ.
  public var differs: Bool {
    !onlyInA.isEmpty || !onlyInB.isEmpty || files.contains(where: \.differs)
      || !specChanges.isEmpty
  }

  /// The `data_files.csv` files that differ: the runs read other data (or other digests of it).
  public var dataChanges: [String] {
    files.filter { $0.differs && ($0.name as NSString).lastPathComponent == ResultsFile.dataFiles }
      .map(\.name)
  }

  /// Compares A with B on disk, and their resolved specs key by key when `specReader` is given.
  public init(
    _ a: URL, _ b: URL, options: DiffOptions = DiffOptions(), specReader: SpecChange.Reader? = nil
  ) throws(DiffError) {
    self.options = options
    var specPairs: [(name: String, a: URL, b: URL)] = []
    let spec = ResultsFile.resolvedSpec
    let (aIsDirectory, bIsDirectory) = (try Self.kind(a), try Self.kind(b))
    switch (aIsDirectory, bIsDirectory) {
    case (false, false):
      let pairing = SweepPairing.of(a.deletingLastPathComponent(), b.deletingLastPathComponent())
      files = [try Self.compare(a.lastPathComponent, a, b, options: options, pairing: pairing)]
      (onlyInA, onlyInB) = ([], [])
      self.pairing = pairing
      specPairs = Self.specBeside(a, b)
    case (false, true), (true, false):
      let (file, directory) = aIsDirectory ? (b, a) : (a, b)
      let other = directory.appendingPathComponent(file.lastPathComponent)
      guard FileManager.default.fileExists(atPath: other.path) else {
        throw .missing(path: other.path)
      }
      let (old, new) = aIsDirectory ? (other, file) : (file, other)
      let pairing = SweepPairing.of(
        old.deletingLastPathComponent(), new.deletingLastPathComponent())
      files = [
        try Self.compare(file.lastPathComponent, old, new, options: options, pairing: pairing)
      ]
      (onlyInA, onlyInB) = ([], [])
      self.pairing = pairing
      specPairs = Self.specBeside(old, new)
    case (true, true):
      var (namesA, namesB) = (
        try Self.csvFiles(in: a, options: options), try Self.csvFiles(in: b, options: options)
      )
      // Trial folders of two versions of a sweep are paired by their swept values.
      let pairing = SweepPairing.of(a, b)
      let inB = { (name: String) in pairing?.pathInB(name) ?? name }
      if let pairing {
        namesA.removeAll { pairing.isEarlier($0, inA: true) }
        namesB.removeAll { pairing.isEarlier($0, inA: false) }
      }
      // A sweep folder below (a results root) keeps an earlier version's trials too: left out.
      (earlierBelowA, earlierBelowB) = (
        Self.earlierTrials(below: a, names: namesA), Self.earlierTrials(below: b, names: namesB)
      )
      let (belowA, belowB) = (earlierBelowA, earlierBelowB)
      namesA.removeAll { name in belowA.contains { name.hasPrefix($0 + "/") } }
      namesB.removeAll { name in belowB.contains { name.hasPrefix($0 + "/") } }
      let setB = Set(namesB)
      let setA = Set(namesA.map(inB))
      var diffs: [TableDiff] = []
      for name in namesA where setB.contains(inB(name)) {
        diffs.append(
          try Self.compare(
            name, a.appendingPathComponent(name), b.appendingPathComponent(inB(name)),
            options: options, pairing: pairing))
      }
      files =
        options.convergedIterationTolerance.map { ConvergedIterations.allow(diffs, tolerance: $0) }
        ?? diffs
      onlyInA = namesA.filter { !setB.contains(inB($0)) }
      onlyInB = namesB.filter { !setA.contains($0) }
      self.pairing = pairing
      let specs = (ResultsFile.visibleFiles(below: a) ?? []).filter {
        ($0 as NSString).lastPathComponent == spec && pairing?.isEarlier($0, inA: true) != true
      }
      let fm = FileManager.default
      specPairs = specs.map {
        (name: $0, a: a.appendingPathComponent($0), b: b.appendingPathComponent(inB($0)))
      }
      .filter { fm.fileExists(atPath: $0.b.path) }
    }
    if let specReader {
      comparedSpecs = specPairs.count
      specChanges = SpecChange.changes(
        specPairs, reader: specReader, ignoreSeed: pairing?.derivesSeed == true
      ) { key in
        !options.ignoredColumns.contains(key)
          && (options.onlyColumns.isEmpty || options.onlyColumns.contains(key))
      }
    }
  }

  /// The trial folders of an earlier version (`EarlierTrials`) in each sweep folder strictly
  /// below `root` (a `plan.csv` among `names` not in a rung), relative to `root`.
  private static func earlierTrials(below root: URL, names: [String]) -> [String] {
    let sweeps = names.filter { $0.hasSuffix("/" + "plan.csv") }.map {
      ($0 as NSString).deletingLastPathComponent
    }.filter { !($0 as NSString).lastPathComponent.hasPrefix("rung-") }
    return sweeps.flatMap { sweep in
      let folder = root.appendingPathComponent(sweep)
      guard let plan = EarlierTrials.plan(folder) else { return [String]() }
      return EarlierTrials.find(in: folder, plan: plan).map { sweep + "/" + $0 }
    }.sorted()
  }

  /// The resolved specs in the folders of the files `a` and `b`, when both have one.
  private static func specBeside(_ a: URL, _ b: URL) -> [(name: String, a: URL, b: URL)] {
    let beside = { (file: URL) in
      file.deletingLastPathComponent().appendingPathComponent(ResultsFile.resolvedSpec)
    }
    let (specA, specB) = (beside(a), beside(b))
    let fm = FileManager.default
    guard fm.fileExists(atPath: specA.path), fm.fileExists(atPath: specB.path) else { return [] }
    return [(ResultsFile.resolvedSpec, specA, specB)]
  }

  /// The comparison of the file `old` (A's `name`) with `new`, rows matched by the swept values
  /// when `pairing` applies to them, and the trials' derived `seed` left out then.
  private static func compare(
    _ name: String, _ old: URL, _ new: URL, options: DiffOptions, pairing: SweepPairing?
  ) throws(DiffError) -> TableDiff {
    let (oldTable, newTable) = (try table(old), try table(new))
    var options = options
    let seedLeftOut =
      pairing?.derivesSeed == true && options.compares("seed")
      && [oldTable, newTable].allSatisfy { $0.columnIndex("seed") != nil }
    if seedLeftOut { options.ignoredColumns.insert("seed") }
    let paired = pairing?.options(options, old: oldTable, new: newTable)
    var diff = try TableDiff(
      name: name, old: paired == nil ? pairing?.translated(oldTable) ?? oldTable : oldTable,
      new: newTable, options: paired ?? options)
    diff.nameInB = pairing?.pathInB(name) ?? name
    diff.pairedBySweptValues = paired != nil
    diff.derivedSeedLeftOut = seedLeftOut
    return diff
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
