import Conventions
import Foundation
import Testing

@testable import Reports

/// A regression's variance gap is judged by Mood's median test and a permutation test of the mean
/// on each row's loss, twice the smaller p-value (tester s27 G4: the normal tail of the training
/// losses' spread called a true line's noise high variance three times as often as it promised,
/// since squared losses are skewed).
@Suite("Regression variance by the median test")
struct MedianTestTests {
  /// Eight training losses 0.1 and 0.2, two held-out 0.1 and 0.5: the gap (0.15) is 3.5 of the
  /// training spread's standard errors, yet one of the two held-out losses above the median of
  /// all ten (0.15), as four of the eight training ones are, is no evidence (median test p =
  /// 1 − C(5, 2)/C(10, 2)), nor is a mean that 9 of the 45 pairs reach (permutation p ≈ 0.2).
  @Test("a skewed held-out loss within the tests is variance unclear")
  func skewedLossIsNoEvidence() throws {
    let train = [0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2]
    let sampling = try #require(SamplingError.meanLossGap(train, heldOut: [0.1, 0.5]))
    guard case .median(1, 4, let median, let permutation) = sampling.test else {
      Issue.record("\(sampling.test)")
      return
    }
    #expect(median == 0.15000000000000002)
    #expect(abs(permutation - 9.0 / 45) < 0.03, "\(permutation)")
    #expect(0.15 > 3 * sampling.standardError)  // what the normal tail called beyond
    #expect(abs(try #require(sampling.medianPValue) - (1 - 10.0 / 45)) < 1e-14)
    #expect(sampling.pValue(gap: 0.15) == 2 * permutation)
    let d = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.15, testError: 0.3, thresholds: .regressionDefault,
      heldOutSampling: sampling)
    #expect(d.verdict == .varianceUnclear)
    #expect(
      d.verdictText.hasPrefix(
        "variance unclear (bias not judged: base_error 0) (the variance gap is within the sampling error (1 of 2 test vs 4 of 8 train rows' losses above their median 0.15 (median test p 0.778), mean gap permutation test p 0."
      ), "\(d.verdictText)")
    let row = Dictionary(uniqueKeysWithValues: zip(d.table.header, d.table.rows[0]))
    #expect(row["variance_p_value"].flatMap(Double.init) == 2 * permutation)
  }

  /// Three held-out losses above every training loss: they are the three above the median by
  /// chance 1/C(11, 3), and the only triple as large: twice either p-value, about 0.012, is
  /// beyond the cut-off 0.02275; every loss alike gives p = 1. (Two such rows of ten cannot be:
  /// twice 1/C(10, 2) is 0.044.)
  @Test("held-out losses above all training losses are beyond the sampling error")
  func overfitIsBeyond() throws {
    let train = Array(repeating: 0.1, count: 8)
    let sampling = try #require(SamplingError.meanLossGap(train, heldOut: [5, 6, 7]))
    #expect(abs(try #require(sampling.medianPValue) - 1.0 / 165) < 1e-15)
    #expect(abs(sampling.pValue(gap: 5.9) - 2.0 / 165) < 0.004, "\(sampling.pValue(gap: 5.9))")
    let d = BiasVarianceDiagnosis(
      baseError: 0, trainError: 0.1, testError: 6, thresholds: .regressionDefault,
      heldOutSampling: sampling)
    #expect(d.verdict == .highVariance)
    let two = try #require(SamplingError.meanLossGap(train, heldOut: [5, 6]))
    #expect(two.pValue(gap: 5.4) > SamplingError.significance)
    let alike = try #require(SamplingError.meanLossGap([0, 0], heldOut: [0, 0]))
    #expect(alike.pValue(gap: 0) == 1 && alike.pValue(below: 0) == 1)
    #expect(SamplingError.median([3, 1, 2]) == 2 && SamplingError.median([4, 1, 2, 3]) == 2.5)
    #expect(SamplingError.median([.greatestFiniteMagnitude, .greatestFiniteMagnitude]).isFinite)
  }

  /// The permutation draws are fixed: the same losses give the same p-value, to the bit.
  @Test func thePermutationTestIsDeterministic() {
    let train = (0..<50).map { Double($0 % 7) / 3 }
    let heldOut = (0..<12).map { Double($0 % 5) / 2 + 0.5 }
    let one = SamplingError.permutationPValue(train: train, heldOut: heldOut)
    #expect(one == SamplingError.permutationPValue(train: train, heldOut: heldOut))
    // Drawing the smaller side either way round tests the same tail.
    let swapped = SamplingError.permutationPValue(train: heldOut, heldOut: train)
    #expect(one < 0.5 && swapped > 0.5, "\(one) \(swapped)")
  }

  /// Squared unit-Gaussian losses, 80 training and 20 held-out rows drawn alike, as the
  /// tester's simulation (its sim2.py; no fitting): the old normal tail called 5.4% of them
  /// past the 10% threshold and beyond two standard errors; the tests together stay under 2.5%.
  @Test("the median and permutation tests hold their level for squared Gaussian losses")
  func holdsItsLevel() throws {
    var generator = SplitMix64(seed: 20_261_204)
    func squaredNormal() -> Double {
      let u = Double.random(in: Double.ulpOfOne..<1, using: &generator)
      let v = Double.random(in: 0..<1, using: &generator)
      let z = (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
      return z * z
    }
    let runs = 2000
    var alarms = 0
    for _ in 0..<runs {
      let train = (0..<80).map { _ in squaredNormal() }
      let heldOut = (0..<20).map { _ in squaredNormal() }
      let sampling = try #require(SamplingError.meanLossGap(train, heldOut: heldOut))
      let (trainMean, heldOutMean) = (train.reduce(0, +) / 80, heldOut.reduce(0, +) / 20)
      let gap = heldOutMean - trainMean
      if gap / trainMean > 0.1, !sampling.holds(gap: gap) { alarms += 1 }
    }
    #expect(Double(alarms) / Double(runs) <= 0.025, "\(alarms) of \(runs)")
  }
}
