import Engine
import Testing

@testable import Datasets

/// Under `dtype: float32`, `min_max` judges a column constant as scikit-learn's `MinMaxScaler`
/// judges float32 data: a training range below 10·ε of float32 (1.2e-6), not of float64. A
/// column of 0.3f and the next float32 (a range of 3e-8) was divided by 3e-8, which turned a
/// held-out 0.31 into 3e5 (tester AJ2). The figures are scikit-learn's, on float32 arrays
/// (`SklearnMinMaxFloat32`).
@Suite struct MinMaxFloat32Tests {
  /// Within two float32 roundings of scikit-learn's figure (it multiplies by a rounded
  /// reciprocal where the runner divides).
  static func near(_ a: [Float], _ b: [Float]) -> Bool {
    a.count == b.count
      && zip(a, b).allSatisfy { abs($0 - $1) <= 2 * Float.ulpOfOne * max(1, abs($1)) }
  }

  @Test func aColumnOneFloat32StepWideIsConstantAsScikitLearnJudgesIt() throws {
    let train = try NDArray(shape: [4, 2], storage: .float32(SklearnMinMaxFloat32.train))
    let heldOut = try NDArray(shape: [1, 2], storage: .float32(SklearnMinMaxFloat32.heldOut))
    for c in SklearnMinMaxFloat32.cases {
      let step = PreprocessingStep.minMax(lower: c.lower, upper: c.upper)
      let (fitted, x) = try FittedPreprocessing.fit([step], train: train, as: Float.self)
      #expect(Self.near(x.storage, c.train), "\(step): \(x.storage)")
      let held = try fitted.transform(heldOut, as: Float.self)
      #expect(Self.near(held.storage, c.heldOut), "\(step): \(held.storage)")
      // The decision is recorded: the column's max is its min, as preprocessing.csv prints it,
      // and the inverse transform undoes the shift alone.
      let stat = fitted.statistics[0].values
      #expect(stat["max"]?[1] == stat["min"]?[1] && stat["max"]?[0] == 2)
      let back = try #require(fitted.rawFeatures(held))
      #expect(Self.near(back.storage.map { Float($0) }, c.inverse), "\(step): \(back.storage)")
    }
  }

  /// The same values trained in float64 span 3e-8, far above float64's 10·ε: divided by their
  /// range, as `MinMaxScaler` divides float64 data.
  @Test func theSameValuesInFloat64AreScaled() throws {
    let train = try NDArray(
      shape: [4, 2], storage: .float64(SklearnMinMaxFloat32.train.map { Double($0) }))
    let (fitted, x) = try FittedPreprocessing.fit(
      [.minMax(lower: 0, upper: 1)], train: train, as: Double.self)
    let stat = fitted.statistics[0].values
    #expect(stat["max"]?[1] == Double(SklearnMinMaxFloat32.train[1]))
    #expect(x[0, 1] == 1 && x[1, 1] == 0)
  }
}
