import Testing
import Vocabulary

@testable import Specs

/// Many classes for the training rows (an ID column read as the target, tester V11): warned at
/// the target, as scikit-learn warns of its least populated class; not when a rule refuses the
/// spec already, nor for classes with rows enough.
@Suite struct ManyClassesWarningTests {
  static let logreg = """
    dataset: {file: m.csv, target: target}
    model: {type: logreg, multiclass: softmax}
    loss: cross_entropy

    """

  @Test func thousandClassesOnTwentyFourHundredRowsAreWarned() throws {
    let facts = DataFacts(classes: 1000, targetColumns: 1, trainSamples: 2400)
    let rendered = try DataRuleTests.check(Self.logreg, facts)
    #expect(
      rendered
        == """
        spec.yaml:1:32: warning: the labels make 1000 classes for the 2400 rows of the training \
        set (2.4 rows per class on average): too few to learn each class from
          1 | dataset: {file: m.csv, target: target}
            |                                ^
        note: is the target an ID or a real value read as class labels? for a real value, use \
        loss: mse with model type linreg, or with an mlp whose output layer is one identity \
        unit; to classify, give each class more rows (or merge rare classes)

        """, "\(rendered)")
  }

  @Test func fewClassesOrRowsEnoughAreNotWarned() throws {
    // 50 classes, or 5 rows per class: not many for the rows.
    #expect(
      try DataRuleTests.check(
        Self.logreg, DataFacts(classes: 50, targetColumns: 1, trainSamples: 60)) == "")
    #expect(
      try DataRuleTests.check(
        Self.logreg, DataFacts(classes: 100, targetColumns: 1, trainSamples: 500)) == "")
    #expect(
      try DataRuleTests.check(
        Self.logreg, DataFacts(classes: 100, targetColumns: 1, trainSamples: 499)) != "")
  }

  @Test func aRefusedSpecIsNotWarnedToo() throws {
    // binary_cross_entropy on many classes is refused, its note saying the labels look real.
    let binary = Self.logreg.replacingOccurrences(of: "loss: cross_entropy", with: "loss: mse")
    let rendered = try DataRuleTests.check(
      binary, DataFacts(classes: 1000, targetColumns: 1, trainSamples: 2400))
    #expect(rendered.contains("error: "), "\(rendered)")
    #expect(!rendered.contains("warning: "), "\(rendered)")
  }
}
