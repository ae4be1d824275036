import Conventions
import Engine

/// The rows of each part, computed from the row count and the labels alone: `sets` applies
/// them to the loaded arrays, and inspection counts the parts without reading features.
extension DataConfiguration {
  /// Train, dev and test rows (ascending) of a whole source of `count` rows divided by the
  /// split, shuffled with the split seed (per class when `labels` are given and stratified).
  /// A part the split asks for by a fraction above 0 that rounds to no row is an error: it
  /// would silently be left out (0.2 of XOR's 4 rows, stratified: 0.4 of each class's 2).
  func divide(count: Int, labels: [Int]?) throws -> (train: [Int], dev: [Int], test: [Int]) {
    var rng = SeededGenerator(seed: SeededGenerator.derive(seed, "split"))
    let rows: (train: [Int], dev: [Int], test: [Int])
    let asked: (dev: Double, test: Double, stratified: Bool)
    switch split {
    case .given: return (Array(0..<count), [], [])
    case .fractions(_, let fractions):
      rows = Splitter.split(count: count, fractions: fractions, labels: labels, using: &rng)
      asked = (fractions.dev, fractions.test, fractions.stratified)
    case .sized(_, let sizes):
      rows = try sizes.indices(total: count, labels: labels, using: &rng)
      func share(_ amount: SplitAmount) -> Double {
        if case .fraction(let f) = amount { f } else { 0 }
      }
      asked = (share(sizes.dev), share(sizes.test), false)
    }
    for (name, fraction, part) in [("dev", asked.dev, rows.dev), ("test", asked.test, rows.test)]
    where fraction > 0 && part.isEmpty {
      throw DataError.emptyPart(
        name, fraction: fraction, count: count, group: asked.stratified ? labels : nil)
    }
    return rows
  }

  /// The rows of a training part of `count` rows, divided from a source of `total` rows, that
  /// stay for training and those carved out as the train-dev set (none without `trainDev`).
  func carveTrainDev(count: Int, total: Int, labels: [Int]?) throws -> (
    train: [Int], trainDev: [Int]
  ) {
    guard let part = trainDev else { return (Array(0..<count), []) }
    let rows = try part.rows(of: total)
    if case .fraction(let f) = part.amount, f > 0, rows == 0 {
      throw DataError.emptyPart("train_dev", fraction: f, count: total, group: nil)
    }
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

extension DataError {
  /// `split.<name>` asked for `fraction` of `count` rows and rounded to none: the error says the
  /// least fraction that holds a row (stratified by `labels`, each class rounds its own share,
  /// so the largest class decides).
  static func emptyPart(_ name: String, fraction: Double, count: Int, group labels: [Int]?)
    -> DataError
  {
    let largest =
      labels.map { Dictionary(grouping: $0) { $0 }.values.map(\.count).max() ?? count } ?? count
    let least = Double(String(format: "%.2g", 1 / Double(max(largest, 1)))) ?? 1
    let stratified =
      labels == nil
      ? "" : " (stratified: each class rounds its own share, and the largest has \(largest) rows)"
    return .invalidConfiguration(
      "split.\(name): \(CSVCell.format(fraction)) of the \(count) samples rounds to no row"
        + "\(stratified); raise it to at least \(CSVCell.format(least)), or leave `\(name)` out")
  }
}
