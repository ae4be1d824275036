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
}
