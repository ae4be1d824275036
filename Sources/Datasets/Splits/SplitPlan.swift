/// How a dataset is divided into train, dev (validation), train-dev and test sets.
public enum SplitPlan: Sendable, Equatable {
  /// Separate sources for each set (e.g. the cat dataset's train and test HDF5 files).
  case given(train: DataSource, dev: DataSource?, test: DataSource?)
  /// One source divided by fractions (see `Fractions`).
  case fractions(source: DataSource, Fractions)
  /// One source divided by fractions, counts or "the rest", shuffled or in file order.
  case sized(source: DataSource, SplitSizes)
}

/// Train/dev/test fractions of one source, drawn with a seed; stratified keeps each class's
/// proportion in every set (classification only).
public struct Fractions: Sendable, Equatable {
  /// Fraction of the samples used for training, in (0, 1].
  public var train: Double
  /// Fraction of the samples held out as the dev set, in [0, 1].
  public var dev: Double
  /// Fraction of the samples held out as the test set, in [0, 1].
  public var test: Double
  /// Keep each class's proportion in every set (classification only).
  public var stratified: Bool

  /// Fractions that must be in [0, 1] and sum to 1 (within 1e-9), with `train > 0`.
  public init(train: Double, dev: Double = 0, test: Double, stratified: Bool = true) throws {
    guard [train, dev, test].allSatisfy({ $0 >= 0 && $0 <= 1 }), train > 0,
      abs(train + dev + test - 1) < 1e-9
    else {
      throw DataError.invalidConfiguration(
        "split fractions train \(train), dev \(dev), test \(test) must each be in [0, 1], train > 0, and sum to 1"
      )
    }
    self.train = train
    self.dev = dev
    self.test = test
    self.stratified = stratified
  }
}
