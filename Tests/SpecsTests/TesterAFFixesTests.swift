import Testing

@testable import Specs

/// Session 35 tester AF's findings on the spec layer: a seed reads what a count reads, and the
/// messages of curve keys and early stopping keep what the user meant.
@Suite struct TesterAFFixesTests {
  static let spec = """
    dataset: {generator: moons, split: {train: 0.8, dev: 0.2}}
    model: {type: logreg}
    optimizer: {type: sgd, learning_rate: 0.01, epochs: 2}

    """

  /// AF4: a seed reads what a count reads: a whole number, `0x10` too; `1e3`, a float in YAML,
  /// is refused with the whole number as its fix-it, as a count's is (tester BD m11); in the
  /// file, by `--set` and in a sweep list alike. A fraction or a point is refused.
  @Test func aSeedReadsWhatACountReads() throws {
    #expect(try load(Self.spec + "seed: 0x10\n").get().spec.seed == 16)
    #expect(failure(Self.spec + "seed: 1e3\n").contains("fix-it: seed: 1000"))
    #expect(failure(Self.spec, overrides: ["seed=1e0"]).contains("without an exponent"))
    #expect(
      failure(Self.spec + "sweep: {parameters: {seed: [1e0, 2]}}\n").contains(
        "seed must be a whole number without an exponent (got 1e0"))
    #expect(failure(Self.spec + "seed: 1e-1\n").contains("seed must be a whole number ≥ 0"))
    #expect(failure(Self.spec + "seed: 1.5e3\n").contains("fix-it: seed: 1500"))
    #expect(failure(Self.spec + "seed: -1e0\n").contains("seed must be ≥ 0 (got -1e0)"))
    #expect(failure(Self.spec + "seed: 1e20\n").contains("seed is too large (got 1e20)"))
  }

  /// AF5: `dev_loss` and `val_loss` name the split early stopping watches: 'loss' is meant.
  /// `train_loss` is not (no did-you-mean).
  @Test func earlyStoppingOnlySuggestsTheDevSplitsOwnQuantity() {
    let stopping = { (metric: String) in
      failure(
        Self.spec.replacingOccurrences(
          of: "epochs: 2}", with: "epochs: 2, early_stopping: {metric: \(metric)}}"))
    }
    #expect(stopping("val_loss").contains("did you mean 'loss'?"))
    #expect(!stopping("train_loss").contains("did you mean"))
    #expect(stopping("train_loss").contains("watching the training split's loss is not offered"))
  }

  /// AF2: `l3` is a typo, not another tool's strength: no note to convert the values; `lambda`
  /// and `regularization.alpha` still get it.
  @Test func onlyAnotherToolsStrengthIsToldToConvertTheCurvesValues() {
    let curve = { (parameter: String) in
      failure(
        Self.spec + "report: {validation_curve: {parameter: \(parameter), values: [0.1, 1]}}\n")
    }
    let convert = "the curve's values are the spec key's own: convert each one"
    #expect(!curve("regularization.l3").contains(convert))
    #expect(curve("regularization.lambda").contains(convert))
    #expect(curve("regularization.alpha").contains(convert))
    #expect(curve("C").contains(convert))
  }

  /// AF13: two sizes giving the same rows (0.5 of 140 is 70) cannot be ordered to increase:
  /// the repeat is refused at itself and given once; sizes out of order are still told so.
  @Test func learningCurveSizesGivingTheSameRowsAreGivenOnce() throws {
    let text = { (sizes: String) in
      Self.spec + "report:\n  learning_curve:\n    sizes: \(sizes)\n"
    }
    let facts = DataFacts(classes: 2, targetColumns: 1, trainSamples: 140)
    let rendered = DiagnosticRenderer().render(
      SpecLoader.check(try load(text("[0.5, 70, 1.0]")).get(), against: facts))
    #expect(
      rendered.hasPrefix(
        "spec.yaml:6:18: error: report.learning_curve.sizes[1] (70) gives 70 of the 140 training "
          + "rows, as sizes[0] (0.5) does, so the curve would train that point twice"),
      "\(rendered)")
    #expect(rendered.hasSuffix("note: give each number of rows once\n"), "\(rendered)")
    let unordered = DiagnosticRenderer().render(
      SpecLoader.check(try load(text("[100, 0.5]")).get(), against: facts))
    #expect(unordered.hasSuffix("note: order the sizes by the rows they give\n"), "\(unordered)")
  }
}
