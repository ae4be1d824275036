import Conventions
import Foundation
import Vocabulary

/// What `runner validate` learns from the data without training or downloading: every file
/// found, every named column and dataset present, the targets read and checked, and from them
/// the classes and target columns the model's outputs must match.
public struct DataInspection: Sendable, Equatable {

  /// Classes of a classification target (names given, or the largest label + 1, at least 2).
  public var classes: Int?
  /// The classes' names by index (the spec's, else the training file's), when named.
  public var classNames: [String]? = nil
  /// Target columns per sample as the model sees them (classes under `one_hot`).
  public var targetColumns: Int
  /// Rows of the training set after the split and the train-dev carve; nil when a source's
  /// targets were not read.
  public var trainSamples: Int? = nil
  /// Rows of the dev set; nil when not known.
  public var devSamples: Int? = nil
  /// The part each row of each source goes to; nil when a source's targets were not read.
  public var split: SplitAssignment? = nil
  /// A regression's target columns' spreads over every source read; nil for classes.
  public var targetRange: [TargetSpread]? = nil
  /// The smallest class index among the labels of every source read; nil for a regression.
  public var smallestLabel: Int? = nil
  /// Where the largest class index is and the range of the other labels, when the labels are
  /// unnamed indices: `at iris.csv, line 4, column 'target'; the other labels are 0 to 2`.
  public var largestLabel: String? = nil
  /// Where the labels leave classes without rows below the largest (`LabelGaps.describe`),
  /// when they are unnamed indices with such a gap.
  public var labelGap: LabelGap? = nil
  /// Things not checked, each with its reason (a named dataset that is not downloaded yet).
  public var notes: [String]
}

extension DataLoader {
  /// Checks `configuration`'s data cheaply: feature files are found and their datasets named
  /// correctly, but only CSV tables, generated sets and targets are read. Nothing is downloaded:
  /// a named dataset that is not on the search path or in the cache gets a note instead. Every
  /// source is checked: the first failure is thrown with the others' (`DataFailure.also`).
  public func inspect(_ configuration: DataConfiguration) throws(DataFailure) -> DataInspection {
    let sources = configuration.split.sources
    // The datasets that would be downloaded, by name, as the sources name them.
    var pending: [String] = []
    var found: [LabeledTargets?] = []
    var loader = self
    loader.classNames = configuration.classNames
    var failures: [DataFailure] = []
    for (source, part) in sources {
      do {
        let labels = try loader.inspect(
          source, target: configuration.target, part: part, pendingDatasets: &pending)
        if part == .train, case .table = source { loader.trainingColumns = labels?.trainingColumns }
        found.append(labels)
      } catch {
        // A source's own further failures (every column it lacks) follow it; a failure another
        // source gave already (one damaged file of a dataset both parts name) is told once.
        let new = [loader.addingRemedy(to: error, readingFrom: source)] + error.also
        failures += new.filter { failure in !failures.contains { $0.error == failure.error } }
      }
    }
    if var first = failures.first {
      first.also = Array(failures.dropFirst())
      throw first
    }
    // One note per dataset (its sources noted its name), for a train and a test file alike.
    var datasets: [String] = []
    for name in pending where !datasets.contains(name) { datasets.append(name) }
    let notes = datasets.compactMap { name in (try? Catalog.named(name)).map { notDownloaded($0) } }
    // Classes a file names by index, which the spec's may rename but not reorder.
    for ((source, _), labels) in zip(sources, found) {
      try ListedClasses.check(labels?.classNames, of: source, against: configuration.classNames)
    }
    // Features per sample as the training set's, from headers where the run reads values.
    if let training = found.first??.features {
      for ((source, part), labels) in zip(sources, found).dropFirst() {
        guard let (shape, origin) = labels?.features else { continue }
        try DataFailure.at(.source(part, source.featuresField)) {
          try LabeledArrays.checkFeatureCount(
            shape, in: origin, training: training.shape, from: training.origin)
        }
      }
    }
    // The labels of every set as the run numbers them: by the spec's classes, else the
    // training set's (refusing a name outside them).
    // (Without the training set, read later after a download, only against the spec's.)
    // The training set's labels so numbered are what the run's split stratifies by.
    var numbered = found[0]?.targets
    if found[0] != nil || configuration.classNames != nil {
      let reference = configuration.classNames ?? found[0]?.classNames
      for (index, ((source, part), labels)) in zip(sources, found).enumerated() {
        guard let targets = labels?.targets else { continue }
        let renumbered = try LabelChecks.renumber(
          targets, names: labels?.classNames, source: source, part: part, into: reference,
          named: configuration.classNames != nil,
          indexOrdered: LabelChecks.indexOrdered(
            named: configuration.classNames != nil, trainingTable: found[0]?.tableLines != nil),
          lines: labels?.tableLines)
        if index == 0 { numbered = renumbered }
      }
    }
    let targets = found.compactMap { $0?.targets }
    var classes: Int? = nil
    var smallest: Int? = nil
    if case .classification = configuration.target, !targets.isEmpty {
      let labels = try DataFailure.at(.source(sources[0].1, .target(index: 0))) {
        try targets.map { try $0.classIndices() }
      }
      let largest = labels.compactMap { $0.max() }.max() ?? 1
      smallest = labels.compactMap { $0.min() }.min()
      classes =
        (configuration.classNames ?? found[0]?.classNames)?.count ?? max(2, largest + 1)
    }
    var columns = 1
    if case .regression = configuration.target, let t = targets.first, t.rank == 2 {
      columns = t.shape[1]
    }
    var inspection = DataInspection(classes: classes, targetColumns: columns, notes: notes)
    inspection.smallestLabel = smallest
    if classes != nil, configuration.classNames == nil, found[0]?.classNames == nil {
      inspection.largestLabel = Self.largestLabel(in: found)
      inspection.labelGap = LabelGaps.describe(found, parts: sources.map(\.1))
    }
    if case .regression = configuration.target {
      inspection.targetRange = TargetRange.of(
        targets.lazy.flatMap { t in (0..<t.count).lazy.map { t.storage.double(at: $0) } },
        columns: columns)
    }
    if classes != nil { inspection.classNames = configuration.classNames ?? found[0]?.classNames }
    // Divided by the labels as the run numbers them: by `dataset.classes`' order, not the
    // file's sorted names (tester BQ-3: `data split` listed 50 of 120 rows in another part).
    if notes.isEmpty, let first = numbered {
      try count(first, of: found, configuration, into: &inspection)
    }
    return inspection
  }

  /// Where the largest class index of every source read is (its file's line and column, or
  /// its index in an array file) and the range of the other labels: one stray `100000` among
  /// 0/1/2 labels is found from the message that refuses the classes it makes.
  static func largestLabel(in found: [LabeledTargets?]) -> String? {
    var best: (label: Int, source: Int, row: Int)? = nil
    var others: [Int] = []
    for (s, labels) in found.enumerated() {
      guard let targets = labels?.targets, let indices = try? targets.classIndices() else {
        continue
      }
      for (row, label) in indices.enumerated() {
        if let b = best, label <= b.label {
          others.append(label)
        } else {
          if let b = best { others.append(b.label) }
          best = (label, s, row)
        }
      }
    }
    guard let best, let labels = found[best.source], let targets = labels.targets else {
      return nil
    }
    let place =
      labels.tableLines.map { "\($0.file), \($0.place(best.row))" }
      ?? "\(targets.origin), sample \(best.row)"
    guard let low = others.min(), let high = others.max() else { return "at \(place)" }
    return "at \(place); the other labels are " + (low == high ? "all \(low)" : "\(low) to \(high)")
  }

  /// The training and dev rows that the run's split and train-dev carve leave, counted from
  /// the first source's targets (`first`) and, for a given dev file, its own.
  private func count(
    _ first: NDArray, of found: [LabeledTargets?], _ configuration: DataConfiguration,
    into inspection: inout DataInspection
  ) throws(DataFailure) {
    try DataFailure.at(.split(part: nil)) {
      var labels = try configuration.labels(first)
      let total = first.shape[0]
      // A test part carved out of a given training file leaves the dev file beside it.
      let parts = try configuration.divide(count: total, labels: labels)
      let train = parts.train
      if case .given(_, _?, _) = configuration.split {
        inspection.devSamples = found[1]?.targets?.shape[0]
      } else {
        inspection.devSamples = parts.dev.count
      }
      labels = labels.map { all in train.map { all[$0] } }
      let carved = try configuration.carveTrainDev(
        count: train.count, total: total, labels: labels)
      inspection.trainSamples = carved.train.count
      // A given set's rows all go to its part: its targets' rows, else its features'.
      let sources = configuration.split.sources
      let others = zip(sources, found).dropFirst().compactMap {
        source, labels -> (SplitAssignment.Part, Int)? in
        guard let rows = labels?.targets?.shape.first ?? labels?.features?.shape.first else {
          return nil
        }
        return (source.part == .dev ? .dev : .test, rows)
      }
      inspection.split = SplitAssignment(
        total: total, parts: parts, carved: carved, given: sources[0].part != .whole,
        others: others)
    }
  }

  /// One source's targets and class names, or nil when it cannot be checked without
  /// downloading (its dataset's name added to `pendingDatasets`, which the notes come from).
  func inspect(
    _ source: DataSource, target: TargetKind, part: DataReference.Part,
    pendingDatasets: inout [String]
  ) throws(DataFailure) -> LabeledTargets? {
    func at<R>(_ field: DataReference.Field, _ body: () throws -> R) throws(DataFailure) -> R {
      try DataFailure.at(.source(part, field), body)
    }
    /// The path of a file the source names, or nil (with a note) for a catalog file that
    /// `runner run` would download.
    func local(_ name: String, _ field: DataReference.Field) throws(DataFailure) -> String? {
      try at(field) { () throws -> String? in
        do {
          let path = try locator.resolve(name)
          try fetcher.verifyCached(path, name: name)
          return path
        } catch DataError.fileNotFound(let missing, let searched) {
          guard let entry = Catalog.file(at: name) else {
            throw DataError.fileNotFound(name: missing, searched: searched)
          }
          guard let path = try copy(of: entry.file, of: entry.dataset) else {
            pendingDatasets.append(entry.dataset.name)
            return nil
          }
          try fetcher.verify(path, entry.file, of: entry.dataset)
          return path
        }
      }
    }
    switch source {
    case .generated:
      let loaded = try load(source, target: target, part: part)
      return LabeledTargets(
        targets: loaded.targets, classNames: loaded.classNames,
        features: (loaded.features.shape, loaded.features.origin))
    case .table(let file, _, _, _):
      guard try local(file, .file) != nil else { return nil }
      let loaded = try load(source, target: target, part: part)
      return LabeledTargets(
        targets: loaded.targets, classNames: loaded.classNames, tableLines: loaded.tableLines,
        trainingColumns: TrainingColumns(source, loaded),
        features: (loaded.features.shape, loaded.features.origin))
    case .arrays(let features, let targetReference):
      guard let path = try local(features.file, .file) else { return nil }
      let featuresField: DataReference.Field = features.dataset == nil ? .file : .feature(index: 0)
      // The features' shape from their header (an NPZ member's inflating only its header).
      // A file that does not open is located at `file:`, not at the array it should hold.
      let members = try at(.file) { try Self.memberNames(path) }
      let (shape, origin): ([Int]?, String)
      do {
        (shape, origin) = try at(featuresField) {
          try Self.headerShape(features, at: path, among: members)
        }
      } catch {
        throw withMissingTarget(
          error, targetReference, besides: features.dataset, target: target, part: part)
      }
      guard let targetReference else {
        return LabeledTargets(
          targets: nil, classNames: nil, features: shape.map { ($0, origin) })
      }
      let targetField: DataReference.Field = targetReference.dataset == nil ? .targetFile : .file
      guard try local(targetReference.file, targetField) != nil else { return nil }
      var loaded = try load(
        .arrays(
          features: ArrayReference(file: path, dataset: features.dataset), target: targetReference),
        targetOnly: target, part: part)
      if let shape, let targets = loaded.targets {
        // Where, and in the words, the run's `LabeledArrays` refuses the same counts.
        try at(targetReference.dataset == nil ? .targetFile : .target(index: 0)) {
          try LabeledArrays.checkCounts(targets, features: shape, in: origin)
        }
      }
      loaded.features = shape.map { ($0, origin) }
      return loaded
    case .named(let name, let namedPart):
      return try at(.name) { () throws -> LabeledTargets? in
        let dataset = try Catalog.named(name)
        var pending = false
        for file in dataset.files {
          if let path = try copy(of: file, of: dataset) {
            try fetcher.verify(path, file, of: dataset)
          } else {
            pending = true
          }
        }
        guard !pending else {
          pendingDatasets.append(dataset.name)
          return nil
        }
        guard
          var found = try catalogLoader.inspect(
            dataset.source(namedPart), target: target, part: part,
            pendingDatasets: &pendingDatasets)
        else { return nil }
        found.classNames = found.classNames ?? dataset.classNames
        return found
      }
    }
  }

  /// The targets of an array source, read and checked, without reading the features.
  private func load(_ source: DataSource, targetOnly target: TargetKind, part: DataReference.Part)
    throws(DataFailure) -> LabeledTargets
  {
    guard case .arrays(let features, let reference?) = source else {
      return LabeledTargets(targets: nil, classNames: nil)
    }
    let (labels, names) = try readTargets(
      reference, besides: features.dataset, target: target, part: part)
    return LabeledTargets(targets: labels, classNames: names)
  }
}

/// The targets of one source and the class names it gives, as inspection reads them.
struct LabeledTargets: Sendable {
  var targets: NDArray?
  var classNames: [String]?
  var tableLines: TableLines? = nil
  /// A table's columns, which a given dev or test table is matched to when this is the
  /// training table.
  var trainingColumns: TrainingColumns? = nil
  /// The features' shape (from a header, for arrays) and origin, when known.
  var features: (shape: [Int], origin: String)? = nil
}
