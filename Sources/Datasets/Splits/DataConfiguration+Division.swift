import Conventions
import Engine
import Foundation

/// The rows of each part, computed from the row count and the labels alone: `sets` applies
/// them to the loaded arrays, and inspection counts the parts without reading features.
extension DataConfiguration {
  /// Train, dev and test rows (ascending) of a whole source of `count` rows divided by the
  /// split, shuffled with the split seed (per class when `labels` are given and stratified).
  /// A part the split asks for (a fraction or count above 0) that gets no row is an error: it
  /// would silently be left out (0.1 of XOR's 4 rows); so is a training part left no row.
  func divide(count: Int, labels: [Int]?) throws -> (train: [Int], dev: [Int], test: [Int]) {
    var rng = SeededGenerator(seed: SeededGenerator.derive(seed, "split"))
    let rows: (train: [Int], dev: [Int], test: [Int])
    let asked: (dev: SplitAmount, test: SplitAmount)
    switch split {
    case .given:
      // A given training file is divided only when the split carves a part out of it.
      guard let plan = givenTrainSplit else { return (Array(0..<count), [], []) }
      var whole = self
      (whole.split, whole.givenTrainSplit) = (plan, nil)
      return try whole.divide(count: count, labels: labels)
    case .fractions(_, let fractions):
      rows = Splitter.split(count: count, fractions: fractions, labels: labels, using: &rng)
      asked = (.fraction(fractions.dev), .fraction(fractions.test))
      // Sized parts refuse it when counting (`SplitSizes.counts`).
      if rows.train.isEmpty {
        throw DataFailure(.emptyTraining(count: count), at: .split(part: nil))
      }
    case .sized(_, let sizes):
      rows = try sizes.indices(total: count, labels: labels, using: &rng)
      asked = (sizes.dev, sizes.test)
    }
    for (name, amount, part) in [("dev", asked.dev, rows.dev), ("test", asked.test, rows.test)]
    where part.isEmpty && !amount.isEmpty && amount != .rest {
      throw DataFailure(.emptyPart(name, amount, count: count), at: .split(part: name))
    }
    return rows
  }

  /// How many rows each part takes of a divided source of `count` rows (the training file's
  /// when the sets are given: a given dev or test file's rows are its own), as `divide` and
  /// `carveTrainDev` deal them: their counts are exact whatever the draw, so they are known
  /// without the labels. `train` is what stays for training after the train-dev carve.
  public func partRows(count: Int) throws -> (train: Int, dev: Int, test: Int, trainDev: Int) {
    let parts: (train: Int, dev: Int, test: Int)
    switch split {
    case .given:
      guard let plan = givenTrainSplit else {
        parts = (count, 0, 0)
        break
      }
      var whole = self
      (whole.split, whole.givenTrainSplit) = (plan, nil)
      return try whole.partRows(count: count)
    case .fractions(_, let fractions): parts = fractions.counts(total: count)
    case .sized(_, let sizes): parts = try sizes.counts(total: count)
    }
    let carved = try trainDev.map { try $0.rows(of: count) } ?? 0
    return (max(parts.train - carved, 0), parts.dev, parts.test, carved)
  }

  /// Whether the training source is divided: one source, or a given training file that the
  /// split carves a dev or test part out of (or sizes the training part of).
  var dividesTraining: Bool {
    if case .given = split { givenTrainSplit != nil } else { true }
  }

  /// The rows of a training part of `count` rows, divided from a source of `total` rows, that
  /// stay for training and those carved out as the train-dev set (none without `trainDev`).
  func carveTrainDev(count: Int, total: Int, labels: [Int]?) throws -> (
    train: [Int], trainDev: [Int]
  ) {
    guard let part = trainDev else { return (Array(0..<count), []) }
    let rows = try part.rows(of: total)
    if case .fraction(let f) = part.amount, f > 0, rows == 0 {
      throw DataFailure(
        .emptyPart("train_dev", .fraction(f), count: total),
        at: .split(part: "train_dev"))
    }
    guard rows > 0 else { return (Array(0..<count), []) }
    func empty() -> DataFailure {
      DataFailure(
        .invalidConfiguration(
          "split.train_dev: the train-dev set takes \(rows) of the training part's \(count) rows, "
            + "leaving none to train on"), at: .split(part: "train_dev"))
    }
    guard rows < count else { throw empty() }
    // File order: the training part's last rows (train, train-dev, dev, test).
    if !part.shuffle { return (Array(0..<(count - rows)), Array((count - rows)..<count)) }
    // Exactly `rows` rows, stratified too, shared among the classes as the sized parts are
    // (rounding each class's share of 20 of iris' 120 gave 21); each class's rows are shuffled
    // and its first ones go to train-dev. One group when not stratified.
    var rng = SeededGenerator(seed: SeededGenerator.derive(seed, "train_dev"))
    let classes = part.stratified ? labels ?? [] : []
    let parts = SplitSizes.drawPerClass(
      [rows, count - rows],
      labels: classes.count == count ? classes : Array(repeating: 0, count: count), using: &rng)
    guard !parts[1].isEmpty else { throw empty() }
    return (parts[1], parts[0])
  }

  /// The class index of each row of `targets` (nil for regression or without targets).
  func labels(_ targets: NDArray?) throws -> [Int]? {
    guard case .classification(let count) = target, let targets else { return nil }
    return try targets.classIndices(classCount: count)
  }
}

extension DataError {
  /// The split left the training part of `count` rows none (the sized parts', or the
  /// fractions' rounded held-out parts took them all).
  static func emptyTraining(count: Int) -> DataError {
    .invalidConfiguration("split: the training part of the \(count) samples is empty")
  }

  /// `split.<name>` asked for `amount` of `count` rows and got none: the error says the least
  /// amount that holds a row, found by rounding as the split rounds (a fraction to the nearest
  /// row of the whole, halves up; stratified too, as the classes share the part's rows).
  static func emptyPart(_ name: String, _ amount: SplitAmount, count: Int) -> DataError {
    let n = Double(max(count, 1))
    /// Whether `share` of the rows gives the part a row.
    func holds(_ share: Double) -> Bool {
      (share * n).rounded() >= 1
    }
    let asked: String
    let least: String
    switch amount {
    case .count(let rows):
      asked = "\(rows)"
      least = "1"
    default:
      asked = if case .fraction(let f) = amount { CSVCell.format(f) } else { "\(amount)" }
      // From half a row, up in steps of its second significant digit.
      let step = pow(10, (log10(0.5 / n)).rounded(.down) - 1)
      var share = (0.5 / n / step).rounded(.down) * step
      while !holds(share) && share < 1 { share += step }
      least = CSVCell.format(Double(String(format: "%.6g", share)) ?? share)
    }
    return .invalidConfiguration(
      "split.\(name): \(asked) of the \(count) samples rounds to no row; raise it "
        + "to at least \(least), or leave `\(name)` out")
  }
}
