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

  /// The rows of a training part of `count` rows, divided from a source of `total` rows, that
  /// stay for training and those carved out as the train-dev set (none without `trainDev`).
  func carveTrainDev(count: Int, total: Int, labels: [Int]?) throws -> (
    train: [Int], trainDev: [Int]
  ) {
    guard let part = trainDev else { return (Array(0..<count), []) }
    let rows = try part.rows(of: total)
    guard rows > 0 else { return (Array(0..<count), []) }
    func empty() -> DataError {
      .invalidConfiguration(
        "split.train_dev: the train-dev set takes \(rows) of the training part's \(count) rows, "
          + "leaving none to train on")
    }
    guard rows < count else { throw empty() }
    // File order: the training part's last rows (train, train-dev, dev, test).
    if !part.shuffle { return (Array(0..<(count - rows)), Array((count - rows)..<count)) }
    let share = Double(rows) / Double(count)
    let fractions = try Fractions(train: 1 - share, test: share, stratified: part.stratified)
    var rng = SeededGenerator(seed: SeededGenerator.derive(seed, "train_dev"))
    let (train, _, trainDev) = Splitter.split(
      count: count, fractions: fractions, labels: labels, using: &rng)
    guard !train.isEmpty else { throw empty() }
    return (train, trainDev)
  }

  /// The class index of each row of `targets` (nil for regression or without targets).
  func labels(_ targets: NDArray?) throws -> [Int]? {
    guard case .classification(let count) = target, let targets else { return nil }
    return try targets.classIndices(classCount: count)
  }
}
