import Datasets
import Foundation
import Specs

/// The size of a spec's data, known before loading it: from generator sizes, file headers and
/// file sizes. Unknown parts (a named dataset not downloaded yet) count as empty, and say so
/// (`found`).
struct DataFootprint: Sendable, Equatable {
  /// Samples of all sets together.
  var samples = 0.0
  /// Input features per sample as read (before polynomial expansion).
  var features = 0.0
  /// Feature values of all sets (samples × features of each; a file whose header says
  /// nothing counts one value per stored byte).
  var values = 0.0
  /// Bytes taken while reading: file contents, parsed cells and arrays in their stored type.
  var readBytes = 0.0
  /// Samples of the set the report predicts in one pass (test, else dev, else train), at most
  /// `samples`.
  var heldOut = 0.0
  /// Rows of the training set after the split and the train-dev carve (`samples` when the
  /// split cannot divide them).
  var trainingRows = 0.0
  /// Rows of the largest set evaluated (train, dev, test or train-dev), at most `samples`.
  var largestPart = 0.0
  /// The spec key that sets the data's size (the generator's `sizes`/`samples`, the file).
  var path = SpecPath.root.appending("dataset")
  /// Whether every file begins as its loader reads it (`StoredShape.readable`) and an array
  /// file's targets are as many as its samples: else the loader refuses it first.
  var readable = true
  /// Whether every data file was found (a named dataset not downloaded yet is not).
  var found = true

  /// The footprint of `loaded`'s data as found from `context`.
  static func of(_ loaded: LoadedSpec, context: ProjectContext) -> DataFootprint {
    var total = DataFootprint()
    guard let configuration = try? DataConfiguration(loaded.spec) else { return total }
    let fetcher = context.fetcher()
    var largest = -1.0
    // Rows of the given dev and test files, and of the source the split divides (the whole, or
    // the training file).
    var given = (dev: 0.0, test: 0.0)
    var divided = 0.0
    for ((source, path), set) in zip(Self.sources(configuration), configuration.split.sources) {
      let part = footprint(of: source, at: path, fetcher: fetcher)
      total.samples += part.samples
      total.features = max(total.features, part.features)
      total.values += part.values
      total.readBytes += part.readBytes
      total.readable = total.readable && part.readable
      total.found = total.found && part.found
      switch set.part {
      case .dev: given.dev += part.samples
      case .test: given.test += part.samples
      case .whole, .train: divided += part.samples
      }
      if part.readBytes > largest {
        largest = part.readBytes
        total.path = part.path
      }
    }
    // The parts as the run deals them (exact counts whatever the draw); all the samples where
    // the split cannot divide them (the run refuses it).
    let n = total.samples
    guard let rows = try? configuration.partRows(count: Int(min(divided, 1e15))) else {
      (total.trainingRows, total.largestPart, total.heldOut) = (n, n, n)
      return total
    }
    let dev = Double(rows.dev) + given.dev
    let test = Double(rows.test) + given.test
    total.trainingRows = min(n, Double(rows.train))
    total.largestPart = min(n, max(total.trainingRows, dev, test, Double(rows.trainDev)))
    // The report predicts the test part, else the dev part, else the training set.
    total.heldOut = min(n, test > 0 ? test : dev > 0 ? dev : total.trainingRows)
    return total
  }

  private static func footprint(of source: DataSource, at path: SpecPath, fetcher: DatasetFetcher)
    -> DataFootprint
  {
    switch source {
    case .generated(let generator, _):
      let (samples, features, key) = generator.size
      let n = Double(samples)
      // Generated as float64 features and targets, and copied once more by the split.
      return DataFootprint(
        samples: n, features: Double(features), values: n * Double(features),
        readBytes: 2 * n * Double(features + 1) * 8,
        path: SpecPath.root.appending("dataset").appending("generator").appending(key))
    case .table(let file, let names, _, _):
      guard let found = locate(file, fetcher) else {
        return DataFootprint(path: path, found: false)
      }
      let shape = StoredShape.of(found)
      let rows = Double(shape.samples ?? 0)
      let features = Double(names?.count ?? max(1, (shape.valuesPerSample ?? 1) - 1))
      return DataFootprint(
        samples: rows, features: features, values: rows * features,
        readBytes: readingBytes(of: shape, table: true), path: fileKey(path),
        readable: shape.readable)
    case .arrays(let features, let target):
      guard let found = locate(features.file, fetcher) else {
        return DataFootprint(path: path, found: false)
      }
      let shape = StoredShape.of(found, dataset: features.dataset)
      var targetBytes = 0.0
      var readable = shape.readable
      let targetPath = target.flatMap { $0.file == features.file ? nil : $0.file }
      let t = targetPath.flatMap { locate($0, fetcher) }
      if let t {
        let targetShape = StoredShape.of(t)
        targetBytes = readingBytes(of: targetShape, table: false)
        readable = readable && targetShape.readable
        // Targets for another count of samples are refused before anything is loaded (a
        // 1-D feature array read as millions of samples), so no estimate of them applies.
        if let targets = targetShape.samples, let samples = shape.samples, targets != samples {
          readable = false
        }
      }
      let targetFound = targetPath == nil || t != nil
      guard let samples = shape.samples, let perSample = shape.valuesPerSample else {
        // The header says nothing (or names no such dataset): one value per stored byte.
        return DataFootprint(
          values: shape.bytes, readBytes: readingBytes(of: shape, table: false) + targetBytes,
          path: fileKey(path),
          readable: readable, found: targetFound)
      }
      return DataFootprint(
        samples: Double(samples), features: Double(perSample),
        values: Double(samples) * Double(perSample),
        readBytes: readingBytes(of: shape, table: false) + targetBytes,
        path: fileKey(path), readable: readable, found: targetFound)
    case .named(let name, let part):
      guard let dataset = try? Catalog.named(name), let inner = try? dataset.source(part) else {
        return DataFootprint(path: path, found: false)
      }
      var found = footprint(of: inner, at: path, fetcher: fetcher)
      found.path = SpecPath.root.appending("dataset").appending("name")
      return found
    }
  }

  private static func fileKey(_ path: SpecPath) -> SpecPath { path.appending("file") }

  /// Bytes taken while reading one stored file, as the loaders read it: a CSV table's text
  /// twice (bytes and string), a 16-byte cell per value and an array per row; an array file's
  /// contents twice (stored and converted). Shared by the run's estimate and predict's.
  static func readingBytes(of shape: StoredShape, table: Bool) -> Double {
    guard table else { return 2 * shape.bytes }
    let rows = Double(shape.samples ?? 0)
    return 2 * shape.bytes + rows * Double(shape.valuesPerSample ?? 1) * 16 + rows * 64
  }

  /// The data files `loaded` reads as found from `context` (on the search path or in the
  /// download cache), each with the spec key naming it (`dataset.train.file`,
  /// `dataset.train.target_file`, `dataset.name`) and its name as written there (a named
  /// dataset's: its catalog path); files not found are left out.
  static func files(of loaded: LoadedSpec, context: ProjectContext) -> [(
    key: SpecPath, name: String, path: String
  )] {
    guard let configuration = try? DataConfiguration(loaded.spec) else { return [] }
    let fetcher = context.fetcher()
    let dataset = SpecPath.root.appending("dataset")
    func files(_ source: DataSource, _ part: SpecPath, named: Bool = false) -> [(
      key: SpecPath, name: String, path: String
    )] {
      let keys =
        named
        ? (dataset.appending("name"), dataset.appending("name"))
        : (fileKey(part), part.appending("target_file"))
      var written: [(SpecPath, String)] = []
      switch source {
      case .generated: break
      case .table(let file, _, _, _): written = [(keys.0, file)]
      case .arrays(let features, let target):
        written = [(keys.0, features.file)]
        if let target, target.file != features.file { written.append((keys.1, target.file)) }
      case .named(let name, let part):
        guard let inner = try? Catalog.named(name).source(part) else { return [] }
        return files(inner, dataset, named: true)
      }
      return written.compactMap { key, name in locate(name, fetcher).map { (key, name, $0) } }
    }
    return Self.sources(configuration).flatMap { source, key in files(source, key) }
  }

  /// Each source of the configuration's data with the spec key of its part (`dataset`, or
  /// `dataset.train`, `dataset.dev`, `dataset.test` for given sets).
  private static func sources(_ configuration: DataConfiguration) -> [(DataSource, SpecPath)] {
    let dataset = SpecPath.root.appending("dataset")
    return configuration.split.sources.map { source, part in
      switch part {
      case .whole: (source, dataset)
      case .train: (source, dataset.appending("train"))
      case .dev: (source, dataset.appending("dev"))
      case .test: (source, dataset.appending("test"))
      }
    }
  }

  /// The file's path on disk: on the search path, else in the download cache.
  private static func locate(_ name: String, _ fetcher: DatasetFetcher) -> String? {
    if let path = fetcher.locator.find(name) { return path }
    if let entry = Catalog.file(at: name) { return fetcher.localPath(of: entry.file) }
    for dataset in Catalog.all {
      if let file = dataset.files.first(where: { $0.path == name }) {
        return fetcher.localPath(of: file)
      }
    }
    return nil
  }
}

extension Generator {
  /// Samples, features and the spec key that sets the samples.
  var size: (samples: Int, features: Int, key: String) {
    switch self {
    case .linear(let samples, let weights, _, _, _): (samples, weights.count, "samples")
    case .polynomial(let samples, _, _, _): (samples, 1, "samples")
    case .blobs(let means, _, let sizes):
      (
        sizes.reduce(0) { $0.addingReportingOverflow($1).partialValue }, means.first?.count ?? 2,
        "sizes"
      )
    case .gate(_, let repeats, _): (4 * repeats, 2, "samples")
    case .moons(let samples, _): (samples, 2, "samples")
    case .circles(let samples, _, _): (samples, 2, "samples")
    case .spirals(let samples, _, _): (samples, 2, "samples")
    case .sine(let samples, _, _, _): (samples, 1, "samples")
    }
  }
}
