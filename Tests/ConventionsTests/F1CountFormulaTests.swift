import Conventions
import Testing

/// F1 from the counts, as scikit-learn's `f1_score` (2·TP / (2·TP + FP + FN)).
@Suite struct F1CountFormulaTests {
  @Test func f1IsExactWhereTheCountFormulaIs() throws {
    // Class 1: TP 3, FP 2, FN 0 (tester AI5): precision 0.6, recall 1, and 2PR/(P+R) rounds
    // to 0.7499999999999999 where 6/8 is exactly 0.75.
    let matrix = try ConfusionMatrix(classes: ["0", "1"], counts: [[1, 2], [0, 3]])
    #expect(matrix.precision(of: 1) == 0.6)
    #expect(matrix.recall(of: 1) == 1)
    #expect(matrix.f1(of: 1) == 6.0 / 8.0)
    #expect(matrix.f1(of: 0) == 2.0 / 4.0)
    #expect(matrix.macroF1 == (6.0 / 8.0 + 2.0 / 4.0) / 2)
  }

  @Test func aClassNeitherActualNorPredictedScoresZero() throws {
    let matrix = try ConfusionMatrix(
      classes: ["a", "b", "c"], counts: [[2, 0, 0], [1, 1, 0], [0, 0, 0]])
    #expect(matrix.f1(of: 2) == 0)
    #expect(matrix.f1(of: 0) == 4.0 / 5.0)
  }
}
