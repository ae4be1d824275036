import Engine

/// The rows of each part, computed from the row count and the labels alone: `sets` applies
/// them to the loaded arrays, and inspection counts the parts without reading features.
extension DataConfiguration {
  /// Train, dev and test rows (ascending) of a whole source of `count` rows divided by the
  /// split, shuffled with the split seed (per class when `labels` are given and stratified).
  func divide(count: Int, labels: [Int]?) throws -> (train: [Int], dev: [Int], test: [Int]) {
    var rng = SeededGenerator(seed: SeededGenerator.derive(seed, "split"))
    switch split {
    case .given: return (Array(0..<count), [], [])
    case .fractions(_, let fractions):
      return Splitter.split(count: count, fractions: fractions, labels: labels, using: &rng)
    case .sized(_, let sizes): return try sizes.indices(total: count, labels: labels, using: &rng)
    }
  }

  /// The rows of a training set of `count` rows that stay for training and those carved out
  /// as the train-dev set (none without `train_dev`), stratified by `labels`.
  func carveTrainDev(count: Int, labels: [Int]?) throws -> (train: [Int], trainDev: [Int]) {
    guard let fraction = trainDevFraction, fraction > 0 else { return (Array(0..<count), []) }
    let fractions = try Fractions(train: 1 - fraction, test: fraction, stratified: true)
    var rng = SeededGenerator(seed: SeededGenerator.derive(seed, "train_dev"))
    let (train, _, trainDev) = Splitter.split(
      count: count, fractions: fractions, labels: labels, using: &rng)
    return (train, trainDev)
  }

  /// The class index of each row of `targets` (nil for regression or without targets).
  func labels(_ targets: NDArray?) throws -> [Int]? {
    guard case .classification(let count) = target, let targets else { return nil }
    return try targets.classIndices(classCount: count)
  }
}
