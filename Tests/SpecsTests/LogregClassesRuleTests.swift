import Testing
import Vocabulary

@testable import Specs

/// A logreg's loss is judged on its classes by one rule: the classes the spec shows (named,
/// a named dataset's, a generator's) before the data, the data's after (tester K-2, K-3).
@Suite struct LogregClassesRuleTests {
  static let files = """
    dataset:
      train: {file: iris_train.csv, target: target}
      test: {file: iris_test.csv, target: target}
    model: {type: logreg}
    loss: mse

    """

  /// A file's regression loss is judged on the classes its labels make: the spec alone passes,
  /// and three classes in the data give `cross_entropy` in one step (it was
  /// `binary_cross_entropy`, then refused on the three classes).
  @Test func aFilesRegressionLossIsJudgedOnTheDatasClasses() throws {
    let loaded = try load(Self.files).get()
    let three = DiagnosticRenderer().render(
      SpecLoader.check(loaded, against: DataFacts(classes: 3, targetColumns: 1)))
    #expect(
      three == """
        spec.yaml:5:7: error: mse is a regression loss; a softmax logistic regression on the 3 classes in the data minimizes cross_entropy
          5 | loss: mse
            |       ^
        note: for real values, use model type linreg
        fix-it: loss: cross_entropy

        """)
    let two = DiagnosticRenderer().render(
      SpecLoader.check(loaded, against: DataFacts(classes: 2, targetColumns: 1)))
    #expect(two.contains("fix-it: loss: binary_cross_entropy"), "\(two)")
    // Labels that look like a real value get no classification loss to use.
    let real = DiagnosticRenderer().render(
      SpecLoader.check(
        loaded, against: DataFacts(classes: 300, targetColumns: 1, trainSamples: 320)))
    #expect(!real.contains("fix-it"), "\(real)")
    #expect(real.contains("model type linreg"), "\(real)")
  }

  /// A named dataset's classes are known before the data: iris with mse is told
  /// `cross_entropy` at once.
  @Test func aNamedDatasetsClassesAreKnownBeforeTheData() {
    let rendered = failure(
      "dataset: {name: iris, split: {test: 0.2}}\nmodel: {type: logreg}\nloss: mse\n")
    #expect(rendered.contains("on the 3 classes of iris minimizes cross_entropy"), "\(rendered)")
    #expect(rendered.contains("fix-it: loss: cross_entropy"), "\(rendered)")
    #expect(DatasetName.iris.classNames?.count == 3)
    #expect(DatasetName.diabetes.classNames == nil && !DatasetName.diabetes.hasClasses)
  }

  /// A written softmax on two classes is named in the loss's error, to remove with it: both
  /// edits lead to a valid spec (it took three steps, the first to cross_entropy).
  @Test func aWrittenSoftmaxOnTwoClassesIsNamedWithTheLoss() throws {
    let spec = """
      dataset: {generator: {type: moons}, split: {test: 0.2}}
      model: {type: logreg, multiclass: softmax}
      loss: mse

      """
    let rendered = failure(spec)
    #expect(rendered.contains("fix-it: loss: binary_cross_entropy"), "\(rendered)")
    #expect(rendered.contains("note: remove multiclass: softmax too"), "\(rendered)")
    let fixed = spec.replacingOccurrences(of: ", multiclass: softmax", with: "")
      .replacingOccurrences(of: "loss: mse", with: "loss: binary_cross_entropy")
    _ = try load(fixed).get()
    // cross_entropy on the two classes names it too.
    let crossEntropy = failure(
      spec.replacingOccurrences(of: "loss: mse", with: "loss: cross_entropy"))
    #expect(crossEntropy.contains("cross_entropy with 2 classes of the moons generator"))
    #expect(crossEntropy.contains("note: remove multiclass: softmax too"), "\(crossEntropy)")
  }

  /// A sweep whose trials set the strategy is checked trial by trial, not as its base spec
  /// (whose swept keys keep their defaults).
  @Test func aSweptStrategyIsCheckedPerTrial() {
    let spec = """
      dataset: {generator: {type: spirals, classes: 3}, split: {train: 0.8, test: 0.2}}
      model: {type: logreg}
      sweep:
        method: grid
        parameters: {model.multiclass: [ovr, ovo]}

      """
    #expect(failure(spec) == "<loaded>")
    let withSoftmax = failure(
      spec.replacingOccurrences(of: "[ovr, ovo]", with: "[ovr, softmax]"))
    #expect(
      withSoftmax.contains(
        "with model.multiclass = softmax, loss defaults to binary_cross_entropy (none is "
          + "written), with 3 classes"),
      "\(withSoftmax)")
  }
}
