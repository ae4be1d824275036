import Engine
import Testing

@testable import Datasets

@Suite struct DataPreparationTests {
  @Test(.needsSharedData) func catSpecPreparesTheCourseMatrices() throws {
    let loader = DataLoader(
      locator: DataLocator(searchDirectories: ["/nonexistent", SharedData.directory]))
    let h5 = { (file: String, x: String, y: String) in
      DataSource.arrays(
        features: ArrayReference(file: "catvnoncat/\(file)", dataset: x),
        target: ArrayReference(file: "catvnoncat/\(file)", dataset: y))
    }
    let configuration = DataConfiguration(
      split: .given(
        train: h5("train_catvnoncat.h5", "train_set_x", "train_set_y"), dev: nil,
        test: h5("test_catvnoncat.h5", "test_set_x", "test_set_y")),
      preprocessing: [.flatten, .scale(try ScaleFactor(parsing: "1/255"))],
      target: .classification(classCount: 2), seed: 1)
    let data = try loader.prepare(configuration, as: Double.self)
    #expect(data.train.features.rows == 209 && data.train.features.cols == 12288)
    #expect(data.train.targets.rows == 209 && data.train.targets.cols == 1)
    #expect(data.test?.features.rows == 50)
    #expect(data.classNames == ["non-cat", "cat"])
    let expected: [Double] = [17.0 / 255, 31.0 / 255, 56.0 / 255]
    #expect(Array(data.train.features.storage[0..<3]) == expected)
    let mean = data.train.features.storage.reduce(0, +) / Double(209 * 12288)
    let pixelMean: Double = mean * 255
    #expect(abs(pixelMean - 103.007126) < 1e-6)
    #expect(data.train.classIndices?.filter { $0 == 1 }.count == 72)
    #expect(data.preprocessing.statistics.isEmpty)

    let float = try loader.prepare(configuration, as: Float.self)
    let expectedFloat: Float = Float(31) / 255
    #expect(float.train.features.storage[1] == expectedFloat)
  }

  @Test func standardizationIsFittedOnTheTrainingSplitOnly() throws {
    // 10 samples, one feature 0...9; a test fraction of 0.3 without stratification.
    let x = try NDArray(shape: [10, 1], storage: .float64((0..<10).map(Double.init)), origin: "x")
    let y = try NDArray(
      shape: [10], storage: .float64((0..<10).map { Double($0) * 2 }), origin: "y")
    let dir = TemporaryDirectory()
    dir.write("d.npz", NPZFile.encode([("x", x), ("y", y)], compressed: true))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let configuration = DataConfiguration(
      split: .fractions(
        source: .arrays(
          features: ArrayReference(file: "d.npz", dataset: "x"),
          target: ArrayReference(file: "d.npz", dataset: "y")),
        try Fractions(train: 0.7, test: 0.3, stratified: false)),
      preprocessing: [.standardize], target: .regression, seed: 42)
    let data = try loader.prepare(configuration, as: Double.self)
    let trainRaw = data.train.targets.storage.map { $0 / 2 }
    let testRaw = try #require(data.test).targets.storage.map { $0 / 2 }
    #expect(trainRaw.count == 7 && testRaw.count == 3)
    let mu = trainRaw.reduce(0, +) / 7
    let sigma = (trainRaw.map { ($0 - mu) * ($0 - mu) }.reduce(0, +) / 7).squareRoot()
    let recorded = data.preprocessing.statistics[0]
    #expect(recorded.step == "standardize")
    #expect(recorded.values["mean"] == [mu])
    #expect(abs(recorded.values["std"]![0] - sigma) < 1e-12)
    #expect(recorded.values["mean"] != [4.5])  // the whole data's mean
    let std: Double = recorded.values["std"]![0]
    let handComputed: [Double] = testRaw.map { ($0 - mu) / std }
    #expect(try #require(data.test).features.storage == handComputed)
    // Same seed, same split.
    #expect(try loader.prepare(configuration, as: Double.self).test?.targets == data.test?.targets)
  }

  /// The features as read are kept only when asked and a step is fitted on the training rows;
  /// fitted again on every training row in order, they give the prepared matrices bit for bit.
  @Test func unfittedFeaturesAreKeptOnlyForAFittedStep() throws {
    let x = try NDArray(
      shape: [10, 2], storage: .float64((0..<20).map { Double($0 * $0) / 7 }), origin: "x")
    let y = try NDArray(shape: [10], storage: .float64((0..<10).map(Double.init)), origin: "y")
    let dir = TemporaryDirectory()
    dir.write("d.npz", NPZFile.encode([("x", x), ("y", y)], compressed: true))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    func prepared(_ steps: [PreprocessingStep], keep: Bool) throws -> PreparedData<Double> {
      var configuration = DataConfiguration(
        split: .fractions(
          source: .arrays(
            features: ArrayReference(file: "d.npz", dataset: "x"),
            target: ArrayReference(file: "d.npz", dataset: "y")),
          try Fractions(train: 0.6, dev: 0.2, test: 0.2, stratified: false)),
        preprocessing: steps, target: .regression, seed: 3)
      configuration.keepsUnfittedFeatures = keep
      return try loader.prepare(configuration, as: Double.self)
    }
    #expect(try prepared([.polynomial(degree: 2)], keep: true).unfitted == nil)
    #expect(try prepared([.standardize], keep: false).unfitted == nil)
    let data = try prepared([.polynomial(degree: 2), .minMax(lower: -1, upper: 1)], keep: true)
    let unfitted = try #require(data.unfitted)
    let all = try unfitted.refitted(rows: Array(0..<data.train.count), as: Double.self)
    #expect(all.train == data.train.features)
    #expect(all.dev == data.dev?.features && all.test == data.test?.features)
    // Fitted on two rows: each of their features maps to -1 or 1, and the test set moves.
    let two = try unfitted.refitted(rows: [1, 0], as: Double.self)
    #expect(two.train.rows == 2 && two.train.storage.allSatisfy { abs($0) == 1 })
    #expect(try #require(two.test).storage != data.test?.features.storage)
  }

  /// A value that the statistics fitted on some training rows take beyond float32 (a learning
  /// curve point's, a bootstrap round's) is named by its file's line and column, as the run's
  /// own preprocessing names it, not by its row in the shuffled subset: standardize on rows
  /// 3e38, -3e38, -3e38 (mean -1e38) takes 3e38 to 4e38, which every training row's mean
  /// (near 0) does not.
  @Test func aRefitSubsetsValueIsNamedByItsLineAndColumn() throws {
    let dir = TemporaryDirectory()
    var csv = "a,b,y\n"
    for i in 0..<20 {
      let a = i == 4 ? "3e38" : i == 9 || i == 13 ? "-3e38" : "\(Double(i) / 10)"
      csv += "\(a),\(Double(i % 5)),\(i % 2)\n"
    }
    let file = dir.write("t.csv", Array(csv.utf8))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    var configuration = DataConfiguration(
      split: .fractions(
        source: .table(file: "t.csv", features: nil, target: "y"),
        try Fractions(train: 0.8, dev: 0, test: 0.2, stratified: false)),
      preprocessing: [.standardize], target: .classification(classCount: nil), seed: 5)
    configuration.keepsUnfittedFeatures = true
    let data = try loader.prepare(configuration, as: Float.self)
    let unfitted = try #require(data.unfitted)
    let column = unfitted.train.samples(Array(0..<data.train.count)).storage
    let big = (0..<data.train.count).filter { abs(column.double(at: $0 * 2)) > 1e38 }
    try #require(big.count == 3, "the three large values are training rows")
    let error = #expect(throws: DataError.self) {
      _ = try unfitted.refitted(rows: big, as: Float.self)
    }
    #expect(
      error?.description
        == "\(file) (line 6, column 'a'): standardize makes a value too large for float32; "
        + "rescale the data")
  }

  /// A normalize std far below the data's spread (finite, so the spec took it) overflows the
  /// features: the std is named as the slip, not the data (tester BK-16).
  @Test func aTinyNormalizeStdIsBlamedNotTheData() throws {
    let dir = TemporaryDirectory()
    let file = dir.write("t.csv", Array("a,y\n1,0\n2,1\n3,0\n4,1\n".utf8))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let configuration = DataConfiguration(
      split: .fractions(
        source: .table(file: "t.csv", features: nil, target: "y"),
        try Fractions(train: 1, dev: 0, test: 0, stratified: false)),
      preprocessing: [.normalize(FixedNormalization(mean: 0, std: 1e-308))],
      target: .classification(classCount: nil), seed: 5)
    let error = #expect(throws: DataFailure.self) {
      _ = try loader.prepare(configuration, as: Double.self)
    }
    #expect(
      error?.description.hasSuffix(
        "too large for float64; normalize's std is far below these values' spread: give the "
          + "standard deviation of your training features (numpy's x.std())") == true,
      "\(String(describing: error)) \(file)")
  }

  @Test func mismatchedFeatureAndLabelCountsAreRefused() throws {
    let dir = TemporaryDirectory()
    dir.write(
      "x.npy", NPYFile.encode(try NDArray(shape: [3, 2], storage: .float64([1, 2, 3, 4, 5, 6]))))
    dir.write("y.npy", NPYFile.encode(try NDArray(shape: [2], storage: .int64([0, 1]))))
    let loader = DataLoader(locator: DataLocator(searchDirectories: [dir.path]))
    let error = #expect(throws: DataError.self) {
      try loader.load(
        .arrays(features: ArrayReference(file: "x.npy"), target: ArrayReference(file: "y.npy")),
        target: .classification(classCount: 2))
    }
    #expect(
      error?.description
        == "\(dir.path)/y.npy: 2 targets for 3 samples in \(dir.path)/x.npy; the features' shape "
        + "(3, 2) has 2 columns, as many as the labels: if they are the samples (as the course "
        + "stores X), save X.T")
    #expect(error?.exitCode == 65)
  }
}

/// Preprocessing undone for pictures (`FittedPreprocessing.rawFeatures`).
@Suite struct RawFeaturesTests {
  let raw: [Double] = [1, 10, 2, 30, 4, 20, 7, 60]

  func fitted(_ steps: [PreprocessingStep]) throws -> (FittedPreprocessing, Matrix<Double>) {
    let array = try NDArray(shape: [4, 2], storage: .float64(raw))
    return try FittedPreprocessing.fit(steps, train: array, as: Double.self)
  }

  @Test(arguments: [
    [PreprocessingStep.standardize], [.minMax(lower: -1, upper: 1)], [.polynomial(degree: 3)],
    [.scale(0.5), .standardize, .polynomial(degree: 2)], [.flatten, .minMax(lower: 0, upper: 1)],
  ])
  func stepsAreUndone(_ steps: [PreprocessingStep]) throws {
    let (preprocessing, x) = try fitted(steps)
    let back = try #require(preprocessing.rawFeatures(x))
    #expect(back.rows == 4 && back.cols == 2)
    for (a, b) in zip(back.storage, raw) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b))) }
  }

  @Test func shapeOfOneSampleIsRecorded() throws {
    let loader = DataLoader(locator: DataLocator(searchDirectories: []))
    let configuration = DataConfiguration(
      split: .given(
        train: .generated(.moons(samples: 20, noise: 0.1), seed: 3), dev: nil, test: nil),
      preprocessing: [.standardize], target: .classification(classCount: 2), seed: 1)
    #expect(try loader.prepare(configuration, as: Double.self).featureShape == [2])
  }
}

/// A value near the floating-point limit makes an output infinite: refused, named. Its
/// statistics are not: standardize computes them on power-of-two scaled columns (AX F14).
@Suite struct OverflowingPreprocessingTests {
  @Test func anInfiniteStatisticOrOutputIsRefused() throws {
    let huge = try NDArray(shape: [3, 2], storage: .float64([1, 1e308, 2, -1e308, 3, 5]))
    let (_, z) = try FittedPreprocessing.fit([.standardize], train: huge, as: Double.self)
    // ±1e308 and 5: ±1/√(2/3) and 0 (to the rounding of 5 beside 1e308).
    #expect(abs(z[0, 1] - 1.5.squareRoot()) < 1e-12 && abs(z[1, 1] + 1.5.squareRoot()) < 1e-12)
    #expect {
      _ = try FittedPreprocessing.fit([.scale(10)], train: huge, as: Double.self)
    } throws: { error in "\(error)".contains("(index [0, 1], counting from 0): scale") }
    let fine = try NDArray(shape: [3, 2], storage: .float64([1, 2, 3, 4, 5, 6]))
    let (fitted, _) = try FittedPreprocessing.fit(
      [.standardize, .scale(10)], train: fine, as: Double.self)
    // Beyond float32 as read, and a held-out split's overflow: at the value's index in the
    // array, as a NaN is (tester BP-2: `row 1, feature 1`, one 1-based, one 0-based).
    #expect {
      _ = try FittedPreprocessing.fit([], train: huge, as: Float.self)
    } throws: { error in
      "\(error)".hasSuffix(
        " (index [0, 1], counting from 0): 1e+308 is beyond float32's range "
          + "(±3.4028235e+38): rescale the column or use dtype: float64")
    }
    #expect {
      _ = try fitted.transform(huge, as: Double.self)
    } throws: { error in "\(error)".contains("(index [0, 1], counting from 0): scale") }
    // Predicting, the parameters are trained: the fix is another run's.
    #expect {
      _ = try fitted.transform(huge, as: Float.self, predicting: true)
    } throws: { error in
      "\(error)".hasSuffix("or predict with a run trained with dtype: float64")
    }
    // The step that overflowed is named, not the last one (standardize by a tiny std, then a
    // scale that keeps infinity infinite).
    let tight = try NDArray(shape: [3, 2], storage: .float64([1, 1, 2, 1.000001, 3, 1.000002]))
    let (steep, _) = try FittedPreprocessing.fit(
      [.standardize, .scale(10)], train: tight, as: Double.self)
    #expect {
      _ = try steep.transform(huge, as: Double.self)
    } throws: { error in "\(error)".contains("standardize makes a value too large") }
  }
}
