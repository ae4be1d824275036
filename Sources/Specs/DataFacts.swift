/// What the data says that the spec alone cannot: read by the Pipeline before training (or by
/// `runner validate` without training) and checked against the spec by the validator.
public struct DataFacts: Sendable, Equatable {
  /// Classes in the data (the spec's `dataset.classes` when named); nil for regression.
  public var classes: Int?
  /// Target columns per sample (1 for one label or one value).
  public var targetColumns: Int
  /// Whether the dev set holds samples; nil when not known without splitting.
  public var hasDevSamples: Bool?
  /// Samples in the training set; nil when not known without splitting.
  public var trainSamples: Int?
  /// The classes' names by index, when the data or the spec names them.
  public var classNames: [String]? = nil
  /// Features per sample after preprocessing; nil when not known without reading the values.
  public var features: Int? = nil
  /// A regression's target columns' spreads (every set); nil for classes or when not read.
  public var targetRange: [TargetSpread]? = nil
  /// The smallest class index among the labels (every set); nil for a regression.
  public var smallestLabel: Int? = nil
  /// Where the largest class index is and the other labels' range (`at iris.csv, line 4,
  /// column 'target'; the other labels are 0 to 2`), when the labels are unnamed indices.
  public var largestLabel: String? = nil
  /// Where the labels leave classes without rows below the largest, as the data layer says it
  /// (`mut.csv (line 4, column 'target'): label 5, while the other labels are 0 and 1 (classes
  /// 2 to 4 have no rows): fix or remove its row`), when they are unnamed indices with a gap.
  public var labelGap: String? = nil
  /// The target key of the set whose labels make `labelGap` (a stray in the test file:
  /// `dataset.test.target`); nil: the training target.
  public var labelGapPath: SpecPath? = nil
  /// The networks `model.init.from` holds (read by the Pipeline); nil without it.
  public var savedNetworks: SavedNetworks? = nil

  /// Facts for data with `classes` (nil: regression, named by `classNames` when known) and
  /// `targetColumns`, the rest unknown.
  public init(
    classes: Int?, targetColumns: Int, hasDevSamples: Bool? = nil, trainSamples: Int? = nil,
    classNames: [String]? = nil, features: Int? = nil, targetRange: [TargetSpread]? = nil,
    smallestLabel: Int? = nil, largestLabel: String? = nil, labelGap: String? = nil
  ) {
    (self.largestLabel, self.labelGap) = (largestLabel, labelGap)
    self.features = features
    (self.targetRange, self.smallestLabel) = (targetRange, smallestLabel)
    self.classes = classes
    self.classNames = classNames
    self.targetColumns = targetColumns
    self.hasDevSamples = hasDevSamples
    self.trainSamples = trainSamples
  }

  /// Whether the labels look like a real-valued target read as class indices: more than 50
  /// classes and fewer than 5 training rows per class on average (diabetes' progression scores
  /// make 347 classes for 353 rows). A real task with many classes has many rows of each.
  var targetLooksContinuous: Bool {
    guard let classes, let trainSamples else { return false }
    return classes > 50 && classes * 5 > trainSamples
  }

  /// The target columns in words: `one target per sample` or `3 target columns`.
  var targets: String {
    targetColumns == 1 ? "one target per sample" : "\(targetColumns) target columns"
  }
}
