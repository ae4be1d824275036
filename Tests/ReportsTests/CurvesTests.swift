import Conventions
import Testing

@testable import Reports

@Suite("learning curve, validation curve, confusion matrix tables")
struct CurvesTests {
  @Test("learning_curve.csv sorted by size, with verdicts")
  func learningCurve() {
    let curve = LearningCurve(
      points: [
        .init(trainSize: 200, trainError: 0.05, heldOutError: 0.12),
        .init(trainSize: 50, trainError: 0.0, heldOutError: 0.3),
      ], diagnosis: CurveDiagnosis(baseError: 0))
    #expect(
      curve.table.rendered
        == "train_size,train_error,dev_error,verdict\n50,0.0,0.3,high variance\n200,0.05,0.12,high variance\n"
    )
  }

  @Test(
    "validation curve over a polynomial degree: best point and the verdict moving from bias to variance"
  )
  func validationCurve() {
    let curve = ValidationCurve(
      parameter: "dataset.degree",
      points: [
        .init(value: 9, trainError: 0.01, heldOutError: 0.25),
        .init(value: 1, trainError: 0.30, heldOutError: 0.32),
        .init(value: 3, trainError: 0.08, heldOutError: 0.10),
      ], heldOutSplit: .test, diagnosis: CurveDiagnosis(baseError: 0.05), integerValues: true)
    #expect(curve.best?.value == 3)
    #expect(
      curve.table.rendered
        == "dataset.degree,train_error,test_error,verdict\n1,0.3,0.32,high bias\n3,0.08,0.1,fine\n9,0.01,0.25,high variance\n"
    )
  }

  @Test("a parameter named like another column is prefixed")
  func clashingName() {
    let curve = ValidationCurve(parameter: "train_error", points: [])
    #expect(curve.columns == ["parameter:train_error", "train_error", "dev_error"])
    #expect(curve.best == nil)
  }

  @Test("confusion matrix from labels, its CSV, and back")
  func confusionMatrix() throws {
    let matrix = try ConfusionMatrix(
      classes: ["non-cat", "cat"], actual: [0, 0, 1, 1, 1], predicted: [0, 1, 1, 1, 0])
    #expect(matrix.counts == [[1, 1], [1, 2]])
    #expect(matrix.accuracy == 0.6)
    let table = try matrix.table
    #expect(table.rendered == "actual,predicted_non-cat,predicted_cat\nnon-cat,1,1\ncat,1,2\n")
    #expect(try ConfusionMatrix(table: table) == matrix)
  }

  @Test("bad labels are typed errors")
  func confusionErrors() throws {
    #expect(throws: ConfusionMatrixError.labelOutOfRange(sample: 1, label: 2, classes: 2)) {
      try ConfusionMatrix(classes: ["a", "b"], actual: [0, 1], predicted: [0, 2])
    }
    #expect(throws: ConfusionMatrixError.lengthMismatch(actual: 1, predicted: 0)) {
      try ConfusionMatrix(classes: ["a"], actual: [0], predicted: [])
    }
    #expect(throws: ConfusionMatrixError.notAConfusionMatrix) {
      try ConfusionMatrix(table: CSVTable(header: ["actual", "predicted_a"], rows: [["a", "-1"]]))
    }
  }
}

@Suite("confusion matrix scores")
struct ConfusionScoresTests {
  /// scikit-learn on y_true = [0,0,0,1,1,2], y_pred = [0,1,0,1,1,1]: precision [1, 0.5, 0],
  /// recall [2/3, 1, 0], f1 [0.8, 2/3, 0], macro F1 0.48888888888888893.
  @Test("per-class and macro precision, recall, F1 like scikit-learn (zero_division=0)")
  func scores() throws {
    let matrix = try ConfusionMatrix(
      classes: ["a", "b", "c"], actual: [0, 0, 0, 1, 1, 2], predicted: [0, 1, 0, 1, 1, 1])
    #expect([0, 1, 2].map(matrix.precision(of:)) == [1, 0.5, 0])
    #expect([0, 1, 2].map(matrix.recall(of:)) == [2.0 / 3, 1, 0])
    #expect(abs(matrix.f1(of: 0) - 0.8) < 1e-15)
    #expect(abs(matrix.macroF1 - 0.48888888888888893) < 1e-15)
    #expect(matrix.scoresTable().rows.last?.first == "macro")
    #expect(matrix.scoresTable().rows.last?.last == "6")
  }

  /// Tester A's iris test split (classes 1 and 2, all predicted 1): class 0 is neither actual
  /// nor predicted, so the macro row skips it; its row shows `–`, not measured-looking zeros.
  @Test("a class neither actual nor predicted shows – and the rows average to the macro row")
  func absentClass() throws {
    let matrix = try ConfusionMatrix(
      classes: ["0", "1", "2"], counts: [[0, 0, 0], [0, 10, 0], [0, 20, 0]])
    let rows = matrix.scoresTable().rows
    #expect(rows[0] == ["0", "–", "–", "–", "0"])
    #expect(rows[1] == ["1", "0.3333333333333333", "1.0", "0.5", "10"])
    #expect(rows[2] == ["2", "0.0", "0.0", "0.0", "20"])
    #expect(rows[3] == ["macro", "0.16666666666666666", "0.5", "0.25", "30"])
  }
}

@Suite("learning-curve sizes")
struct LearningCurveSizesTests {
  /// scikit-learn's `_translate_train_sizes(np.linspace(0.1, 1.0, 5), n)`.
  @Test(
    "default sizes match scikit-learn",
    arguments: [
      (209, [20, 67, 114, 161, 209]), (353, [35, 114, 194, 273, 353]), (10, [1, 3, 5, 7, 10]),
      (3, [1, 2, 3]), (1, [1]),
    ])
  func sizes(trainCount: Int, expected: [Int]) {
    #expect(LearningCurve.sizes(trainCount: trainCount) == expected)
  }
}

/// Long class names in confusion_matrix.svg are cut to the label room (ran off the left edge
/// over the `actual` title, and off the bottom when rotated); short ones stay whole.
@Suite struct ConfusionMatrixLabelTests {
  @Test func longClassNamesAreShortened() throws {
    let long = "three-with-a-very-long-class-name"
    let matrix = try ConfusionMatrix(
      classes: ["one", long], actual: [0, 1], predicted: [0, 1])
    let svg = ConfusionMatrixChart(matrix: matrix).svg
    #expect(svg.contains(">three-with-a-ver…</text>"), "\(svg)")
    #expect(!svg.contains(">\(long)</text>"))
    #expect(svg.contains("data-actual=\"\(long)\""))  // the data keep the whole name
    #expect(svg.contains(">one</text>"))
  }
}
