import Testing

@testable import Datasets

/// `runner validate` counts the training and dev rows without reading features, so the rules
/// on them (batch normalization's batches, learning-curve counts, early stopping's dev set)
/// refuse what `runner run` refuses: the counts must equal the prepared sets' for every split.
@Suite struct DataInspectionCountTests {
  /// 23 rows of three unequal classes (10, 8, 5 rows).
  static func csv() -> String {
    "x,label\n" + (0..<23).map { "\($0),\($0 < 10 ? 0 : $0 < 18 ? 1 : 2)" }.joined(separator: "\n")
      + "\n"
  }

  static func splits() throws -> [(String, SplitPlan, TrainDevPart?)] {
    let table = DataSource.table(file: "t.csv", features: ["x"], target: "label")
    let other = DataSource.table(file: "u.csv", features: ["x"], target: "label")
    return [
      (
        "stratified fractions",
        .fractions(source: table, try Fractions(train: 0.6, dev: 0.2, test: 0.2)), nil
      ),
      (
        "plain fractions",
        .fractions(
          source: table, try Fractions(train: 0.5, dev: 0.3, test: 0.2, stratified: false)),
        TrainDevPart(.fraction(0.25), stratified: false)
      ),
      (
        "counts in file order",
        .sized(source: table, SplitSizes(dev: .count(3), test: .fraction(0.25), shuffle: false)),
        nil
      ),
      (
        "train-dev count in file order",
        .sized(
          source: table,
          SplitSizes(dev: .count(3), test: .count(4), trainDev: .count(5), shuffle: false)),
        TrainDevPart(.count(5), shuffle: false)
      ),
      (
        "stratified counts",
        .sized(
          source: table, SplitSizes(dev: .fraction(0.1), test: .count(4), trainDev: .count(6))),
        TrainDevPart(.count(6))
      ),
      (
        "counts without rest",
        .sized(
          source: table,
          SplitSizes(train: .count(7), dev: .count(2), test: .count(5), stratified: false)), nil
      ),
      ("given files", .given(train: table, dev: other, test: nil), TrainDevPart(.fraction(0.2))),
      (
        "given files, a count", .given(train: table, dev: other, test: nil), TrainDevPart(.count(4))
      ),
      ("given train alone", .given(train: table, dev: nil, test: other), nil),
    ]
  }

  /// A given training file (beside a test file) divided as one source: the dev part carved out.
  static func carvedDev() throws -> [(String, SplitPlan, TrainDevPart?, SplitPlan?)] {
    let table = DataSource.table(file: "t.csv", features: ["x"], target: "label")
    let given = SplitPlan.given(
      train: table, dev: nil,
      test: .table(file: "u.csv", features: ["x"], target: "label"))
    return [
      (
        "carved dev", given, nil,
        .fractions(source: table, try Fractions(train: 0.7, dev: 0.3, test: 0))
      ),
      (
        "carved dev and train-dev", given, TrainDevPart(.count(4)),
        .fractions(source: table, try Fractions(train: 0.75, dev: 0.25, test: 0))
      ),
      (
        "carved dev count in file order", given, TrainDevPart(.count(3), shuffle: false),
        .sized(source: table, SplitSizes(dev: .count(6), test: .count(0), shuffle: false))
      ),
      // A dev file beside a test part carved out of the training file: its rows leave training.
      (
        "dev file and carved test",
        .given(
          train: table, dev: .table(file: "u.csv", features: ["x"], target: "label"), test: nil),
        nil, .fractions(source: table, try Fractions(train: 0.7, dev: 0, test: 0.3))
      ),
      // A training part sized alone: the rest of the file stays unused.
      (
        "sized training part", given, nil,
        .sized(source: table, SplitSizes(train: .count(12), test: .count(0)))
      ),
    ]
  }

  @Test func inspectionCountsTheRowsThePreparationGives() throws {
    let dir = TemporaryDirectory()
    dir.write("t.csv", Array(Self.csv().utf8))
    dir.write("u.csv", Array("x,label\n1,0\n2,1\n3,2\n".utf8))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let whole = try Self.splits().map { ($0.0, $0.1, $0.2, SplitPlan?.none) }
    for (label, split, trainDev, trainSplit) in try whole + Self.carvedDev() {
      for target in [TargetKind.classification(classCount: 3), .regression] {
        var configuration = DataConfiguration(
          split: split, trainDev: trainDev, target: target, seed: 5)
        configuration.givenTrainSplit = trainSplit
        let prepared = try loader.prepare(configuration, as: Double.self)
        let inspection = try loader.inspect(configuration)
        #expect(inspection.trainSamples == prepared.train.count, "\(label), \(target)")
        #expect(inspection.devSamples == prepared.dev?.count ?? 0, "\(label), \(target)")
        if label.hasPrefix("carved") { #expect(prepared.dev?.count ?? 0 > 0, "\(label)") }
        if label == "sized training part" { #expect(prepared.train.count == 12) }
        // `runner data split`: each part's rows are the prepared set's (x is the row index).
        let assignment = try #require(inspection.split, "\(label)")
        let first = assignment.sources[0]
        func rows(_ part: SplitAssignment.Part) -> [Double] {
          first.parts.indices.filter { first.parts[$0] == part }.map(Double.init)
        }
        let isGiven = if case .given = split { true } else { false }
        #expect(first.name == (isGiven ? "train" : "data"), "\(label)")
        #expect(rows(.train) == prepared.train.features.storage, "\(label), \(target)")
        #expect(rows(.trainDev) == (prepared.trainDev?.features.storage ?? []), "\(label)")
        #expect(assignment.trainingRows.map(Double.init) == prepared.train.features.storage)
        let givenDev = assignment.sources.dropFirst().first { $0.name == "dev" }
        if let givenDev {
          #expect(givenDev.parts == Array(repeating: .dev, count: prepared.dev?.count ?? -1))
        } else {
          #expect(rows(.dev) == (prepared.dev?.features.storage ?? []), "\(label)")
        }
        let givenTest = assignment.sources.dropFirst().first { $0.name == "test" }
        #expect(
          (givenTest?.parts.count ?? rows(.test).count) == prepared.test?.count ?? 0, "\(label)")
        if givenTest == nil {
          #expect(rows(.test) == (prepared.test?.features.storage ?? []), "\(label)")
        }
        let used =
          prepared.train.count + (prepared.trainDev?.count ?? 0)
          + (givenDev == nil ? prepared.dev?.count ?? 0 : 0)
          + (givenTest == nil ? prepared.test?.count ?? 0 : 0)
        #expect(rows(.unused).count == 23 - used, "\(label)")
      }
    }
  }

  /// A learning curve's nested draw: each training row's position, a permutation of the
  /// training rows' count (the builder cuts the same `Splitter.nestedOrder`).
  @Test func theLearningCurveOrderNumbersTheTrainingRows() throws {
    let table = DataSource.table(file: "t.csv", features: ["x"], target: "label")
    let configuration = DataConfiguration(
      split: .fractions(source: table, try Fractions(train: 0.6, dev: 0.2, test: 0.2)),
      target: .classification(classCount: 3), seed: 5)
    let dir = TemporaryDirectory()
    dir.write("t.csv", Array(Self.csv().utf8))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let split = try #require(try loader.inspect(configuration).split)
    let order = split.learningCurveOrder(seed: 11)
    let training = split.trainingRows
    #expect(training.map { order[$0]! }.sorted() == Array(0..<training.count))
    #expect(order.indices.allSatisfy { (order[$0] == nil) == !training.contains($0) })
    let draw = Splitter.nestedOrder(count: training.count, seed: 11)
    #expect(draw.enumerated().allSatisfy { order[training[$0.element]] == $0.offset })
    #expect(split.learningCurveOrder(seed: 12) != order)
  }
}
