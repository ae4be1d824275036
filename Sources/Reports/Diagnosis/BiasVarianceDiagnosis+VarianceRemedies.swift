import Vocabulary

/// The remedies for high variance: more data, stronger regularization and a smaller model, a
/// value the spec's validation curve chose first.
extension BiasVarianceDiagnosis {
  /// More data first (Andrew Ng's first remedy), when generated data makes it one key, unless
  /// the validation curve has already found the strength to set (the cheaper fix); likewise a
  /// model size the spec's validation curve over it sets comes first.
  var varianceRemedies: [Remedy] {
    let regularization = strongerRegularization
    let curveSets = regularization.role == .setsCurveValue
    let advice =
      context.generatedSamples == nil || curveSets
      ? [regularization, moreDataAdvice] : [moreDataAdvice, regularization]
    var smaller: [Remedy] = []
    if context.hiddenLayers > 0 {
      smaller.append(
        capacityCurvePick("a smaller model", unitsOf: context.validationCurveParameter)
          ?? Remedy(
            name: "a smaller model",
            text: "a smaller model: fewer hidden layers or units in `model.layers`"))
    }
    let lowest = PreprocessingStep.polynomialDegrees.bounds.low ?? 1
    if let degree = context.polynomialDegree, Double(degree) > lowest {
      smaller.append(
        capacityCurvePick("fewer polynomial features", degree: degree)
          ?? Remedy(
            name: "fewer polynomial features",
            text:
              "fewer polynomial features: lower the `polynomial` step of `dataset.preprocessing` from \(degree) to \(degree - 1)"
          ))
    }
    let sets = (curveValueAdvice.map { [$0] } ?? []) + smaller.filter { $0.role == .setsCurveValue }
    return sets + advice + smaller.filter { $0.role != .setsCurveValue }
  }

  /// The advice on the polynomial degree when the spec's validation curve varies the
  /// `polynomial` step (`dataset.preprocessing[i].polynomial`, now `degree`): the curve's pick,
  /// the smallest degree within one standard error of its lowest held-out error; nil otherwise.
  func capacityCurvePick(_ remedy: String, degree: Int) -> Remedy? {
    guard let key = context.validationCurveParameter, key.hasPrefix("dataset.preprocessing["),
      key.hasSuffix("].polynomial")
    else { return nil }
    return curvePick(
      remedy, key, now: Double(degree), subject: remedy, simpler: .smaller,
      limits: PreprocessingStep.polynomialDegrees, keptSubject: "the polynomial degree")
  }

  /// The advice on a layer's units when the spec's validation curve varies them
  /// (`model.layers[i].units`): the curve's pick, the fewest units within one standard error of
  /// its lowest held-out error; nil otherwise.
  func capacityCurvePick(_ remedy: String, unitsOf key: String?) -> Remedy? {
    guard let key, key.hasPrefix("model.layers["), key.hasSuffix("].units"),
      let index = Int(key.dropFirst("model.layers[".count).dropLast("].units".count)),
      context.layerUnits.indices.contains(index)
    else { return nil }
    return curvePick(
      remedy, key, now: Double(context.layerUnits[index]), subject: remedy, simpler: .smaller,
      limits: LayerSpec.unitsCheck, keptSubject: "the hidden units")
  }
}
