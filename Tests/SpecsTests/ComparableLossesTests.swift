import Testing

@testable import Specs

/// A sweep ranked on its loss is warned when its trials' losses are on different scales: the
/// trials compared with each other (not with the spec's own loss, which no trial may train),
/// binary_cross_entropy and cross_entropy being one scale (the labels' log-likelihood).
@Suite struct ComparableLossesTests {
  static let spec = """
    dataset: {generator: {type: moons, samples: 40}}
    model: {type: logreg}
    optimizer: {type: gd, iterations: 5}
    sweep:
      parameters:
        optimizer.learning_rate: [0.1, 0.2]

    """

  func warning(_ losses: [LossKind]) throws -> Diagnostic? {
    let spec = try SpecLoader.load(text: Self.spec, file: "spec.yaml").spec
    let trials = losses.map { kind -> (spec: ExperimentSpec, at: Specs.SourceLocation?) in
      var trial = spec
      trial.loss = LossSpec(kind)
      return (trial, nil)
    }
    return SpecLoader.incomparableLosses(spec, trials: trials)
  }

  @Test func logLikelihoodsAreOneScale() throws {
    #expect(try warning([.binaryCrossEntropy, .crossEntropy]) == nil)
    #expect(try warning([.mse, .mse]) == nil)
  }

  @Test func otherLossesAreNot() throws {
    let d = try #require(try warning([.mse, .huber]))
    #expect(d.message.hasPrefix("the trials minimize losses on different scales (mse, huber"))
  }

  /// The trials of `spec` with each of `strategies`.
  func trials(_ spec: ExperimentSpec, _ strategies: [Multiclass]) -> [(
    spec: ExperimentSpec, at: Specs.SourceLocation?
  )] {
    strategies.map { strategy in
      var trial = spec
      trial.model.multiclass = strategy
      return (trial, nil)
    }
  }

  /// One-vs-rest's and one-vs-one's losses are both binary_cross_entropy, each the mean over
  /// other binary problems: not one scale on three classes.
  @Test func oneVsRestAndOneVsOneAreNot() throws {
    let text = Self.spec.replacingOccurrences(
      of: "{type: moons, samples: 40}}\nmodel: {type: logreg}",
      with: "{type: blobs, means: [[0, 0], [3, 3], [0, 3]]}}\n"
        + "model: {type: logreg, multiclass: ovr}")
    let spec = try SpecLoader.load(text: text, file: "spec.yaml").spec
    let d = try #require(
      SpecLoader.incomparableLosses(spec, trials: trials(spec, [.oneVsRest, .oneVsOne])))
    #expect(d.message.hasPrefix("the trials minimize losses on different scales "))
    #expect(d.message.contains("(binary_cross_entropy (ovr), binary_cross_entropy (ovo))"))
  }

  /// On two classes every strategy trains the same one binary model (reviewer B6): moons' losses
  /// under softmax, ovr and ovo are one scale.
  @Test func onTwoClassesEveryStrategyIsOneScale() throws {
    let spec = try SpecLoader.load(text: Self.spec, file: "spec.yaml").spec
    #expect(
      SpecLoader.incomparableLosses(spec, trials: trials(spec, [.softmax, .oneVsRest, .oneVsOne]))
        == nil)
  }

  /// On a file's classes, which only the data tells, the warning says it holds on more than two.
  @Test func onClassesOnlyTheDataTellsItSaysSo() throws {
    let text = Self.spec.replacingOccurrences(
      of: "{generator: {type: moons, samples: 40}}", with: "{file: data.csv, target: y}")
    let spec = try SpecLoader.load(text: text, file: "spec.yaml").spec
    let d = try #require(
      SpecLoader.incomparableLosses(spec, trials: trials(spec, [.softmax, .oneVsRest])))
    #expect(
      d.message.hasPrefix(
        "if the data has more than two classes, the trials minimize losses on different scales "
          + "(binary_cross_entropy, binary_cross_entropy (ovr))"), "\(d.message)")
    #expect(
      d.note?.hasSuffix(
        "; on two classes every strategy trains one binary model: the losses compare")
        == true, "\(String(describing: d.note))")
  }
}
