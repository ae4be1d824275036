/// How a dataset is divided into train, dev (validation), train-dev and test sets.
public enum SplitPlan: Sendable, Equatable {
  /// Separate sources for each set (e.g. the cat dataset's train and test HDF5 files).
  case given(train: DataSource, dev: DataSource?, test: DataSource?)
  /// One source divided by fractions (see `Fractions`).
  case fractions(source: DataSource, Fractions)
  /// One source divided by fractions, counts or "the rest", shuffled or in file order.
  case sized(source: DataSource, SplitSizes)

  /// The sources read, each with the part it is: train, dev, test for given sets (those
  /// given), else the one divided source (`whole`).
  public var sources: [(source: DataSource, part: DataReference.Part)] {
    switch self {
    case .given(let train, let dev, let test):
      [(train, .train)] + [dev.map { ($0, .dev) }, test.map { ($0, .test) }].compactMap { $0 }
    case .fractions(let source, _), .sized(let source, _): [(source, .whole)]
    }
  }
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

  /// Rows of each part of `count` rows: test and dev their fractions of the whole rounded to
  /// the nearest row (halves up), the training part the rest (exact, stratified too).
  public func counts(total count: Int) -> (train: Int, dev: Int, test: Int) {
    let nTest = Int((test * Double(count)).rounded())
    let nDev = min(Int((dev * Double(count)).rounded()), count - nTest)
    return (count - nTest - nDev, nDev, nTest)
  }
}

/// The train-dev set: rows of the training distribution held out of training, carved from the
/// training part (which the division gave room for them: train + train-dev).
public struct TrainDevPart: Sendable, Equatable {
  /// How many rows: a fraction of the divided source's rows (the training file's when the sets
  /// are given), like dev and test, or a count.
  public var amount: SplitAmount
  /// Shuffle with the split seed (false: the training part's last rows).
  public var shuffle: Bool
  /// Keep class proportions (classification, shuffled only).
  public var stratified: Bool

  /// A train-dev part of `amount`, shuffled and stratified by default.
  public init(_ amount: SplitAmount, shuffle: Bool = true, stratified: Bool = true) {
    self.amount = amount
    self.shuffle = shuffle
    self.stratified = stratified
  }

  /// Rows of a source of `total` rows: a fraction rounded to the nearest count, a count as given.
  func rows(of total: Int) throws(DataError) -> Int {
    switch amount {
    case .fraction(let f): return Int((f * Double(total)).rounded())
    case .count(let n): return n
    case .rest:
      throw .invalidConfiguration("split.train_dev cannot be `rest`: the training part takes it")
    }
  }
}
