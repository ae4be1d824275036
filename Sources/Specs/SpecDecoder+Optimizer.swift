/// `optimizer:` kind, hyperparameters (only those that apply), budget, schedule, early stopping.
extension SpecDecoder {
  mutating func decodeOptimizer(_ node: SpecNode, _ path: SpecPath) -> OptimizerSpec? {
    guard let m = typedSection(node, path) else { return nil }
    let names = OptimizerKind.allCases.map(\.rawValue)
    let all = Schema.children(of: "optimizer")
    if reportsMisspeltType(m, path, allowed: all, names: names, assumed: "gd") { return nil }
    // The exact solver has no optimizer: its keys are read as the rule that takes them, and
    // the checks on the solver say what to do instead (tester BD F-i).
    let assumed = m["type"] == nil ? exactSolverOptimizer(m) : nil
    if m["type"] == nil, assumed == nil, untypedOptimizer(m, path) { return nil }
    let typed = optionalField(m, "type", in: path) { d, n, p in
      d.choice(n, p, OptimizerKind.self, what: "optimizer")
    }
    guard m["type"] == nil || typed != nil else {
      checkKeys(m, path, allowed: all)
      return nil
    }
    let kind = typed ?? assumed ?? .gd
    // Said alone, before the keys lbfgs refuses (`batch_size`): removing them would not do.
    if kind == .lbfgs, let family = model?.kind, !family.trainsWithLBFGS {
      error(
        m["type"]?.location,
        "lbfgs is available for \(ModelFamily.trainedWithLBFGS), not \(family.rawValue)",
        note:
          "train \(family.defaultModel.described) with a gradient rule (adam, sgd, momentum, ...)")
      return nil
    }
    checkDeclaredKeys(
      m, path, kind, common: OptimizerSpec.keys.map(\.name),
      refused: OptimizerSpec.refused(by: kind), instead: OptimizerSpec.instead(of: kind)
    ) { kind, owners in "it does not apply to optimizer '\(kind.rawValue)' (it is for \(owners))" }
    var o = OptimizerSpec(kind: kind, learningRate: kind.defaultLearningRate)
    if !kind.isFullBatch { o.batchSize = 32 }  // mini-batch rules: 32 samples unless written
    for key in OptimizerSpec.keys { key.read(&self, m, path, &o) }
    return o
  }
}

extension SpecDecoder {
  /// Whether `m`, an `optimizer:` without `type`, holds keys gd (the default) refuses but
  /// another rule takes (`batch_size`, `beta1`): refused once at the section, naming the
  /// default and the first rule that takes them all, instead of once per key "for gd".
  mutating func untypedOptimizer(_ m: SpecNode.Mapping, _ path: SpecPath) -> Bool {
    let (foreign, owners) = Self.foreignKeys(m)
    guard let first = foreign.first else { return false }
    let keys = foreign.map(\.key)
    error(
      first.keyLocation,
      "\(path) has no 'type', so gd (the default) is assumed, which takes no "
        + keys.joined(separator: ", "),
      note: owners.isEmpty
        ? "no one optimizer takes all of them: write \(path).type and keep its keys"
        : "write the optimizer's type: " + owners.map(\.rawValue).joined(separator: ", ")
          + (owners.count == 1 ? " takes them" : " take them"),
      fixIt: owners.first.map { "type: \($0.rawValue)" })
    checkKeys(m, path, allowed: Schema.children(of: "optimizer"))
    return true
  }

  /// The rule an `optimizer:` without `type` is read as under linreg's exact solver, which uses
  /// none: the first that takes its keys gd refuses (`weight_decay`: sgd), so that the solver's
  /// checks refuse the optimizer and point each key to what the exact solver takes
  /// (`regularization.l2`), not to a `type` the solver then refuses; nil for other models, or
  /// when gd takes every key or no one rule takes them all.
  func exactSolverOptimizer(_ m: SpecNode.Mapping) -> OptimizerKind? {
    guard let model, model.kind == .linreg, model.solver == .exact else { return nil }
    let (foreign, owners) = Self.foreignKeys(m)
    return foreign.isEmpty ? nil : owners.first
  }

  /// The entries of `optimizer:` mapping `m` that gd refuses but another rule takes, and the
  /// rules that take them all.
  static func foreignKeys(_ m: SpecNode.Mapping) -> (
    entries: [SpecNode.Pair], owners: [OptimizerKind]
  ) {
    func takes(_ kind: OptimizerKind) -> Set<String> {
      let refused = OptimizerSpec.refused(by: kind)
      return Set(
        OptimizerSpec.keys.map(\.name).filter { refused[$0] == nil } + kind.parameters.map(\.key))
    }
    let gd = takes(.gd)
    let others = Set(OptimizerKind.allCases.flatMap { takes($0) })
    let foreign = m.entries.filter { !gd.contains($0.key) && others.contains($0.key) }
    let keys = foreign.map(\.key)
    return (foreign, OptimizerKind.allCases.filter { takes($0).isSuperset(of: keys) })
  }
}

extension OptimizerSpec {
  /// The keys `kind` refuses beside other rules' parameters, each with why: a full-batch rule's
  /// batch keys, and the `momentum` PyTorch's SGD takes but sgd and gd do not.
  static func refused(by kind: OptimizerKind) -> [String: String] {
    let fullBatch =
      "\(kind.rawValue) always uses the full batch; use sgd (or adam, ...) for mini-batches"
    var refused = kind.isFullBatch ? ["batch_size": fullBatch, "shuffle": fullBatch] : [:]
    if kind == .sgd || kind == .gd {
      refused["momentum"] =
        "\(kind.rawValue) has none; PyTorch's SGD(momentum=0.9) is `type: momentum` here "
        + "(with nesterov=True, `type: nesterov`)"
    }
    return refused
  }

  /// What `kind` takes for a key of other rules that it does not: gradient descent and L-BFGS
  /// decay the weights by `regularization.l2` (a penalty (l2/2)‖w‖², the same step as
  /// PyTorch's `weight_decay` of the same value).
  static func instead(of kind: OptimizerKind) -> [String: String] {
    guard kind == .gd || kind == .lbfgs else { return [:] }
    return [
      "weight_decay":
        "for \(kind.rawValue), write the same value as regularization.l2 (the penalty "
        + "(l2/2)‖w‖² decays the weights as weight_decay does)"
    ]
  }

  /// Whether the `optimizer:` mapping `pairs` cannot hold `key`: its type refuses it
  /// (`refused(by:)`), or it gives the other budget key (epochs and iterations exclude each other).
  static func cannotHold(_ key: String, _ pairs: [SpecValue.Pair]) -> Bool {
    let budget = ["epochs", "iterations"]
    if budget.contains(key), pairs.contains(where: { $0.key != key && budget.contains($0.key) }) {
      return true
    }
    guard let type = pairs.first(where: { $0.key == "type" }),
      let kind = OptimizerKind(rawValue: "\(type.value)")
    else { return false }
    return refused(by: kind)[key] != nil
  }

  /// The keys of `optimizer:`, in the canonical spec's order. `type` is read first, by
  /// `decodeOptimizer`: the rule decides which parameters and batch keys apply.
  static let keys: [SpecKey<OptimizerSpec>] = [
    .custom(
      "type", docs: [rule[0]], read: { _, _, _, _ in },
      write: { b, o in b.add("type", o.kind.rawValue) }),
    // The step size and the rule's declared hyperparameters.
    .custom(
      "learning_rate", "number > 0",
      default: Schema.grouped(
        OptimizerKind.allCases.map { ($0.rawValue, YAMLText.number($0.defaultLearningRate)) }),
      "Step size (lbfgs: the line search's first trial step, over ‖g‖₂ at the first iteration).",
      example: "0.005", more: Array(rule.dropFirst()),
      read: { d, m, path, o in
        o.learningRate = d.field(m, "learning_rate", in: path, default: o.learningRate) {
          d, n, p in
          guard case .mapping(let rates) = n else { return d.double(n, p, .positive) }
          // Per-parameter rates (torch's parameter groups), keys naming weights, biases or
          // layers (`W1`, `bias`): the scale of the inputs is the fix.
          let parameters = rates.entries.contains {
            $0.key.lowercased().firstMatch(of: /^[wb]\d*$|weight|bias|layer|param/) != nil
          }
          return d.fail(
            n.location, "\(p) must be a number (got a mapping)",
            note: !parameters
              ? nil
              : "one rate steps every parameter: when one needs a far larger step than another "
                + "(a bias beside inputs in the hundreds), add `- standardize` to "
                + "dataset.preprocessing so that one rate suits them all, or use adam, which "
                + "scales each parameter's step")
        }
        o.rule.settings = d.settings(m, path, o.kind.parameters, base: o.rule.settings)
        if o.kind == .nesterov, o.rule.settings.momentum == 0, let n = m["momentum"] {
          d.error(
            n.location, "nesterov needs momentum > 0 (got 0)", note: "use sgd for plain steps")
        }
      },
      write: { b, o in
        b.add("learning_rate", number: o.learningRate)
        b.add(o.kind.parameters, o.rule.settings)
      }),
    // Full-batch rules refuse the batch keys (`decodeOptimizer`) and leave them out.
    .value(
      "batch_size", \.batchSize, type: "integer ≥ 1",
      default: "mini-batch optimizers: 32; gd, lbfgs: full batch",
      "Samples per update. An epoch of m training rows is ⌈m / batch_size⌉ updates: the last "
        + "takes the rows left, fewer when batch_size does not divide m (kept, as PyTorch's "
        + "DataLoader with drop_last=False), and each update descends the mean loss of its own "
        + "rows, so a row of a short last batch weighs more.",
      example: "64", read: { d, n, p in d.integer(n, p, .atLeast(1)).map(Optional.some) },
      write: { b, key, v in if let v { b.add(key, int: v) } }
    ).when { !$0.kind.isFullBatch },
    // Budget: epochs or iterations, not both.
    .custom(
      "epochs", budgetCheck.typeText(integer: true), default: "100 (when iterations is not given)",
      "Passes over the training set (give epochs or iterations, not both).", example: "5",
      read: { d, m, path, o in
        guard m["iterations"] == nil else { return }
        o.budget = .epochs(d.whole(m, "epochs", in: path, default: 100, budgetCheck))
      },
      write: { b, o in if case .epochs(let n) = o.budget { b.add("epochs", int: n) } }),
    .custom(
      "iterations", budgetCheck.typeText(integer: true), default: "none",
      "Parameter updates, one mini-batch each for mini-batch optimizers (give epochs or iterations, not both); 0 evaluates the initial parameters without training.",
      example: "2000",
      read: { d, m, path, o in
        guard let i = m.entry("iterations") else { return }
        if let e = m.entry("epochs") {
          d.error(
            i.keyLocation, "give either epochs or iterations, not both",
            note: "epochs is given \(e.keyLocation.given)")
        }
        o.budget = .iterations(d.whole(m, "iterations", in: path, default: 100, budgetCheck))
      },
      write: { b, o in if case .iterations(let n) = o.budget { b.add("iterations", int: n) } }),
    SpecKey.flag(
      "shuffle", \.shuffle,
      "Mini-batch optimizers: reshuffle the training set every epoch from the run's seed; false visits it in stored order every epoch (PyTorch's shuffle=False).",
      example: "false"
    ).when { !$0.kind.isFullBatch },
    .custom(
      "schedule", "string or mapping", default: "constant",
      "Learning-rate schedule, stepped per epoch (per iteration for gd).",
      example: "{type: step, step_size: 10, gamma: 0.5}",
      more: Schema.declaredKeys(
        "schedule.", ScheduleKind.self, typeDefault: "constant",
        typeMeaning: "The schedule (PyTorch's StepLR, ExponentialLR, CosineAnnealingLR)."),
      read: { d, m, path, o in
        o.schedule = d.field(m, "schedule", in: path, default: .constant) { d, n, p in
          d.declared(n, p, ScheduleKind.self, what: "schedule", base: .init()) { kind, _ in
            "it does not apply to the \(kind.rawValue) schedule"
          }.map { kind, settings in LearningRateSchedule(kind) { $0 = settings } }
        }
        // An unwritten t_max (its declared 0; a written one is ≥ 1) spans the whole run.
        if o.schedule.kind == .cosine, o.schedule.settings.tMax == 0 {
          o.schedule.settings.tMax = o.budget.units
          d.sourceMap.set(
            path.appending("schedule").appending("t_max"), .derived("\(path).\(o.budget.key)"))
        }
      }, write: { b, o in b.add("schedule") { $0.add(type: o.schedule.kind, o.schedule.settings) } }
    ),
    .optional(
      "early_stopping", \.earlyStopping, EarlyStopping.keys, start: { _ in EarlyStopping() },
      defaults: EarlyStopping(),
      "Stop when a dev metric stops improving (needs a dev split or file).",
      example: "{patience: 5}"),
  ]

  /// `type` (the rules) and the rules' hyperparameters, from `OptimizerKind`.
  private static let rule = Schema.declaredKeys(
    "", OptimizerKind.self, typeDefault: "gd",
    typeMeaning: "The update rule (PyTorch's rules and defaults; gd and lbfgs are full batch).")
}

extension EarlyStopping {
  /// The keys of `optimizer.early_stopping:`.
  static let keys: [SpecKey<EarlyStopping>] = [
    .value(
      "metric", \.metric, type: "loss or a metric name", default: "loss",
      "What is watched on the dev split (must be in metrics): loss, log_loss, mse, rmse and mae improve downwards, the other metrics upwards.",
      example: "accuracy",
      read: { d, n, p in
        let names = Objective.quantities
        let note = "expected loss or one of: " + names.dropFirst().joined(separator: ", ")
        if case .scalar(let s) = n, case (let split?, let quantity) = Objective.parts(s.text),
          split != "dev"
        {
          // `train_loss` is not `loss` with its split named: `loss` is the dev loss.
          let refused: Metric?? = d.fail(
            n.location,
            "unknown early-stopping metric '\(s.text)': early stopping watches the dev split "
              + "only, and watching the \(split == "train" ? "training" : split) split's "
              + "\(quantity) is not offered",
            note: "each metric is the dev split's: loss (the dev loss) or one of: "
              + names.dropFirst().joined(separator: ", "))
          return refused
        }
        // `loss` watches the dev loss: nil.
        return d.name(n, p, in: names, what: "early-stopping metric", note: note)
          .map(Metric.init(rawValue:))
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
