/// Compares backpropagated gradients with centered finite differences, in float64 (batch
/// normalization with batch statistics, dropout off).
///
/// The objective is the smooth part of training, `J(θ) = mean loss + (l2/2)‖w‖²` on the whole
/// set (L1 is applied as a proximal step, never differentiated). For each checked parameter,
/// `g̃ = (J(θ + εe) − J(θ − εe)) / 2ε`. Per layer it reports the relative difference
/// `‖g − g̃‖ / (‖g‖ + ‖g̃‖)` over the checked entries and the worst entry
/// `|g − g̃| / max(|g|, |g̃|, 1e-7)`. Large layers are sampled at evenly spaced entries.
/// Multiclass strategies (ovr/ovo) are checked on their first binary problem.
public enum GradientCheck {
  /// One layer's agreement (weights, biases, and batch normalization's γ and β).
  public struct LayerResult: Sendable, Equatable {
    /// 1-based layer number.
    public var layer: Int
    /// Entries compared (weights and biases).
    public var checked: Int
    /// `‖g − g̃‖ / (‖g‖ + ‖g̃‖)` (0 when both are 0).
    public var relativeDifference: Double
    /// The worst entry's `|g − g̃| / max(|g|, |g̃|, 1e-7)`.
    public var worstEntry: Double
  }

  /// Every layer's result.
  public struct Report: Sendable, Equatable {
    /// One result per layer, from the input layer to the output layer.
    public var layers: [LayerResult]
    /// The largest `relativeDifference` over layers.
    public var worst: Double { layers.map(\.relativeDifference).max() ?? 0 }
    /// True when every layer's relative difference is at most `tolerance` (1e-7 is the usual bar).
    public func passed(tolerance: Double = 1e-7) -> Bool { worst <= tolerance }
  }

  /// Checks the gradient of `configuration`'s model at `parameters` (default: the configured
  /// initializer with the configured seed) on `data`.
  public static func run(
    _ configuration: TrainingConfiguration, data: Examples<Double>,
    parameters: Network<Double>? = nil,
    epsilon: Double = 1e-6, maxEntriesPerLayer: Int = 256
  ) throws(TrainingError) -> Report {
    try data.validate(name: "the data", features: nil)
    let plan = try TrainingPlan(configuration, train: data)
    let part = Evaluator<Double>.part(
      data, labels: plan.classes == nil ? [] : data.labels, component: plan.components[0])
    let layout = plan.layout
    var theta: [Double]
    if let parameters {
      let (given, flat) = ParameterLayout.flatten(parameters)
      guard given.slots.map(\.inputs) == layout.slots.map(\.inputs),
        given.slots.map(\.outputs) == layout.slots.map(\.outputs), given.count == layout.count
      else { throw .shapeMismatch("the given parameters do not have the model's layer sizes") }
      theta = flat
    } else {
      var generator = SeededGenerator(seed: SeededGenerator.derive(configuration.seed, "init/0"))
      theta = try configuration.initializer.parameters(layout, using: &generator)
    }
    let l2 = configuration.regularization.l2
    let fb = ForwardBackward<Double>(layout: layout, loss: plan.loss, l2: l2, capacity: part.count)
    // Batch normalization as in training (batch statistics, running ones left alone); no dropout.
    fb.phase.batchStatistics = true
    let normalizer = Double(plan.loss.normalizer(rows: part.count, cols: layout.outputs))
    var grad = [Double](repeating: 0, count: layout.count)

    func objective(_ t: [Double], gradient: UnsafeMutablePointer<Double>?) -> Double {
      let total = part.x.storage.withUnsafeBufferPointer { xp in
        part.y.storage.withUnsafeBufferPointer { yp in
          t.withUnsafeBufferPointer { tp in
            fb.lossAndGradient(
              theta: UnsafeMutablePointer(mutating: tp.baseAddress!), x: xp.baseAddress!,
              y: yp.baseAddress!, rows: part.count,
              scale: 1 / normalizer, backward: gradient.map { .gradient($0) } ?? .none)
          }
        }
      }
      let penalty = t.withUnsafeBufferPointer {
        Regularization(l2: l2).penalty($0.baseAddress!, layout)
      }
      return total / normalizer + penalty
    }
    _ = grad.withUnsafeMutableBufferPointer { objective(theta, gradient: $0.baseAddress!) }

    var results: [LayerResult] = []
    for (l, slot) in layout.slots.enumerated() {
      // Weights, biases, and batch normalization's γ and β (not its running statistics).
      let all = Array(
        slot
          .weightOffset..<(slot.biasOffset + slot.outputs
          + (slot.normalization == nil ? 0 : 2 * slot.outputs)))
      let indices = sample(all, at: max(maxEntriesPerLayer, 1))
      var diff2 = 0.0
      var g2 = 0.0
      var n2 = 0.0
      var worst = 0.0
      for i in indices {
        let saved = theta[i]
        theta[i] = saved + epsilon
        let plus = objective(theta, gradient: nil)
        theta[i] = saved - epsilon
        let minus = objective(theta, gradient: nil)
        theta[i] = saved
        let numeric = (plus - minus) / (2 * epsilon)
        let analytic = grad[i]
        diff2 += (analytic - numeric) * (analytic - numeric)
        g2 += analytic * analytic
        n2 += numeric * numeric
        worst = max(worst, abs(analytic - numeric) / max(abs(analytic), abs(numeric), 1e-7))
      }
      let denominator = g2.squareRoot() + n2.squareRoot()
      results.append(
        LayerResult(
          layer: l + 1, checked: indices.count,
          relativeDifference: denominator == 0 ? 0 : diff2.squareRoot() / denominator,
          worstEntry: worst))
    }
    return Report(layers: results)
  }

  /// At most `limit` evenly spaced elements of `all` (all of them when it is short enough).
  static func sample(_ all: [Int], at limit: Int) -> [Int] {
    guard all.count > limit else { return all }
    return (0..<limit).map { all[$0 * all.count / limit] }
  }
}
