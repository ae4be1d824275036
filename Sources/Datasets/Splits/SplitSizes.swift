import Conventions
import Engine

/// Train/dev/test sizes given as fractions, exact counts or "the rest", with or without
/// shuffling: the general form of a split (`Fractions` is the shuffled, all-fractions case).
/// The training part makes room for the train-dev rows carved from it later.
///
/// Unshuffled, the parts are taken in file order: train first, then dev, then test, so
/// `test: 20, shuffle: false` holds out the last 20 rows (a fixed last-rows test split, as for
/// diabetes). With no part `rest`, counts are taken as written and the rows no part takes stay
/// unused (the last ones in file order), like scikit-learn's `train_size` and `test_size`.
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
  /// when they take more than the `total` rows.
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
    let restIndex = sizes.firstIndex(where: { $0 == nil })
    guard known <= total else {
      let taken = names.indices.filter { (sizes[$0] ?? 0) > 0 }.map { i in
        if case .fraction(let f) = amounts[i] {
          "\(names[i]) \(sizes[i]!) (\(CSVCell.format(f)) of \(total))"
        } else {
          "\(names[i]) \(sizes[i]!)"
        }
      }
      let room =
        restIndex.map { "fewer than \(total) rows, leaving some for `\(names[$0]): rest`" }
        ?? "at most \(total) rows (rows no part takes stay unused)"
      throw DataError.invalidConfiguration(
        "dataset.split takes \(known) rows (\(taken.joined(separator: ", "))) but the data has "
          + "\(total); lower the counts so the parts take \(room), or give fractions of the data "
          + "(e.g. test: 0.2)")
    }
    if let restIndex { sizes[restIndex] = total - known }
    let final = sizes.map { $0 ?? 0 }
    guard final[0] > 0 else { throw DataError.emptyTraining(count: total) }
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
    // Counts are exact, stratified too (rounding each class's share of a fraction gave a
    // `test: 31` of iris 30 rows), and every class keeps a training row when there are enough.
    if stratified, let labels, labels.count == total {
      let parts = Self.drawPerClass(
        [nTrain, nTest, nDev], labels: labels, firstKeepsEveryClass: true, using: &rng)
      return (parts[0], parts[2], parts[1])
    }
    let order = rng.permutation(total)
    return (
      order[0..<nTrain].sorted(), order[nTrain..<(nTrain + nDev)].sorted(),
      order[(nTrain + nDev)..<(nTrain + nDev + nTest)].sorted()
    )
  }

  /// Rows of parts of exactly `counts` rows that leave some of `labels`' rows unused, drawn per
  /// class (`classShares`). Each class's rows are shuffled once and dealt to the parts in order.
  static func drawPerClass(
    _ counts: [Int], labels: [Int], firstKeepsEveryClass: Bool = false,
    using rng: inout SeededGenerator
  ) -> [[Int]] {
    let groups = Splitter.groups(count: labels.count, labels: labels)
    let shares = classShares(
      counts, classes: groups.map(\.count), firstKeepsEveryClass: firstKeepsEveryClass)
    var parts = [[Int]](repeating: [], count: counts.count)
    for (c, group) in groups.enumerated() {
      var order = rng.permutation(group.count).map { group[$0] }[...]
      for p in counts.indices {
        parts[p] += order.prefix(shares[p][c])
        order = order.dropFirst(shares[p][c])
      }
    }
    return parts.map { $0.sorted() }
  }

  /// How many rows of each class (of `classes` rows each) each part of exactly `counts` rows
  /// takes, as scikit-learn's `StratifiedShuffleSplit` shares its training then its test part:
  /// each part's count is shared among the classes in proportion to their rows the earlier
  /// parts left, by largest remainders (`_approximate_mode`, ties to the first class rather
  /// than at random), so the unused rows keep the proportions too. With
  /// `firstKeepsEveryClass`, a first part of at least one row per class gives each a row.
  static func classShares(
    _ counts: [Int], classes: [Int], firstKeepsEveryClass: Bool = false
  ) -> [[Int]] {
    var left = classes
    var shares: [[Int]] = []
    for (p, n) in counts.enumerated() {
      let rest = max(left.reduce(0, +), 1)
      let target = left.map { Double($0) / Double(rest) * Double(n) }
      let low = left.map { p == 0 && firstKeepsEveryClass && n >= classes.count ? min($0, 1) : 0 }
      var share = classes.indices.map { max(Int(target[$0]), low[$0]) }
      // Rows short go to the classes furthest below their share, rows over (a kept row) come
      // from those furthest above it; the counts fit, so there is always one.
      var sum = share.reduce(0, +)
      while sum != n {
        let up = sum < n
        let c = classes.indices.filter { up ? share[$0] < left[$0] : share[$0] > low[$0] }.max {
          let (a, b) = (target[$0] - Double(share[$0]), target[$1] - Double(share[$1]))
          return up ? (a, -$0) < (b, -$1) : (-a, -$0) < (-b, -$1)
        }!
        share[c] += up ? 1 : -1
        sum += up ? 1 : -1
      }
      for c in classes.indices { left[c] -= share[c] }
      shares.append(share)
    }
    return shares
  }
}
