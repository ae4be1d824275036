extension ExperimentSpec {
  /// True when the data come from a generator whose noise floor under the spec's loss, judged
  /// as classes or not (`judgesClasses`), its own keys give (`GeneratorSpec.knowsNoiseFloor`).
  public var generatorKnowsNoiseFloor: Bool {
    guard case .generator(let g) = dataset.source else { return false }
    return g.knowsNoiseFloor(for: loss.kind, judgingClasses: judgesClasses)
  }

  /// True when `report.bias_variance.base_error` is not written and the generator knows its
  /// noise floor (`generatorKnowsNoiseFloor`): the diagnosis judges avoidable bias against that
  /// floor, and the canonical spec leaves base_error out (a written 0 would override it). The
  /// decoder gives every other spec without a base error 0, as written.
  public var usesNoiseFloor: Bool {
    report.biasVariance.baseError == nil && generatorKnowsNoiseFloor
  }
}
