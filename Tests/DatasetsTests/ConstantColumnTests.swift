import Engine
import Testing

@testable import Datasets

/// A column constant on the training split is left unscaled, as scikit-learn's `StandardScaler`
/// leaves it (its variance is within the rounding of the two-pass computation). Six 0.1s have
/// mean 0.1 − 1 ulp and a computed std of 1.4e-17: dividing by it made the training column −1
/// and a dev value of 0.2 become 7.2e15.
@Suite struct ConstantColumnTests {
  @Test func standardizeOnlyCentresAConstantColumn() throws {
    let raw: [Double] = [0.1, 1, 0.1, 2, 0.1, 3.5, 0.1, -1, 0.1, 0.5, 0.1, 0]
    let train = try NDArray(shape: [6, 2], storage: .float64(raw))
    let (fitted, x) = try FittedPreprocessing.fit([.standardize], train: train, as: Double.self)
    #expect(fitted.statistics[0].values["std"]?[0] == 0)
    // scikit-learn 1.9.1: StandardScaler().fit(train).transform(train), then of the dev rows.
    let expected: [Double] = [
      1.3877787807814457e-17, 0.0, 1.3877787807814457e-17, 0.6928203230275508,
      1.3877787807814457e-17, 1.7320508075688772, 1.3877787807814457e-17, -1.3856406460551016,
      1.3877787807814457e-17, -0.3464101615137754, 1.3877787807814457e-17, -0.6928203230275508,
    ]
    for (a, b) in zip(x.storage, expected) { #expect(abs(a - b) < 1e-15) }
    let dev = try NDArray(shape: [2, 2], storage: .float64([0.2, 1, 0.3, 0]))
    let devExpected: [Double] = [0.10000000000000002, 0.0, 0.2, -0.6928203230275508]
    for (a, b) in zip(try fitted.transform(dev, as: Double.self).storage, devExpected) {
      #expect(abs(a - b) < 1e-15)
    }
  }

  /// A `min_max` column whose training values differ only by rounding (0.3 and 0.1 + 0.2, a
  /// range of 5.6e-17) is constant, as `MinMaxScaler` judges it (range below 10·ε): divided by
  /// 1, not by 5.6e-17, which made a dev value of 0.31 become 1.8e14 (tester AI7).
  @Test func minMaxDividesAColumnConstantUpToRoundingByOne() throws {
    let train = try NDArray(
      shape: [4, 2], storage: .float64([0.5, 0.30000000000000004, -1, 0.3, 2, 0.3, 1, 0.1 + 0.2]))
    let dev = try NDArray(shape: [1, 2], storage: .float64([1.5, 0.31]))
    // scikit-learn 1.9.1: MinMaxScaler(feature_range).fit(train).transform(train), then of dev.
    let cases: [(PreprocessingStep, [Double], [Double])] = [
      (
        .minMax(lower: 0, upper: 1),
        [0.5, 5.551115123125783e-17, 0, 0, 1, 0, 0.6666666666666666, 5.551115123125783e-17],
        [0.8333333333333333, 0.010000000000000009]
      ),
      (
        .minMax(lower: -1, upper: 1),
        [-5.551115123125783e-17, -1, -1, -1, 0.9999999999999999, -1, 0.33333333333333326, -1],
        [0.6666666666666666, -0.9800000000000001]
      ),
    ]
    for (step, expected, devExpected) in cases {
      let (fitted, x) = try FittedPreprocessing.fit([step], train: train, as: Double.self)
      #expect(x.storage.count == expected.count && x.storage.count == 8)
      for (a, b) in zip(x.storage, expected) { #expect(abs(a - b) < 1e-15) }
      let d = try fitted.transform(dev, as: Double.self).storage
      #expect(d.count == 2)
      for (a, b) in zip(d, devExpected) { #expect(abs(a - b) < 1e-15) }
      // Undone with the same rule: the raw features come back.
      let raw = try #require(fitted.rawFeatures(try fitted.transform(dev, as: Double.self)))
      #expect(abs(raw[0, 1] - 0.31) < 1e-15 && abs(raw[0, 0] - 1.5) < 1e-15)
    }
    // The decision is recorded at the fit, relative to the values: 1000 and the next double
    // are one value (its max is its min); 0 and 2e-15 are two (tiny units are units, AX F14).
    let next = 1000.0.nextUp
    let edge = try NDArray(shape: [2, 2], storage: .float64([1000, 0, next, 2e-15]))
    let stat = try FittedPreprocessing.fit(
      [.minMax(lower: 0, upper: 1)], train: edge, as: Double.self
    ).0
    #expect(stat.statistics[0].values["max"] == [1000, 2e-15])
  }
}
