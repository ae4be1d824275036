import Foundation
import Testing
import Vocabulary

@testable import Specs

/// `report.bootstrap.loss: mse` on 3 or more classes and a `base_error` above (k−1)/k, refused
/// when the data shows the classes (a CSV file's labels), as when the spec shows them (corpus
/// 775-778; tester AI6, AI8).
@Suite struct ClassReportRulesTests {
  static let spec = """
    dataset: {file: points.csv, target: label, split: {train: 0.8, test: 0.2}}
    model: {type: logreg}
    loss: cross_entropy
    optimizer: {type: lbfgs}

    """

  /// `text` with the two-class loss.
  static func binary(_ text: String) -> String {
    text.replacingOccurrences(of: "loss: cross_entropy", with: "loss: binary_cross_entropy")
  }

  @Test func bootstrapMSEIsRefusedOnThreeClassesOfTheData() throws {
    let text = Self.spec + "report: {bootstrap: {rounds: 20, loss: mse}}\n"
    let names = ["a", "b", "c"]
    let three = DataFacts(classes: 3, targetColumns: 1, classNames: names)
    #expect(
      try DataRuleTests.check(text, three) == """
        spec.yaml:5:40: error: mse on 3 classes in the data (a, b, c) would square the distance \
        between class numbers, which renaming the classes changes
          5 | report: {bootstrap: {rounds: 20, loss: mse}}
            |                                        ^
        note: zero_one decomposes the misclassified fraction; mse suits real values or two classes
        fix-it: loss: zero_one

        """)
    let two = DataFacts(classes: 2, targetColumns: 1, classNames: ["a", "b"])
    #expect(try DataRuleTests.check(Self.binary(text), two) == "")
  }

  @Test func baseErrorAboveTheBoundOfTheDataIsRefused() throws {
    let text = Self.spec + "report: {bias_variance: {base_error: 0.6}}\n"
    let two = DataFacts(classes: 2, targetColumns: 1)
    let rendered = try DataRuleTests.check(Self.binary(text), two)
    #expect(
      rendered.hasPrefix(
        "spec.yaml:5:38: error: base_error 0.6 is above (k−1)/k = 1/2, the most a model errs on 2 "
          + "classes in the data (always answering the most common class does at least that well)"),
      "\(rendered)")
    #expect(rendered.contains("fix-it: base_error: 0.4"), "\(rendered)")
    // 0.6 is within 2/3 on three classes, and 0.5 is the two-class bound itself.
    #expect(try DataRuleTests.check(text, DataFacts(classes: 3, targetColumns: 1)) == "")
    let atBound = Self.spec + "report: {bias_variance: {base_error: 0.5}}\n"
    #expect(try DataRuleTests.check(Self.binary(atBound), two) == "")
  }
}
