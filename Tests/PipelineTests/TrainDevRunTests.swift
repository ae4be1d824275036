import Datasets
import Engine
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// `dataset.split.train_dev`: a part of the whole like dev and test (a fraction of all the data,
/// or a count), carved from the training part, evaluated at every record and diagnosed
/// (variance = train-dev − train, data mismatch = dev − train-dev).
@Suite struct TrainDevRunTests {
  /// 400 moons (200 per class), no preprocessing, divided by `split`.
  static func spec(_ split: String, samples: Int = 400) -> String {
    """
    name: train-dev
    seed: 3
    dataset:
      generator: {type: moons, samples: \(samples), noise: 0.3}
      split: \(split)
    model:
      type: logreg
    loss: binary_cross_entropy
    optimizer: {type: gd, learning_rate: 0.5, iterations: 40}
    record_every: 10
    metrics: [accuracy]

    """
  }

  static func prepared(_ text: String, in directory: String? = nil) throws -> PreparedData<Double> {
    let loaded = try SpecLoader.load(text: text, file: "train-dev.yaml")
    return try DataLoader(locator: DataLocator(searchDirectories: directory.map { [$0] } ?? []))
      .prepare(DataConfiguration(loaded.spec), as: Double.self)
  }

  static func rows(_ p: Partition<Double>?) -> [[Double]] {
    guard let p else { return [] }
    return (0..<p.count).map { r in (0..<p.features.cols).map { p.features[r, $0] } }
  }

  /// A fraction of train_dev is of the whole data: 10% of 400 rows, taken out of the training
  /// part, so train keeps 60%; `train: 0.6` names the same division as `train: rest`.
  @Test func aFractionIsOfTheWholeData() throws {
    let rest = try Self.prepared(
      Self.spec("{train: rest, train_dev: 0.1, dev: 0.15, test: 0.15}"))
    #expect(rest.train.count == 240 && rest.trainDev?.count == 40)
    #expect(rest.dev?.count == 60 && rest.test?.count == 60)
    // Stratified: 20 of each class.
    #expect(rest.trainDev?.classIndices?.filter { $0 == 1 }.count == 20)
    let explicit = try Self.prepared(
      Self.spec("{train: 0.6, train_dev: 0.1, dev: 0.15, test: 0.15}"))
    for (a, b) in zip(rest.partitions, explicit.partitions) {
      #expect(a.name == b.name && Self.rows(a) == Self.rows(b), "\(a.name)")
    }
    // Without train_dev, the same dev and test rows: train_dev only takes training rows.
    let none = try Self.prepared(Self.spec("{dev: 0.15, test: 0.15}"))
    #expect(Self.rows(none.dev) == Self.rows(rest.dev))
    #expect(Self.rows(none.test) == Self.rows(rest.test))
    #expect(
      Set(Self.rows(rest.train) + Self.rows(rest.trainDev)).count == 280
        && Set(Self.rows(rest.train) + Self.rows(rest.trainDev)) == Set(Self.rows(none.train)))
  }

  /// A count is a number of rows; unshuffled, the training part's last rows (file order: train,
  /// train-dev, dev, test).
  @Test func aCountTakesThatManyRowsInFileOrder() throws {
    let counted = try Self.prepared(
      Self.spec("{test: 40, dev: 40, train_dev: 40, shuffle: false}"))
    #expect(counted.train.count == 280 && counted.trainDev?.count == 40)
    #expect(counted.dev?.count == 40 && counted.test?.count == 40)
    let plain = try Self.prepared(Self.spec("{test: 40, dev: 40, shuffle: false}"))
    let all = Self.rows(plain.train)
    #expect(Self.rows(counted.train) == Array(all[0..<280]))
    #expect(Self.rows(counted.trainDev) == Array(all[280..<320]))
    #expect(Self.rows(counted.dev) == Self.rows(plain.dev))
    // Shuffled with fractions elsewhere: still 40 rows (20 per class).
    let mixed = try Self.prepared(Self.spec("{dev: 0.15, test: 0.15, train_dev: 40}"))
    #expect(mixed.trainDev?.count == 40 && mixed.train.count == 240)
  }

  /// Given files: a count or a fraction of the training file's rows.
  @Test func givenFilesCarveFromTheTrainingFile() throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let csv = "x,y\n" + (0..<30).map { "\($0),\($0 % 2)" }.joined(separator: "\n") + "\n"
    try csv.write(to: dir.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
    for (split, trainDev) in [("{train_dev: 6}", 6), ("{train_dev: 0.2, shuffle: false}", 6)] {
      let text = Self.spec(split).replacingOccurrences(
        of: "  generator: {type: moons, samples: 400, noise: 0.3}\n",
        with: "  train: {file: t.csv, target: y}\n  test: {file: t.csv, target: y}\n")
      let data = try Self.prepared(text, in: dir.path)
      #expect(data.trainDev?.count == trainDev && data.train.count == 30 - trainDev, "\(split)")
      #expect(data.test?.count == 30)
    }
  }

  /// Train-dev rows that leave the training part empty are refused at the split (0.0999 of 400
  /// rounds to all 40 rows the training part holds; fractions summing to 1 with `train: rest`
  /// are refused by the spec itself).
  @Test(arguments: [
    ("{test: 40, dev: 40, train_dev: 320}", "split: the training part of the 400 samples is empty"),
    (
      "{dev: 0.5, test: 0.4, train_dev: 0.0999}",
      "split.train_dev: the train-dev set takes 40 of the training part's 40 rows, leaving none "
        + "to train on"
    ),
  ])
  func trainDevLeavingNoTrainingRowsIsRefused(_ split: String, _ message: String) throws {
    let error = #expect(throws: DataFailure.self) { try Self.prepared(Self.spec(split)) }
    #expect(error?.error.description == message)
  }

  /// A run fills train_dev_* in every metrics.csv row and in summary.csv, and the diagnosis's
  /// train-dev error, variance and data mismatch from them.
  @Test(arguments: [
    "{train: rest, train_dev: 0.1, dev: 0.2, test: 0.2}", "{train_dev: 30, test: 0.25}",
  ])
  func aRunEvaluatesAndDiagnosesTheTrainDevPart(_ split: String) throws {
    let dir = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try TestProject.writeSpec(Self.spec(split), in: dir)
    let outcome = try TestProject.run(path, resultsRoot: dir.appendingPathComponent("results"))
    let metrics = try TestProject.table(outcome.directory, "metrics.csv")
    let hasDev = split.contains("dev: 0.2")
    #expect(
      metrics.header
        == ["iteration", "train_loss", "train_dev_loss"] + (hasDev ? ["dev_loss"] : [])
        + ["test_loss", "train_accuracy", "train_dev_accuracy"] + (hasDev ? ["dev_accuracy"] : [])
        + ["test_accuracy"])
    #expect(metrics.rows.count == 5)
    for column in ["train_dev_loss", "train_dev_accuracy"] {
      #expect(TestProject.numbers(metrics, column).count == metrics.rows.count, "\(column)")
    }
    let summary = try TestProject.table(outcome.directory, "summary.csv")
    let final = Dictionary(uniqueKeysWithValues: zip(summary.header, summary.rows[0]))
    let last = Dictionary(uniqueKeysWithValues: zip(metrics.header, metrics.rows.last!))
    #expect(final["train_dev_loss"] == last["train_dev_loss"])
    #expect(final["train_dev_accuracy"] == last["train_dev_accuracy"])
    let table = try TestProject.table(outcome.directory, "bias_variance.csv")
    let row = Dictionary(uniqueKeysWithValues: zip(table.header, table.rows[0]))
    func number(_ key: String) throws -> Double { try #require(row[key].flatMap(Double.init)) }
    func accuracyError(_ key: String) throws -> Double {
      1 - (try #require(final[key].flatMap(Double.init)))
    }
    let (train, trainDev) = (try number("train_error"), try number("train_dev_error"))
    let heldOut = hasDev ? try number("dev_error") : try number("test_error")
    #expect(abs(train - (try accuracyError("train_accuracy"))) < 1e-12)
    #expect(abs(trainDev - (try accuracyError("train_dev_accuracy"))) < 1e-12)
    #expect(row["variance_split"] == "train_dev")
    #expect(try number("variance") == trainDev - train)
    #expect(try number("data_mismatch") == heldOut - trainDev)
    let report = try String(contentsOfFile: outcome.directory + "/report.md", encoding: .utf8)
    #expect(report.contains("data mismatch (dev − train-dev)") && report.contains("train_dev_loss"))
  }

  /// A checkpoint's records keep the train-dev figures, apart from the training metrics.
  @Test func checkpointRecordsKeepTheTrainDevFigures() throws {
    let record = Record(
      iteration: 4, epoch: 1, train: Evaluation(loss: 0.5, metrics: [.accuracy: 0.75]),
      trainDev: Evaluation(loss: 0.625, metrics: [.accuracy: 0.5]),
      dev: Evaluation(loss: 0.75, metrics: [.accuracy: 0.25]), test: nil, penalty: 0.125)
    let decoder = CheckpointDecoder(contents: [
      "records.csv": Data(CheckpointFiles.records([record]).rendered.utf8)
    ])
    #expect(try decoder.records() == [record])
  }

  /// A checkpoint's files keep the step peaks; one of an earlier version, without them, loads
  /// with the peaks unknown.
  @Test func checkpointFilesKeepTheStepPeaks() throws {
    var checkpoint = TrainingCheckpoint(
      units: 3, fingerprint: "f", dtype: .float64, trainRows: 2, trainHash: "h", records: [],
      recordedSteps: [3, 3], divergenceStarts: [0.5, nil], stepPeaks: [4.25, nil],
      earlyStopping: nil,
      sessions: [TrainingCheckpoint.Session(steps: 3), TrainingCheckpoint.Session(steps: 3)])
    func decoded() throws -> [Double?]? {
      let files = CheckpointFiles.files(checkpoint, numericEnvironment: "x").map {
        (String($0.path.dropFirst(CheckpointFiles.folder.count + 1)), $0.bytes)
      }
      return try CheckpointDecoder(contents: Dictionary(uniqueKeysWithValues: files))
        .checkpoint().stepPeaks
    }
    #expect(try decoded() == [4.25, nil])
    checkpoint.stepPeaks = nil
    #expect(try decoded() == nil)
  }

  /// A successive-halving sweep: trials continued from a rung's checkpoint keep the train-dev
  /// figures of every row, and the sweep summary puts them among the final figures.
  @Test func aHalvingSweepKeepsTheTrainDevFigures() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    var options = SweepFixture.options(root: root)
    options.run.spec.overrides = ["dataset.split={train: 0.5, train_dev: 0.1, dev: 0.2, test: 0.2}"]
    let outcome = try SweepRunner.run(
      specPath: SweepFixture.spec("halving-moons.yaml"), options: options)
    let summary = try TestProject.table(outcome.directory, "summary.csv")
    let header = summary.header
    let seed = try #require(header.firstIndex(of: "seed"))
    #expect(header.firstIndex(of: "train_dev_loss").map { $0 < seed } == true, "\(header)")
    let best = try #require(summary.rows.first?.first)
    let metrics = try TestProject.table(outcome.directory + "/rung-2/" + best, "metrics.csv")
    #expect(metrics.rows.count == 10)
    #expect(TestProject.numbers(metrics, "train_dev_loss").count == 10)
  }
}
