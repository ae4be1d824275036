/// A configuration checked against the training data and resolved into networks to train.
struct TrainingPlan: Sendable {
  /// The layout of each trained network.
  var layout: ParameterLayout
  /// The loss each network minimizes.
  var loss: Loss
  /// Number of classes, or nil for regression.
  var classes: Int?
  /// The networks trained side by side: one, or the binary problems of one-vs-rest / one-vs-one.
  var components: [Component]

  /// One binary problem of a multiclass strategy, or the whole problem.
  enum Component: Sendable, Equatable {
    case whole
    /// Class `positive` (label 1) against every other class (label 0).
    case rest(positive: Int)
    /// Samples of `negative` (label 0) and `positive` (label 1) only.
    case pair(negative: Int, positive: Int)
  }

  init<T: Scalar>(_ c: TrainingConfiguration, train: Examples<T>) throws(TrainingError) {
    let features = train.x.cols
    guard train.count > 0 else { throw .shapeMismatch("the training set is empty") }
    guard c.recordEvery >= 1 else { throw .invalidConfiguration("record_every must be >= 1 (got \(c.recordEvery))") }
    guard c.learningRate.isFinite, c.learningRate > 0 else {
      throw .invalidConfiguration("learning_rate must be > 0 (got \(c.learningRate))")
    }
    if let b = c.batchSize, b < 1 { throw .invalidConfiguration("batch_size must be >= 1 (got \(b))") }
    switch c.budget {
    case .iterations(let n) where n < 0, .epochs(let n) where n < 0:
      throw .invalidConfiguration("the training budget must be >= 0 (got \(n))")
    default: break
    }
    guard c.regularization.l1 >= 0, c.regularization.l2 >= 0 else {
      throw .invalidConfiguration("l1 and l2 must be >= 0")
    }
    if c.loss.isClassification {
      let labels = train.labels
      let largest = labels.max() ?? 0
      let k = c.classes ?? max(2, largest + 1)
      guard train.y.cols == 1 || c.loss == .binaryCrossEntropy else {
        throw .shapeMismatch("classification targets must be one label per row (got \(train.y.cols) columns)")
      }
      classes = k
      try TrainingPlan.checkLabels(train, classes: k, loss: c.loss, name: "training")
    } else {
      classes = nil
    }

    let outputs = train.y.cols
    switch c.model {
    case .linearRegression(let solver):
      guard !c.loss.isClassification else {
        throw .invalidConfiguration("linear regression needs a regression loss (mse, mae, huber), not \(c.loss)")
      }
      if solver == .exact {
        guard c.loss == .mse else { throw .invalidConfiguration("the exact solver minimizes mse, not \(c.loss)") }
        guard c.regularization.l1 == 0 else { throw .invalidConfiguration("the exact solver has no L1; use an iterative optimizer") }
      }
      layout = ParameterLayout(widths: [features, outputs], activations: [.identity])
      loss = c.loss
      components = [.whole]
    case .logisticRegression(let strategy):
      let k = classes ?? 2
      switch strategy {
      case .binary:
        guard c.loss == .binaryCrossEntropy else {
          throw .invalidConfiguration("binary logistic regression minimizes binary_cross_entropy, not \(c.loss)")
        }
        guard k == 2 else {
          throw .invalidConfiguration("binary logistic regression needs labels 0/1, found \(k) classes; use softmax, ovr or ovo")
        }
        layout = ParameterLayout(widths: [features, 1], activations: [.sigmoid])
        loss = .binaryCrossEntropy
        components = [.whole]
      case .softmax:
        guard c.loss == .crossEntropy else {
          throw .invalidConfiguration("softmax logistic regression minimizes cross_entropy, not \(c.loss)")
        }
        layout = ParameterLayout(widths: [features, k], activations: [.softmax])
        loss = .crossEntropy
        components = [.whole]
      case .oneVsRest, .oneVsOne:
        guard c.loss.isClassification else {
          throw .invalidConfiguration("logistic regression needs a classification loss, not \(c.loss)")
        }
        layout = ParameterLayout(widths: [features, 1], activations: [.sigmoid])
        loss = .binaryCrossEntropy
        if strategy == .oneVsRest {
          components = (0..<k).map { .rest(positive: $0) }
        } else {
          components = (0..<k).flatMap { i in ((i + 1)..<k).map { .pair(negative: i, positive: $0) } }
        }
      }
    case .mlp(let layers):
      guard !layers.isEmpty else { throw .invalidConfiguration("an MLP needs at least one layer") }
      if let bad = layers.first(where: { $0.units < 1 }) {
        throw .invalidConfiguration("every layer needs at least 1 unit (got \(bad.units))")
      }
      var activations = layers.map(\.activation)
      let last = layers[layers.count - 1]
      switch c.loss {
      case .crossEntropy:
        guard last.units == classes else {
          throw .invalidConfiguration("the output layer has \(last.units) units but there are \(classes ?? 0) classes")
        }
        guard last.activation == .softmax || last.activation == .identity else {
          throw .invalidConfiguration("cross_entropy needs a softmax output layer, not \(last.activation)")
        }
        activations[activations.count - 1] = .softmax
      case .binaryCrossEntropy:
        // A step output (forward only: primer 002's perceptrons) reports the loss of σ(z).
        guard last.activation == .sigmoid || last.activation == .step else {
          throw .invalidConfiguration("binary_cross_entropy needs a sigmoid output layer, not \(last.activation)")
        }
        guard last.units == outputs else {
          throw .invalidConfiguration("the output layer has \(last.units) units but the targets have \(outputs) columns")
        }
      default:
        guard last.units == outputs else {
          throw .invalidConfiguration("the output layer has \(last.units) units but the targets have \(outputs) columns")
        }
      }
      layout = ParameterLayout(widths: [features] + layers.map(\.units), activations: activations)
      loss = c.loss
      components = [.whole]
    }
    if activationsBlockTraining(c) {
      throw .invalidConfiguration("a network with a step activation can only be evaluated (training budget 0)")
    }
    if case .lbfgs = c.optimizer {
      if case .mlp = c.model { throw .invalidConfiguration("lbfgs is for linear and logistic regression, not MLPs") }
      guard c.regularization.l1 == 0 else { throw .invalidConfiguration("lbfgs cannot handle L1; use gd or sgd") }
    }
    if c.optimizer == .gd, let b = c.batchSize, b < train.count {
      throw .invalidConfiguration("gd is full-batch; use sgd for batch_size \(b)")
    }
  }

  /// Every label of `examples` must be a class index in `0..<classes` (one label per row).
  static func checkLabels<T: Scalar>(
    _ examples: Examples<T>, classes k: Int, loss: Loss, name: String
  ) throws(TrainingError) {
    guard loss == .crossEntropy || examples.y.cols == 1 else { return }
    guard examples.y.cols == 1 else {
      throw .shapeMismatch("\(name) targets must be one class label per row (got \(examples.y.cols) columns)")
    }
    for (i, v) in examples.y.storage.enumerated() {
      let d = v.doubleValue
      if d != d.rounded() || d < 0 || d >= Double(k) {
        throw .shapeMismatch("\(name) label \(v) in row \(i + 1) is not a class index in 0..<\(k)")
      }
    }
  }

  private func activationsBlockTraining(_ c: TrainingConfiguration) -> Bool {
    let trains = switch c.budget {
    case .iterations(let n), .epochs(let n): n > 0
    }
    return trains && layout.slots.contains { !$0.activation.isDifferentiable }
  }
}
