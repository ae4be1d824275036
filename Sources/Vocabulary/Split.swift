// The split of a data source, declared once: the spec decodes and writes it, the data layer
// divides the samples by it (`SplitPlan(source:_:)` in `Datasets/Splits`).

/// How many samples go to a part of a split.
public enum SplitAmount: Sendable, Equatable {
  /// A fraction in [0, 1] of the samples.
  case fraction(Double)
  /// An exact number of samples.
  case count(Int)
  /// Whatever the other parts leave.
  case rest

  /// The rows this amount takes of `total` as a learning-curve size: a fraction rounded (at
  /// least 1, at most `total`), a count as given, `rest` all of them.
  public func trainingRows(of total: Int) -> Int {
    switch self {
    case .fraction(let f): max(1, min(total, Int((f * Double(total)).rounded())))
    case .count(let c): c
    case .rest: total
    }
  }

  /// True when this part takes no samples.
  public var isEmpty: Bool { self == .fraction(0) || self == .count(0) }
}

/// Division of the training source. With given train/dev/test files (or a named dataset's own
/// train and test parts) it only carves parts out of the training file (those no file gives).
public struct SplitSpec: Sendable, Equatable {
  /// The training part (default: whatever the other parts leave).
  public var train: SplitAmount = .rest
  /// The dev part, used for early stopping and model selection (default: none).
  public var dev: SplitAmount = .fraction(0)
  /// The test part, scored once on the final model (default: none).
  public var test: SplitAmount = .fraction(0)
  /// Part of the training distribution held out to measure variance apart from data mismatch:
  /// a fraction of the whole (like dev and test) or a count, taken out of the training part.
  public var trainDev: SplitAmount = .fraction(0)
  /// Shuffle before splitting (false: parts are taken in file order: train, train-dev, dev,
  /// test).
  public var shuffle: Bool = true
  /// Keep class proportions in every part (classification only; ignored for regression).
  public var stratify: Bool = true
  /// Seed of the shuffle; defaults to the experiment's seed.
  public var seed: UInt64 = 0

  /// Everything to train, no dev, test or train-dev part; shuffled, stratified.
  public init() {}

  /// True when a part is an exact number of samples (`train: 30`): the parts then take rows as
  /// written, whatever the source's size.
  public var hasCount: Bool {
    [train, dev, test, trainDev].contains { if case .count = $0 { true } else { false } }
  }
}
