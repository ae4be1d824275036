/// `optimizer:` kind, hyperparameters (only those that apply), budget, schedule, early stopping.
extension SpecDecoder {
  mutating func decodeOptimizer(_ node: SpecNode, _ path: SpecPath) -> OptimizerSpec? {
    guard let m = typedSection(node, path) else { return nil }
    var kind = OptimizerKind.gd
    if let typeNode = m["type"] {
      record(path.appending("type"), typeNode)
      guard let k = choice(typeNode, path.appending("type"), OptimizerKind.self, what: "optimizer")
      else {
        checkKeys(m, path, allowed: Schema.children(of: "optimizer"))
        return nil
      }
      kind = k
    }
    return decodeOptimizer(mapping: m, path, kind: kind)
  }

  private mutating func decodeOptimizer(
    mapping m: SpecNode.Mapping, _ path: SpecPath, kind: OptimizerKind
  ) -> OptimizerSpec {
    let fullBatch =
      "\(kind.rawValue) always uses the full batch; use sgd (or adam, ...) for mini-batches"
    checkDeclaredKeys(
      m, path, kind, common: Schema.optimizerCommonKeys,
      refused: kind.isFullBatch ? ["batch_size": fullBatch, "shuffle": fullBatch] : [:]
    ) { kind, owners in
      let names = owners.map(\.rawValue).joined(separator: ", ")
      return "it does not apply to optimizer '\(kind.rawValue)' (it is for \(names))"
    }
    var o = OptimizerSpec(kind: kind, learningRate: kind.defaultLearningRate)
    o.learningRate = field(m, "learning_rate", in: path, default: o.learningRate) { d, n, p in
      d.double(n, p, .positive)
    }
    o.rule.settings = settings(m, path, kind.parameters, base: OptimizerSettings())
    if kind == .nesterov, o.rule.settings.momentum == 0, let n = m["momentum"] {
      error(n.location, "nesterov needs momentum > 0 (got 0)", note: "use sgd for plain steps")
    }
    if !kind.isFullBatch {
      o.batchSize = whole(m, "batch_size", in: path, default: 32, .atLeast(1))
      o.shuffle = field(m, "shuffle", in: path, default: true) { d, n, p in d.bool(n, p) }
    }
    // Budget: epochs or iterations, not both.
    if let e = m.entry("epochs"), let i = m.entry("iterations") {
      error(
        i.keyLocation, "give either epochs or iterations, not both",
        note: "epochs is given at line \(e.keyLocation.line)")
    }
    let budgetKey = m["iterations"] != nil ? "iterations" : "epochs"
    let units = whole(m, budgetKey, in: path, default: 100, OptimizerSpec.budgetCheck)
    o.budget = budgetKey == "iterations" ? .iterations(units) : .epochs(units)
    o.schedule = field(m, "schedule", in: path, default: .constant) { d, n, p in
      d.decodeSchedule(n, p, steps: units)
    }
    OptimizerSpec.earlyStopping.read(&self, m, path, &o)
    return o
  }

  mutating func decodeSchedule(_ node: SpecNode, _ path: SpecPath, steps: Int)
    -> LearningRateSchedule?
  {
    guard
      var (kind, settings) = declared(
        node, path, ScheduleKind.self, what: "schedule", base: .init(),
        notFor: { kind, _ in "it does not apply to the \(kind.rawValue) schedule" })
    else { return nil }
    // An unwritten t_max (its declared 0; a written one is ≥ 1) spans the whole run.
    if kind == .cosine, settings.tMax == 0 { settings.tMax = steps }
    return LearningRateSchedule(kind) { $0 = settings }
  }
}

extension OptimizerSpec {
  /// `optimizer.early_stopping`, off unless written.
  static let earlyStopping = SpecKey<OptimizerSpec>.optional(
    "early_stopping", \.earlyStopping, EarlyStopping.keys, start: { _ in EarlyStopping() },
    defaults: EarlyStopping(),
    "Stop when a dev metric stops improving (needs a dev split or file).",
    example: "{patience: 5}")
}

extension EarlyStopping {
  /// The keys of `optimizer.early_stopping:`.
  static let keys: [SpecKey<EarlyStopping>] = [
    .value(
      "metric", \.metric, type: "loss or a metric name", default: "loss",
      "What is watched on the dev split (must be in metrics): loss, log_loss, mse, rmse and mae improve downwards, the other metrics upwards.",
      example: "accuracy",
      read: { d, n, p in
        let names = ["loss"] + Metric.allCases.filter(\.isScore).map(\.rawValue)
        let note = "expected loss or one of: " + names.dropFirst().joined(separator: ", ")
        // `loss` watches the dev loss: nil.
        return d.name(n, p, in: names, what: "early-stopping metric", note: note).map {
          Metric(rawValue: $0)
        }
      }, write: { b, key, metric in b.add(key, metric?.rawValue ?? "loss") }),
    .integer(
      "patience", \.patience, .atLeast(1), "Records without improvement before stopping.",
      example: "5"),
    .number(
      "min_delta", \.minDelta, .nonNegative, "Smallest change that counts as an improvement.",
      example: "0.001"),
    .flag(
      "restore_best", \.restoreBest,
      "Restore the best record's parameters when stopping; false keeps the last parameters.",
      example: "false"),
  ]
}
