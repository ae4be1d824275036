/// Cross-field checks on a decoded spec: combinations that are each valid alone but wrong
/// together (errors), or legal but suspicious (warnings, fatal under `--strict`). Every rule a
/// run would refuse lives here, located; the rules that need facts read from the data (how many
/// classes, how many target columns) are in `SpecValidator+Data.swift`.
struct SpecValidator {
  let spec: ExperimentSpec
  let map: SourceMap
  private(set) var diagnostics: [Diagnostic] = []

  init(spec: ExperimentSpec, map: SourceMap) {
    self.spec = spec
    self.map = map
  }

  mutating func error(
    _ path: SpecPath, _ message: String, note: String? = nil, fixIt: String? = nil
  ) {
    diagnostics.append(map.diagnostic(.error, at: path, message, note: note, fixIt: fixIt))
  }

  mutating func warning(
    _ path: SpecPath, _ message: String, note: String? = nil, fixIt: String? = nil
  ) {
    diagnostics.append(map.diagnostic(.warning, at: path, message, note: note, fixIt: fixIt))
  }

  /// The path of `key` of the output (last) layer: `model.layers[n].key`.
  func outputLayer(_ key: String) -> SpecPath {
    SpecPath("model.layers").appending(index: spec.model.layers.count - 1).appending(key)
  }

  /// The path of the loss as written (`loss` or `loss.type`).
  var lossPath: SpecPath { map.origin(of: "loss.type") != nil ? "loss.type" : "loss" }

  mutating func run() -> [Diagnostic] {
    checkModelAndLoss()
    checkSolverAndOptimizer()
    checkMetrics()
    checkEarlyStopping()
    checkInitShapes()
    checkReport()
    checkMisc()
    checkObjective()
    checkBayesStart()
    return diagnostics
  }

  private mutating func checkModelAndLoss() {
    let loss = spec.loss.kind
    let model = spec.model
    switch model.kind {
    case .linreg:
      if loss.isClassification {
        error(
          lossPath, "\(loss.rawValue) is a classification loss; linreg predicts real values",
          note: "use mse, mae or huber, or model type logreg for classes")
      }
    case .logreg:
      if !loss.isClassification {
        error(
          lossPath,
          "\(loss.rawValue) is a regression loss; logistic regression minimizes binary_cross_entropy",
          note: "use cross_entropy with multiclass: softmax, or model type linreg for real values",
          fixIt: "loss: binary_cross_entropy")
      }
      if loss == .crossEntropy && model.multiclass != .softmax {
        error(
          lossPath,
          "cross_entropy goes with multiclass: softmax; \(model.multiclass.rawValue) trains binary models",
          fixIt: "loss: binary_cross_entropy")
      }
      if loss == .binaryCrossEntropy, model.multiclass == .softmax,
        let classes = spec.dataset.classes, classes.count > 2
      {
        error(
          lossPath,
          "binary_cross_entropy with \(classes.count) classes; a softmax logreg needs cross_entropy",
          fixIt: "loss: cross_entropy")
      }
    case .mlp:
      guard let output = model.layers.last else { return }
      if output.activation == .softmax && loss == .binaryCrossEntropy {
        error(
          lossPath, "binary_cross_entropy does not go with a softmax output layer",
          note: "use cross_entropy with softmax, or one sigmoid unit with binary_cross_entropy",
          fixIt: "loss: cross_entropy")
      } else if loss == .binaryCrossEntropy && output.activation != .sigmoid {
        error(
          lossPath,
          "binary_cross_entropy needs a sigmoid output layer (the output layer is \(output.activation.rawValue))"
        )
      } else if loss == .crossEntropy && output.activation != .softmax {
        error(
          lossPath,
          "cross_entropy needs a softmax output layer (the output layer is \(output.activation.rawValue))",
          note: "softmax is fused with the log-likelihood for stability")
      }
      for key in ["dropout", "normalization"]
      where map.origin(of: outputLayer(key))?.location != nil {
        error(
          outputLayer(key), "\(key) applies to hidden layers, not the output (last) layer",
          fixIt: "remove '\(key)' here, or add it to a hidden layer")
      }
      if output.activation == .softmax && output.units < 2 {
        error(
          outputLayer("activation"),
          "a softmax output needs at least 2 units (one per class; got \(output.units))"
        )
      }
      if output.activation == .softmax, let classes = spec.dataset.classes,
        classes.count != output.units
      {
        error(
          outputLayer("units"),
          "the output layer has \(output.units) units but dataset.classes names \(classes.count) classes"
        )
      }
      if model.layers.contains(where: { $0.activation == .step }) && spec.optimizer.trains {
        let i = model.layers.firstIndex { $0.activation == .step }!
        error(
          SpecPath("model.layers").appending(index: i).appending("activation"),
          "the step activation has no gradient, so the network cannot be trained",
          note:
            "give explicit weights (init: {type: explicit, ...}) and `iterations: 0` to evaluate it"
        )
      }
    }
  }

  private mutating func checkSolverAndOptimizer() {
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
      } else if map.origin(of: "optimizer") != .default {
        warning("optimizer", "the exact solver ignores the optimizer")
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
    if o.kind == .lbfgs && o.schedule != .constant {
      error("optimizer.schedule", "lbfgs does not use a learning-rate schedule")
    }
    if o.weightDecay > 0 && spec.regularization.l2 > 0 && o.kind != .adamw {
      warning(
        "optimizer.weight_decay",
        "both weight_decay and regularization.l2 penalize the weights; the penalty is applied twice"
      )
    }
    let (n, unit) =
      switch o.budget {
      case .iterations(let n): (n, "iterations")
      case .epochs(let n): (o.kind.isFullBatch ? n : 0, "epochs")
      }
    if n > 0, spec.recordEvery > n {
      warning(
        "record_every",
        "record_every (\(spec.recordEvery)) is larger than the \(n) \(unit): only the first and last steps are recorded"
      )
    }
  }

  private mutating func checkMetrics() {
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
    }
  }

  var hasDev: Bool {
    if case .files(_, let dev, _) = spec.dataset.source, dev != nil { return true }
    return !spec.dataset.split.dev.isEmpty
  }

  private mutating func checkEarlyStopping() {
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
    if !spec.optimizer.trains {
      warning(
        "optimizer.early_stopping",
        "early stopping has no effect without training (the budget is 0)")
    }
  }

  private mutating func checkInitShapes() {
    guard case .explicit(let layers) = spec.model.initialization else { return }
    switch spec.model.kind {
    case .linreg, .logreg:
      if let layer = layers.first, layer.weights[0].count != 1,
        spec.model.kind == .linreg || spec.model.multiclass != .softmax
      {
        error(
          "model.init.weights",
          "\(spec.model.kind.rawValue) has one output; the weights have \(layer.weights[0].count) columns"
        )
      }
    case .mlp:
      let units = spec.model.layers.map(\.units)
      if layers.count != units.count {
        error(
          "model.init.layers",
          "explicit init gives \(layers.count) layers but the model has \(units.count)")
        return
      }
      for (i, (layer, n)) in zip(layers, units).enumerated() {
        let path = SpecPath("model.init.layers").appending(index: i).appending("weights")
        if layer.weights[0].count != n {
          error(
            path,
            "layer \(i) has \(n) units but its explicit weights have \(layer.weights[0].count) columns",
            note: "weights are (inputs × outputs)")
        } else if i > 0, layer.weights.count != units[i - 1] {
          error(
            path,
            "layer \(i) gets \(units[i - 1]) inputs but its explicit weights have \(layer.weights.count) rows",
            note: "weights are (inputs × outputs)")
        }
      }
    }
  }

  private mutating func checkReport() {
    if let b = spec.report.bootstrap, b.loss == .zeroOne, spec.model.kind == .linreg {
      error(
        "report.bootstrap.loss",
        "zero_one loss needs class predictions; linreg predicts real values", fixIt: "loss: mse")
    } else if let b = spec.report.bootstrap, b.loss == .zeroOne, !spec.loss.kind.isClassification {
      error(
        "report.bootstrap.loss",
        "zero_one loss needs class predictions; the loss \(spec.loss.kind.rawValue) gives real values",
        fixIt: "loss: mse")
    }
    if spec.report.bootstrap != nil && !hasDev && !hasTest {
      error(
        "report.bootstrap",
        "the bias/variance decomposition predicts a held-out set, but there is no test or dev split",
        note: "add dataset.split.test (e.g. 0.2) or a test file")
    }
    if spec.report.validationCurve != nil && !hasDev && !hasTest {
      error(
        "report.validation_curve", "a validation curve needs a dev or test split to measure",
        note: "add dataset.split.dev or a test file")
    }
    if spec.report.learningCurve != nil && !hasDev && !hasTest {
      error(
        "report.learning_curve", "a learning curve needs a dev or test split to measure",
        note: "add dataset.split.dev or a test file")
    }
  }

  var hasTest: Bool {
    let split = spec.dataset.split
    switch spec.dataset.source {
    case .files(_, _, let test) where test != nil: return true
    case .named(let named) where named.shipsTestPart && split.test.isEmpty && split.dev.isEmpty:
      return true  // the dataset's own test part
    default: return !split.test.isEmpty
    }
  }

  private mutating func checkMisc() {
    let steps = spec.dataset.preprocessing
    for (i, step) in steps.enumerated()
    where steps[..<i].contains(step) && (step == .flatten || step == .standardize) {
      warning(
        SpecPath("dataset.preprocessing").appending(index: i),
        "\(step.key) appears twice in preprocessing")
    }
  }
}

extension OptimizerSpec {
  /// False when the budget is 0 (the initial parameters are only evaluated).
  public var trains: Bool { budget.units > 0 }
}
