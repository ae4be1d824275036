import Engine
import Testing

@testable import Datasets

@Suite struct SplitSizesTests {
  @Test func unshuffledCountsTakeFileOrder() throws {
    // The usual diabetes split (scikit-learn's linear regression example): the last 20 rows are
    // the test set.
    let sizes = SplitSizes(test: .count(20), shuffle: false)
    var rng = SeededGenerator(seed: 1)
    let (train, dev, test) = try sizes.indices(total: 442, labels: nil, using: &rng)
    #expect(train == Array(0..<422) && dev.isEmpty && test == Array(422..<442))
  }

  @Test func mixedAmountsAddUpAndBadOnesAreRefused() throws {
    let sizes = SplitSizes(train: .rest, dev: .fraction(0.1), test: .count(30))
    #expect(try sizes.counts(total: 200) == (150, 20, 30))
    var rng = SeededGenerator(seed: 2)
    let (train, dev, test) = try sizes.indices(total: 200, labels: nil, using: &rng)
    #expect(Set(train + dev + test).count == 200 && test.count == 30)
    let tooMany = #expect(throws: DataError.self) {
      try SplitSizes(test: .count(300)).counts(total: 200)
    }
    #expect(
      tooMany?.description
        == "dataset.split takes 300 rows (test 300) but the data has 200; lower the counts so the "
        + "parts take fewer than 200 rows, leaving some for `train: rest`, or give fractions of "
        + "the data (e.g. test: 0.2)")
    #expect(throws: DataError.self) {
      try SplitSizes(train: .rest, dev: .rest, test: .count(1)).counts(total: 10)
    }
  }

  /// Iris's 150 rows, 50 of each class in file order.
  static let iris = (0..<150).map { $0 / 50 }

  /// Indices of `sizes` on iris's labels, drawn with seed 7.
  static func draw(_ sizes: SplitSizes) throws -> (train: [Int], dev: [Int], test: [Int]) {
    var rng = SeededGenerator(seed: 7)
    return try sizes.indices(total: 150, labels: iris, using: &rng)
  }

  /// The rows of each class in `rows`.
  static func perClass(_ rows: [Int]) -> [Int] { (0..<3).map { c in rows.count { $0 / 50 == c } } }

  /// Counts that use every row divide as `rest` does: the same rows, stratified.
  @Test func countsOfEveryRowAreTheRestsDivision() throws {
    let counts = try Self.draw(SplitSizes(train: .count(120), test: .count(30)))
    let rest = try Self.draw(SplitSizes(train: .rest, test: .count(30)))
    #expect(counts == rest)
    #expect(Self.perClass(counts.test) == [10, 10, 10])
  }

  /// Counts are exact when stratified too: 31 of iris's rows were 30 (each class rounded its
  /// share of a fraction), and a class of two rows lost both to dev and test.
  @Test func stratifiedCountsAreExactAndEveryClassKeepsATrainingRow() throws {
    let odd = try Self.draw(SplitSizes(train: .count(119), test: .count(31)))
    #expect(odd.test.count == 31 && odd.train.count == 119)
    #expect(Self.perClass(odd.test).allSatisfy { (10...11).contains($0) })
    let labels = Array(repeating: 0, count: 18) + Array(repeating: 1, count: 49) + [2, 2]
    for seed in UInt64(1)...40 {
      var rng = SeededGenerator(seed: seed)
      let parts = try SplitSizes(train: .count(22), dev: .count(11), test: .count(17))
        .indices(total: labels.count, labels: labels, using: &rng)
      #expect(parts.train.count == 22 && parts.dev.count == 11 && parts.test.count == 17)
      #expect(Set(parts.train.map { labels[$0] }) == [0, 1, 2], "seed \(seed)")
    }
  }

  /// scikit-learn's `train_test_split(train_size=100, test_size=30)`: 130 rows are used and 20
  /// left over; stratified, every part keeps the class proportions within a row per class
  /// (and so do the unused rows; they were drawn without regard to class before).
  @Test func countsBelowTheRowsLeaveRowsUnusedAndKeepProportions() throws {
    let sizes = SplitSizes(train: .count(100), dev: .count(7), test: .count(30))
    #expect(try sizes.counts(total: 150) == (100, 7, 30))
    let (train, dev, test) = try Self.draw(sizes)
    #expect(train.count == 100 && dev.count == 7 && test.count == 30)
    #expect(Set(train + dev + test).count == 137)
    #expect(Self.perClass(train) == [34, 33, 33])
    #expect(Self.perClass(test) == [10, 10, 10])
    #expect(Self.perClass(dev).allSatisfy { (2...3).contains($0) })
    let unused = Set(0..<150).subtracting(train + dev + test)
    #expect(Self.perClass(Array(unused)).allSatisfy { (4...5).contains($0) })
    // Uneven classes (90, 40, 20) and a mixed fraction: each part within a row of its share.
    let labels = (0..<150).map { $0 < 90 ? 0 : $0 < 130 ? 1 : 2 }
    var rng = SeededGenerator(seed: 3)
    let mixed = try SplitSizes(train: .fraction(0.5), test: .count(31))
      .indices(total: 150, labels: labels, using: &rng)
    #expect(mixed.train.count == 75 && mixed.test.count == 31 && mixed.dev.isEmpty)
    for (part, n) in [(mixed.train, 75), (mixed.test, 31)] {
      for (c, size) in [90, 40, 20].enumerated() {
        let share = Double(size * n) / 150
        #expect(abs(Double(part.count { labels[$0] == c }) - share) < 1)
      }
    }
    // Unstratified (and regression): a seeded draw of exactly the counts.
    var a = SeededGenerator(seed: 5)
    var b = SeededGenerator(seed: 5)
    let plain = SplitSizes(train: .count(100), test: .count(30), stratified: false)
    let once = try plain.indices(total: 150, labels: Self.iris, using: &a)
    #expect(try plain.indices(total: 150, labels: nil, using: &b) == once)
    #expect(once.train.count == 100 && once.test.count == 30)
    #expect(Set(once.train).isDisjoint(with: once.test))
  }

  /// Per-class rows of a stratified count split of `sizes` (classes in order), seed 1.
  static func perClass(_ sizes: SplitSizes, classes: [Int]) throws -> [[Int]] {
    let labels = classes.enumerated().flatMap { Array(repeating: $0, count: $1) }
    var rng = SeededGenerator(seed: 1)
    let parts = try sizes.indices(total: labels.count, labels: labels, using: &rng)
    return [parts.train, parts.dev, parts.test].map { rows in
      classes.indices.map { c in rows.count { labels[$0] == c } }
    }
  }

  /// Counts share out as scikit-learn's `StratifiedShuffleSplit` does (`_approximate_mode`:
  /// the training part by largest remainders, then the test part of the rows left). Classes of
  /// 7, 13 and 100 rows: `dev: 30` held out 1/3/26 (the training row every class keeps counted
  /// as already drawn, the rare classes lost the rounding rows to the largest); scikit-learn's
  /// `train_test_split(stratify=y, test_size=30)` and the fraction `dev: 0.25` give 2/3/25.
  @Test func stratifiedCountsFollowScikitLearnsApproximateMode() throws {
    let imbalanced = [7, 13, 100]
    #expect(
      try Self.perClass(SplitSizes(dev: .count(30), test: .count(0)), classes: imbalanced)
        == [[5, 10, 75], [2, 3, 25], [0, 0, 0]])
    #expect(try Self.perClass(SplitSizes(test: .count(30)), classes: imbalanced)[2] == [2, 3, 25])
    let three = SplitSizes(train: .count(60), dev: .count(30), test: .count(30))
    #expect(
      try Self.perClass(three, classes: imbalanced) == [[4, 6, 50], [1, 4, 25], [2, 3, 25]])
    let unused = SplitSizes(train: .count(50), test: .count(17))
    #expect(
      try Self.perClass(unused, classes: imbalanced) == [[3, 5, 42], [0, 0, 0], [1, 2, 14]])
    // Random cases without ties, scikit-learn 1.9.1's train and test counts per class.
    let cases: [([Int], Int, Int, [Int], [Int])] = [
      ([50, 41, 57, 19], 12, 77, [4, 3, 4, 1], [23, 19, 26, 9]),
      ([18, 52], 29, 18, [7, 22], [5, 13]), ([16, 14], 17, 3, [9, 8], [2, 1]),
      ([23, 25, 21, 12], 20, 5, [6, 6, 5, 3], [1, 2, 1, 1]),
      ([8, 3, 19, 7], 13, 8, [3, 1, 7, 2], [2, 0, 4, 2]),
      ([56, 10, 39], 48, 47, [26, 4, 18], [25, 5, 17]),
    ]
    for (classes, train, test, trainRows, testRows) in cases {
      let sizes = SplitSizes(train: .count(train), test: .count(test))
      #expect(
        try Self.perClass(sizes, classes: classes) == [trainRows, classes.map { _ in 0 }, testRows])
    }
    // Where they differ: the training part keeps a row of every class (scikit-learn's may
    // have none of a rare one; its 0/6/24 train of 1/11/44 rows is 1/6/23 here).
    let rare = SplitSizes(train: .count(30), test: .count(26))
    #expect(try Self.perClass(rare, classes: [1, 11, 44])[0] == [1, 6, 23])
  }

  @Test func unshuffledCountsLeaveTheLastRowsUnused() throws {
    let sizes = SplitSizes(train: .count(100), dev: .count(5), test: .count(30), shuffle: false)
    let (train, dev, test) = try Self.draw(sizes)
    #expect(train == Array(0..<100) && dev == Array(100..<105) && test == Array(105..<135))
  }

  @Test func countsOverTheRowsAreRefusedWithTheNumbers() throws {
    let over = #expect(throws: DataError.self) {
      try SplitSizes(train: .count(120), test: .count(40)).counts(total: 150)
    }
    #expect(
      over?.description
        == "dataset.split takes 160 rows (train 120, test 40) but the data has 150; lower the "
        + "counts so the parts take at most 150 rows (rows no part takes stay unused), or give "
        + "fractions of the data (e.g. test: 0.2)")
    let fraction = #expect(throws: DataError.self) {
      try SplitSizes(train: .count(140), dev: .fraction(0.1), test: .count(0)).counts(total: 150)
    }
    #expect(
      fraction?.description.hasPrefix(
        "dataset.split takes 155 rows (train 140, dev 15 (0.1 of 150)) but the data has 150;")
        == true)
  }

  /// A spec's counts reach the division as written; fractions alone leave train the rest.
  @Test func aSpecsTrainingCountIsKept() throws {
    let source = DataSource.table(file: "t.csv", features: ["x"], target: "y")
    var spec = SplitSpec()
    (spec.train, spec.test) = (.count(100), .count(30))
    guard case .sized(_, let counts) = try SplitPlan(source: source, spec) else {
      Issue.record("counts are sized")
      return
    }
    #expect(counts.train == .count(100) && counts.test == .count(30))
    (spec.train, spec.test, spec.shuffle) = (.fraction(0.8), .fraction(0.2), false)
    guard case .sized(_, let sizes) = try SplitPlan(source: source, spec) else {
      Issue.record("unshuffled fractions are sized")
      return
    }
    #expect(sizes.train == .rest)
  }
}
