/// Where one set of samples comes from; the Pipeline maps the spec's `dataset` section to it.
public enum DataSource: Sendable, Equatable {
  /// Features and (optionally) targets stored as arrays: HDF5 datasets (`train_set_x`),
  /// `.npy` files, NPZ members, IDX files.
  case arrays(features: ArrayReference, target: ArrayReference?)
  /// Columns of a CSV table by name; `features: nil` takes every column but the target.
  /// A classification target is mapped to class indices (`DataTable.categoricalColumn`).
  /// `moreTargets`: further target columns for a regression with several outputs.
  case table(file: String, features: [String]?, target: String?, moreTargets: [String] = [])
  /// A catalog dataset by name (`"iris"`, `"mnist"`), its train or test part.
  case named(String, part: NamedDataset.Part)
  /// A built-in generator with its seed.
  case generated(Generator, seed: UInt64)
}

extension DataSource {
  /// The names a table gives its target columns (`target` and any further ones), a named
  /// dataset's table's own (iris.csv's `target`); nil for arrays, generators and a table read
  /// without a target.
  public var tableTargets: [String]? {
    switch self {
    case .table(_, _, let target?, let more): [target] + more
    case .named(let name, let part): (try? Catalog.named(name).source(part))?.tableTargets
    default: nil
    }
  }

  /// Whether it is a CSV table (its labels as written, names sorted), not arrays.
  var isTable: Bool { if case .table = self { true } else { false } }

  /// The key naming the labels: `target_file` for a `.npy` or IDX file of labels, else `target`.
  var targetField: DataReference.Field {
    if case .arrays(_, let target?) = self, target.dataset == nil { return .targetFile }
    return .target(index: 0)
  }

  /// The field that names the features, where an error about them is located.
  var featuresField: DataReference.Field {
    switch self {
    case .arrays(let features, _): features.dataset == nil ? .file : .feature(index: 0)
    case .table: .file
    case .named: .name
    case .generated: .generator
    }
  }
}

/// One array in a file: the file name as the spec gives it (resolved by `DataLocator`) and
/// the HDF5 dataset or NPZ member name (nil for `.npy` and IDX files).
public struct ArrayReference: Sendable, Equatable {
  /// The file name as the spec gives it (absolute, beside the spec, or on the data search path).
  public var file: String
  /// The HDF5 dataset or NPZ member holding the array (`train_set_x`); nil for `.npy` and IDX.
  public var dataset: String?

  /// A reference to `dataset` inside `file`, or to the whole file when `dataset` is nil.
  public init(file: String, dataset: String? = nil) {
    self.file = file
    self.dataset = dataset
  }
}

/// What the target column holds, which decides how labels are checked and encoded.
public enum TargetKind: Sendable, Equatable {
  /// Real values (m, 1).
  case regression
  /// Class indices `0..<classCount` (binary: 2); `nil` takes the count from the data.
  case classification(classCount: Int?)
}

/// Samples as read, before preprocessing: features in their file type and shape, targets.
public struct LabeledArrays: Sendable, Equatable {
  /// Features, first axis = samples.
  public var features: NDArray
  /// Targets (one per sample), if the source has them.
  public var targets: NDArray?
  /// Feature column names, when the source names them (CSV headers, generators).
  public var featureNames: [String]?
  /// Class names by index, when known (`list_classes`, a CSV's categorical mapping, catalogs).
  public var classNames: [String]?
  /// The true parameters of a generated dataset (`weights`, `bias`), recorded in results.
  public var trueParameters: [String: [Double]]
  /// Columns of a table that are neither features nor targets.
  public var unusedColumns: [String] = []
  /// Default feature columns of a table that number its rows (`DataLoader.rowNumbers`).
  public var rowNumberColumns: [String] = []
  /// Where a CSV table's samples were read (nil for other sources), for errors about a label.
  public var tableLines: TableLines? = nil

  /// Samples read from one source; throws `invalidValues` when targets and features differ in
  /// sample count.
  public init(
    features: NDArray, targets: NDArray?, featureNames: [String]? = nil,
    classNames: [String]? = nil,
    trueParameters: [String: [Double]] = [:]
  ) throws {
    if let targets {
      try Self.checkCounts(targets, features: features.shape, in: features.origin)
    }
    self.features = features
    self.targets = targets
    self.featureNames = featureNames
    self.classNames = classNames
    self.trueParameters = trueParameters
  }

  /// Throws when `targets` and features of shape `features` (read from `origin`, or its
  /// header only) differ in sample count; arrays in the deeplearning.ai course's layout (labels
  /// as one row `(1, m)`, samples as the features' columns `(n, m)`) are told how to save them.
  static func checkCounts(_ targets: NDArray, features: [Int], in origin: String) throws {
    let samples = features.first ?? 1
    let count = targets.sampleCount
    guard count != samples else { return }
    let row = targets.rank == 2 && targets.shape[0] == 1 ? targets.shape[1] : nil
    let labels = row ?? count
    var notes: [String] = []
    if let row, row > 1 {
      notes.append(
        "the labels' shape \(NDArray.describe(targets.shape)) is one row of \(row), as the "
          + "deeplearning.ai course stores Y: save them as y.reshape(-1)")
    }
    if features.count == 2, features[1] == labels {
      notes.append(
        "the features' shape \(NDArray.describe(features)) has \(labels) columns, as many as "
          + "the labels: if they are the samples (as the course stores X), save X.T")
    }
    throw DataError.invalidValues(
      file: targets.origin, location: nil,
      reason: "\(count) target\(count == 1 ? "" : "s") for \(samples) samples in \(origin)"
        + notes.map { "; " + $0 }.joined())
  }

  /// Throws when features of shape `shape` (from `origin`) hold no sample (a `(0, 3)` array:
  /// training would start and fail on an empty set) or no value per sample (a `(12, 0)`
  /// array): there is nothing to learn from, and every loss would be NaN.
  static func checkWidth(_ shape: [Int], in origin: String) throws {
    guard shape.first == 0 || (shape.count > 1 && shape.dropFirst().contains(0)) else { return }
    throw DataError.emptyFeatures(file: origin, shape: shape)
  }

  /// Throws when features of shape `shape` (from `origin`) hold another number of values per
  /// sample than the training set's, of shape `training` (from `trainingOrigin`): the model
  /// takes the training set's, and the run refused them only once training began, unlocated.
  static func checkFeatureCount(
    _ shape: [Int], in origin: String, training: [Int], from trainingOrigin: String
  ) throws {
    func values(_ shape: [Int]) -> Int {
      shape.dropFirst().reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
    }
    let (count, expected) = (values(shape), values(training))
    guard count != expected else { return }
    throw DataError.invalidValues(
      file: origin, location: nil,
      reason: "\(count) feature\(count == 1 ? "" : "s") per sample, but the training set "
        + "(\(trainingOrigin)) has \(expected): every set must hold the features the model is "
        + "trained on, in the same order")
  }

  /// Number of samples.
  public var sampleCount: Int { features.sampleCount }

  /// The samples picked by index (splits).
  public func samples(_ indices: [Int]) -> LabeledArrays {
    var copy = self
    copy.features = features.samples(indices)
    copy.targets = targets?.samples(indices)
    copy.tableLines?.lines = indices.map { tableLines!.lines[$0] }
    return copy
  }
}

/// Where each sample of a CSV table was read: the file, the line its record starts on, and
/// the target column, so that an error about a label names its line and column as the
/// table's own errors about cells do (`line 4, column 'label'`, not `row 3`).
public struct TableLines: Sendable, Equatable {
  /// The table's path.
  public var file: String
  /// The line of each sample, in sample order.
  public var lines: [Int]
  /// The (first) target column; empty for a table read without one (`runner predict`'s).
  public var column: String

  /// Where sample `i` is: `line 4, column 'label'`.
  func place(_ i: Int) -> String { "line \(lines[i]), column '\(column.oneLineShort)'" }
}
