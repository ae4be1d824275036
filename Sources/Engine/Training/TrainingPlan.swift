/// A configuration checked against the training data and resolved into networks to train.
struct TrainingPlan: Sendable {
  /// The layout of each trained network.
  var layout: ParameterLayout
  /// The loss each network minimizes.
  var loss: Loss
  /// Number of classes, or nil for regression.
  var classes: Int?
  /// The networks trained side by side: one, or the binary problems of one-vs-rest / one-vs-one.
  var components: [Subproblem]

  /// One binary problem of a multiclass strategy, or the whole problem.
  enum Subproblem: Sendable, Equatable, CustomStringConvertible {
    case whole
    /// Class `positive` (label 1) against every other class (label 0).
    case rest(positive: Int)
    /// Samples of `negative` (label 0) and `positive` (label 1) only.
    case pair(negative: Int, positive: Int)

    /// `class 2 vs rest`, `class 0 vs 2`, `the model`: how messages name the model.
    var description: String {
      switch self {
      case .whole: "the model"
      case .rest(let k): "class \(k) vs rest"
      case .pair(let negative, let positive): "class \(negative) vs \(positive)"
      }
    }
  }

  /// Throws for data that does not fit (labels, target columns); a configuration that breaks a
  /// rule the spec validator enforces (a loss the model cannot minimize, an output layer of the
  /// wrong width, lbfgs with L1, ...) is a programmer error and stops on a precondition.
  init<T: Scalar>(_ c: TrainingConfiguration, train: Examples<T>) throws(TrainingError) {
    let features = train.x.cols
    guard train.count > 0 else { throw .shapeMismatch("the training set is empty") }
    precondition(c.recordEvery >= 1, "record_every must be >= 1 (got \(c.recordEvery))")
    precondition(
      c.learningRate.isFinite && c.learningRate > 0,
      "learning_rate must be > 0 (got \(c.learningRate))")
    precondition((c.batchSize ?? 1) >= 1, "batch_size must be >= 1")
    precondition(c.budget.units >= 0, "the training budget must be >= 0 (got \(c.budget.units))")
    precondition(
      c.regularization.l1 >= 0 && c.regularization.l2 >= 0, "l1 and l2 must be >= 0")
    if c.loss.isClassification {
      let labels = train.labels
      let largest = labels.max() ?? 0
      let k = c.classes ?? max(2, largest + 1)
      guard train.y.cols == 1 || c.loss == .binaryCrossEntropy else {
        throw .shapeMismatch(
          "classification targets must be one label per row (got \(train.y.cols) columns)")
      }
      classes = k
      try TrainingPlan.checkLabels(train, classes: k, loss: c.loss, name: "training")
    } else {
      classes = nil
    }

    let outputs = train.y.cols
    switch c.model {
    case .linearRegression(let solver):
      precondition(
        !c.loss.isClassification,
        "linear regression needs a regression loss (mse, mae, huber), not \(c.loss)")
      if solver == .exact {
        precondition(c.loss == .mse, "the exact solver minimizes mse, not \(c.loss)")
        precondition(c.regularization.l1 == 0, "the exact solver has no L1")
      }
      layout = ParameterLayout(widths: [features, outputs], activations: [.identity])
      loss = c.loss
      components = [.whole]
    case .logisticRegression(let strategy):
      let k = classes ?? 2
      switch strategy {
      case .binary:
        precondition(
          c.loss == .binaryCrossEntropy,
          "binary logistic regression minimizes binary_cross_entropy, not \(c.loss)")
        guard k == 2 else {
          throw .invalidConfiguration(
            "binary logistic regression needs labels 0/1, found \(k) classes; use softmax, ovr or ovo"
          )
        }
        layout = ParameterLayout(widths: [features, 1], activations: [.sigmoid])
        loss = .binaryCrossEntropy
        components = [.whole]
      case .softmax:
        precondition(
          c.loss == .crossEntropy,
          "softmax logistic regression minimizes cross_entropy, not \(c.loss)")
        layout = ParameterLayout(widths: [features, k], activations: [.softmax])
        loss = .crossEntropy
        components = [.whole]
      case .oneVsRest, .oneVsOne:
        precondition(
          c.loss.isClassification,
          "logistic regression needs a classification loss, not \(c.loss)")
        layout = ParameterLayout(widths: [features, 1], activations: [.sigmoid])
        loss = .binaryCrossEntropy
        if strategy == .oneVsRest {
          components = (0..<k).map { .rest(positive: $0) }
        } else {
          components = (0..<k).flatMap { i in ((i + 1)..<k).map { .pair(negative: i, positive: $0) }
          }
        }
      }
    case .mlp(let layers):
      precondition(!layers.isEmpty, "an MLP needs at least one layer")
      precondition(layers.allSatisfy { $0.units >= 1 }, "every layer needs at least 1 unit")
      var activations = layers.map { Activation($0.activation, $0.settings) }
      let last = layers[layers.count - 1]
      switch c.loss {
      case .crossEntropy:
        precondition(
          last.units == classes,
          "the output layer has \(last.units) units but there are \(classes ?? 0) classes")
        precondition(
          last.activation == .softmax || last.activation == .identity,
          "cross_entropy needs a softmax output layer, not \(last.activation)")
        activations[activations.count - 1] = .softmax
      case .binaryCrossEntropy:
        // A step output (forward only: given perceptron weights) reports the loss of σ(z).
        precondition(
          last.activation == .sigmoid || last.activation == .step,
          "binary_cross_entropy needs a sigmoid output layer, not \(last.activation)")
        precondition(
          last.units == outputs,
          "the output layer has \(last.units) units but the targets have \(outputs) columns")
      default:
        precondition(
          last.units == outputs,
          "the output layer has \(last.units) units but the targets have \(outputs) columns")
      }
      precondition(
        last.dropout == 0 && last.normalization == .none,
        "dropout and normalization apply to hidden layers, not the output layer")
      precondition(layers.allSatisfy { $0.dropout >= 0 && $0.dropout < 1 }, "dropout is in [0, 1)")
      layout = ParameterLayout(
        widths: [features] + layers.map(\.units), activations: activations, layers: layers)
      loss = c.loss
      components = [.whole]
    }
    precondition(
      !activationsBlockTraining(c),
      "a network with a step activation can only be evaluated (training budget 0)")
    precondition(
      c.optimizer.kind != .lbfgs || c.model.family.trainsWithLBFGS,
      "lbfgs is for \(ModelFamily.trainedWithLBFGS)")
    precondition(
      c.optimizer.kind.l1Step != .refused || c.regularization.l1 == 0,
      "\(c.optimizer.kind.rawValue) cannot handle L1")
    precondition(
      c.optimizer.kind != .gd || (c.batchSize ?? train.count) >= train.count,
      "gd is full-batch; use sgd for batch_size \(c.batchSize ?? 0)")
  }

  /// Every label of `examples` must be a class index in `0..<classes` (one label per row).
  static func checkLabels<T: Scalar>(
    _ examples: Examples<T>, classes k: Int, loss: Loss, name: String
  ) throws(TrainingError) {
    guard loss == .crossEntropy || examples.y.cols == 1 else { return }
    guard examples.y.cols == 1 else {
      throw .shapeMismatch(
        "\(name) targets must be one class label per row (got \(examples.y.cols) columns)")
    }
    for (i, v) in examples.y.storage.enumerated() {
      let d = v.doubleValue
      if d != d.rounded() || d < 0 || d >= Double(k) {
        throw .shapeMismatch("\(name) label \(v) in row \(i + 1) is not a class index in 0..<\(k)")
      }
    }
  }

  private func activationsBlockTraining(_ c: TrainingConfiguration) -> Bool {
    return c.budget.units > 0 && layout.slots.contains { !$0.activation.isDifferentiable }
  }
}

/// The networks a model is made of (how saved parameters are rebuilt into a model).
public enum ModelComponents: Sendable, Equatable {
  /// One network.
  case single
  /// One binary network per class.
  case oneVsRest(classes: Int)
  /// One binary network per pair of classes.
  case oneVsOne(classes: Int)
}

extension ModelKind {
  /// The networks this model (resolved for its classes) trains with `loss`, and the activation
  /// of each layer of every network, as `TrainingPlan` lays them out.
  public func structure(loss: Loss, classes: Int?) -> (ModelComponents, [Activation]) {
    let k = classes ?? 2
    switch self {
    case .linearRegression: return (.single, [.identity])
    case .logisticRegression(.binary): return (.single, [.sigmoid])
    case .logisticRegression(.softmax): return (.single, [.softmax])
    case .logisticRegression(.oneVsRest): return (.oneVsRest(classes: k), [.sigmoid])
    case .logisticRegression(.oneVsOne): return (.oneVsOne(classes: k), [.sigmoid])
    case .mlp(let layers):
      var activations = layers.map { Activation($0.activation, $0.settings) }
      if loss == .crossEntropy, !activations.isEmpty {
        activations[activations.count - 1] = .softmax
      }
      return (.single, activations)
    }
  }
}
