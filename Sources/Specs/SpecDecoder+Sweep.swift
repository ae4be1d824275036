/// `sweep:` method, trials, seed and axes (each trial's values are checked when it is planned).
extension SpecDecoder {
  mutating func decodeSweep(_ node: SpecNode, _ path: SpecPath) -> SweepSpec? {
    guard let m = mapping(node, path) else { return nil }
    var s = SweepSpec()
    // An unknown method's error alone: the others (trials, num) would assume a grid.
    let before = diagnostics.count
    SweepSpec.keys.first { $0.name == "method" }?.read(&self, m, path, &s)
    if diagnostics.count > before { return nil }
    read(m, path, SweepSpec.keys, into: &s)
    return s.axes.isEmpty ? nil : s
  }

  /// `parameters`: the axes, each a key path of the spec over a list or a domain.
  mutating func decodeAxes(_ m: SpecNode.Mapping, _ path: SpecPath, _ s: SweepSpec) -> [SweepAxis]?
  {
    let example = "parameters: {optimizer.learning_rate: [0.1, 0.01]}"
    let parameters = path.appending("parameters")
    guard let node = required(m, "parameters", in: path, fixIt: example),
      let pm = mapping(node, parameters)
    else { return nil }
    if pm.entries.isEmpty {
      return fail(pm.location, "sweep.parameters must name at least one key path")
    }
    var seen: [SpecPath: SourceLocation] = [:]
    let axes = pm.entries.map { entry -> SweepAxis? in
      let keyNode = SpecNode(.string(entry.key), at: entry.keyLocation)
      guard let axisPath = keyPath(keyNode, parameters) else { return nil }
      if let first = seen[axisPath] {
        return fail(entry.keyLocation, "'\(axisPath)' is swept twice (first at line \(first.line))")
      }
      seen[axisPath] = entry.keyLocation
      if let (why, note) = Self.untrainedAxis(axisPath) {
        return fail(
          entry.keyLocation,
          "'\(axisPath)' cannot be swept: \(why), so every trial would train the same model",
          note: note)
      }
      // Where the axis was written, or the --set that replaced its values.
      let written =
        if case .override = entry.value.location.source { entry.value.location } else {
          entry.keyLocation
        }
      sourceMap.set(parameters.appending(entry.key), Self.origin(of: written))
      if s.method.isAdaptive,
        ["optimizer.epochs", "optimizer.iterations"].contains(axisPath.description)
      {
        return fail(
          entry.keyLocation, "\(s.method.rawValue) sets '\(axisPath)' itself (sweep.budget)",
          note: "remove this axis; the rungs train from budget.min to budget.max")
      }
      return decodeAxis(entry.value, axisPath, method: s.method, at: written)
    }
    guard !axes.contains(nil) else { return nil }
    let total = SweepSpec.gridTrials(axes.map { $0?.count })
    if !s.method.isDrawn && total > Double(SweepSpec.maxTrials) {
      return fail(
        pm.location,
        "the grid has \(YAMLText.clean(total)) trials (the limit is \(SweepSpec.maxTrials))",
        note: "use fewer values, or method: random with a number of trials")
    }
    return axes.compactMap { $0 }
  }

  private mutating func decodeAxis(
    _ node: SpecNode, _ axisPath: SpecPath, method: SweepSpec.Method, at location: SourceLocation
  ) -> SweepAxis? {
    let label = SpecPath([.key("sweep"), .key("parameters"), .key(axisPath.description)])
    let noValues = "the sweep axis '\(axisPath)' has no values"
    func axis(_ domain: SweepAxis.Domain) -> SweepAxis {
      SweepAxis(path: axisPath, domain: domain, location: location)
    }
    // A list of values (read from `node`), refused when empty.
    func values(_ items: [SpecNode]?, _ node: SpecNode) -> SweepAxis? {
      guard let items, !items.isEmpty else { return fail(node.location, noValues) }
      var listed = axis(.values(items.map(\.value)))
      // A value --set gave is located at the --set, as the axis is.
      if case .file = location.source { listed.valueLocations = items.map(\.location) }
      return listed
    }
    switch node {
    case .sequence: return values(node.items, node)
    case .mapping(let m):
      let named = ["values", "range", "uniform", "log_uniform", "one_minus_log_uniform"]
      let forms = named.filter { m[$0] != nil }
      let allowed = Schema.children(of: "sweep.parameters.*")
      // Another tool's form (`{min: 0.001, max: 0.1}`, `{choice: [...]}`), told in the runner's.
      if forms.isEmpty, let foreign = foreignAxis(m, axisPath, method: method) {
        diagnostics.append(foreign)
        return nil
      }
      // One value of the key written as the axis (`model.layers[0]: {units: 8}`), no key of it
      // an axis's or a slip of one (`vaues`).
      if forms.isEmpty, !m.entries.isEmpty,
        !m.entries.contains(where: { Suggestions.best(for: $0.key, among: allowed) != nil })
      {
        // A number key takes no mapping, so listing this one would be refused again.
        if Schema.isIntegerKey(axisPath) || Schema.isRealKey(axisPath) {
          let examples =
            Schema.isIntegerKey(axisPath)
            ? ("[8, 16]", "{range: [8, 32], step: 8}")
            : ("[0.1, 0.01]", "{log_uniform: [0.001, 0.1]}")
          return fail(
            m.location,
            "the sweep axis '\(axisPath)' is a mapping of "
              + "\(m.entries.map(\.key).joined(separator: ", ")), which no axis is: "
              + "'\(axisPath)' takes a number",
            note: "an axis is \(Self.axisForms), e.g. `\(axisPath): \(examples.0)` or "
              + "`\(axisPath): \(examples.1)`")
        }
        return fail(
          m.location,
          "the sweep axis '\(axisPath)' is one value of the key, not a list of the values to try",
          note: "an axis over a key that takes a mapping lists mappings: wrap it in [ ], and add "
            + "the others", fixIt: "\(axisPath): [\(YAMLText.flow(node.value))]")
      }
      checkKeys(m, label, allowed: allowed)
      guard forms.count == 1, let form = m[forms[0]] else {
        return fail(
          m.location,
          "the sweep axis '\(axisPath)' needs exactly one of \(named.joined(separator: ", ")) (got \(forms.isEmpty ? "none" : forms.joined(separator: ", ")))"
        )
      }
      let isInteger =
        m["integer"].flatMap { bool($0, label.appending("integer")) }
        ?? Schema.isIntegerKey(axisPath)
      if forms[0] == "values" {
        // The list is the axis's values as written: nothing steps, counts or rounds them.
        for key in ["step", "num", "integer"] {
          if let entry = m.entry(key) {
            error(entry.keyLocation, "\(key) does not apply to values")
          }
        }
        return values(list(form, label.appending("values")), form)
      }
      // A whole-number key refuses every value an axis of fractions gives it (8.0).
      if let entry = m.entry("integer"), !isInteger, Schema.isIntegerKey(axisPath) {
        error(
          entry.keyLocation,
          "integer: false does not apply to '\(axisPath)', which takes whole numbers only",
          note: "remove it: an axis over a whole-number key rounds its values to whole numbers")
      }
      guard let (low, high) = pair(form, label.appending(forms[0])) else { return nil }
      if forms[0] == "range" {
        let step = m["step"].flatMap { double($0, label.appending("step"), .positive) } ?? 1
        if let num = m.entry("num") {
          error(num.keyLocation, "num does not apply to range (use step)")
        }
        let count = ((high - low) / step + 1e-9).rounded(.down) + 1
        if count == 1 {
          return singleValueRange(
            m, form, axisPath, (low, high), step: step, integer: isInteger)
        }
        guard count <= 100_000 else {
          return fail(
            form.location,
            "the range for '\(axisPath)' has \(count.isFinite ? YAMLText.clean(count) : "too many") values (the limit is 100000)"
          )
        }
        return axis(.range(start: low, stop: high, step: step, integer: isInteger))
      }
      let log = forms[0] == "log_uniform"
      let oneMinus = forms[0] == "one_minus_log_uniform"
      if log && low <= 0 {
        return fail(form.location, "log_uniform bounds must be > 0 (got \(YAMLText.number(low)))")
      }
      if oneMinus && high >= 1 {
        return fail(
          form.location,
          "one_minus_log_uniform bounds must be < 1, as 1 − value is drawn on a log scale (got \(YAMLText.number(high)))"
        )
      }
      if oneMinus && isInteger {
        return fail(
          m.entry("integer")?.keyLocation ?? form.location,
          "'\(axisPath)' takes whole numbers, and one_minus_log_uniform draws fractions below 1",
          note: "use log_uniform or range for a whole-number key")
      }
      let count = m["num"].flatMap { integer($0, label.appending("num"), .within(2, 100_000)) }
      if !method.isDrawn && m["num"] == nil {
        return fail(
          m.location, "a grid needs 'num' for the \(forms[0]) axis '\(axisPath)' (how many values)",
          fixIt: "num: 5")
      }
      if let step = m.entry("step") { error(step.keyLocation, "step applies only to range") }
      if method.isDrawn, let num = m.entry("num") {
        error(
          num.keyLocation,
          "num applies to grid sweeps; a \(method.rawValue) sweep draws 'trials' values")
      }
      if oneMinus { return axis(.oneMinusLogUniform(low: low, high: high, count: count)) }
      return axis(
        log
          ? .logUniform(low: low, high: high, count: count, integer: isInteger)
          : .uniform(low: low, high: high, count: count, integer: isInteger))
    case .scalar(let scalar) where !scalar.isNull:
      // Hydra's sweep forms (`choice(0.1, 0.01)`, `0.1,0.01`), or one value: a scalar.
      diagnostics.append(
        Self.scalarAxis(
          scalar.text, got: node.kindDescription, axisPath, method: method, at: node.location))
      return nil
    default:
      return fail(
        node.location,
        "the sweep axis '\(axisPath)' must be a list of values or a mapping like {range: [1, 5]} (got \(node.kindDescription))"
      )
    }
  }

  /// Refuses a range whose step reaches past its stop, so that it gives its start alone (a
  /// one-trial sweep over a span): `{range: [0.1, 0.5]}` steps by the default 1. Located at
  /// `step`, or at the range when the step is the default; the fix-it's step gives 5 values.
  private mutating func singleValueRange(
    _ m: SpecNode.Mapping, _ form: SpecNode, _ axisPath: SpecPath, _ bounds: (Double, Double),
    step: Double, integer: Bool
  ) -> SweepAxis? {
    let (low, high) = bounds
    let span = high - low
    let better = integer ? max(1, (span / 4).rounded(.down)) : span / 4
    let number = YAMLText.clean
    let written = m.entry("step")
    return fail(
      written?.value.location ?? form.location,
      "the range [\(number(low)), \(number(high))] for '\(axisPath)' with step "
        + "\(number(step))\(written == nil ? " (the default)" : "") gives the single value "
        + "\(number(low)): a sweep of one trial",
      note: "a range steps from its start by step up to its stop; give a smaller step, or list "
        + "the values",
      fixIt: "step: \(number(better))")
  }

  /// `budget: {min, max}` (required, 1 ≤ min < max; for the exact solver, whose refusal comes
  /// first, its absence is `SpecValidator.checkBudgetedMethod`'s).
  mutating func decodeBudget(_ m: SpecNode.Mapping, _ path: SpecPath, method: SweepSpec.Method)
    -> ClosedRange<Int>?
  {
    let budgetPath = path.appending("budget")
    if exactSolver && m["budget"] == nil { return nil }
    let (missing, fixIt) = SweepSpec.missingBudget(method)
    guard let node = required(m, "budget", in: path, missing, fixIt: fixIt),
      let b = mapping(node, budgetPath)
    else { return nil }
    checkKeys(b, budgetPath, allowed: Schema.children(of: "sweep.budget"))
    let low = whole(b, "min", in: budgetPath, default: 1, .within(1, 1_000_000))
    guard
      let maxNode = required(
        b, "max", in: budgetPath, "sweep.budget needs 'max'", fixIt: "max: 27"),
      let high = integer(maxNode, budgetPath.appending("max"), .within(1, 1_000_000))
    else { return nil }
    guard low < high else {
      return fail(b.location, "sweep.budget needs min < max (got min \(low), max \(high))")
    }
    return low...high
  }

  /// `[low, high]` with low < high.
  private mutating func pair(_ node: SpecNode, _ path: SpecPath) -> (Double, Double)? {
    guard let values = numbers(node, path, minCount: 2) else { return nil }
    if values.count > 2 {
      // `range: [1, 2, 3]`: the values themselves, meant as a list.
      let listed = values.map { YAMLText.clean($0) }.joined(separator: ", ")
      return fail(
        node.location,
        "\(path) takes two numbers, [low, high], not \(values.count); to sweep exactly these "
          + "values, list them",
        fixIt: "values: [\(listed)]")
    }
    guard values[0] < values[1] else {
      return fail(node.location, "\(path) must be [low, high] with low < high")
    }
    guard (values[1] - values[0]).isFinite else {
      return fail(node.location, "\(path) is too wide: high - low overflows (keep it under 1e308)")
    }
    return (values[0], values[1])
  }

  /// Why a sweep axis over `path` trains nothing new, and what to do instead: `description`,
  /// `report.*` and `metrics` name, record or report a run, so their trials would be one model
  /// trained again (with the same seed) under other IDs; nil for any other key.
  static func untrainedAxis(_ path: SpecPath) -> (why: String, note: String)? {
    guard case .key(let top)? = path.components.first else { return nil }
    switch top {
    case "description":
      return (
        "the description changes no trial's training",
        "remove this axis; sweep a key that changes training, e.g. optimizer.learning_rate"
      )
    case "report":
      return (
        "a report key shapes a run's analyses and report, not its training",
        "remove this axis and set \(path) once; to see the report with each value, run the "
          + "spec once per value (runner run SPEC --set \(path)=VALUE)"
      )
    case "metrics":
      return (
        "metrics are recorded, not trained",
        "remove this axis and list every metric you want once, e.g. metrics: [accuracy, f1]"
      )
    default: return nil
    }
  }

  /// W&B's sweep words where this spec has others: `metric: {name, goal}` in `sweep` is
  /// `objective: {metric, goal}`, and `name` in `sweep.objective` is `metric`; the hint and the
  /// fix-it written with the entry's own values (`maximize` read as `max`); nil elsewhere.
  static func weightsAndBiasesHint(_ entry: SpecNode.Pair, at path: SpecPath)
    -> (hint: String, fixIt: String)?
  {
    switch (path.description, entry.key) {
    case ("sweep", "metric"):
      let name = entry.value.child("name")?.value.description ?? "dev_loss"
      let goal = entry.value.child("goal")?.value.description.lowercased()
      let short = goal.map { $0.hasPrefix("max") ? "max" : $0.hasPrefix("min") ? "min" : $0 }
      return (
        "; W&B's metric: {name, goal} is objective: {metric, goal} here (goal min or max)",
        "objective: {metric: \(name)\(short.map { ", goal: \($0)" } ?? "")}"
      )
    case ("sweep.objective", "name"):
      return (
        "; W&B's metric name is 'metric' here",
        "metric: \(entry.value.value.description)"
      )
    default: return nil
    }
  }
}
