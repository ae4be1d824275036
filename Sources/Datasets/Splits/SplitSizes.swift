import Engine

/// Train/dev/test sizes given as fractions, exact counts or "the rest", with or without
/// shuffling: the general form of a split (`Fractions` is the shuffled, all-fractions case).
/// The training part makes room for the train-dev rows carved from it later.
///
/// Unshuffled, the parts are taken in file order: train first, then dev, then test, so
/// `test: 20, shuffle: false` holds out the last 20 rows (a fixed last-rows test split, as for
/// diabetes).
public struct SplitSizes: Sendable, Equatable {
  /// How many samples one part takes (a fraction is rounded to the nearest count; at most one
  /// part is the rest).
  public typealias Amount = SplitAmount

  /// How many samples the training part takes (default: the rest).
  public var train: Amount
  /// How many samples the dev part takes (default: none).
  public var dev: Amount
  /// How many samples the test part takes.
  public var test: Amount
  /// How many samples of the training part the train-dev set takes (default: none).
  public var trainDev: Amount = .count(0)
  /// Shuffle with the split seed before dividing (false: file order).
  public var shuffle: Bool
  /// Keep class proportions in every part (classification, shuffled splits only).
  public var stratified: Bool

  /// Sizes of the parts; at most one may be `.rest` (checked by `counts(total:)`).
  public init(
    train: Amount = .rest, dev: Amount = .count(0), test: Amount, trainDev: Amount = .count(0),
    shuffle: Bool = true, stratified: Bool = true
  ) {
    self.train = train
    self.dev = dev
    self.test = test
    self.trainDev = trainDev
    self.shuffle = shuffle
    self.stratified = stratified
  }

  /// Exact part sizes for `total` samples, the training part's with its train-dev rows; throws
  /// when they do not add up.
  public func counts(total: Int) throws -> (train: Int, dev: Int, test: Int) {
    let amounts = [train, dev, test, trainDev]
    let names = ["train", "dev", "test", "train_dev"]
    guard amounts.filter({ $0 == .rest }).count <= 1 else {
      throw DataError.invalidConfiguration("split: at most one part can be `rest`")
    }
    var sizes = [Int?](repeating: nil, count: 4)
    for (i, amount) in amounts.enumerated() {
      switch amount {
      case .fraction(let f):
        guard f >= 0, f <= 1 else {
          throw DataError.invalidConfiguration("split.\(names[i]): fraction \(f) is not in [0, 1]")
        }
        sizes[i] = Int((f * Double(total)).rounded())
      case .count(let n):
        guard n >= 0 else {
          throw DataError.invalidConfiguration("split.\(names[i]): count \(n) is negative")
        }
        sizes[i] = n
      case .rest:
        sizes[i] = nil
      }
    }
    let known = sizes.compactMap { $0 }.reduce(0, +)
    if let restIndex = sizes.firstIndex(where: { $0 == nil }) {
      sizes[restIndex] = total - known
    }
    let final = sizes.map { $0 ?? 0 }
    guard final.allSatisfy({ $0 >= 0 }),
      final.reduce(0, +) == total || !amounts.contains(.rest) && final.reduce(0, +) <= total
    else {
      throw DataError.invalidConfiguration(
        "split sizes train \(final[0]), dev \(final[1]), test \(final[2])"
          + (final[3] > 0 ? ", train_dev \(final[3])" : "") + " do not fit the \(total) samples")
    }
    guard final[0] > 0 else {
      throw DataError.invalidConfiguration(
        "split: the training part of the \(total) samples is empty")
    }
    return (final[0] + final[3], final[1], final[2])
  }

  /// Train, dev and test indices of `0..<total` (each ascending).
  public func indices(total: Int, labels: [Int]?, using rng: inout SeededGenerator) throws -> (
    train: [Int], dev: [Int], test: [Int]
  ) {
    let (nTrain, nDev, nTest) = try counts(total: total)
    if !shuffle {
      return (
        Array(0..<nTrain), Array(nTrain..<(nTrain + nDev)),
        Array((nTrain + nDev)..<(nTrain + nDev + nTest))
      )
    }
    if stratified, labels != nil, nTrain + nDev + nTest == total {
      let fractions = try Fractions(
        train: Double(nTrain) / Double(total), dev: Double(nDev) / Double(total),
        test: Double(nTest) / Double(total), stratified: true)
      return Splitter.split(count: total, fractions: fractions, labels: labels, using: &rng)
    }
    let order = rng.permutation(total)
    return (
      order[0..<nTrain].sorted(), order[nTrain..<(nTrain + nDev)].sorted(),
      order[(nTrain + nDev)..<(nTrain + nDev + nTest)].sorted()
    )
  }
}
