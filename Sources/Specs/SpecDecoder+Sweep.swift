/// `sweep:` method, trials, seed and axes (their values are checked per trial by `SweepPlanner`).
extension SpecDecoder {
  mutating func decodeSweep(_ node: SpecNode, _ path: SpecPath) -> SweepSpec? {
    guard let m = mapping(node, path) else { return nil }
    checkKeys(m, path, allowed: Schema.children(of: "sweep"))
    var s = SweepSpec()
    s.method = field(m, "method", in: path, default: .grid) { d, n, p in
      d.choice(n, p, SweepSpec.Method.self, what: "sweep method")
    }
    if s.method.isDrawn {
      s.trials = whole(m, "trials", in: path, default: 10, .within(1, 100_000))
      s.seed = seedField(m, in: path)
    }
    if s.method == .bayes {
      s.startup = whole(m, "startup", in: path, default: 10, .within(1, 100_000))
      s.batch = whole(m, "batch", in: path, default: 4, .within(1, 10_000))
    }
    let drawn: [SweepSpec.Method] = [.random, .bayes]
    for (key, methods) in [
      ("trials", drawn), ("seed", drawn), ("startup", [.bayes]), ("batch", [.bayes]),
    ] where !methods.contains(s.method) {
      if let entry = m.entry(key) {
        let names = methods.map(\.rawValue).joined(separator: " and ")
        error(entry.keyLocation, "sweep.\(key) applies only to method: \(names)")
      }
    }
    if s.method.isAdaptive {
      decodeHalving(m, path, into: &s)
    } else {
      for key in ["budget", "eta"] {
        if let entry = m.entry(key) {
          error(entry.keyLocation, "sweep.\(key) applies only to successive_halving and hyperband")
        }
      }
    }
    s.objective = field(m, "objective", in: path, default: .default) { d, n, p in
      d.decodeObjective(n, p)
    }
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
        .init(text: entry.key, isPlain: true, location: entry.keyLocation))
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
      sourceMap.set(
        path.appending("parameters").appending(entry.key), Self.origin(of: entry.keyLocation))
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
      let total = s.axes.reduce(1.0) { $0 * Double(SweepPlanner.count($1) ?? 1) }
      if total > Double(SweepPlanner.maxTrials) {
        error(
          pm.location,
          "the grid has \(YAMLText.clean(total)) trials (the limit is \(SweepPlanner.maxTrials))",
          note: "use fewer values, or method: random with a number of trials")
        return nil
      }
    }
    return ok ? s : nil
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
            "the range for '\(axisPath)' has \(Int(count)) values (the limit is 100000)")
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

  /// successive_halving: `budget: {min, max}` (required, 1 ≤ min < max) and `eta` (≥ 2).
  private mutating func decodeHalving(
    _ m: SpecNode.Mapping, _ path: SpecPath, into s: inout SweepSpec
  ) {
    s.eta = field(m, "eta", in: path, default: 3) { d, n, p in d.integer(n, p, .within(2, 100)) }
    guard let node = m["budget"] else {
      error(
        m.location,
        "method: \(s.method.rawValue) needs 'budget' (the epochs of the first and last rung)",
        fixIt: "budget: {min: 1, max: 27}")
      return
    }
    let budgetPath = path.appending("budget")
    record(budgetPath, node)
    guard let b = mapping(node, budgetPath) else { return }
    checkKeys(b, budgetPath, allowed: Schema.children(of: "sweep.budget"))
    let low = field(b, "min", in: budgetPath, default: 1) { d, n, p in
      d.integer(n, p, .within(1, 1_000_000))
    }
    guard
      let high = optionalField(
        b, "max", in: budgetPath,
        { d, n, p in
          d.integer(n, p, .within(1, 1_000_000))
        })
    else {
      if b["max"] == nil { error(b.location, "sweep.budget needs 'max'", fixIt: "max: 27") }
      return
    }
    guard low < high else {
      error(b.location, "sweep.budget needs min < max (got min \(low), max \(high))")
      return
    }
    s.budget = low...high
  }

  /// `{metric, goal}`: a figure the trials record (see `Objective`) and its direction.
  private mutating func decodeObjective(_ node: SpecNode, _ path: SpecPath) -> Objective? {
    guard let m = mapping(node, path) else { return nil }
    checkKeys(m, path, allowed: Schema.children(of: "sweep.objective"))
    let metric = field(m, "metric", in: path, default: "loss") { d, n, p in
      d.name(
        n, p, in: Objective.names, what: "objective metric",
        note: "expected loss or a metric (accuracy, f1, …), optionally after a split: dev_, test_")
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
    return (values[0], values[1])
  }
}
