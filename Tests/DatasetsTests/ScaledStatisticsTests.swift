import Engine
import Testing

@testable import Datasets

/// `standardize` across float64's range (tester AX F14): features near 1e-165 had std 0 (their
/// squares underflow) and were left unscaled as constant columns, near 1e-160 a std wrong in
/// its 4th digit, near 1e300 a refusal; `min_max` in float32 took iris in km (1e-7) for
/// constant columns by an absolute threshold.
@Suite struct ScaledStatisticsTests {
  static let raw: [Double] = [5.1, 3.5, 4.9, 3.0, 6.7, 3.1, 5.8, 2.7, 7.9, 3.8, 4.4, 2.9]

  @Test(arguments: [-600, -548, -1040, 600, 990])
  func standardizeHasTheSameStatisticsInAnyPowerOfTwoUnits(power: Int) throws {
    let f = Double(sign: .plus, exponent: power, significand: 1)
    let plain = try NDArray(shape: [6, 2], storage: .float64(Self.raw))
    let scaled = try NDArray(shape: [6, 2], storage: .float64(Self.raw.map { $0 * f }))
    let (p, px) = try FittedPreprocessing.fit([.standardize], train: plain, as: Double.self)
    let (s, sx) = try FittedPreprocessing.fit([.standardize], train: scaled, as: Double.self)
    let (pStd, sStd) = (try #require(p.statistics[0].values["std"]), s.statistics[0].values["std"])
    #expect(pStd.allSatisfy { $0 > 0 })
    // Subnormal statistics (2^-1040) keep only the bits a subnormal holds.
    let tolerance = power < -1000 ? 1e-9 : 0
    for (a, b) in zip(pStd, try #require(sStd)) { #expect(abs(a * f - b) <= tolerance * b) }
    for (a, b) in zip(px.storage, sx.storage) { #expect(abs(a - b) <= max(tolerance, 1e-15)) }
  }

  @Test func minMaxInFloat32ScalesIrisInKilometres() throws {
    let km = try NDArray(shape: [6, 2], storage: .float64(Self.raw.map { $0 * 1e-7 }))
    let (fitted, x) = try FittedPreprocessing.fit(
      [.minMax(lower: 0, upper: 1)], train: km, as: Float.self)
    let (lo, hi) = (
      fitted.statistics[0].values["min"] ?? [], fitted.statistics[0].values["max"] ?? []
    )
    #expect(zip(lo, hi).allSatisfy { $0 < $1 }, "\(lo) \(hi)")
    #expect(x.storage.max() == 1 && x.storage.min() == 0)
  }
}
