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

  /// One-vs-rest's and one-vs-one's losses are both binary_cross_entropy, each the mean over
  /// other binary problems: not one scale.
  @Test func oneVsRestAndOneVsOneAreNot() throws {
    let spec = try SpecLoader.load(text: Self.spec, file: "spec.yaml").spec
    let trials = [Multiclass.oneVsRest, .oneVsOne].map {
      strategy -> (spec: ExperimentSpec, at: Specs.SourceLocation?) in
      var trial = spec
      trial.model.multiclass = strategy
      return (trial, nil)
    }
    let d = try #require(SpecLoader.incomparableLosses(spec, trials: trials))
    #expect(d.message.contains("(binary_cross_entropy (ovr), binary_cross_entropy (ovo))"))
  }
}
