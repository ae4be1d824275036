import Datasets
import Foundation
import Specs
import Testing

@testable import Pipeline

/// `dataset.split.dev` with a given training file: the dev part is carved out of the training
/// file's rows as one source would be divided (shuffled with the split seed, stratified, or its
/// last rows unshuffled), before the train-dev part; a named dataset keeps its own test part.
@Suite struct GivenDevSplitTests {
  /// 40 training rows (x = 0…39; class 1 every fourth row: 10 of them) and 10 test rows.
  static func project(_ label: String = #function) throws -> URL {
    let dir = TestProject.temporaryDirectory(label)
    func rows(_ range: Range<Int>) -> String {
      "x,y\n" + range.map { "\($0),\($0 % 4 == 0 ? 1 : 0)" }.joined(separator: "\n") + "\n"
    }
    try rows(0..<40).write(
      to: dir.appendingPathComponent("train.csv"), atomically: true, encoding: .utf8)
    try rows(40..<50).write(
      to: dir.appendingPathComponent("test.csv"), atomically: true, encoding: .utf8)
    return dir
  }

  static func spec(_ split: String, source: String? = nil, optimizer: String = "") -> String {
    """
    name: given-dev
    seed: 3
    dataset:
    \(source ?? "  train: {file: train.csv, target: y}\n  test: {file: test.csv, target: y}")
      split: \(split)
    model: {type: logreg}
    loss: binary_cross_entropy
    optimizer: {type: gd, learning_rate: 0.1, iterations: 40\(optimizer)}
    record_every: 10
    metrics: [accuracy]

    """
  }

  static func prepared(_ text: String, in dir: URL) throws -> PreparedData<Double> {
    let loaded = try SpecLoader.load(text: text, file: "given-dev.yaml")
    return try DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
      .prepare(DataConfiguration(loaded.spec), as: Double.self)
  }

  static func xs(_ p: Partition<Double>?) -> [Double] {
    guard let p else { return [] }
    return (0..<p.count).map { p.features[$0, 0] }
  }

  /// A test part asked of a training file given without a test file is carved out of it too
  /// (it was ignored, while the spec said a test part existed), beside a carved dev part.
  @Test func aTestPartWithoutATestFileIsCarvedOutOfTheTrainingFile() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let train = "  train: {file: train.csv, target: y}"
    let data = try Self.prepared(Self.spec("{test: 0.2}", source: train), in: dir)
    #expect(data.train.count == 32 && data.dev == nil && data.test?.count == 8)
    let both = try Self.prepared(Self.spec("{dev: 0.2, test: 0.2}", source: train), in: dir)
    #expect(both.train.count == 24 && both.dev?.count == 8 && both.test?.count == 8)
    let all = Self.xs(both.train) + Self.xs(both.dev) + Self.xs(both.test)
    #expect(all.sorted() == (0..<40).map(Double.init))
  }

  /// A training part sized alone (no dev or test part asked) is taken of the training file, as
  /// for one source; it was ignored (every row trained) until a dev part was asked for too.
  @Test func aSizedTrainingPartAloneIsTakenOfTheTrainingFile() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = try Self.prepared(Self.spec("{train: 20}"), in: dir)
    #expect(data.train.count == 20 && data.dev == nil && data.test?.count == 10)
  }

  /// A fraction of the training file's rows, stratified: 8 of 40 (2 of class 1's 10); the test
  /// file stays the test part; the rows are those a single training file would give as dev.
  @Test func aFractionCarvesDevOutOfTheTrainingFile() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = try Self.prepared(Self.spec("{dev: 0.2}"), in: dir)
    #expect(data.train.count == 32 && data.dev?.count == 8 && data.test?.count == 10)
    #expect(data.dev?.classIndices?.filter { $0 == 1 }.count == 2)
    #expect(Set(Self.xs(data.train) + Self.xs(data.dev)) == Set((0..<40).map(Double.init)))
    #expect(Self.xs(data.test) == (40..<50).map(Double.init))
    let single = try Self.prepared(
      Self.spec("{dev: 0.2}", source: "  file: train.csv\n  target: y"), in: dir)
    #expect(Self.xs(single.dev) == Self.xs(data.dev) && single.test == nil)
    let plain = try Self.prepared(Self.spec("{dev: 0.2, stratify: false}"), in: dir)
    #expect(plain.dev?.count == 8 && Self.xs(plain.dev) != Self.xs(data.dev))
  }

  /// A count takes that many rows; unshuffled, dev is the file's last rows and train-dev the
  /// last of what remains (file order: train, train-dev, dev, test).
  @Test func aCountAndFileOrder() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let counted = try Self.prepared(Self.spec("{dev: 7}"), in: dir)
    #expect(counted.dev?.count == 7 && counted.train.count == 33)
    let last = try Self.prepared(Self.spec("{dev: 0.2, shuffle: false}"), in: dir)
    #expect(Self.xs(last.dev) == (32..<40).map(Double.init))
    let both = try Self.prepared(Self.spec("{dev: 5, train_dev: 0.1, shuffle: false}"), in: dir)
    #expect(Self.xs(both.dev) == (35..<40).map(Double.init))
    #expect(Self.xs(both.trainDev) == (31..<35).map(Double.init))
    #expect(Self.xs(both.train) == (0..<31).map(Double.init))
  }

  /// A dev part that rounds to no row, or leaves no training row, is refused at the split.
  @Test(arguments: [
    (
      "{dev: 0.01}",
      "split.dev: 0.01 of the 40 samples rounds to no row; raise it to at least 0.013, or leave "
        + "`dev` out"
    ),
    ("{dev: 40}", "split: the training part of the 40 samples is empty"),
    (
      "{dev: 0.5, train_dev: 0.49}",
      "split.train_dev: the train-dev set takes 20 of the training part's 20 rows, leaving none "
        + "to train on"
    ),
  ])
  func anEmptyPartIsRefused(_ split: String, _ message: String) throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let error = #expect(throws: DataFailure.self) {
      try Self.prepared(Self.spec(split), in: dir)
    }
    #expect(error?.error.description == message)
  }

  /// A run writes dev columns at every record, and early stopping watches them.
  @Test func aRunRecordsTheDevPartAndStopsEarlyOnIt() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let text = Self.spec("{dev: 0.2}", optimizer: ", early_stopping: {patience: 2}")
    let path = try TestProject.writeSpec(text, in: dir)
    let outcome = try TestProject.run(path, resultsRoot: dir.appendingPathComponent("results"))
    let metrics = try TestProject.table(outcome.directory, "metrics.csv")
    #expect(
      metrics.header
        == [
          "iteration", "train_loss", "dev_loss", "test_loss", "train_accuracy", "dev_accuracy",
          "test_accuracy",
        ])
    #expect(TestProject.numbers(metrics, "dev_loss").count == metrics.rows.count)
    #expect(!metrics.rows.isEmpty)
  }

  /// Promoted trials of a successive-halving sweep go on from their checkpoint: the carved
  /// training rows are the same at every rung (the checkpoint's training-rows hash matches).
  @Test func aHalvingSweepContinuesFromItsCheckpoints() throws {
    let dir = try Self.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let text =
      Self.spec("{dev: 0.2}").replacingOccurrences(
        of: "type: gd, learning_rate: 0.1, iterations: 40",
        with: "type: sgd, learning_rate: 0.1, epochs: 3, batch_size: 8"
      ).replacingOccurrences(of: "record_every: 10\n", with: "")
      + "sweep:\n  method: successive_halving\n  budget: {min: 1, max: 3}\n"
      + "  parameters: {optimizer.learning_rate: [0.01, 0.1, 0.3]}\n"
    let path = try TestProject.writeSpec(text, in: dir)
    let sweep = try SweepRunner.run(
      specPath: path, options: SweepFixture.options(root: dir.appendingPathComponent("results")))
    let best = try #require(sweep.best)
    let start = try #require(TrialStart.read(URL(fileURLWithPath: best.directory)))
    #expect(start.from == 1 && start.continued, "\(start.reason)")
    let metrics = try TestProject.table(best.directory, "metrics.csv")
    #expect(TestProject.numbers(metrics, "dev_loss").count == metrics.rows.count)
  }

  /// A named dataset that ships a test part keeps it when the split asks only for dev (carved
  /// out of its training part), and divides its training part when the split asks for test.
  @Test func aNamedDatasetKeepsItsOwnTestPartBesideDev() throws {
    let source = "  name: catvnoncat"
    let dev = try SpecLoader.load(text: Self.spec("{dev: 0.2}", source: source), file: "c.yaml")
    let configuration = try DataConfiguration(dev.spec)
    let train = DataSource.named("catvnoncat", part: .train)
    #expect(
      configuration.split
        == .given(train: train, dev: nil, test: .named("catvnoncat", part: .test)))
    #expect(
      configuration.givenTrainSplit
        == .fractions(source: train, try Fractions(train: 0.8, dev: 0.2, test: 0)))
    #expect(dev.spec.dataset.hasDev && dev.spec.dataset.hasTest)
    let test = try SpecLoader.load(
      text: Self.spec("{dev: 0.2, test: 0.2}", source: source), file: "c.yaml")
    let divided = try DataConfiguration(test.spec)
    guard case .fractions(train, let fractions) = divided.split else {
      Issue.record("\(divided.split)")
      return
    }
    #expect(fractions.dev == 0.2 && fractions.test == 0.2 && divided.givenTrainSplit == nil)
  }
}
