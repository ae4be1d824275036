import Conventions
import Foundation

/// The comparison of two results: two CSV files, or two results directories (every `*.csv`
/// below them, matched by relative path; `timings.csv` skipped unless timings are included).
/// A file given against a directory is compared with the file of the same name in it. The
/// regression gate's manifest (`GateManifest`) on one side only is no result: left out, and
/// said. Given a spec reader, the resolved specs (`spec.resolved.yaml`) are compared key by key too: beside
/// the files compared, or of the folders holding them (`SpecChange`); two files are compared with
/// the `data_files.csv` beside them.
public struct ResultsDiff: Sendable, Equatable {
  /// Per-file comparisons, by relative path.
  public let files: [TableDiff]
  /// CSV files only in A, and (given a spec reader) resolved specs only in A.
  public private(set) var onlyInA: [String]
  /// CSV files only in B, and (given a spec reader) resolved specs only in B.
  public private(set) var onlyInB: [String]
  /// The options used.
  public let options: DiffOptions
  /// The pairing of the trials of two versions of a sweep, when their IDs differ
  /// (`SweepPairing`); nil when rows are matched as usual.
  public let pairing: SweepPairing?
  /// The records beside two files compared that were not compared (one side only, or
  /// `--only` naming none of the data record's columns), each said in the report.
  public private(set) var notCompared: [NotCompared] = []
  /// The keys whose values differ between the resolved specs of A and B (empty without a
  /// spec reader).
  public private(set) var specChanges: [SpecChange] = []
  /// The number of pairs of resolved specs compared.
  public private(set) var comparedSpecs = 0
  /// The key paths of the resolved specs compared (on either side), which `--ignore` and
  /// `--only` may name as they name a column.
  public private(set) var specKeys: Set<String> = []
  /// The keys of `specKeys` that were compared in some pair of resolved specs (not left out by
  /// `--ignore`, `--only`, a paired trial's derived `seed`, or `output`).
  public private(set) var comparedSpecKeys: Set<String> = []
  /// The regression gate's manifests (`gate.csv`, `GateManifest`) that only A, or only B,
  /// holds, by relative path: the gate's list of experiments, not a result, so not compared (a
  /// baseline root against fresh results). Both sides' manifests at one path are compared.
  public private(set) var gateManifestsOnlyInA: [String] = [], gateManifestsOnlyInB: [String] = []
  /// The folder below B that is A itself (`results/baseline` against `results`), and below A
  /// that is B, by relative path: the other side, not a result of this side, so not compared.
  public private(set) var aInsideB: String? = nil, bInsideA: String? = nil
  /// Trial folders of an earlier version in the sweep folders below A and below B (not A and
  /// B themselves: `pairing` has those, nor the sweeps of `pairedBelow`), as paths relative to
  /// A or B: not compared.
  public private(set) var earlierBelowA: [String] = [], earlierBelowB: [String] = []
  /// The sweep folders below A (a results root) whose folder of the same path in B holds
  /// another version of the sweep: their trials are paired by swept values as `pairing` pairs
  /// A's and B's own, in folder order.
  public private(set) var pairedBelow: [PairedSweep] = []

  /// A sweep folder below the roots compared, by its path relative to them, and the pairing of
  /// its trials.
  public struct PairedSweep: Sendable, Equatable {
    /// The folder's path relative to A (and to B).
    public var folder: String
    /// Its trials paired by swept values.
    public var pairing: SweepPairing
  }

  /// True when anything differs beyond tolerance, or the specs differ.
  public var differs: Bool {
    !onlyInA.isEmpty || !onlyInB.isEmpty || files.contains(where: \.differs)
      || !specChanges.isEmpty
  }

  /// The `data_files.csv` files that differ but in `renamedData`: the runs read other data
  /// (other digests, other or more files).
  public var dataChanges: [String] {
    dataFilesDiffs.filter { !$0.onlyRenamesDataFiles }.map(\.name)
  }

  /// The `data_files.csv` files that differ only in the files' names, every SHA-256 digest
  /// compared agreeing: the runs read the same content under other names.
  public var renamedData: [String] {
    dataFilesDiffs.filter(\.onlyRenamesDataFiles).map(\.name)
  }

  /// The comparisons of `data_files.csv` files that differ.
  private var dataFilesDiffs: [TableDiff] {
    files.filter { $0.differs && ($0.name as NSString).lastPathComponent == ResultsFile.dataFiles }
  }

  /// Compares A with B on disk, and their resolved specs key by key when `specReader` is given.
  public init(
    _ a: URL, _ b: URL, options: DiffOptions = DiffOptions(), specReader: SpecChange.Reader? = nil
  ) throws(DiffError) {
    self.options = options
    var specPairs: [(name: String, a: URL, b: URL)] = []
    // The CSV files compared (A's relative path, A's file, B's file): their `sweep.csv` files
    // name a changed spec seed.
    var comparedPairs: [(name: String, a: URL, b: URL)] = []
    // The resolved specs of one side whose other side has none.
    var specsOnlyIn: (a: [String], b: [String]) = ([], [])
    // The pairing of the sweep holding a file or resolved spec (by A's relative path), which
    // leaves out the seed its trials derive from IDs that differ (`leavingOutDerivedSeed`).
    var pairingOf: (String) -> SweepPairing? = { _ in nil }
    let spec = ResultsFile.resolvedSpec
    // A's relative path as it is in B (between folders; `pathInB`).
    var inBOf: ((String) -> String)? = nil
    let (aIsDirectory, bIsDirectory) = (try Self.kind(a), try Self.kind(b))
    switch (aIsDirectory, bIsDirectory) {
    case (false, false):
      let pairing = SweepPairing.of(a.deletingLastPathComponent(), b.deletingLastPathComponent())
      let (data, leftOut) = Self.comparedData(
        try Self.dataBeside(a, b, options: options, pairing: pairing), options: options)
      files =
        [try Self.compare(a.lastPathComponent, a, b, options: options, pairing: pairing)] + data
      notCompared = Self.besideOneSide(a, b) + leftOut
      (onlyInA, onlyInB) = ([], [])
      self.pairing = pairing
      specPairs = Self.specBeside(a, b)
      comparedPairs = [(a.lastPathComponent, a, b)]
      pairingOf = { _ in pairing }
    case (false, true), (true, false):
      let (file, directory) = aIsDirectory ? (b, a) : (a, b)
      let other = directory.appendingPathComponent(file.lastPathComponent)
      guard PathEntry.of(other.path) != .missing else { throw .missing(path: other.path) }
      let (old, new) = aIsDirectory ? (other, file) : (file, other)
      let pairing = SweepPairing.of(
        old.deletingLastPathComponent(), new.deletingLastPathComponent())
      let (data, leftOut) = Self.comparedData(
        try Self.dataBeside(old, new, options: options, pairing: pairing), options: options)
      files =
        [try Self.compare(file.lastPathComponent, old, new, options: options, pairing: pairing)]
        + data
      notCompared = Self.besideOneSide(old, new) + leftOut
      (onlyInA, onlyInB) = ([], [])
      self.pairing = pairing
      specPairs = Self.specBeside(old, new)
      comparedPairs = [(file.lastPathComponent, old, new)]
      pairingOf = { _ in pairing }
    case (true, true):
      var (namesA, namesB) = (
        try Self.csvFiles(in: a, options: options), try Self.csvFiles(in: b, options: options)
      )
      // One side inside the other (a baseline kept in the results root it is compared with):
      // that folder is the other side, left out.
      (bInsideA, aInsideB) = (
        Self.relativePath(of: b, inside: a), Self.relativePath(of: a, inside: b)
      )
      let (nestedA, nestedB) = (bInsideA, aInsideB)
      namesA.removeAll { Self.isBelow($0, nestedA) }
      namesB.removeAll { Self.isBelow($0, nestedB) }
      (gateManifestsOnlyInA, gateManifestsOnlyInB) = (
        Self.gateManifests(in: a, names: namesA, without: namesB),
        Self.gateManifests(in: b, names: namesB, without: namesA)
      )
      let (manifestsA, manifestsB) = (gateManifestsOnlyInA, gateManifestsOnlyInB)
      namesA.removeAll { manifestsA.contains($0) }
      namesB.removeAll { manifestsB.contains($0) }
      // Trial folders of two versions of a sweep are paired by their swept values: A's and B's
      // own, and those of each sweep folder below them (results roots).
      let pairing = SweepPairing.of(a, b)
      pairedBelow = Self.sweepFolders(in: namesA).compactMap { folder in
        SweepPairing.of(a.appendingPathComponent(folder), b.appendingPathComponent(folder)).map {
          PairedSweep(folder: folder, pairing: $0)
        }
      }
      let pairings = (pairing.map { [PairedSweep(folder: "", pairing: $0)] } ?? []) + pairedBelow
      pairingOf = { Self.locate($0, pairings)?.sweep.pairing }
      let inB = { (name: String) in Self.pathInB(name, pairings) }
      inBOf = inB
      let isEarlier = { (name: String, inA: Bool) in
        Self.locate(name, pairings).map { $0.sweep.pairing.isEarlier($0.rest, inA: inA) } ?? false
      }
      namesA.removeAll { isEarlier($0, true) }
      namesB.removeAll { isEarlier($0, false) }
      // A sweep folder below whose trials are not paired keeps an earlier version's trials
      // too: left out.
      let paired = Set(pairedBelow.map(\.folder))
      (earlierBelowA, earlierBelowB) = (
        Self.earlierTrials(below: a, names: namesA, skipping: paired),
        Self.earlierTrials(below: b, names: namesB, skipping: paired)
      )
      let (belowA, belowB) = (earlierBelowA, earlierBelowB)
      namesA.removeAll { name in belowA.contains { name.hasPrefix($0 + "/") } }
      namesB.removeAll { name in belowB.contains { name.hasPrefix($0 + "/") } }
      let setB = Set(namesB)
      let setA = Set(namesA.map(inB))
      var diffs: [TableDiff] = []
      for name in namesA where setB.contains(inB(name)) {
        comparedPairs.append(
          (name, a.appendingPathComponent(name), b.appendingPathComponent(inB(name))))
        diffs.append(
          try Self.compare(
            name, a.appendingPathComponent(name), b.appendingPathComponent(inB(name)),
            options: options, pairing: pairingOf(name)))
      }
      files =
        options.convergedIterationTolerance.map { ConvergedIterations.allow(diffs, tolerance: $0) }
        ?? diffs
      onlyInA = namesA.filter { !setB.contains(inB($0)) }
      onlyInB = namesB.filter { !setA.contains($0) }
      self.pairing = pairing
      let specs = { (root: URL, inA: Bool, earlier: [String]) in
        (ResultsFile.visibleFiles(below: root) ?? []).filter { file in
          (file as NSString).lastPathComponent == spec && !isEarlier(file, inA)
            && !earlier.contains { file.hasPrefix($0 + "/") }
            && !Self.isBelow(file, inA ? nestedA : nestedB)
        }
      }
      let (specsA, specsB) = (specs(a, true, belowA), specs(b, false, belowB))
      let (specSetA, specSetB) = (Set(specsA.map(inB)), Set(specsB))
      specPairs = specsA.filter { specSetB.contains(inB($0)) }.map {
        (name: $0, a: a.appendingPathComponent($0), b: b.appendingPathComponent(inB($0)))
      }
      // A run that cannot say what spec it ran is no match for one that can.
      specsOnlyIn = (
        specsA.filter { !specSetB.contains(inB($0)) }, specsB.filter { !specSetA.contains($0) }
      )
    }
    if let specReader {
      onlyInA = (onlyInA + specsOnlyIn.a).sorted()
      onlyInB = (onlyInB + specsOnlyIn.b).sorted()
      comparedSpecs = specPairs.count
      var keys = SpecChange.ignoredKeys.union(["seed"])
      var compared = Set<String>()
      specChanges = try SpecChange.changes(specPairs, reader: specReader) { name, key in
        keys.insert(key)
        let options = options.leavingOutDerivedSeed(of: pairingOf(name))
        let compares =
          !options.ignoredColumns.contains(key)
          && (options.onlyColumns.isEmpty || options.onlyColumns.contains(key))
        if compares { compared.insert(key) }
        return compares
      }
      // The spec's own seed, which only a sweep folder's `sweep.csv` records.
      if options.compares("seed") {
        let settings = Self.sweepSettingsPairs(comparedPairs)
        if !settings.isEmpty { compared.insert("seed") }
        specChanges += Self.sweepSeedChanges(settings)
      }
      specKeys = keys
      comparedSpecKeys = compared
    }
    // A file of one side whose other side holds something unreadable at its path (a
    // directory, a symbolic link loop) is trouble, not a file only in one side.
    if let inB = inBOf {
      try Self.refuseUnreadable(onlyInA.map { b.appendingPathComponent(inB($0)) })
      try Self.refuseUnreadable(onlyInB.map { a.appendingPathComponent($0) })
    }
    // Two folders with nothing to compare (an artifact download that fetched nothing, another
    // --results-dir) must not pass as the same.
    if files.isEmpty, onlyInA.isEmpty, onlyInB.isEmpty, specPairs.isEmpty {
      throw .nothingToCompare(a: a.path, b: b.path)
    }
  }

  /// The regression gate's manifests among `names` (relative paths below `folder`) that
  /// `other`, the other side's, lacks.
  private static func gateManifests(in folder: URL, names: [String], without other: [String])
    -> [String]
  {
    let others = Set(other)
    return names.filter {
      !others.contains($0) && GateManifest.holds(folder.appendingPathComponent($0))
    }
  }

  /// The sweep folders strictly below a root whose CSV files are `names` (a `plan.csv` not in
  /// a rung), relative to it.
  private static func sweepFolders(in names: [String]) -> [String] {
    names.filter { $0.hasSuffix("/" + "plan.csv") }.map {
      ($0 as NSString).deletingLastPathComponent
    }.filter { !($0 as NSString).lastPathComponent.hasPrefix("rung-") }
  }

  /// The paired sweep of `pairings` whose folder holds the relative path `name` (the deepest),
  /// and `name` relative to that folder.
  private static func locate(_ name: String, _ pairings: [PairedSweep]) -> (
    sweep: PairedSweep, rest: String
  )? {
    pairings.filter { $0.folder.isEmpty || name.hasPrefix($0.folder + "/") }
      .max { $0.folder.count < $1.folder.count }
      .map { ($0, $0.folder.isEmpty ? name : String(name.dropFirst($0.folder.count + 1))) }
  }

  /// A's relative path `name` as it is in B: in a paired sweep, a trial folder of A becomes the
  /// folder of B's trial of the same swept values.
  private static func pathInB(_ name: String, _ pairings: [PairedSweep]) -> String {
    guard let (sweep, rest) = locate(name, pairings) else { return name }
    let path = sweep.pairing.pathInB(rest)
    return sweep.folder.isEmpty ? path : sweep.folder + "/" + path
  }

  /// The trial folders of an earlier version (`EarlierTrials`) in each sweep folder strictly
  /// below `root` (a `plan.csv` among `names` not in a rung) but those of `skipping`, relative
  /// to `root`.
  private static func earlierTrials(below root: URL, names: [String], skipping: Set<String>)
    -> [String]
  {
    let sweeps = sweepFolders(in: names).filter { !skipping.contains($0) }
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

  /// The comparison of the `data_files.csv` files beside the files `a` and `b` (a run's
  /// folder), when both folders hold one and the files compared are not those: a file diff
  /// names changed data as it names a changed spec (a sweep folder holds neither).
  private static func dataBeside(
    _ a: URL, _ b: URL, options: DiffOptions, pairing: SweepPairing?
  ) throws(DiffError) -> [TableDiff] {
    let name = ResultsFile.dataFiles
    guard a.lastPathComponent != name || b.lastPathComponent != name else { return [] }
    let (dataA, dataB) = (
      a.deletingLastPathComponent().appendingPathComponent(name),
      b.deletingLastPathComponent().appendingPathComponent(name)
    )
    let regular = { (url: URL) in
      if case .regular = PathEntry.of(url.path) { return true } else { return false }
    }
    guard regular(dataA), regular(dataB) else { return [] }
    return [try compare(name, dataA, dataB, options: options, pairing: pairing)]
  }

  /// The comparison of the file `old` (A's `name`) with `new`, rows matched by the swept values
  /// when `pairing` applies to them, and the trials' derived `seed` left out then.
  private static func compare(
    _ name: String, _ old: URL, _ new: URL, options: DiffOptions, pairing: SweepPairing?
  ) throws(DiffError) -> TableDiff {
    let (oldTable, newTable) = (try table(old), try table(new))
    // Left out where both tables hold a seed (a seed column on one side only is a change).
    let seedless = options.leavingOutDerivedSeed(of: pairing)
    let seedLeftOut =
      options.compares("seed") && !seedless.compares("seed")
      && [oldTable, newTable].allSatisfy { $0.columnIndex("seed") != nil }
    let options = seedLeftOut ? seedless : options
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

  /// Refuses the first of `files` (the other side's paths of files only in one side) that is
  /// there but no regular file: unreadable, not missing.
  private static func refuseUnreadable(_ files: [URL]) throws(DiffError) {
    for file in files {
      if let refusal = PathEntry.of(file.path).refusal {
        throw .unreadable(path: file.path, reason: refusal)
      }
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
  /// (temporaries, staging, `.history/`) skipped. A folder that cannot be listed is trouble:
  /// its files are not "missing".
  private static func csvFiles(in directory: URL, options: DiffOptions) throws(DiffError)
    -> [String]
  {
    if let (path, reason) = UnlistableFolder.first(below: directory) {
      throw .unreadable(path: path, reason: "cannot read the folder: \(reason)")
    }
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
