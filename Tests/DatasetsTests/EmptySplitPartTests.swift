import Testing

@testable import Datasets

/// A part the split asks for by a fraction above 0 that rounds to no row is refused, with the
/// least fraction that holds one; it was silently left out, and the diagnosis then advised the
/// very split the spec had.
@Suite struct EmptySplitPartTests {
  let table = DataSource.table(file: "t.csv", features: ["x"], target: "label")

  func message(_ split: SplitPlan, trainDev: TrainDevPart? = nil, labels: [Int]?) -> String? {
    let configuration = DataConfiguration(
      split: split, trainDev: trainDev, target: .classification(classCount: 2), seed: 1)
    do {
      let parts = try configuration.divide(count: labels?.count ?? 20, labels: labels)
      _ = try configuration.carveTrainDev(count: parts.train.count, total: 20, labels: nil)
      return nil
    } catch {
      return "\(error)"
    }
  }

  /// Stratified or not, a fraction is of the whole: 0.02 of 20 rows is 0.4 of a row.
  @Test func aStratifiedDevShareOfNoRowIsRefused() throws {
    let split = SplitPlan.fractions(
      source: table, try Fractions(train: 0.6, dev: 0.02, test: 0.38))
    #expect(
      message(split, labels: (0..<20).map { $0 % 2 })
        == "split.dev: 0.02 of the 20 samples rounds to no row; raise it to at least 0.025, or leave `dev` out"
    )
    // XOR's four rows: 0.1 of them is 0.4 of a row (0.2 is 0.8: one row, of one class).
    let xor = SplitPlan.fractions(source: table, try Fractions(train: 0.9, test: 0.1))
    #expect(
      message(xor, labels: [0, 1, 1, 0])?.hasPrefix("split.test: 0.1 of the 4 samples") == true)
    let fifth = SplitPlan.fractions(source: table, try Fractions(train: 0.8, test: 0.2))
    #expect(message(fifth, labels: [0, 1, 1, 0]) == nil)
    // The failure names the split key at fault.
    let configuration = DataConfiguration(
      split: xor, target: .classification(classCount: 2), seed: 1)
    #expect(throws: DataFailure.self) {
      do { _ = try configuration.divide(count: 4, labels: [0, 1, 1, 0]) } catch let failure
        as DataFailure
      {
        #expect(failure.reference == .split(part: "test"))
        throw failure
      }
    }
    // Enough rows: no error.
    let enough = SplitPlan.fractions(source: table, try Fractions(train: 0.6, dev: 0.1, test: 0.3))
    #expect(message(enough, labels: (0..<20).map { $0 % 2 }) == nil)
  }

  @Test func anUnshuffledOrTrainDevShareOfNoRowIsRefused() {
    let sized = SplitPlan.sized(
      source: table, SplitSizes(dev: .fraction(0.02), test: .fraction(0.3), shuffle: false))
    #expect(
      message(sized, labels: nil)
        == "split.dev: 0.02 of the 20 samples rounds to no row; raise it to at least 0.025, or leave `dev` out"
    )
    let split = SplitPlan.sized(source: table, SplitSizes(test: .count(5), shuffle: false))
    #expect(
      message(split, trainDev: TrainDevPart(.fraction(0.01), shuffle: false), labels: nil)?
        .hasPrefix("split.train_dev: 0.01 of the 20 samples rounds to no row") == true)
  }

  /// Three classes of 7, 7 and 6 rows: a stratified share of 0.05 is one row of 20 (0.35 of a
  /// row in the largest class, which refused it when each class rounded its own share), as the
  /// count `test: 1` is one row.
  @Test func aStratifiedShareOfOneRowTakesOneAsACountDoes() {
    let labels = (0..<20).map { $0 < 7 ? 0 : $0 < 14 ? 1 : 2 }
    let fractions = SplitPlan.fractions(
      source: table, try! Fractions(train: 0.65, dev: 0.05, test: 0.3))
    #expect(message(fractions, labels: labels) == nil)
    let count = SplitPlan.sized(source: table, SplitSizes(dev: .count(0), test: .count(1)))
    #expect(message(count, labels: labels) == nil)
  }
}
