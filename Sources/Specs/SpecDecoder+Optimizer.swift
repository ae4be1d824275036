/// `optimizer:` kind, hyperparameters (only those that apply), budget, schedule, early stopping.
extension SpecDecoder {
  mutating func defaultOptimizer(_ path: SpecPath) -> OptimizerSpec {
    let empty = SpecNode.Mapping(
      entries: [], location: SourceLocation(source: .file(sourceMap.file), line: 1, column: 1))
    return decodeOptimizer(mapping: empty, path, kind: .gd)
  }

  mutating func decodeOptimizer(_ node: SpecNode, _ path: SpecPath) -> OptimizerSpec? {
    guard let m = typedSection(node, path) else { return nil }
    var kind = OptimizerSpec.Kind.gd
    if let typeNode = m["type"] {
      record(path.appending("type"), typeNode)
      guard
        let k = choice(typeNode, path.appending("type"), OptimizerSpec.Kind.self, what: "optimizer")
      else {
        checkKeys(m, path, allowed: Schema.children(of: "optimizer"))
        return nil
      }
      kind = k
    }
    return decodeOptimizer(mapping: m, path, kind: kind)
  }

  private mutating func decodeOptimizer(
    mapping m: SpecNode.Mapping, _ path: SpecPath, kind: OptimizerSpec.Kind
  ) -> OptimizerSpec {
    recordDefault(path.appending("type"))
    let specific = Set(OptimizerSpec.Kind.allCases.flatMap(OptimizerSpec.specificKeys))
    let mine = OptimizerSpec.specificKeys(kind)
    let fullBatchOnly: Set<String> = kind.isFullBatch ? ["batch_size", "shuffle"] : []
    let allowed = Schema.children(of: "optimizer").filter {
      (!specific.contains($0) || mine.contains($0)) && !fullBatchOnly.contains($0)
    }
    checkKeys(m, path, allowed: allowed) { key in
      if fullBatchOnly.contains(key) {
        return
          "\(kind.rawValue) always uses the full batch; use sgd (or adam, ...) for mini-batches"
      }
      guard specific.contains(key) else { return nil }
      let owners = OptimizerSpec.Kind.allCases.filter {
        OptimizerSpec.specificKeys($0).contains(key)
      }.map(\.rawValue)
      return
        "it does not apply to optimizer '\(kind.rawValue)' (it is for \(owners.joined(separator: ", ")))"
    }
    var o = OptimizerSpec(kind: kind, learningRate: OptimizerSpec.defaultLearningRate(kind))
    o.learningRate = field(m, "learning_rate", in: path, default: o.learningRate) { d, n, p in
      d.double(n, p, .positive)
    }
    let has = { (key: String) in mine.contains(key) }
    if has("momentum") {
      let def: Double = kind == .rmsprop ? 0 : 0.9
      o.momentum = field(m, "momentum", in: path, default: def) { d, n, p in
        d.double(n, p, .fromUpTo(0, 1))
      }
      if kind == .nesterov, o.momentum == 0, let n = m["momentum"] {
        error(n.location, "nesterov needs momentum > 0 (got 0)", note: "use sgd for plain steps")
      }
    }
    if has("alpha") {
      o.alpha = field(m, "alpha", in: path, default: 0.99) { d, n, p in
        d.double(n, p, .between(0, 1))
      }
    }
    if has("beta1") {
      o.beta1 = field(m, "beta1", in: path, default: 0.9) { d, n, p in
        d.double(n, p, .fromUpTo(0, 1))
      }
    }
    if has("beta2") {
      o.beta2 = field(m, "beta2", in: path, default: 0.999) { d, n, p in
        d.double(n, p, .fromUpTo(0, 1))
      }
    }
    if has("eps") {
      o.eps = field(m, "eps", in: path, default: 1e-8) { d, n, p in d.double(n, p, .positive) }
    }
    if has("weight_decay") {
      o.weightDecay = field(m, "weight_decay", in: path, default: kind == .adamw ? 0.01 : 0) {
        d, n, p in
        d.double(n, p, .nonNegative)
      }
    }
    if has("history_size") {
      o.historySize = field(m, "history_size", in: path, default: 10) { d, n, p in
        d.integer(n, p, .within(1, 1000))
      }
    }
    if has("tolerance") {
      o.tolerance = field(m, "tolerance", in: path, default: 1e-6) { d, n, p in
        d.double(n, p, .positive)
      }
    }
    if !kind.isFullBatch {
      o.batchSize = field(m, "batch_size", in: path, default: 32) { d, n, p in
        d.integer(n, p, .atLeast(1))
      }
      o.shuffle = field(m, "shuffle", in: path, default: true) { d, n, p in d.bool(n, p) }
    }
    // Budget: epochs or iterations, not both.
    if let e = m.entry("epochs"), let i = m.entry("iterations") {
      error(
        i.keyLocation, "give either epochs or iterations, not both",
        note: "epochs is given at line \(e.keyLocation.line)")
    }
    if m["iterations"] != nil {
      o.budget = .iterations(
        field(m, "iterations", in: path, default: 100) { d, n, p in
          d.integer(n, p, .within(0, 1_000_000_000))
        })
    } else {
      o.budget = .epochs(
        field(m, "epochs", in: path, default: 100) { d, n, p in
          d.integer(n, p, .within(0, 1_000_000_000))
        })
    }
    let steps: Int
    switch o.budget {
    case .iterations(let n), .epochs(let n): steps = n
    }
    o.schedule = field(m, "schedule", in: path, default: .constant) { d, n, p in
      d.decodeSchedule(n, p, steps: steps)
    }
    if m["schedule"] == nil { recordDefault(path.appending("schedule").appending("type")) }
    o.earlyStopping = optionalField(m, "early_stopping", in: path) { d, n, p in
      d.decodeEarlyStopping(n, p)
    }
    return o
  }

  mutating func decodeSchedule(_ node: SpecNode, _ path: SpecPath, steps: Int) -> ScheduleSpec? {
    let kinds = ["constant", "step", "exponential", "cosine"]
    guard let m = typedSection(node, path) else { return nil }
    guard let typeNode = m["type"] else {
      error(m.location, "\(path) has no 'type'", note: "one of: " + kinds.joined(separator: ", "))
      return nil
    }
    record(path.appending("type"), typeNode)
    guard let s = plainScalar(typeNode, path.appending("type"), expected: "a schedule name") else {
      return nil
    }
    guard kinds.contains(s.text) else {
      error(
        s.location, "unknown schedule '\(s.text)'\(Suggestions.didYouMean(s.text, among: kinds))",
        note: "expected one of: " + kinds.joined(separator: ", "))
      return nil
    }
    let keys: [String: [String]] = [
      "constant": [], "step": ["step_size", "gamma"], "exponential": ["gamma"],
      "cosine": ["t_max", "eta_min"],
    ]
    let allowed = ["type"] + keys[s.text]!
    checkKeys(m, path, allowed: allowed) { key in
      Schema.children(of: "optimizer.schedule").contains(key)
        ? "it does not apply to the \(s.text) schedule" : nil
    }
    switch s.text {
    case "constant": return .constant
    case "step":
      let size = field(m, "step_size", in: path, default: 10) { d, n, p in
        d.integer(n, p, .atLeast(1))
      }
      let gamma = field(m, "gamma", in: path, default: 0.1) { d, n, p in
        d.double(n, p, .within(0, 1))
      }
      return .step(stepSize: size, gamma: gamma)
    case "exponential":
      return .exponential(
        gamma: field(m, "gamma", in: path, default: 0.95) { d, n, p in d.double(n, p, .within(0, 1))
        })
    default:
      let tMax = field(m, "t_max", in: path, default: steps) { d, n, p in
        d.integer(n, p, .atLeast(1))
      }
      let etaMin = field(m, "eta_min", in: path, default: 0) { d, n, p in
        d.double(n, p, .nonNegative)
      }
      return .cosine(tMax: tMax, etaMin: etaMin)
    }
  }

  mutating func decodeEarlyStopping(_ node: SpecNode, _ path: SpecPath) -> EarlyStoppingSpec? {
    guard let m = mapping(node, path) else { return nil }
    checkKeys(m, path, allowed: Schema.children(of: "optimizer.early_stopping"))
    var e = EarlyStoppingSpec()
    let metrics = ["loss"] + Metric.allCases.filter { $0 != .confusionMatrix }.map(\.rawValue)
    e.metric = field(m, "metric", in: path, default: "loss") { d, n, p in
      guard let text = d.name(n, p) else { return nil }
      guard metrics.contains(text) else {
        d.error(
          n.location,
          "unknown early-stopping metric '\(text)'\(Suggestions.didYouMean(text, among: metrics))",
          note: "expected loss or one of: " + metrics.dropFirst().joined(separator: ", "))
        return nil
      }
      return text
    }
    e.patience = field(m, "patience", in: path, default: 10) { d, n, p in
      d.integer(n, p, .atLeast(1))
    }
    e.minDelta = field(m, "min_delta", in: path, default: 0) { d, n, p in
      d.double(n, p, .nonNegative)
    }
    e.restoreBest = field(m, "restore_best", in: path, default: true) { d, n, p in d.bool(n, p) }
    return e
  }
}
