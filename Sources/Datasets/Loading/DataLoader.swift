import Foundation

/// Reads a `DataSource` into `LabeledArrays`, resolving file names through a `DataLocator`.
public struct DataLoader: Sendable {
  /// Where relative file names are looked up.
  public var locator: DataLocator
  /// Makes named datasets available (verified, downloaded from their mirrors when absent).
  public var fetcher: DatasetFetcher

  /// A loader over `locator`; named datasets go through `fetcher` (by default one over the
  /// same locator, downloading into `DataCache.directory()` without progress output).
  public init(locator: DataLocator, fetcher: DatasetFetcher? = nil) {
    self.locator = locator
    self.fetcher = fetcher ?? DatasetFetcher(locator: locator)
  }

  /// The samples of `source`. `target` decides how labels are read (class indices are
  /// checked integral and in range; CSV categorical columns are mapped to indices).
  public func load(_ source: DataSource, target: TargetKind) throws -> LabeledArrays {
    switch source {
    case .arrays(let featuresReference, let targetReference):
      let features = try readArray(featuresReference)
      var classNames: [String]? = nil
      var targets: NDArray? = nil
      if let targetReference {
        let labels = try readArray(targetReference)
        if case .classification(let count) = target {
          _ = try labels.classIndices(classCount: count)
        }
        targets = labels
        classNames = try listedClasses(nextTo: targetReference)
      }
      return try LabeledArrays(features: features, targets: targets, classNames: classNames)

    case .table(let file, let featureColumns, let targetColumn, let moreTargets):
      let path = try resolve(file)
      let table = try CSVTable.read(path)
      let targetColumns = (targetColumn.map { [$0] } ?? []) + moreTargets
      let names = featureColumns ?? table.header.filter { !targetColumns.contains($0) }
      guard !names.isEmpty else {
        throw DataError.invalidConfiguration(
          "\(path): no feature columns (the table only has '\(table.header.joined(separator: "', '"))')"
        )
      }
      _ = try targetColumn.map(table.columnIndex)
      let features = try table.numericColumns(names)
      guard let targetColumn else {
        return try LabeledArrays(features: features, targets: nil, featureNames: names)
      }
      let origin = "\(path), column '\(targetColumn)'"
      switch target {
      case .regression:
        let values = try table.numericColumns(targetColumns)
        let shape = moreTargets.isEmpty ? [table.rows.count] : [table.rows.count, targetColumns.count]
        return try LabeledArrays(
          features: features,
          targets: NDArray(checkedShape: shape, storage: values.storage, origin: origin),
          featureNames: names)
      case .classification where !moreTargets.isEmpty:
        throw DataError.invalidConfiguration(
          "\(path): several target columns (\(targetColumns.joined(separator: ", "))) make a regression; a classifier takes one")
      case .classification(let count):
        let (indices, classes) = try table.categoricalColumn(targetColumn)
        let labels = NDArray(
          checkedShape: [indices.count], storage: .int64(indices.map(Int64.init)), origin: origin)
        if let count, let bad = indices.firstIndex(where: { $0 >= count }) {
          throw DataError.invalidValues(
            file: path, location: "line \(table.lines[bad]), column '\(targetColumn)'",
            reason:
              "label \(table.rows[bad][try table.columnIndex(targetColumn)]) out of range: \(count) classes take labels 0..\(count - 1)"
          )
        }
        let numeric = classes.enumerated().allSatisfy { $0.element == String($0.offset) }
        return try LabeledArrays(
          features: features, targets: labels, featureNames: names,
          classNames: numeric ? nil : classes)
      }

    case .named(let name, let part):
      let dataset = try Catalog.named(name)
      _ = try fetcher.ensure(dataset)
      let local = DataLoader(
        locator: DataLocator(
          searchDirectories: locator.searchDirectories + [fetcher.cacheDirectory]), fetcher: fetcher
      )
      var loaded = try local.load(dataset.source(part), target: target)
      loaded.classNames = loaded.classNames ?? dataset.classNames
      return loaded

    case .generated(let generator, let seed):
      return try generator.generate(seed: seed)
    }
  }

  /// Reads one array, resolving its file name.
  public func readArray(_ reference: ArrayReference) throws -> NDArray {
    try ArrayFile.read(resolve(reference.file), dataset: reference.dataset)
  }

  /// The path of a data file a source names: the first copy on the search path (plain or
  /// `.gz`); for a file of a named dataset (`catvnoncat/train_catvnoncat.h5`) on no search
  /// directory, the dataset's verified copy in the cache, downloaded from its mirrors.
  public func resolve(_ name: String) throws -> String {
    do {
      return try locator.resolve(name)
    } catch DataError.fileNotFound(let missing, let searched) {
      guard let entry = Catalog.file(at: name) else {
        throw DataError.fileNotFound(name: missing, searched: searched)
      }
      return try fetcher.ensure(entry.file, of: entry.dataset)
    }
  }

  /// The `list_classes` dataset of an HDF5 file holding the labels, when it has one.
  func listedClasses(nextTo reference: ArrayReference) throws -> [String]? {
    let path = try resolve(reference.file)
    guard try FileFormat.detect(path) == .hdf5,
      try HDF5File.datasetNames(in: path).contains("list_classes")
    else {
      return nil
    }
    return try HDF5File.readStrings(path, dataset: "list_classes")
  }
}
