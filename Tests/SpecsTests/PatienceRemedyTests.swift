import Testing

@testable import Specs

/// The advice when early stopping has too few records for its patience names only remedies
/// that can work: patience is at least 1, and `record_every` must leave more than `patience`
/// records after the first.
@Suite struct PatienceRemedyTests {
  @Test func oneRecordAfterTheFirstAdvisesOnlyRecordingMoreOften() {
    // 200 epochs, record_every 500, patience 5: a patience below 1 does not exist.
    #expect(
      SpecValidator.patienceRemedy(units: 200, checks: 1, patience: 5, unit: "epochs")
        == "record more often (record_every ≤ 39)")
  }

  @Test func theAdvisedRecordEveryLetsThePatienceAct() {
    for (units, patience) in [(200, 5), (10, 5), (7, 3), (100, 99)] {
      let recordEvery = (units + patience - 1) / patience - 1
      #expect((units + recordEvery - 1) / recordEvery > patience)
      #expect((units + recordEvery) / (recordEvery + 1) <= patience)
    }
  }

  @Test func aPatienceOfAtLeastTheBudgetCanOnlyTrainLonger() {
    #expect(
      SpecValidator.patienceRemedy(units: 1, checks: 1, patience: 1, unit: "epochs")
        == "train longer: with epochs = 1, no record_every leaves more than 1 record after the first"
    )
    #expect(
      SpecValidator.patienceRemedy(units: 5, checks: 3, patience: 10, unit: "epochs")
        == "give a patience below 3")
  }
}
