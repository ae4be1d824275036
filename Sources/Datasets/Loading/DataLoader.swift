import Conventions
import Foundation

/// Reads a `DataSource` into `LabeledArrays`, resolving file names through a `DataLocator`.
public struct DataLoader: Sendable {
  /// Where relative file names are looked up.
  public var locator: DataLocator
  /// Makes named datasets available (verified, downloaded from their mirrors when absent).
  public var fetcher: DatasetFetcher
  /// Files already read by other trials of the same sweep (nil: read every time).
  public var cache: SourceCache? = nil
  /// The spec's `dataset.classes`: a CSV label that is a missing-value token (`NA`) is read as
  /// a class only when listed here (`DataTable.categoricalColumn`).
  public var classNames: [String]? = nil
  /// The given training table's columns, once it is read: a dev or test table without
  /// `features:` takes these features by name (`TrainingColumns`).
  var trainingColumns: TrainingColumns? = nil

  /// A loader over `locator`; named datasets go through `fetcher` (by default one over the
  /// same locator, downloading into `DataCache.directory()` without progress output).
  public init(locator: DataLocator, fetcher: DatasetFetcher? = nil) {
    self.locator = locator
    self.fetcher = fetcher ?? DatasetFetcher(locator: locator)
  }

  /// The samples of `source`. `target` decides how labels are read (class indices are
  /// checked integral and in range; CSV categorical columns are mapped to indices).
  public func load(_ source: DataSource, target: TargetKind) throws -> LabeledArrays {
    do throws(DataFailure) {
      return try load(source, target: target, part: .whole)
    } catch {
      throw error.error
    }
  }

  /// `load(_:target:)` with every error tagged by the field of `part`'s source it arose at.
  func load(_ source: DataSource, target: TargetKind, part: DataReference.Part)
    throws(DataFailure) -> LabeledArrays
  {
    do {
      return try loadKept(source, target: target, part: part)
    } catch {
      throw addingRemedy(to: error, readingFrom: source)
    }
  }

  /// `load(_:target:part:)` through `cache`, when there is one.
  private func loadKept(_ source: DataSource, target: TargetKind, part: DataReference.Part)
    throws(DataFailure) -> LabeledArrays
  {
    guard let cache else { return try read(source, target: target, part: part) }
    // A file source's files, resolved; one that does not resolve is read (and refused) as usual.
    var names: [String] = []
    switch source {
    case .arrays(let features, let labels):
      names = [features.file] + (labels.map { [$0.file] } ?? [])
    case .table(let file, _, _, _): names = [file]
    case .named, .generated: break
    }
    let paths = names.compactMap { try? resolve($0) }
    guard !names.isEmpty, paths.count == names.count, let stamps = SourceCache.stamps(paths)
    else { return try read(source, target: target, part: part) }
    let key = SourceCache.Key(
      source: source, target: target, classNames: classNames, matched: matched(part))
    if let cached = cache.samples(key, stamps: stamps) { return cached }
    let samples = try read(source, target: target, part: part)
    cache.keep(samples, key, stamps: stamps)
    return samples
  }

  /// Reads `source` (tagging errors as `load` does).
  private func read(_ source: DataSource, target: TargetKind, part: DataReference.Part)
    throws(DataFailure) -> LabeledArrays
  {
    func at<R>(_ field: DataReference.Field, _ body: () throws -> R) throws(DataFailure) -> R {
      try DataFailure.at(.source(part, field), body)
    }
    switch source {
    case .arrays(let featuresReference, let targetReference):
      let (path, members) = try at(.file) { () throws -> (String, [String]?) in
        let path = try resolve(featuresReference.file)
        // A file that does not open is located at `file:`, not at the array it should hold.
        return (path, try Self.memberNames(path))
      }
      // The header's checks first, as `runner validate` makes them: a count the targets
      // contradict is refused before the values are read (a 1 MB NPZ inflating to 1 GiB).
      let features: NDArray
      let header: (shape: [Int]?, origin: String)
      do {
        header = try at(source.featuresField) {
          try Self.headerShape(featuresReference, at: path, among: members)
        }
      } catch {
        throw withMissingTarget(
          error, targetReference, besides: featuresReference.dataset, target: target, part: part)
      }
      let targetField: DataReference.Field =
        targetReference?.dataset == nil ? .targetFile : .target(index: 0)
      var targets: (NDArray, [String]?)? = nil
      if let targetReference {
        let (labels, names) = try readTargets(
          targetReference, besides: featuresReference.dataset, target: target, part: part)
        if let shape = header.shape {
          try at(targetField) {
            try LabeledArrays.checkCounts(labels, features: shape, in: header.origin)
          }
        }
        targets = (labels, names)
      }
      features = try at(source.featuresField) {
        let features = try ArrayFile.read(path, dataset: featuresReference.dataset)
        try LabeledArrays.checkWidth(features.shape, in: features.origin)
        return features
      }
      guard let targets else {
        return try at(.file) { try LabeledArrays(features: features, targets: nil) }
      }
      return try at(targetField) {
        try LabeledArrays(features: features, targets: targets.0, classNames: targets.1)
      }

    case .table(let file, let featureColumns, let targetColumn, let moreTargets):
      let path = try at(.file) { try resolve(file) }
      let table = try at(.file) {
        let table = try DataTable.read(path)
        guard !table.rows.isEmpty else {
          throw DataError.noRows(file: path, header: table.header)
        }
        return table
      }
      let targetColumns = (targetColumn.map { [$0] } ?? []) + moreTargets
      // Every column the file lacks at once, each at its key: not one per run.
      var missing: [DataFailure] = []
      let named =
        targetColumns.enumerated().map { (DataReference.Field.target(index: $0), $1) }
        + (featureColumns ?? []).enumerated().map { (DataReference.Field.feature(index: $0), $1) }
      let listed = named.map(\.1)
      for (field, name) in named {
        do { _ = try at(field) { try table.columnIndex(name, besides: listed) } } catch {
          missing.append(error)
        }
      }
      if var first = missing.first {
        first.also += missing.dropFirst()
        throw first
      }
      let names = try at(.file) {
        try featureColumns ?? matched(part)?.features(of: table, path: path, targets: targetColumns)
          ?? table.header.filter { !targetColumns.contains($0) }
      }
      let features = try at(.file) {
        guard !names.isEmpty else {
          throw DataError.invalidConfiguration(
            "\(path): no feature columns (the table only has '\(table.header.joined(separator: "', '"))')"
          )
        }
        return try table.numericColumns(names)
      }
      guard targetColumn != nil else {
        var loaded = try at(.file) {
          try LabeledArrays(features: features, targets: nil, featureNames: names)
        }
        // Each sample's line, so that a value refused later is named by its line and column.
        loaded.tableLines = TableLines(file: path, lines: table.lines, column: "")
        return loaded
      }
      var loaded = try at(.target(index: moreTargets.isEmpty ? 0 : 1)) {
        try targets(
          of: table, path: path, columns: targetColumns, kind: target, features: features,
          featureNames: names, part: part)
      }
      let used = Set(names + targetColumns)
      loaded.unusedColumns = table.header.filter { !used.contains($0) }
      loaded.tableLines = TableLines(file: path, lines: table.lines, column: targetColumns[0])
      if featureColumns == nil { loaded.rowNumberColumns = Self.rowNumbers(features, names) }
      return loaded

    case .named(let name, let namedPart):
      return try at(.name) {
        let dataset = try Catalog.named(name)
        _ = try fetcher.ensure(dataset)
        var loaded = try catalogLoader.load(dataset.source(namedPart), target: target, part: part)
        loaded.classNames = loaded.classNames ?? dataset.classNames
        return loaded
      }

    case .generated(let generator, let seed):
      return try at(.generator) { try generator.generate(seed: seed) }
    }
  }

  /// The training table's columns a table read as `part` is matched to: a dev or test table's.
  private func matched(_ part: DataReference.Part) -> TrainingColumns? {
    part == .dev || part == .test ? trainingColumns : nil
  }

  /// The target columns of a CSV table as values (regression) or class indices.
  private func targets(
    of table: DataTable, path: String, columns targetColumns: [String], kind: TargetKind,
    features: NDArray, featureNames names: [String], part: DataReference.Part
  ) throws -> LabeledArrays {
    let targetColumn = targetColumns[0]
    let origin = "\(path), column '\(targetColumn.oneLineShort)'"
    switch kind {
    case .regression:
      let values = try table.numericColumns(targetColumns, as: .regressionTarget)
      let shape =
        targetColumns.count == 1 ? [table.rows.count] : [table.rows.count, targetColumns.count]
      return try LabeledArrays(
        features: features,
        targets: NDArray(checkedShape: shape, storage: values.storage, origin: origin),
        featureNames: names)
    case .classification where targetColumns.count > 1:
      throw DataError.invalidConfiguration(
        "\(path): several target columns (\(targetColumns.joined(separator: ", "))) make a regression; a classifier takes one"
          + Self.oneHotAdvice(table, targetColumns))
    case .classification(let count):
      let (indices, classes) = try table.categoricalColumn(targetColumn, classes: classNames)
      let labels = NDArray(
        checkedShape: [indices.count], storage: .int64(indices.map(Int64.init)), origin: origin)
      // Integer labels are class indices below the class count; names index the file's own
      // sorted names, which `LabelChecks.renumber` maps to the classes (refusing a stray name).
      if classes == nil, let count, let bad = indices.firstIndex(where: { $0 >= count }) {
        let column = try table.columnIndex(targetColumn)
        let more = indices[(bad + 1)...].indices.lazy.filter { indices[$0] >= count }
        throw DataError.invalidValues(
          file: path, location: "line \(table.lines[bad]), column '\(targetColumn.oneLineShort)'",
          reason:
            "label \(table.rows[bad][column]) out of range: \(count) classes take labels 0..\(count - 1)"
            + (indices.min() == 1 && indices.max() == count
              ? "; " + LabelChecks.oneBased(count, names: classNames) : "")
            + MorePlaces.listing(more, ("such label", "such labels")) {
              "line \(table.lines[$0]): '\(table.rows[$0][column].oneLineShort)'"
            })
      }
      try LabelChecks.requireTwoClasses(
        indices, names: classes, part: part, file: path,
        location: "column '\(targetColumn.oneLineShort)'")
      return try LabeledArrays(
        features: features, targets: labels, featureNames: names, classNames: classes)
    }
  }

  /// The columns of `features` (named `names`, in file order) whose values are 0 to n−1 or 1
  /// to n: row numbers, an ID. None for a single column (x = 1…n may be the input) or fewer
  /// than 3 rows.
  static func rowNumbers(_ features: NDArray, _ names: [String]) -> [String] {
    let (n, width) = (features.sampleCount, names.count)
    guard width > 1, n >= 3, case .float64(let v) = features.storage else { return [] }
    return names.indices.filter { c in
      (v[c] == 0 || v[c] == 1) && (0..<n).allSatisfy { v[$0 * width + c] == v[c] + Double($0) }
    }.map { names[$0] }
  }

  /// This loader with the download cache last on its search path: how the files of a named
  /// dataset (made available by `fetcher`) are read, inspected and listed.
  var catalogLoader: DataLoader {
    var local = self
    local.locator = DataLocator(
      searchDirectories: locator.searchDirectories + [fetcher.cacheDirectory])
    return local
  }

  /// The path of a data file a source names: the first copy on the search path (plain or
  /// `.gz`); for a file of a named dataset (`catvnoncat/train_catvnoncat.h5`) on no search
  /// directory, the dataset's verified copy in the cache, downloaded from its mirrors.
  public func resolve(_ name: String) throws -> String {
    do {
      let path = try locator.resolve(name)
      try fetcher.verifyCached(path, name: name)
      return path
    } catch DataError.fileNotFound(let missing, let searched) {
      guard let entry = Catalog.file(at: name) else {
        throw DataError.fileNotFound(name: missing, searched: searched)
      }
      return try fetcher.ensure(entry.file, of: entry.dataset)
    }
  }

  /// The `list_classes` dataset of an HDF5 file holding the labels, when it has one.
  /// The target array of an array source and the class names listed beside its file, each
  /// error tagged with its field (`target_file` for a target in its own `.npy`/IDX file,
  /// `target` for a dataset or member of the features' file); a classification target must
  /// hold at least two classes. A wrong target name is never told it meant `features`, the
  /// array the source reads its features from.
  func readTargets(
    _ reference: ArrayReference, besides features: String?, target: TargetKind,
    part: DataReference.Part
  ) throws(DataFailure) -> (labels: NDArray, names: [String]?) {
    let separate = reference.dataset == nil
    let path = try DataFailure.at(.source(part, separate ? .targetFile : .file)) {
      try resolve(reference.file)
    }
    do {
      return try DataFailure.at(.source(part, separate ? .targetFile : .target(index: 0))) {
        let labels = try ArrayFile.read(path, dataset: reference.dataset)
        let names = try listedClasses(nextTo: path)
        if case .classification(let count) = target {
          try LabelChecks.requireTwoClasses(
            try labels.classIndices(classCount: count), names: names, part: part,
            file: labels.origin, location: nil)
        }
        return (labels, names)
      }
    } catch {
      throw error.suggesting(besides: features)
    }
  }

  /// `failure`, the features' (read from the array `features`), followed (`also`) by the
  /// target's, when both name a dataset their file lacks: every wrong dataset name of a source
  /// at once, each at its key, as a table's columns; neither is told it meant the other's.
  func withMissingTarget(
    _ failure: DataFailure, _ reference: ArrayReference?, besides features: String?,
    target: TargetKind, part: DataReference.Part
  ) -> DataFailure {
    var failure = failure.suggesting(besides: reference?.dataset)
    guard case .datasetNotFound = failure.error, let reference, reference.dataset != nil else {
      return failure
    }
    do {
      _ = try readTargets(reference, besides: features, target: target, part: part)
    } catch {
      if case .datasetNotFound = error.error { failure.also.append(error) }
    }
    return failure
  }

  func listedClasses(nextTo path: String) throws -> [String]? {
    guard try FileFormat.detect(path) == .hdf5,
      try HDF5File.datasetNames(in: path).contains("list_classes")
    else {
      return nil
    }
    return try HDF5File.readStrings(path, dataset: "list_classes")
  }
}

extension DataLoader {
  /// The way forward when a classifier's target columns are one-hot (every row a single 1
  /// among 0s, the course's and Keras's form): one column of class indices, or `mse` on the
  /// columns as probabilities; empty for other columns.
  static func oneHotAdvice(_ table: DataTable, _ columns: [String]) -> String {
    guard let values = try? table.numericColumns(columns, as: .regressionTarget),
      case .float64(let flat) = values.storage, !flat.isEmpty
    else { return "" }
    let width = columns.count
    let oneHot = stride(from: 0, to: flat.count, by: width).allSatisfy { start in
      let row = flat[start..<start + width]
      return row.allSatisfy { $0 == 0 || $0 == 1 } && row.filter { $0 == 1 }.count == 1
    }
    guard oneHot else { return "" }
    let list = columns.map { "'\($0)'" }.joined(separator: ", ")
    return
      ". These columns are one-hot (each row a single 1): give the class as one column of "
      + "indices in their place (pandas: df['label'] = df[[\(list)]].values.argmax(axis=1); "
      + "df = df.drop(columns=[\(list)])) and write `target: label`, or keep them with "
      + "`loss: mse` to fit them as probabilities (one output unit per column; accuracy is not "
      + "scored then)"
  }
}
