import Engine

/// Index arithmetic for splits and folds, driven by an explicit seeded generator.
public enum Splitter {
  /// Train, dev and test indices of `0..<count`, each in ascending order.
  ///
  /// The parts take exactly `round(test·count)` and `round(dev·count)` rows (halves up), the
  /// training part the rest, stratified too: shared among the classes as sized parts are
  /// (`SplitSizes.classShares`; rounding each class's share gave 0.15 of 100 two-class rows 16).
  /// Each group (each class when `labels` are given, else all samples) is shuffled with `rng`;
  /// its first test rows go to test, the next dev rows to dev, the rest to train.
  public static func split(
    count: Int, fractions: Fractions, labels: [Int]?, using rng: inout SeededGenerator
  ) -> (train: [Int], dev: [Int], test: [Int]) {
    var train: [Int] = []
    var dev: [Int] = []
    var test: [Int] = []
    let groups = groups(count: count, labels: fractions.stratified ? labels : nil)
    let (nTrain, nDev, nTest) = fractions.counts(total: count)
    let shares = SplitSizes.classShares(
      [nTrain, nTest, nDev], classes: groups.map(\.count), firstKeepsEveryClass: true)
    for (c, group) in groups.enumerated() {
      let order = rng.permutation(group.count).map { group[$0] }
      let (nTest, nDev) = (shares[1][c], shares[2][c])
      test += order[0..<nTest]
      dev += order[nTest..<(nTest + nDev)]
      train += order[(nTest + nDev)...]
    }
    return (train.sorted(), dev.sorted(), test.sorted())
  }

  /// `k` folds of `0..<count`: each fold's validation indices and the remaining training
  /// indices (ascending). Samples are shuffled with `rng` (per class when `labels` are given,
  /// dealt round-robin so every fold gets each class's share).
  public static func kFold(
    count: Int, folds k: Int, labels: [Int]?, using rng: inout SeededGenerator
  ) throws -> [(train: [Int], validation: [Int])] {
    guard k >= 2, k <= count else {
      throw DataError.invalidConfiguration(
        "k-fold needs 2 <= k <= number of samples (k = \(k), \(count) samples)")
    }
    var assignment = [Int](repeating: 0, count: count)
    var next = 0
    for group in groups(count: count, labels: labels) {
      for position in rng.permutation(group.count) {
        assignment[group[position]] = next % k
        next += 1
      }
    }
    return (0..<k).map { fold in
      (
        train: (0..<count).filter { assignment[$0] != fold },
        validation: (0..<count).filter { assignment[$0] == fold }
      )
    }
  }

  /// The nested draw of a learning curve over `count` training rows: a permutation with the
  /// stream `learning_curve` of `seed`, whose first `n` entries are a point of `n` rows.
  public static func nestedOrder(count: Int, seed: UInt64) -> [Int] {
    var generator = SeededGenerator(seed: SeededGenerator.derive(seed, "learning_curve"))
    return generator.permutation(count)
  }

  static func groups(count: Int, labels: [Int]?) -> [[Int]] {
    guard let labels, labels.count == count else { return [Array(0..<count)] }
    var byClass: [Int: [Int]] = [:]
    for (i, c) in labels.enumerated() { byClass[c, default: []].append(i) }
    return byClass.keys.sorted().map { byClass[$0]! }
  }
}
