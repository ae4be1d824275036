/// Rules on the solver, the optimizer, the metrics and early stopping.
extension SpecValidator {
  mutating func checkSolverAndOptimizer() {
    let o = spec.optimizer
    let loss = spec.loss.kind
    let r = spec.regularization
    let exact = spec.model.kind == .linreg && spec.model.solver == .exact
    if exact {
      error(
        if: loss != .mse && !loss.isClassification, lossPath,
        "the exact solver minimizes mse, not \(loss.rawValue)",
        note: "use solver: gd with an optimizer for \(loss.rawValue)", fixIt: "loss: mse")
      error(
        if: r.l1 > 0, "regularization.l1", "the exact solver cannot use L1 (no closed form)",
        note: "use solver: gd with an optimizer, or L2 only",
        fixIt: map.origins.values.contains(where: \.isOverride)
          ? "--set " + "~regularization.l1".singleQuoted : nil)
      error(
        if: o.weightDecay > 0 && written("optimizer.weight_decay"), "optimizer.weight_decay",
        "the exact solver uses no optimizer, so weight_decay cannot apply",
        note: "its L2 penalty is regularization.l2, the same (λ/2)‖w‖² as sgd's weight_decay λ",
        fixIt: r.l2 == 0 ? "regularization: {l2: \(NumberCheck.text(o.weightDecay))}" : nil)
    }
    error(
      if: o.kind.l1Step == .refused && r.l1 > 0 && spec.model.kind != .mlp
        && spec.model.solver != .exact,
      "regularization.l1", "\(o.kind.rawValue) cannot use L1 (the penalty has no gradient at 0)",
      note: "use an optimizer that takes L1 ("
        + OptimizerKind.takingL1.map(\.rawValue).joined(separator: ", ")
        + "), or L2 only with \(o.kind.rawValue)")
    warning(
      // Not under the exact solver, which applies neither (refused above).
      if: o.weightDecay > 0 && r.l2 > 0 && o.kind != .adamw && !exact, "optimizer.weight_decay",
      "both weight_decay and regularization.l2 penalize the weights; the penalty is applied twice")
    checkSmoothLoss()
    // Records are taken every record_every budget units (iterations or epochs); where nothing
    // is recorded during training (the exact solver has no budget), record_every is refused as
    // changing nothing (`inertKeys`) at any value, not warned about a budget it does not have.
    let n = o.budget.units
    let unit = o.budget.key
    // A validation-curve point records nothing unless it stops early (`CurveTraining`), so its
    // budget is no reason to warn (tester BR-2: `--strict` refused a curve over epochs).
    let records =
      !spec.inertKeys.contains { SpecPath("record_every").isWithin($0.path) }
      && (!curvePoint || spec.optimizer.earlyStopping != nil)
    warning(
      if: records && n > 0 && spec.recordEvery > n, "record_every",
      "record_every (\(spec.recordEvery)) is larger than the \(n) \(unit): only the first and last steps are recorded",
      fixIt: "record_every: \(max(1, n / 10))")
    let every = spec.recordEvery
    let rows = spec.recordedRows
    warning(
      if: records && rows > 20_000,
      written("record_every") ? "record_every" : SpecPath("optimizer").appending(unit),
      "record_every: \(every)\(written("record_every") ? "" : " (the default)") records "
        + "\(rows) rows over the \(n) \(unit); metrics.csv, report.html and the run folder grow "
        + "with them, and recording slows the run",
      note: "about 1000 rows draw the same curves", fixIt: "record_every: \(n / 1000)")
    checkSchedule()
  }

  /// A schedule that keeps the rate within the budget: it steps once per epoch (a full-batch
  /// iteration is one, a mini-batch iteration at most one), so its first change must come
  /// before the budget's end; warned at the key that keeps it (gamma 1, decay_rate 0, eta_min
  /// at the rate, step_size). With the training rows (`checkData`), `rows` says how many epochs
  /// an iteration budget of mini-batches spans, for what the budget alone does not show.
  /// Steps per epoch of an iteration budget of mini-batches (a short last batch is a step),
  /// known from the training rows; nil for another budget or rule, or without rows.
  func stepsPerEpoch(rows: Int?) -> Int? {
    let o = spec.optimizer
    guard let rows, rows > 0, let batch = o.batchSize, case .iterations = o.budget,
      !o.kind.isFullBatch
    else { return nil }
    return Vocabulary.stepsPerEpoch(rows: rows, batch: batch)
  }

  mutating func checkSchedule(rows: Int? = nil) {
    let o = spec.optimizer
    checkCosinePeriod(rows: rows)
    let first = o.schedule.firstChange(base: o.learningRate)
    // Only an iteration budget spanning several steps per epoch needs the rows to count epochs.
    let steps = stepsPerEpoch(rows: rows).flatMap { $0 > 1 ? $0 : nil }
    // With the rows, only what the budget alone did not show (a first change within the
    // iterations, after the epochs they span); without them, the budget's own units.
    if rows != nil && (steps == nil || first ?? o.budget.units >= o.budget.units) { return }
    let n = steps.map { (o.budget.units + $0 - 1) / $0 } ?? o.budget.units
    guard o.trains, o.kind != .lbfgs, o.schedule.kind != .constant, first ?? n >= n else { return }
    let unit = o.budget.key
    let type = o.schedule.kind.rawValue
    let rate = "the learning rate stays \(NumberCheck.text(o.learningRate))"
    let stepped = o.schedule.kind == .step || o.schedule.kind == .inverseTime
    let keeps =
      switch o.schedule.kind {
      case .inverseTime: "decay_rate"
      case .cosine: "eta_min"
      default: "gamma"
      }
    let key = first == nil ? keeps : stepped ? "step_size" : ""
    let keyPath = SpecPath("optimizer.schedule").appending(key)
    let path: SpecPath = !key.isEmpty && written(keyPath) ? keyPath : "optimizer.schedule"
    if let first {
      let each =
        steps.map {
          " (\(n) epoch\(n == 1 ? "" : "s") of \($0) steps of the \(rows ?? 0) training rows)"
        }
        ?? (unit == "epochs" ? "" : " (an iteration is at most one epoch)")
      warning(
        path,
        "the \(type) schedule first changes the rate at epoch \(first), after the run's "
          + "\(o.budget.units) \(unit)\(each): \(rate)",
        note: "the schedule steps once per epoch: "
          + (stepped ? "give it a step_size below \(n), or remove it" : "remove it"))
    } else {
      let (value, change) =
        switch keeps {
        case "gamma": ("gamma 1", "a gamma below 1")
        case "decay_rate": ("decay_rate 0", "a decay_rate above 0")
        default: ("eta_min equal to the learning rate", "an eta_min below the learning rate")
        }
      warning(
        path, "the \(type) schedule with \(value) never changes the rate: \(rate)",
        note: "remove it, or give it \(change)")
    }
  }

  /// A cosine `t_max` more than one below the run's epochs (so a step trains past it): past it
  /// the rate rises again (torch's CosineAnnealingLR has a period of 2·t_max), so the last epoch
  /// does not train at eta_min. Warned at `t_max`; an iteration budget of mini-batches once the
  /// rows tell its epochs.
  mutating func checkCosinePeriod(rows: Int?) {
    let o = spec.optimizer
    let path = SpecPath("optimizer.schedule.t_max")
    checkDerivedCosinePeriod(rows: rows)
    guard o.trains, o.kind != .lbfgs, o.schedule.kind == .cosine, written(path),
      o.schedule.settings.etaMin != o.learningRate
    else { return }
    let n: Int
    if case .epochs(let epochs) = o.budget, rows == nil {
      n = epochs
    } else if o.kind.isFullBatch, rows == nil {
      n = o.budget.units
    } else if let perEpoch = stepsPerEpoch(rows: rows) {
      n = (o.budget.units + perEpoch - 1) / perEpoch
    } else {
      return
    }
    // Step k (0-based) trains at rate(k): the last at rate(n − 1), eta_min when t_max = n − 1.
    let period = o.schedule.settings.tMax
    guard period < n - 1 else { return }
    let unit = o.kind.isFullBatch && o.budget.key == "iterations" ? "iterations" : "epochs"
    let end = o.schedule.rate(base: o.learningRate, epoch: n - 1)
    warning(
      path,
      "the cosine schedule's t_max \(period) is below the run's \(n) \(unit): past t_max the "
        + "rate rises again (torch's CosineAnnealingLR, a period of 2·t_max), so the last of them "
        + "trains at \(String(format: "%.4g", end)), not at eta_min "
        + "\(NumberCheck.text(o.schedule.settings.etaMin))",
      note: "give t_max: \(n), or remove it (the default is the run's length)",
      fixIt: "t_max: \(n)")
  }

  /// An unwritten cosine `t_max` is the budget's length in its units: epochs, or iterations
  /// of gd (an epoch each). Over an iteration budget of mini-batches it would count iterations
  /// while the schedule steps once per epoch, so the rate would end far above eta_min (tester
  /// BG: 12 iterations of 4 steps an epoch ended at 85% of the rate): refused once the
  /// training rows tell the run's epochs, with them as the t_max to give.
  private mutating func checkDerivedCosinePeriod(rows: Int?) {
    let o = spec.optimizer
    let path = SpecPath("optimizer.schedule.t_max")
    guard o.trains, o.kind != .lbfgs, o.schedule.kind == .cosine,
      case .derived(let from)? = map.origin(of: path), from == "optimizer.iterations",
      let rows, let perEpoch = stepsPerEpoch(rows: rows), perEpoch > 1
    else { return }
    let epochs = (o.budget.units + perEpoch - 1) / perEpoch
    error(
      "optimizer.schedule",
      "the cosine schedule steps once per epoch, but its default t_max is the run's length "
        + "in its budget's units: \(o.budget.units) iterations, which train \(epochs) "
        + "epoch\(epochs == 1 ? "" : "s") of \(perEpoch) steps of the \(rows) training rows, so "
        + "the rate would not come down to eta_min",
      note: "give the schedule t_max: \(epochs) (the run's epochs), or give the budget in "
        + "epochs (epochs: \(epochs))")
  }

  mutating func checkMetrics() {
    // Metrics left to their default follow the loss: a loss the model cannot train with is
    // refused at the loss, and the metrics it chose say nothing more (nor ask for a key).
    if !written("metrics"), reportedError(at: lossPath) != nil { return }
    let kind = spec.model.kind
    let loss = spec.loss.kind
    // A classification loss makes the run a classifier: it records no regression figure.
    let classifier = kind == .logreg ? "logreg" : "an mlp trained with \(loss.rawValue)"
    for (i, metric) in spec.metrics.enumerated() {
      let path = item("metrics", i)
      for refusal in spec.refusals(of: metric) {
        switch refusal {
        case .realValues:
          error(
            path, "\(metric.rawValue) needs class predictions; linreg predicts real values",
            note: "use mse, rmse, mae or r2", fixIt: metricsFixIt(keepingClassification: false))
        case .predictsClasses:
          error(
            path, "\(metric.rawValue) is a regression metric; \(classifier) predicts classes",
            note: "log_loss and roc_auc score its probabilities, accuracy and f1 its classes",
            fixIt: metricsFixIt(keepingClassification: true))
        case .noProbabilities:
          error(
            path,
            "log_loss needs probabilities; the loss \(spec.loss.kind.rawValue) does not give them")
        case .votes:
          error(
            path, "\(metric.rawValue) needs probabilities; multiclass: ovo predicts by votes",
            note: "use multiclass: ovr or softmax, or accuracy, precision, recall or f1")
        }
      }
    }
  }

  mutating func checkEarlyStopping() {
    guard let e = spec.optimizer.earlyStopping else { return }
    error(
      if: !spec.dataset.hasDev, "optimizer.early_stopping",
      "early stopping watches the dev split, but there is none",
      note: addDevSplit(file: true))
    if let metric = e.metric, !spec.metrics.contains(metric) {
      error(
        "optimizer.early_stopping.metric",
        "early stopping watches '\(metric)', which is not in metrics",
        fixIt: metricsFixIt(adding: metric))
    }
    // It compares the records taken during training (every record_every units from 0), and
    // stops after `patience` of them without improving on the best before.
    let n = spec.optimizer.budget.units
    let checks = (n + spec.recordEvery - 1) / spec.recordEvery
    let unit = spec.optimizer.budget.key
    warning(
      if: spec.optimizer.trains && e.patience >= checks,
      written("optimizer.early_stopping.patience")
        ? "optimizer.early_stopping.patience" : "optimizer.early_stopping",
      "early stopping compares \(checks) record\(checks == 1 ? "" : "s") after the first during "
        + "the \(n) \(unit) (one every \(spec.recordEvery)), so a patience of \(e.patience) never "
        + "stops the run",
      note: Self.patienceRemedy(units: n, checks: checks, patience: e.patience, unit: unit))
  }

  /// What lets early stopping act when `checks` records after the first are too few for
  /// `patience` (which is at least 1): a smaller patience when one fits, and the largest
  /// `record_every` that gives more than `patience` records, ⌈units / patience⌉ − 1, when one does.
  static func patienceRemedy(units: Int, checks: Int, patience: Int, unit: String) -> String {
    let recordEvery = (units + patience - 1) / patience - 1
    let oftener = recordEvery >= 1 ? "record more often (record_every ≤ \(recordEvery))" : nil
    let lower = checks >= 2 ? "give a patience below \(checks)" : nil
    let remedies = [lower, oftener].compactMap { $0 }
    return remedies.isEmpty
      ? "train longer: with \(unit) = \(units), no record_every leaves more than \(patience) "
        + "record\(patience == 1 ? "" : "s") after the first"
      : remedies.joined(separator: ", or ")
  }
}
