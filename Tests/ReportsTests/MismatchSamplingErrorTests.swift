import Conventions
import Foundation
import Testing

@testable import Reports

/// A data-mismatch gap within the sampling error of the gap between the dev (test) and
/// train-dev errors is not called a data mismatch: a train-dev split drawn from the same
/// shuffled rows as the test set has none, whatever its few rows give.
@Suite("Data mismatch against its sampling error")
struct MismatchSamplingErrorTests {
  /// The tester's iris run: train-dev 0 of 30 wrong, test 2 of 30 (pooled 2 of 60).
  static func iris(mismatch: SamplingError?) -> BiasVarianceDiagnosis {
    BiasVarianceDiagnosis(
      baseError: 0, trainError: 2.0 / 90, trainDevError: 0, testError: 2.0 / 30,
      heldOutSampling: SamplingError.fractionGap(
        train: 2.0 / 90, trainCount: 90, heldOut: 0, heldOutCount: 30),
      trainSampling: SamplingError.fraction(atRate: 0, count: 90), mismatchSampling: mismatch)
  }

  static let irisGap = SamplingError.fractionGap(
    train: 0, trainCount: 30, heldOut: 2.0 / 30, heldOutCount: 30)

  @Test("a gap within two standard errors is unclear, with advice to hold out more rows")
  func withinTheNoise() throws {
    let d = Self.iris(mismatch: Self.irisGap)
    #expect(abs(try #require(Self.irisGap).standardError - 0.046348119143587135) < 1e-15)
    #expect(d.dataMismatch! > d.thresholds.dataMismatch)
    #expect(d.hasDataMismatch == false && d.mismatchWithinSamplingError)
    #expect(
      d.verdictText
        == "fine, data mismatch unclear (the data mismatch gap is within the sampling error (2 of 30 test vs 0 of 30 train_dev rows wrong: p = 0.246, Fisher's exact test))"
    )
    #expect(!d.recommendations.contains { $0.hasPrefix("reduce data mismatch") })
    #expect(!d.recommendations.contains { $0.hasPrefix("nothing stands out") })
    #expect(
      d.nextSteps()
        == [
          "hold out more rows: raise `dataset.split.train_dev` and `dataset.split.test`, taking the rows from `dataset.split.train` when it is given (the data mismatch gap is within the sampling error of 30 test samples against the train_dev ones, which shrinks as 1/√n: four times the rows halve it) before making the training data more like the dev/test data"
        ])
    #expect(!d.looksFine)
    let row = Dictionary(uniqueKeysWithValues: zip(d.table.header, d.table.rows[0]))
    #expect(row["data_mismatch_standard_error"] == "0.046348119143587135")
    #expect(row["verdict"] == d.verdictText)
  }

  @Test("a gap beyond its sampling error, or of unknown sampling error, is a data mismatch")
  func beyondTheNoise() {
    let tight = Self.iris(mismatch: SamplingError(standardError: 0.02, count: 300))
    #expect(tight.hasDataMismatch == true && !tight.mismatchWithinSamplingError)
    #expect(tight.verdictText == "fine, data mismatch")
    #expect(tight.recommendations.contains { $0.hasPrefix("reduce data mismatch") })
    let unknown = Self.iris(mismatch: nil)
    #expect(unknown.verdictText == "fine, data mismatch")
    let row = Dictionary(uniqueKeysWithValues: zip(unknown.table.header, unknown.table.rows[0]))
    #expect(row["data_mismatch_standard_error"] == "")
  }

  /// Variance, avoidable bias and data mismatch are judged by one rule.
  @Test("one rule for every gap: past the threshold, within the margin")
  func oneRule() {
    let margin = SamplingError(standardError: 0.05, count: 10)
    #expect(BiasVarianceDiagnosis.within(0.1, exceeding: true, margin))
    #expect(!BiasVarianceDiagnosis.within(0.11, exceeding: true, margin))
    #expect(!BiasVarianceDiagnosis.within(0.1, exceeding: false, margin))
    #expect(!BiasVarianceDiagnosis.within(0.1, exceeding: true, nil))
    #expect(!BiasVarianceDiagnosis.within(nil, exceeding: true, margin))
  }

  /// Generated data gets the one key that adds rows to every part; a given dev set, a bigger
  /// one.
  @Test("the advice names the keys that add rows")
  func adviceKeys() {
    var generated = DiagnosisContext()
    generated.generatedSamples = 100
    var given = DiagnosisContext()
    given.givenParts = ["dev"]
    func advice(_ context: DiagnosisContext) -> String? {
      BiasVarianceDiagnosis(
        baseError: 0, trainError: 0, trainDevError: 0, devError: 0.1, context: context,
        mismatchSampling: SamplingError(standardError: 0.06, count: 20)
      ).mismatchSamplingAdvice
    }
    #expect(
      advice(generated)?.hasPrefix(
        "hold out more rows: raise `dataset.generator.samples` from 100 to 400 (") == true)
    #expect(
      advice(given)?.hasPrefix(
        "hold out more rows: raise `dataset.split.train_dev`, and give a bigger dev set than the 20 samples given ("
      ) == true)
  }

  /// A regression's relative gap passes its threshold while the gap itself is within the
  /// margin (the tester's diabetes: 773 against ±979).
  @Test("a regression's gap is compared with its margin in the loss's units")
  func regression() {
    let d = BiasVarianceDiagnosis(
      baseError: 2500, trainError: 2999.2, trainDevError: 2178.2, testError: 2950.7,
      thresholds: .regressionDefault,
      mismatchSampling: SamplingError(standardError: 489.4, count: 88))
    #expect(d.relativeDataMismatch! > 0.3)
    #expect(d.verdictText.hasPrefix("high bias, data mismatch unclear (the data mismatch gap"))
  }
}
