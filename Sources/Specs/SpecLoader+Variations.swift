/// Each validation-curve value and sweep value checked as if set in the file.
extension SpecLoader {
  /// Validation-curve values and sweep values are checked as if each were set in the file:
  /// the trial's own problems are reported at the value, and a curve point's warnings too, but
  /// those the spec (read as `spec` with `map`) gives itself (`warnings`, whose advice on the
  /// objective's split is revised when the trials' losses are on different scales).
  static func checkVariations(
    tree: SpecNode, spec: ExperimentSpec, map: SourceMap, file: String, options: SpecOptions,
    warnings: inout [Diagnostic]
  ) -> [Diagnostic] {
    var out: [Diagnostic] = []
    let curveValues = tree.child("report", "validation_curve", "values")?.items ?? []
    let variations =
      spec.report.validationCurve.map { curve in curveValues.map { [(curve.parameter, $0)] } }
      ?? []
    let curveKey = tree.child("report", "validation_curve", "parameter")?.location
    let sweepVariations: [[(SpecPath, SpecNode)]] =
      spec.sweep.map { sweep in
        // Each value of an axis is checked with the first value of every other axis, since axes
        // may depend on each other (a swept optimizer type and its batch size).
        let probes: [[SpecNode]] = sweep.axes.map { axis in
          writtenAxisValues(axis.path, in: tree)?.items
            ?? axis.probeValues(every: sweep.method == .bayes).map {
              SpecNode(
                $0, at: axis.location ?? SourceLocation(source: .file(file), line: 1, column: 1))
            }
        }
        let firsts = zip(sweep.axes, probes).map { axis, values in
          values.first.map { (axis.path, $0) }
        }
        return sweep.axes.enumerated().flatMap { i, axis in
          let others = firsts.enumerated().compactMap { j, first in j == i ? nil : first }
          return probes[i].map { others + [(axis.path, $0)] }
        }
      } ?? []
    var seen = Set<String>()
    var firstValues: Set<String> = []  // errors elsewhere with every axis at its first value
    let spoken = Set(warnings)
    var pointsDraw = false  // whether a curve point draws from its seed
    var losses: [(spec: ExperimentSpec, at: SourceLocation?)] = []  // each valid swept trial
    for (index, combo) in (variations + sweepVariations).enumerated() {
      var variant = tree.withoutSweep  // key paths never lead into `sweep`
      guard case (let path, let value)? = combo.last else { continue }
      let location = value.location
      // A curve's key is set where `parameter` names it: a problem of the key is located there.
      let key = index < variations.count ? curveKey ?? location : location
      let problems =
        combo.dropLast().compactMap { variant.set($0, to: $1, at: $1.location) }
        + [variant.set(path, to: value, at: key)].compactMap { $0 }
      for d in problems where d.location == key && seen.insert(d.message + "\(key)").inserted {
        out.append(d)
      }
      if !problems.isEmpty { continue }
      var variantOptions = options.asVariant
      variantOptions.variedKey = index < variations.count ? key : nil
      let outcome = resolve(tree: variant, file: file, options: variantOptions)
      let point = index < variations.count
      // A trial refused (its own error says so) is no trial to rank.
      if !point, let trial = outcome.spec,
        !outcome.diagnostics.contains(where: { $0.severity == .error })
      {
        losses.append((trial, location))
      }
      if point, let drawn = outcome.spec?.curvePointSeedReaders(outcome.map), !drawn.isEmpty {
        pointsDraw = true
      }
      // A sweep trial's warnings are said as the sweep resolves it (`SpecLoader.resolve`). A
      // point's warning at the key the curve varies, or at the step or layer holding it, is what
      // the curve sets out to compare (degree 1 of a curve over a polynomial step's degree
      // "changes nothing"), as a swept value's is: not said.
      let items = path.components.indices.filter {
        if case .index = path.components[$0] { true } else { false }
      }
      let compared = Set(
        [key]
          + items.compactMap { outcome.map.location(of: SpecPath(Array(path.components[...$0]))) })
      for var d in outcome.diagnostics
      where d.severity == .error
        || (point && d.severity == .warning && !spoken.contains(d)
          && d.location.map(compared.contains) != true)
      {
        // A fix-it for the key is not what to write in the list that holds the value.
        if d.location == location, let fixIt = d.fixIt {
          d.fixIt =
            (index < variations.count
              ? listFixIt(fixIt, path: path, at: location, items: curveValues, key: "values")
              : sweepListFixIt(fixIt, path: path, at: location, tree: tree)) ?? fixIt
        }
        if d.location != location && d.location != key {
          // Another axis's value (reported with its own probes) is not this value's doing.
          if combo.dropLast().contains(where: { $0.1.location == d.location }) { continue }
          // Only the value differs from the valid spec: the error is its doing, unless every
          // axis at its first value gives it too (then it is so only in a one-axis sweep).
          let swept = index >= variations.count
          if index == variations.count { firstValues.insert(d.message) }
          if swept && firstValues.contains(d.message) && spec.sweep?.axes.count != 1 { continue }
          // A strategy's loss refused: one loss cannot serve every strategy of the axis.
          let strategy =
            swept && path == "model.multiclass"
              && spec.sweep?.axes.contains { $0.path.isWithin("loss") } == false
            ? strategyNote(d, value: value.value) : nil
          d = d.atCurveValue(
            path, value.value, location,
            ruleLine: d.location.flatMap { if case .file = $0.source { $0.line } else { nil } },
            by: swept ? "sweep.parameters" : "report.validation_curve")
          if let strategy { d.addNote(strategy) }
        }
        if seen.insert(d.message + "\(d.location.map { "\($0)" } ?? "")").inserted { out.append(d) }
      }
    }
    if spec.report.validationCurve != nil && !pointsDraw {
      out += unusedSeedBesideCurve(spec, map: map)
    }
    if let refusal = incomparableLosses(spec, trials: losses) {
      out.append(refusal)
      if let figure = rankingFigure(spec, trials: losses) {
        warnings = warnings.map { rankedOnDev($0, figure: figure) }
      }
    }
    guard let sweep = spec.sweep else { return out }
    return out.map { saidOfRounding($0, tree: tree, sweep: sweep) }
  }
}
