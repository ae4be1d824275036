import Testing

@testable import Datasets

/// A stratified `train_dev` count is exact, as dev and test counts are: iris'
/// `{train: 100, train_dev: 20, test: 30}` carved 21 rows (each class rounded 6.67 up to 7),
/// 10 carved 9, and MNIST's 300 carved 301 (tester J, F7).
@Suite struct TrainDevCountTests {
  let table = DataSource.table(file: "t.csv", features: ["x"], target: "label")

  /// The train and train-dev rows of a training part of `labels.count` rows.
  func carve(_ amount: SplitAmount, labels: [Int], stratified: Bool = true, seed: UInt64 = 1)
    throws -> (train: [Int], trainDev: [Int])
  {
    let configuration = DataConfiguration(
      split: .sized(source: table, SplitSizes(test: .count(0))),
      trainDev: TrainDevPart(amount, stratified: stratified),
      target: .classification(classCount: 3), seed: seed)
    return try configuration.carveTrainDev(
      count: labels.count, total: labels.count + 30, labels: labels)
  }

  @Test(arguments: [20, 10, 7, 1])
  func aStratifiedCountIsHonouredExactly(_ rows: Int) throws {
    let labels = (0..<120).map { $0 % 3 }
    for seed: UInt64 in [0, 1, 2, 3] {
      let (train, trainDev) = try carve(.count(rows), labels: labels, seed: seed)
      #expect(trainDev.count == rows && train.count == 120 - rows, "seed \(seed)")
      #expect(Set(train + trainDev) == Set(0..<120))
      // Each class within a row of its share.
      for c in 0..<3 {
        let share = Double(rows) / 3
        #expect(abs(Double(trainDev.filter { labels[$0] == c }.count) - share) < 1)
      }
    }
  }

  @Test func aFractionOfTheSourceIsExactToo() throws {
    // 0.005 of 60 000 MNIST rows is 300 of a 1800-row training part of 10 classes, a sixth
    // of each: classes of 183 and 177 rows rounded 30.5 and 29.5 up, 301 in all.
    let sizes = [183, 177] + Array(repeating: 180, count: 8)
    let labels = sizes.enumerated().flatMap { c, n in Array(repeating: c, count: n) }
    let configuration = DataConfiguration(
      split: .sized(source: table, SplitSizes(test: .count(0))),
      trainDev: TrainDevPart(.fraction(0.005)), target: .classification(classCount: 10), seed: 4)
    let carved = try configuration.carveTrainDev(count: 1800, total: 60000, labels: labels)
    #expect(carved.trainDev.count == 300 && carved.train.count == 1500)
  }

  @Test func unstratifiedRowsAreUnchanged() throws {
    let labels = (0..<120).map { $0 % 3 }
    let (train, trainDev) = try carve(.count(20), labels: labels, stratified: false)
    #expect(trainDev.count == 20 && train.count == 100)
  }
}
