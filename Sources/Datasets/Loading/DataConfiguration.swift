import Engine

/// Everything the data layer needs for one run, in plain Swift values (the Pipeline maps the
/// spec's `dataset` section to it).
public struct DataConfiguration: Sendable, Equatable {
  /// Where the sets come from.
  public var split: SplitPlan
  /// A train-dev set carved from the training part, for diagnosing data mismatch between train
  /// and dev/test; nil: none.
  public var trainDev: TrainDevPart?
  /// Preprocessing in order.
  public var preprocessing: [PreprocessingStep]
  /// What the targets are.
  public var target: TargetKind
  /// Class names from the spec (override those found in the data).
  public var classNames: [String]?
  /// Seed for splits (generated sources carry their own).
  public var seed: UInt64

  /// A configuration; by default no train-dev set, no preprocessing, and class names from the
  /// data.
  public init(
    split: SplitPlan, trainDev: TrainDevPart? = nil, preprocessing: [PreprocessingStep] = [],
    target: TargetKind, classNames: [String]? = nil, seed: UInt64
  ) {
    self.split = split
    self.trainDev = trainDev
    self.preprocessing = preprocessing
    self.target = target
    self.classNames = classNames
    self.seed = seed
  }
}

/// One set ready for the engine.
public struct Partition<T: Scalar>: Sendable {
  /// `train`, `dev`, `train_dev` or `test`.
  public var name: String
  /// `(m, features)` after preprocessing.
  public var features: Matrix<T>
  /// `(m, 1)` values / class indices, or `(m, classes)` one-hot rows.
  public var targets: Matrix<T>
  /// Class index per sample (classification only).
  public var classIndices: [Int]?

  /// Number of samples.
  public var count: Int { features.rows }
}

/// The prepared sets plus what must be recorded with the results.
public struct PreparedData<T: Scalar>: Sendable {
  /// Rows used to fit the parameters (and the preprocessing statistics).
  public var train: Partition<T>
  /// Held-out rows for model selection and early stopping; nil when the split has no dev part.
  public var dev: Partition<T>?
  /// Rows carved from the training source but not trained on, to tell variance from data mismatch;
  /// nil unless `trainDev` is set.
  public var trainDev: Partition<T>?
  /// Rows kept for the final, unbiased estimate; nil when the split has no test part.
  public var test: Partition<T>?
  /// The fitted preprocessing (its `statistics` go into the results).
  public var preprocessing: FittedPreprocessing
  /// Class names by index, when known.
  public var classNames: [String]?
  /// Feature names, when known (before polynomial expansion).
  public var featureNames: [String]?
  /// The shape of one sample's features as read, before preprocessing (`[64, 64, 3]` for an
  /// RGB image, `[2]` for two columns).
  public var featureShape: [Int] = []
  /// True parameters of a generated dataset.
  public var trueParameters: [String: [Double]]
  /// Columns of the training table that are neither features nor targets (`features: [...]`
  /// picked some), for the diagnosis's advice.
  public var unusedColumns: [String] = []
  /// Feature columns of the training table that number its rows, 0 to n−1 or 1 to n in file
  /// order (an ID such as `PassengerId`), picked by default: trained on, though no feature.
  public var rowNumberColumns: [String] = []

  /// The sets present, in the order train, train_dev, dev, test.
  public var partitions: [Partition<T>] { [train, trainDev, dev, test].compactMap { $0 } }
}

extension PreparedData {
  /// A regression's smallest and largest target over every set (what an output layer must
  /// reach); nil for classes.
  public var targetRange: ClosedRange<Double>? {
    guard train.classIndices == nil else { return nil }
    return TargetRange.of(partitions.lazy.flatMap(\.targets.storage).map(\.doubleValue))
  }

  /// The smallest class index over every set (1 when the labels look 1-based); nil for a
  /// regression.
  public var smallestLabel: Int? { partitions.compactMap { $0.classIndices?.min() }.min() }
}

/// The range of a regression's targets, as `DataFacts` gives it to the spec's rules.
enum TargetRange {
  /// The smallest and largest finite value of `values`; nil when none is finite.
  static func of(_ values: some Sequence<Double>) -> ClosedRange<Double>? {
    var (lower, upper) = (Double.infinity, -Double.infinity)
    for v in values where v.isFinite { (lower, upper) = (min(lower, v), max(upper, v)) }
    return lower <= upper ? lower...upper : nil
  }
}
