/// `sweep:` method, trials, seed and axes (each trial's values are checked when it is planned).
extension SpecDecoder {
  mutating func decodeSweep(_ node: SpecNode, _ path: SpecPath) -> SweepSpec? {
    guard let m = mapping(node, path) else { return nil }
    var s = SweepSpec()
    read(m, path, SweepSpec.keys, into: &s)
    return s.axes.isEmpty ? nil : s
  }

  /// `parameters`: the axes, each a key path of the spec over a list or a domain.
  mutating func decodeAxes(_ m: SpecNode.Mapping, _ path: SpecPath, _ s: SweepSpec) -> [SweepAxis]?
  {
    var s = s
    let example = "parameters: {optimizer.learning_rate: [0.1, 0.01]}"
    guard let paramsNode = required(m, "parameters", in: path, fixIt: example) else { return nil }
    guard let pm = mapping(paramsNode, path.appending("parameters")) else { return nil }
    if pm.entries.isEmpty {
      error(pm.location, "sweep.parameters must name at least one key path")
      return nil
    }
    var ok = true
    var seen: [SpecPath: SourceLocation] = [:]
    for entry in pm.entries {
      let keyNode = SpecNode.scalar(
        .init(text: entry.key, isPlain: false, location: entry.keyLocation))
      guard let axisPath = keyPath(keyNode, path.appending("parameters")) else {
        ok = false
        continue
      }
      if let first = seen[axisPath] {
        error(entry.keyLocation, "'\(axisPath)' is swept twice (first at line \(first.line))")
        ok = false
        continue
      }
      seen[axisPath] = entry.keyLocation
      // Where the axis was written, or the --set that replaced its values.
      let written =
        if case .override = entry.value.location.source { entry.value.location } else {
          entry.keyLocation
        }
      sourceMap.set(path.appending("parameters").appending(entry.key), Self.origin(of: written))
      if s.method.isAdaptive,
        ["optimizer.epochs", "optimizer.iterations"].contains(axisPath.description)
      {
        error(
          entry.keyLocation, "\(s.method.rawValue) sets '\(axisPath)' itself (sweep.budget)",
          note: "remove this axis; the rungs train from budget.min to budget.max")
        ok = false
        continue
      }
      if let axis = decodeAxis(entry.value, axisPath, method: s.method, at: entry.keyLocation) {
        s.axes.append(axis)
      } else {
        ok = false
      }
    }
    if ok, !s.method.isDrawn {
      let total = s.axes.reduce(1.0) { $0 * Double($1.count ?? 1) }
      if total > Double(SweepSpec.maxTrials) {
        error(
          pm.location,
          "the grid has \(YAMLText.clean(total)) trials (the limit is \(SweepSpec.maxTrials))",
          note: "use fewer values, or method: random with a number of trials")
        return nil
      }
    }
    return ok ? s.axes : nil
  }

  private mutating func decodeAxis(
    _ node: SpecNode, _ axisPath: SpecPath, method: SweepSpec.Method, at location: SourceLocation
  ) -> SweepAxis? {
    let label = SpecPath([.key("sweep"), .key("parameters"), .key(axisPath.description)])
    switch node {
    case .sequence(let s):
      guard !s.items.isEmpty else {
        error(node.location, "the sweep axis '\(axisPath)' has no values")
        return nil
      }
      return SweepAxis(path: axisPath, domain: .values(s.items.map(\.value)), location: location)
    case .mapping(let m):
      let forms = ["values", "range", "uniform", "log_uniform"].filter { m[$0] != nil }
      checkKeys(m, label, allowed: Schema.children(of: "sweep.parameters.*"))
      guard forms.count == 1 else {
        error(
          m.location,
          "the sweep axis '\(axisPath)' needs exactly one of values, range, uniform, log_uniform (got \(forms.isEmpty ? "none" : forms.joined(separator: ", ")))"
        )
        return nil
      }
      let integerDefault = Schema.isIntegerKey(axisPath)
      let isInteger =
        m["integer"].flatMap { bool($0, label.appending("integer")) } ?? integerDefault
      switch forms[0] {
      case "values":
        guard let items = list(m["values"]!, label.appending("values")), !items.isEmpty else {
          error(m["values"]!.location, "the sweep axis '\(axisPath)' has no values")
          return nil
        }
        return SweepAxis(path: axisPath, domain: .values(items.map(\.value)), location: location)
      case "range":
        guard let bounds = pair(m["range"]!, label.appending("range")) else { return nil }
        let step = m["step"].flatMap { double($0, label.appending("step"), .positive) } ?? 1
        if m["num"] != nil {
          error(m.entry("num")!.keyLocation, "num does not apply to range (use step)")
        }
        let count = ((bounds.1 - bounds.0) / step + 1e-9).rounded(.down) + 1
        guard count <= 100_000 else {
          error(
            m["range"]!.location,
            "the range for '\(axisPath)' has \(count.isFinite ? YAMLText.clean(count) : "too many") values (the limit is 100000)"
          )
          return nil
        }
        return SweepAxis(
          path: axisPath,
          domain: .range(start: bounds.0, stop: bounds.1, step: step, integer: isInteger),
          location: location)
      default:
        let log = forms[0] == "log_uniform"
        guard let bounds = pair(m[forms[0]]!, label.appending(forms[0])) else { return nil }
        if log && bounds.0 <= 0 {
          error(
            m[forms[0]]!.location,
            "log_uniform bounds must be > 0 (got \(YAMLText.number(bounds.0)))")
          return nil
        }
        let count = m["num"].flatMap { integer($0, label.appending("num"), .within(2, 100_000)) }
        if !method.isDrawn && count == nil && m["num"] == nil {
          error(
            m.location,
            "a grid needs 'num' for the \(forms[0]) axis '\(axisPath)' (how many values)",
            fixIt: "num: 5")
          return nil
        }
        if m["step"] != nil { error(m.entry("step")!.keyLocation, "step applies only to range") }
        if method.isDrawn, let entry = m.entry("num") {
          error(
            entry.keyLocation,
            "num applies to grid sweeps; a \(method.rawValue) sweep draws 'trials' values")
        }
        let domain: SweepAxis.Domain =
          log
          ? .logUniform(low: bounds.0, high: bounds.1, count: count, integer: isInteger)
          : .uniform(low: bounds.0, high: bounds.1, count: count, integer: isInteger)
        return SweepAxis(path: axisPath, domain: domain, location: location)
      }
    default:
      error(
        node.location,
        "the sweep axis '\(axisPath)' must be a list of values or a mapping like {range: [1, 5]} (got \(node.kindDescription))"
      )
      return nil
    }
  }

  /// `budget: {min, max}` (required, 1 ≤ min < max).
  mutating func decodeBudget(_ m: SpecNode.Mapping, _ path: SpecPath, method: SweepSpec.Method)
    -> ClosedRange<Int>?
  {
    guard let node = m["budget"] else {
      error(
        m.location,
        "method: \(method.rawValue) needs 'budget' (the epochs of the first and last rung)",
        fixIt: "budget: {min: 1, max: 27}")
      return nil
    }
    let budgetPath = path.appending("budget")
    record(budgetPath, node)
    guard let b = mapping(node, budgetPath) else { return nil }
    checkKeys(b, budgetPath, allowed: Schema.children(of: "sweep.budget"))
    let low = field(b, "min", in: budgetPath, default: 1) { d, n, p in
      d.integer(n, p, .within(1, 1_000_000))
    }
    guard
      let high = optionalField(
        b, "max", in: budgetPath, { d, n, p in d.integer(n, p, .within(1, 1_000_000)) })
    else {
      if b["max"] == nil { error(b.location, "sweep.budget needs 'max'", fixIt: "max: 27") }
      return nil
    }
    guard low < high else {
      error(b.location, "sweep.budget needs min < max (got min \(low), max \(high))")
      return nil
    }
    return low...high
  }

  /// `{metric, goal}`: a figure the trials record (see `Objective`) and its direction.
  mutating func decodeObjective(_ node: SpecNode, _ path: SpecPath) -> Objective? {
    guard let m = mapping(node, path) else { return nil }
    checkKeys(m, path, allowed: Schema.children(of: "sweep.objective"))
    let metric = field(m, "metric", in: path, default: "loss") { d, n, p in
      d.name(
        n, p, in: Objective.names, what: "objective metric",
        note: "expected loss or a metric (accuracy, f1, …), optionally after train_, dev_ or test_")
    }
    let goal = optionalField(m, "goal", in: path) { d, n, p in
      d.choice(n, p, Objective.Goal.self, what: "objective goal")
    }
    return Objective(metric: metric, goal: goal)
  }

  /// `[low, high]` with low < high.
  private mutating func pair(_ node: SpecNode, _ path: SpecPath) -> (Double, Double)? {
    guard let values = numbers(node, path, minCount: 2) else { return nil }
    guard values.count == 2, values[0] < values[1] else {
      error(node.location, "\(path) must be [low, high] with low < high")
      return nil
    }
    guard (values[1] - values[0]).isFinite else {
      error(node.location, "\(path) is too wide: high - low overflows (keep it under 1e308)")
      return nil
    }
    return (values[0], values[1])
  }
}
