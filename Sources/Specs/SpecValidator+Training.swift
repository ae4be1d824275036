/// Rules on the solver, the optimizer, the metrics and early stopping.
extension SpecValidator {
  mutating func checkSolverAndOptimizer() {
    let o = spec.optimizer
    if spec.model.kind == .linreg && spec.model.solver == .exact {
      if spec.loss.kind != .mse && !spec.loss.kind.isClassification {
        error(
          lossPath, "the exact solver minimizes mse, not \(spec.loss.kind.rawValue)",
          note: "use solver: gd with an optimizer for \(spec.loss.kind.rawValue)",
          fixIt: "loss: mse")
      }
      if spec.regularization.l1 > 0 {
        error(
          "regularization.l1", "the exact solver cannot use L1 (no closed form)",
          note: "use solver: gd with an optimizer, or L2 only")
      }
      if o.weightDecay > 0, map.origin(of: "optimizer.weight_decay").map({ $0 != .default }) == true
      {
        error(
          "optimizer.weight_decay",
          "the exact solver uses no optimizer, so weight_decay cannot apply",
          note: "its L2 penalty is regularization.l2, the same (λ/2)‖w‖² as sgd's weight_decay λ",
          fixIt: spec.regularization.l2 == 0
            ? "regularization: {l2: \(NumberCheck.text(o.weightDecay))}" : nil)
      }
    }
    if o.kind == .lbfgs && spec.model.kind == .mlp {
      error("optimizer.type", "lbfgs is available for linreg and logreg, not mlp")
    }
    if o.kind == .lbfgs && spec.regularization.l1 > 0 && spec.model.kind != .mlp
      && spec.model.solver != .exact
    {
      error(
        "regularization.l1", "lbfgs cannot use L1 (the penalty has no gradient at 0)",
        note: "use optimizer gd or sgd for L1, or L2 only with lbfgs")
    }
    if o.weightDecay > 0 && spec.regularization.l2 > 0 && o.kind != .adamw {
      warning(
        "optimizer.weight_decay",
        "both weight_decay and regularization.l2 penalize the weights; the penalty is applied twice"
      )
    }
    // Records are taken every record_every budget units (iterations or epochs).
    let (n, unit) =
      switch o.budget {
      case .iterations(let n): (n, "iterations")
      case .epochs(let n): (n, "epochs")
      }
    if n > 0, spec.recordEvery > n {
      warning(
        "record_every",
        "record_every (\(spec.recordEvery)) is larger than the \(n) \(unit): only the first and last steps are recorded"
      )
    }
  }

  mutating func checkMetrics() {
    let regression = !spec.loss.kind.isClassification
    for (i, metric) in spec.metrics.enumerated() {
      let path =
        map.origin(of: SpecPath("metrics").appending(index: i)) != nil
        ? SpecPath("metrics").appending(index: i) : "metrics"
      if spec.model.kind == .linreg && metric.isClassification {
        error(
          path, "\(metric.rawValue) needs class predictions; linreg predicts real values",
          note: "use mse, rmse, mae or r2")
      }
      if spec.model.kind == .logreg && metric == .r2 {
        error(path, "r2 is a regression metric; logreg predicts classes")
      }
      if spec.model.kind == .mlp && regression && metric == .logLoss {
        error(
          path,
          "log_loss needs probabilities; the loss \(spec.loss.kind.rawValue) does not give them")
      }
      if spec.model.kind == .logreg && spec.model.multiclass == .oneVsOne
        && (metric == .logLoss || metric.isRanking)
      {
        error(
          path, "\(metric.rawValue) needs probabilities; multiclass: ovo predicts by votes",
          note: "use multiclass: ovr or softmax, or accuracy, precision, recall or f1")
      }
    }
  }

  mutating func checkEarlyStopping() {
    guard let e = spec.optimizer.earlyStopping else { return }
    if !hasDev {
      error(
        "optimizer.early_stopping", "early stopping watches the dev split, but there is none",
        note: "add dataset.dev (a file) or dataset.split.dev (e.g. 0.1)")
    }
    if let metric = e.metric, !spec.metrics.contains(metric) {
      error(
        "optimizer.early_stopping.metric",
        "early stopping watches '\(metric)', which is not in metrics",
        fixIt: "metrics: [" + (spec.metrics + [metric]).map(\.rawValue).joined(separator: ", ")
          + "]")
    }
  }
}
