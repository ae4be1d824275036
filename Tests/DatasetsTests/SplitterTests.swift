import Engine
import Testing

@testable import Datasets

@Suite struct SplitterTests {
  @Test func stratifiedFractionsKeepClassProportions() throws {
    let labels = Array(repeating: 0, count: 100) + Array(repeating: 1, count: 50)
    var rng = SeededGenerator(seed: 1)
    let fractions = try Fractions(train: 0.6, dev: 0.2, test: 0.2)
    let (train, dev, test) = Splitter.split(
      count: 150, fractions: fractions, labels: labels, using: &rng)
    #expect(train.count == 90 && dev.count == 30 && test.count == 30)
    #expect(
      test.filter { labels[$0] == 1 }.count == 10 && dev.filter { labels[$0] == 1 }.count == 10)
    #expect(Set(train + dev + test).count == 150)
    var again = SeededGenerator(seed: 1)
    #expect(
      Splitter.split(count: 150, fractions: fractions, labels: labels, using: &again).test == test)
    #expect(throws: DataError.self) { try Fractions(train: 0.5, dev: 0.2, test: 0.2) }
  }

  @Test func kFoldPartitionsEverySampleOnce() throws {
    let labels = (0..<30).map { $0 % 3 }
    var rng = SeededGenerator(seed: 9)
    let folds = try Splitter.kFold(count: 30, folds: 5, labels: labels, using: &rng)
    #expect(folds.count == 5)
    #expect(folds.flatMap(\.validation).sorted() == Array(0..<30))
    for fold in folds {
      #expect(fold.validation.count == 6 && fold.train.count == 24)
      #expect(Set(fold.train).isDisjoint(with: fold.validation))
      #expect((0..<3).allSatisfy { c in fold.validation.filter { labels[$0] == c }.count == 2 })
    }
    #expect(throws: DataError.self) {
      try Splitter.kFold(count: 3, folds: 5, labels: nil, using: &rng)
    }
  }

  @Test func trainDevIsCarvedFromTrainAndSharesItsStatistics() throws {
    let loader = DataLoader(locator: DataLocator(searchDirectories: []))
    let configuration = DataConfiguration(
      split: .fractions(
        source: .generated(.moons(samples: 200, noise: 0.1), seed: 3),
        try Fractions(train: 0.8, test: 0.2)),
      trainDev: TrainDevPart(.fraction(0.2)),
      preprocessing: [.minMax(lower: -1, upper: 1), .polynomial(degree: 2)],
      target: .classification(classCount: 2), seed: 5)
    let data = try loader.prepare(configuration, as: Float.self)
    #expect(data.train.count == 120 && data.trainDev?.count == 40 && data.test?.count == 40)
    #expect(data.train.features.cols == 5)  // a, b, a², ab, b²
    #expect(data.train.targets.cols == 1)
    let a = (0..<data.train.count).map { data.train.features[$0, 0] }
    #expect(a.min() == -1 && a.max() == 1)
    #expect(data.preprocessing.statistics.map(\.step) == ["min_max(-1.0, 1.0)"])
    #expect(data.partitions.map(\.name) == ["train", "train_dev", "test"])
  }

  @Test func polynomialExpansionRefusesAbsurdWidths() throws {
    let wide = Matrix<Double>(rows: 1, cols: 784)
    let error = #expect(throws: DataError.self) { try PolynomialFeatures.expand(wide, degree: 2) }
    #expect(
      error?.description.hasPrefix(
        "polynomial degree 2 on 784 features gives more than 100000 columns") == true)
    #expect(PolynomialFeatures.termCount(features: 3, degree: 2, limit: 100) == 9)
    #expect(
      try PolynomialFeatures.expand(Matrix([[2.0, 3.0]]), degree: 2) == Matrix([[2, 3, 4, 6, 9]]))
  }

  @Test func polynomialTermsFollowScikitLearnOrder() {
    #expect(
      PolynomialFeatures.terms(features: 2, degree: 3) == [
        [0], [1], [0, 0], [0, 1], [1, 1], [0, 0, 0], [0, 0, 1], [0, 1, 1], [1, 1, 1],
      ])
    // Named as scikit-learn's get_feature_names_out names them.
    #expect(
      PolynomialFeatures.names(["a", "b"], degree: 3) == [
        "a", "b", "a^2", "a b", "b^2", "a^3", "a^2 b", "a b^2", "b^3",
      ])
  }
}
