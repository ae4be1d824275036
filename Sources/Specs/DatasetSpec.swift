/// Where the data comes from, how it is split and how it is preprocessed.
public struct DatasetSpec: Sendable, Equatable {
  /// The data source.
  public enum Source: Sendable, Equatable {
    /// Given files: a training file and optionally dev and test files.
    case files(train: DataFile, dev: DataFile?, test: DataFile?)
    /// One file, divided by `split`.
    case file(DataFile)
    /// A named dataset (`iris`, `mnist`, ...), found through the data search path.
    case named(DatasetName)
    /// A built-in seeded generator.
    case generator(GeneratorSpec)
  }

  /// Where the samples come from: given files, one file to split, a named dataset or a generator.
  public var source: Source
  /// Class names, index i naming class i (optional; for reports).
  public var classes: [String]?
  /// Preprocessing steps, applied in order; statistics are fitted on the training split only.
  public var preprocessing: [PreprocessingStep] = []
  /// How the training source is divided into train, dev, test and train-dev parts.
  public var split: SplitSpec = .init()

}

/// One data file and what in it is features and target.
///
/// CSV: `features` are column names (nil: every column but the targets), `target` a column, or
/// several (`target: [y1, y2]`, regression with one output per column; `moreTargets` holds all
/// but the first).
/// HDF5 and NPZ: `features` names one array, `target` another. NPY and IDX: `file` holds the
/// features and `targetFile` the labels.
public struct DataFile: Sendable, Equatable {
  /// The path as written: relative to the spec's directory, then the data search path.
  public var file: String
  /// How the file is read (from `format:` or inferred from the file name's extension).
  public var format: FileFormat
  /// CSV: the feature column names (nil: every non-target column); HDF5/NPZ: the array name.
  public var features: [String]?
  /// CSV: the (first) target column; HDF5/NPZ: the target array's name.
  public var target: String?
  /// Target columns after the first (CSV regression with several outputs); usually empty.
  public var moreTargets: [String] = []
  /// NPY and IDX: the file holding the labels (`file` holds the features).
  public var targetFile: String?

  /// Every target column, in order.
  public var targets: [String] { (target.map { [$0] } ?? []) + moreTargets }
}
