import Conventions

/// Computes loss and metrics of the current parameters on a split.
final class Evaluator<T: Scalar> {
  /// A split prepared once: the whole set and each component's binary relabeling.
  struct PreparedSet {
    var whole: Examples<T>
    var parts: [Examples<T>]
    var labels: [Int]
  }

  let plan: TrainingPlan
  let metrics: [Metric]
  /// The passes, evaluation only: no backward buffers, no dropout.
  let forwardBackward: ForwardBackward<T>

  init(plan: TrainingPlan, metrics: [Metric], capacity: Int) {
    self.plan = plan
    self.metrics = metrics
    forwardBackward = ForwardBackward(
      layout: plan.layout, loss: plan.loss, l2: 0, capacity: min(max(capacity, 1), 256),
      gradients: false)
  }

  /// The split as each component sees it.
  func prepare(_ examples: Examples<T>) -> PreparedSet {
    let labels = plan.classes == nil ? [] : examples.labels
    let parts = plan.components.map { Evaluator.part(examples, labels: labels, component: $0) }
    return PreparedSet(whole: examples, parts: parts, labels: labels)
  }

  /// The component's view of a split: relabeled (and, for a pair, only that pair's rows).
  static func part(_ e: Examples<T>, labels: [Int], component: TrainingPlan.Subproblem) -> Examples<
    T
  > {
    switch component {
    case .whole:
      return e
    case .rest(let c):
      return Examples(x: e.x, labels: labels.map { $0 == c ? 1 : 0 })
    case .pair(let negative, let positive):
      let rows = labels.indices.filter { labels[$0] == negative || labels[$0] == positive }
      return Examples(x: e.x.rows(rows), labels: rows.map { labels[$0] == positive ? 1 : 0 })
    }
  }

  /// The model the parameter vectors describe.
  func model(_ thetas: [[T]]) -> TrainedModel<T> {
    switch plan.components.first {
    case .rest?:
      return .oneVsRest(thetas.map { plan.layout.network($0) })
    case .pair?:
      return .oneVsOne(
        zip(plan.components, thetas).map { component, theta in
          guard case .pair(let n, let p) = component else {
            return .init(negative: 0, positive: 1, network: plan.layout.network(theta))
          }
          return .init(negative: n, positive: p, network: plan.layout.network(theta))
        })
    default:
      return .network(plan.layout.network(thetas[0]))
    }
  }

  /// Mean loss (components: the mean of their losses) and the configured metrics.
  func evaluate(_ thetas: [[T]], on split: PreparedSet) -> Evaluation {
    var scores = Matrix<Double>(rows: 0, cols: 0)
    var predicted: [Int] = []
    var loss = 0.0
    var logLoss: Double?
    if plan.components == [.whole] {
      let (l, outputs) = thetas[0].withUnsafeBufferPointer {
        forwardBackward.evaluate(theta: $0.baseAddress!, x: split.whole.x, y: split.whole.y)
      }
      loss = l
      if plan.classes != nil, metrics.contains(where: { $0.isRanking || $0 == .logLoss }) {
        scores = outputs.converted()
      }
      if plan.classes != nil, metrics.contains(.logLoss) {
        // scikit-learn's log_loss clips the probabilities, unlike the loss of the logits.
        logLoss = Metric.logLoss(probabilities: scores, labels: split.labels)
      }
      if plan.classes != nil {
        predicted = [Int](repeating: 0, count: outputs.rows)
        outputs.storage.withUnsafeBufferPointer { op in
          predicted.withUnsafeMutableBufferPointer {
            Kernels.predictedClasses(
              op.baseAddress!, rows: outputs.rows, cols: outputs.cols, into: $0.baseAddress!)
          }
        }
      } else {
        scores = outputs.converted()
      }
    } else {
      for (theta, part) in zip(thetas, split.parts) where part.count > 0 {
        let l = theta.withUnsafeBufferPointer {
          forwardBackward.evaluate(theta: $0.baseAddress!, x: part.x, y: part.y).loss
        }
        loss += l / Double(thetas.count)
      }
      let model = model(thetas)
      scores =
        (try? model.scores(split.whole.x, classes: plan.classes ?? 2))
        ?? Matrix(rows: 0, cols: 0)
      predicted = TrainedModel<T>.labels(fromScores: scores)
      // One-vs-rest figures of the probabilities `runner predict` writes (rows summing to 1);
      // the loss stays the training objective, the mean of the binary losses.
      if case .oneVsRest = model, scores.rows == split.labels.count {
        scores = TrainedModel<T>.oneVsRestProbabilities(scores)
        logLoss = Metric.logLoss(probabilities: scores, labels: split.labels)
      }
    }
    var values: [Metric: Double] = [:]
    if let classes = plan.classes {
      let confusion = ConfusionMatrix(actual: split.labels, predicted: predicted, classes: classes)
      for m in metrics where m.isClassification {
        values[m] =
          m.isRanking
          ? Metric.ranking(m, scores: scores, labels: split.labels, classes: classes)
          : Metric.classification(m, confusion: confusion, logLoss: logLoss ?? loss)
      }
    } else {
      let targets = split.whole.y.storage.map(\.doubleValue)
      // An mse or mae loss is its metric's figure (the blocked sums of the pass differed from
      // it in the last digits).
      if let same = plan.loss.metric {
        loss = Metric.regression(same, predictions: scores.storage, targets: targets)
      }
      for m in metrics where !m.isClassification {
        values[m] =
          m == plan.loss.metric
          ? loss
          : Metric.regression(
            m, predictions: scores.storage, targets: targets, columns: scores.cols)
      }
      // A one-output model trained on a regression loss against 0/1 targets (e.g.
      // perceptrons with a step output and mse) is still a classifier: its classification
      // metrics count an output above 0.5 as 1.
      if metrics.contains(where: \.isClassification), scores.cols == 1,
        targets.allSatisfy({ $0 == 0 || $0 == 1 })
      {
        let actual = targets.map { Int($0) }
        let predicted = scores.storage.map { $0 > 0.5 ? 1 : 0 }
        let confusion = ConfusionMatrix(actual: actual, predicted: predicted, classes: 2)
        for m in metrics where m.isClassification && m != .logLoss {
          values[m] =
            m.isRanking
            ? Metric.ranking(m, scores: scores, labels: actual, classes: 2)
            : Metric.classification(m, confusion: confusion, logLoss: loss)
        }
      }
    }
    return Evaluation(loss: loss, metrics: values)
  }
}
