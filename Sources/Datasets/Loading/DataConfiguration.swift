import Engine
import Vocabulary

/// Everything the data layer needs for one run, in plain Swift values (the Pipeline maps the
/// spec's `dataset` section to it).
public struct DataConfiguration: Sendable, Equatable {
  /// Where the sets come from.
  public var split: SplitPlan
  /// A train-dev set carved from the training part, for diagnosing data mismatch between train
  /// and dev/test; nil: none.
  public var trainDev: TrainDevPart?
  /// With given sets, the training file divided as one source would be (`fractions` or
  /// `sized`, without the parts a file gives): the split's dev and test parts that no file gives
  /// are carved out of it before the train-dev part. nil: every row of the training file trains.
  public var givenTrainSplit: SplitPlan? = nil
  /// Preprocessing in order.
  public var preprocessing: [PreprocessingStep]
  /// What the targets are.
  public var target: TargetKind
  /// Class names from the spec (override those found in the data).
  public var classNames: [String]?
  /// Seed for splits (generated sources carry their own).
  public var seed: UInt64
  /// Whether to keep the features as read (`PreparedData.unfitted`) when a step is fitted on
  /// the training rows, for analyses that fit it again on their own rows.
  public var keepsUnfittedFeatures = false

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
  /// The features as read, when the configuration keeps them and a step is fitted on the
  /// training rows; nil otherwise.
  public var unfitted: UnfittedFeatures? = nil
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
  /// Where the largest class index is and the other labels' range, when the labels are
  /// unnamed indices (`DataLoader.largestLabel`); nil otherwise.
  public var largestLabel: String? = nil
  /// Where the labels leave classes without rows below the largest, when they are unnamed
  /// indices with such a gap (`LabelGaps.describe`); nil otherwise.
  public var labelGap: LabelGap? = nil

  /// The model's input columns' names, after every step (`x^2`); nil after `flatten` or
  /// without names.
  public var modelFeatureNames: [String]? { preprocessing.outputFeatureNames(featureNames) }

  /// The sets present, in the order train, train_dev, dev, test.
  public var partitions: [Partition<T>] { [train, trainDev, dev, test].compactMap { $0 } }
}

extension PreparedData {
  /// A regression's target columns' spreads over every set (what an output layer must reach);
  /// nil for classes.
  public var targetRange: [TargetSpread]? {
    guard train.classIndices == nil else { return nil }
    return TargetRange.of(
      partitions.lazy.flatMap(\.targets.storage).map(\.doubleValue), columns: train.targets.cols)
  }

  /// The smallest class index over every set (1 when the labels look 1-based); nil for a
  /// regression.
  public var smallestLabel: Int? { partitions.compactMap { $0.classIndices?.min() }.min() }
}

/// The spreads of a regression's target columns, as `DataFacts` gives them to the spec's rules.
enum TargetRange {
  /// The spread of each column of `values` (row-major, `columns` wide); nil when a column has
  /// no finite value.
  static func of(_ values: some Sequence<Double>, columns: Int) -> [TargetSpread]? {
    var split = [[Double]](repeating: [], count: max(columns, 1))
    for (i, v) in values.enumerated() { split[i % split.count].append(v) }
    let spreads = split.compactMap { TargetSpread($0) }
    return spreads.count == split.count ? spreads : nil
  }
}
