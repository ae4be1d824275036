/// `report:` bias/variance thresholds, bootstrap, learning and validation curves, plots.
extension SpecDecoder {
  mutating func decodeReport(_ node: SpecNode, _ path: SpecPath) -> ReportSpec? {
    guard let m = mapping(node, path) else { return nil }
    var r = ReportSpec(biasVariance: BiasVarianceSpec(classification: judgesClasses))
    read(m, path, ReportSpec.keys, into: &r)
    return r
  }

  /// `sizes`: fractions in (0, 1] and counts ≥ 1, each increasing.
  mutating func decodeLearningCurve(_ node: SpecNode, _ p: SpecPath) -> [SplitAmount]? {
    guard let lm = mapping(node, p) else { return nil }
    checkKeys(lm, p, allowed: Schema.children(of: "report.learning_curve"))
    guard let sizesNode = required(lm, "sizes", in: p, fixIt: "sizes: [0.1, 0.25, 0.5, 1.0]"),
      let sizes = list(
        sizesNode, p.appending("sizes"), { d, n, p in d.splitAmount(n, p, rest: false) })
    else { return nil }
    if sizes.isEmpty || sizes.contains(where: \.isEmpty) {
      return fail(
        sizesNode.location, "\(p).sizes must be non-empty fractions in (0, 1] or counts ≥ 1")
    }
    // Fractions and counts each increase; mixed, their order is checked against the data.
    // Refused at the first size not above an earlier one of its kind.
    let keys = sizes.map { size in size.fraction.map { (0, $0) } ?? (1, Double(size.count ?? 0)) }
    if let i = keys.indices.first(where: { i in
      keys[..<i].contains { $0.0 == keys[i].0 && $0.1 >= keys[i].1 }
    }) {
      let item = sizesNode.items.flatMap { $0.indices.contains(i) ? $0[i] : nil } ?? sizesNode
      return fail(item.location, "\(p).sizes must increase")
    }
    return sizes
  }

  /// A classification error (a run judged as classes, `judgesClasses`) is a fraction in [0, 1];
  /// a regression error is the loss, ≥ 0.
  mutating func baseError(_ n: SpecNode, _ p: SpecPath) -> Double? {
    // (A number read is a scalar.)
    guard let value = double(n, p, .nonNegative), case .scalar(let s) = n else { return nil }
    guard judgesClasses, value > 1 else { return value }
    let why =
      loss.isClassification
      ? "" : " (the \(loss.rawValue) run is judged by the classes its metrics score)"
    return fail(
      n.location, "\(p) must be between 0 and 1 for a classifier\(why) (got \(s.text))",
      note:
        "a classifier's error is the fraction of examples it gets wrong (0.05 is 5%); a regression's base error is in its loss's units"
    )
  }

  mutating func decodeValidationCurve(_ node: SpecNode, _ path: SpecPath)
    -> ValidationCurveSpec?
  {
    guard let m = mapping(node, path) else { return nil }
    checkKeys(m, path, allowed: Schema.children(of: "report.validation_curve"))
    guard let paramNode = m["parameter"], let valuesNode = m["values"] else {
      return fail(
        m.location, "\(path) needs 'parameter' and 'values'",
        fixIt: "validation_curve: {parameter: regularization.l2, values: [0, 0.01, 0.1]}")
    }
    record(path.appending("parameter"), paramNode)
    record(path.appending("values"), valuesNode)
    guard let parameter = keyPath(paramNode, path.appending("parameter")) else { return nil }
    if parameter.description == "dtype" {
      return fail(
        paramNode.location, "a validation curve cannot vary dtype within one run",
        note: "use a sweep: sweep.parameters: {dtype: [float32, float64]}")
    }
    // A point's value is a number, and a folder to start from is not: no point could start.
    if parameter.description == "model.init.from" {
      return fail(
        paramNode.location,
        "a validation curve cannot vary model.init.from: its points are numbers, and the "
          + "parameters to start from are a folder",
        note: "to compare starts from saved runs, sweep them: "
          + "sweep.parameters: {model.init.from: [results/a, results/b]}")
    }
    // Every point trains the same model: the report keys shape the run's analyses, not a point.
    if case .key(let top)? = parameter.components.first, ["report", "description"].contains(top) {
      return fail(
        paramNode.location,
        "a validation curve over \(parameter) would be flat: "
          + (top == "report" ? "a report key" : "the description")
          + " changes no point's training, so every point trains the same model",
        note: top == "report"
          ? "to see the report with each value, run the spec once per value "
            + "(runner run SPEC --set \(parameter)=VALUE)"
          : "vary a key that changes training, e.g. parameter: regularization.l2")
    }
    let swept = "\(parameter)".contains("[") ? "'\(parameter)'" : "\(parameter)"
    let values = list(valuesNode, path.appending("values")) {
      (d: inout SpecDecoder, v: SpecNode, valuePath: SpecPath) -> SpecValue? in
      // A quotient (`1/16`, of `scale`) is its value, as the key reads it.
      if case .string(let text) = v.value, ScalarSyntax.operands(text) != nil,
        let quotient = ScalarSyntax.quotient(text)
      {
        return .number(quotient)
      }
      if v.value.doubleValue == nil {
        d.error(
          v.location, "\(valuePath) must be a number (got \(v.kindDescription))",
          note: "a validation curve plots the error against numeric values; "
            + "to compare other values, sweep them: sweep.parameters: {\(swept): [...]}")
      }
      return v.value
    }
    guard let values, !values.isEmpty else {
      if case .sequence = valuesNode {
        error(valuesNode.location, "\(path).values must not be empty")
      }
      return nil
    }
    if let (first, again) = Self.repeatedValue(values.map(\.doubleValue)) {
      let items = valuesNode.items ?? []
      let text = { (i: Int) in
        if case .scalar(let s) = items[i] { s.text } else { "\(values[i])" }
      }
      let same = text(first) == text(again) ? "" : " (\(text(again)))"
      return fail(
        valuesNode.location(ofItem: again),
        "\(path).values repeat \(text(first)): values[\(again)]\(same) is values[\(first)], so "
          + "the curve would train that point twice and write two identical rows",
        note: "give each value once")
    }
    return ValidationCurveSpec(parameter: parameter, values: values)
  }

  /// A key path naming a value of the schema (not a section, not `sweep`/`report` itself).
  mutating func keyPath(_ node: SpecNode, _ path: SpecPath) -> SpecPath? {
    guard let text = string(node, path) else { return nil }
    if text.allSatisfy(\.isWhitespace) {
      return fail(
        node.location, "\(path) has an empty key; name a key path, e.g. optimizer.learning_rate")
    }
    let parsed: SpecPath
    do {
      parsed = try SpecPath.parse(text)
    } catch {
      return fail(node.location, "\(path): \(error.description)")
    }
    let pattern = parsed.schemaPattern
    // A key, a list of values (`metrics`), or one item of a list (`model.layers[0]`).
    let item = pattern.hasSuffix("[]") ? String(pattern.dropLast(2)) : nil
    if !Schema.keys.contains(where: {
      $0.path == pattern || $0.path.hasPrefix(pattern + "[]") || $0.path == item
        || $0.path.hasPrefix(pattern + ".")
    }) {
      // The advice the key gets in the spec (a did-you-mean per key, the course's λ,
      // scikit-learn's C), else a did-you-mean among the key paths.
      let refusals = keyPathRefusals(parsed, at: node.location)
      if !refusals.isEmpty {
        // A curve over another tool's strength needs its values converted too.
        let converted =
          path.description.hasPrefix("report.validation_curve")
          && CourseNames.isStrength(parsed.lastKey ?? "")
        diagnostics += refusals.map { d in
          var d = d
          if converted && d.note == nil {
            d.note = "the curve's values are the spec key's own: convert each one"
          }
          return d
        }
        return nil
      }
      let all = Schema.keys.map(\.path).filter { !$0.contains("*") }
      let suggestion = Suggestions.didYouMean(pattern, among: all)
      return fail(node.location, "'\(text)' is not a key of the spec\(suggestion)")
    }
    if case .key(let top)? = parsed.components.first,
      ["sweep", "version", "output", "name", "threads"].contains(top)
    {
      let why =
        top == "threads"
        ? " (one process sets the BLAS thread count once; run once per thread count)"
        : ["output", "name"].contains(top) ? " (it names the one results folder)" : ""
      return fail(node.location, "'\(text)' cannot be varied\(why)")
    }
    return parsed
  }
}

extension SpecDecoder {
  /// The first value of `values` equal to an earlier one as a number (0.1 and 1e-1 alike), with
  /// that earlier one's index; nil when every number is given once (values that are not numbers
  /// are refused on their own).
  static func repeatedValue(_ values: [Double?]) -> (first: Int, again: Int)? {
    var seen: [Double: Int] = [:]
    for (i, value) in values.enumerated() {
      guard let value else { continue }
      // -0.0 and 0.0 are the same key of a dictionary too: one point.
      if let first = seen[value] { return (first, i) }
      seen[value] = i
    }
    return nil
  }
}
