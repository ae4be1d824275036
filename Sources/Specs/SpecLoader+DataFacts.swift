extension SpecLoader {
  /// The errors and warnings of `loaded` that only the data reveals (an output layer whose unit
  /// count differs from the classes, a binary model on several classes, a multiclass strategy
  /// on two), located at the spec key to change; in a sweep trial, one at a swept key is said
  /// of the trial's value (`with model.layers[1].units = 5, …`), as `validate` and the sweep both
  /// say it, and so is one on what an axis under `dataset` gave (it goes without the training
  /// rows, the classes and the features): `with dataset.generator.samples = 71, …`, as a curve
  /// point's is, or explicit weights against the classes of `dataset.generator.means`' value.
  public static func check(_ loaded: LoadedSpec, against facts: DataFacts) -> [Diagnostic] {
    followingOverrides(checked(loaded, against: facts), loaded: loaded, facts: facts)
  }

  /// `check(_:against:)` without naming the `--set` an error comes from.
  static func checked(_ loaded: LoadedSpec, against facts: DataFacts) -> [Diagnostic] {
    var validator = SpecValidator(spec: loaded.spec, map: loaded.sourceMap)
    validator.curvePoint = loaded.isCurvePoint
    validator.checkData(facts)
    let map = loaded.sourceMap
    guard !validator.diagnostics.isEmpty else { return checkCurve(loaded, against: facts) }
    // The first axis (as written) under `dataset`, whose value gave the rows.
    let data = map.swept.filter { $0.key.isWithin("dataset") }.min { a, b in
      let (x, y) = (map.location(of: a.key), map.location(of: b.key))
      return (x?.line ?? .max, x?.column ?? .max, "\(a.key)")
        < (y?.line ?? .max, y?.column ?? .max, "\(b.key)")
    }
    var dataless = SpecValidator(spec: loaded.spec, map: loaded.sourceMap)
    if let data {
      // A split, or a generator's draw (its seed, samples, noise), gives the rows only,
      // preprocessing the features too; a source all of them.
      var given = facts
      given.trainSamples = nil
      let rowsOnly =
        data.key.isWithin("dataset.split")
        || Self.drawKeys.contains { "\(data.key)" == "dataset.generator.\($0)" }
      if !rowsOnly { given.features = nil }
      if !rowsOnly && !data.key.isWithin("dataset.preprocessing") {
        (given.classes, given.classNames) = (nil, nil)
      }
      dataless.checkData(given)
    }
    return validator.diagnostics.map { d in
      guard let location = d.location else { return d }
      if let (path, value) = map.swept.first(where: { map.location(of: $0.key) == location }) {
        return d.atCurveValue(path, value, location, by: "sweep.parameters")
      }
      if let said = strategyLoss(d, map: map) { return said }
      guard let (path, value) = data, !dataless.diagnostics.contains(d) else { return d }
      let line = if case .file = location.source { location.line } else { nil as Int? }
      return d.atCurveValue(
        path, value, map.location(of: path), ruleLine: line, by: "sweep.parameters")
    }
  }

  /// A generator's keys that draw other rows of the same features and classes: an axis over
  /// one gives neither (reviewer B5).
  static let drawKeys = ["seed", "samples", "noise"]

  /// The data rules for each validation-curve point that trains on the run's data (its value
  /// leaves `dataset` as it is), located at the value: `values: [3, 5]` for the output layer's
  /// units on three classes is refused at the 5.
  static func checkCurve(_ loaded: LoadedSpec, against facts: DataFacts) -> [Diagnostic] {
    guard let curve = loaded.spec.report.validationCurve else { return [] }
    return curve.values.indices.flatMap { i -> [Diagnostic] in
      guard let variant = try? loaded.curvePoint(i), variant.spec.dataset == loaded.spec.dataset
      else { return [] }
      var validator = SpecValidator(spec: variant.spec, map: variant.sourceMap)
      validator.curvePoint = variant.isCurvePoint
      validator.checkData(facts)
      return loaded.atCurvePoint(i, validator.diagnostics)
    }
  }
}
