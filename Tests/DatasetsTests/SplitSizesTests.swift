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
      tooMany?.description == "split sizes train -100, dev 0, test 300 do not fit the 200 samples")
    #expect(throws: DataError.self) {
      try SplitSizes(train: .rest, dev: .rest, test: .count(1)).counts(total: 10)
    }
  }
}
