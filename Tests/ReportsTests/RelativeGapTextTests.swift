import Testing

@testable import Reports

/// The gaps line prints a relative gap as a percentage with the other figures' three
/// significant digits once it is large, not in full, and says a reference error about 0 (a
/// gap over a million times it) is about 0 rather than a percentage of it.
@Suite("relative gaps on the gaps line")
struct RelativeGapTextTests {
  /// Tester A's exact fit of 3 rows by 3 unknowns: a training MSE of 1.1e-27 made the variance
  /// `+457468762339769032914407864139776% of train`, then `+4.57e+32% of train`.
  @Test(
    "an exact fit's gap says the train error is about 0, a large one +1.5e+03%, a small one whole")
  func hugeShare() {
    let exact = BiasVarianceDiagnosis(
      baseError: 3000, trainError: 1.1443742198406145e-27, devError: 5235.1,
      thresholds: .regressionDefault)
    #expect(
      exact.gapsText.contains(
        "variance 5.24e+03 (dev − train error, train error about 0: an exact fit)"),
      "\(exact.gapsText)")
    let large = BiasVarianceDiagnosis(
      baseError: 3000, trainError: 3000, devError: 48000, thresholds: .regressionDefault)
    #expect(large.gapsText.contains("(dev − train error, +1.5e+03% of train)"), "\(large.gapsText)")
    let small = BiasVarianceDiagnosis(
      baseError: 3000, trainError: 3000, devError: 4050, thresholds: .regressionDefault)
    #expect(small.gapsText.contains("(dev − train error, +35% of train)"))
    #expect(BiasVarianceDiagnosis.percentage(9.99) == "+999")
    #expect(BiasVarianceDiagnosis.percentage(-12.345) == "-1.23e+03")
    #expect(BiasVarianceDiagnosis.percentage(.infinity) == "+inf")
  }
}
