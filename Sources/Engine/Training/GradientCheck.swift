/// Compares backpropagated gradients with finite differences, in float64 (batch normalization
/// with batch statistics, dropout off).
///
/// The objective is training's, `J(θ) = mean loss + (l2/2)‖w‖² + l1‖w‖₁` on the whole set, L1
/// backpropagated as its subgradient `l1·sign(w)` (sign(0) = 0, torch's autograd; gd and sgd
/// train it by a proximal step, which has the same fixed points). Each checked parameter is
/// judged by `GradientEntryCheck`: a relative error beyond the finite difference's own floor
/// (rounding and truncation), so that an exact optimum, where both gradients are noise, is no
/// false alarm; at a kink within ±2ε (mae, Huber, relu) the analytic value must lie between
/// the one-sided differences; so must a weight within ±2ε of 0 under L1. Where the kink is
/// shared by several rows, it must lie in the sum of the rows' intervals (`SharedKinkCheck`),
/// and with batch normalization, which couples the rows, such an entry is inconclusive. Per
/// layer it also reports Ng's relative difference
/// `‖g − g̃‖ / (‖g‖ + ‖g̃‖)` of the centered differences g̃. Large layers are sampled at evenly
/// spaced entries. Multiclass strategies (ovr/ovo) are checked on their first binary problem.
public enum GradientCheck {
  /// One layer's agreement (weights, biases, and batch normalization's γ and β).
  public struct LayerResult: Sendable, Equatable {
    /// 1-based layer number.
    public var layer: Int
    /// Entries compared (weights and biases).
    public var checked: Int
    /// Entries the layer has (`checked` are evenly spaced among them when fewer).
    public var parameters: Int
    /// Entries with a kink within ±2ε, checked against the one-sided differences.
    public var kinks: Int
    /// `‖g − g̃‖ / (‖g‖ + ‖g̃‖)` over the entries without a kink (0 when both are 0): Ng's
    /// figure, for reading; at an optimum it is noise over noise.
    public var relativeDifference: Double
    /// The worst entry's relative error beyond the finite-difference floor (0 within it).
    public var worstEntry: Double
    /// Kink entries the whole objective's one-sided differences refused and the sum of the
    /// rows' intervals accepted (several rows share the kink), among `kinks`.
    public var sharedKinks = 0
    /// Kink entries shared by several rows that batch normalization leaves undecided (no
    /// failure; not in `worstEntry`), among `kinks`.
    public var inconclusive = 0
    /// The most rows sharing the kink of one `sharedKinks` or `inconclusive` entry.
    public var rowsAtSharedKink = 0
  }

  /// Every layer's result.
  public struct Report: Sendable, Equatable {
    /// One result per layer, from the input layer to the output layer.
    public var layers: [LayerResult]
    /// The rows the objective was computed on.
    public var rows = 0
    /// The rows of the training set they were taken from (evenly spaced when fewer).
    public var trainingRows = 0
    /// True when a layer has dropout, which the check leaves off (its masks are random).
    public var dropoutOff = false
    /// True when a layer has batch normalization, checked with the rows' batch statistics.
    public var batchStatistics = false
    /// True when the objective has an L1 term (checked by its subgradient).
    public var l1 = false
    /// Weights within ±2ε of 0 under L1, where |w| has its kink (among the entries checked).
    public var l1Kinks = 0
    /// The largest `worstEntry` over layers (NaN when one is: it fails every tolerance).
    public var worst: Double { layers.map(\.worstEntry).reduce(0, Kernels.maximum) }
    /// Entries checked at a kink, over layers.
    public var kinks: Int { layers.map(\.kinks).reduce(0, +) }
    /// Entries at a kink several rows share, accepted by the sum of the rows' intervals.
    public var sharedKinks: Int { layers.map(\.sharedKinks).reduce(0, +) }
    /// Entries left undecided at a kink several rows share, over layers.
    public var inconclusive: Int { layers.map(\.inconclusive).reduce(0, +) }
    /// The most rows sharing one entry's kink, over layers.
    public var rowsAtSharedKink: Int { layers.map(\.rowsAtSharedKink).max() ?? 0 }
    /// True when every decided entry's relative error beyond the floor is at most `tolerance`.
    public func passed(tolerance: Double = 1e-7) -> Bool { worst <= tolerance }
  }

  /// Checks the gradient of `configuration`'s model at `parameters` (default: the configured
  /// initializer with the configured seed) on `data`.
  public static func run(
    _ configuration: TrainingConfiguration, data: Examples<Double>,
    parameters: Network<Double>? = nil,
    epsilon: Double = 1e-6, maxEntriesPerLayer: Int = 256
  ) throws(TrainingError) -> Report {
    try run(
      configuration, data: data, parameters: parameters, epsilon: epsilon,
      maxEntriesPerLayer: maxEntriesPerLayer, adjust: nil)
  }

  /// `run`, with `adjust` applied to the backpropagated gradient before the comparison (tests
  /// corrupt it on purpose to see the check fail).
  static func run(
    _ configuration: TrainingConfiguration, data: Examples<Double>,
    parameters: Network<Double>?, epsilon: Double, maxEntriesPerLayer: Int,
    adjust: ((inout [Double]) -> Void)?
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
    let l1 = Regularization(l1: configuration.regularization.l1)
    let fb = ForwardBackward<Double>(layout: layout, loss: plan.loss, l2: l2, capacity: part.count)
    // Batch normalization as in training (batch statistics, running ones left alone); no dropout.
    fb.phase.batchStatistics = true
    let normalizer = Double(plan.loss.normalizer(rows: part.count, cols: layout.outputs))
    let coupled = layout.slots.contains { $0.normalization != nil }
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
        Regularization(l2: l2, l1: l1.l1).penalty($0.baseAddress!, layout)
      }
      return total / normalizer + penalty
    }
    _ = grad.withUnsafeMutableBufferPointer { objective(theta, gradient: $0.baseAddress!) }
    theta.withUnsafeBufferPointer { tp in
      grad.withUnsafeMutableBufferPointer {
        l1.addL1Subgradient(tp.baseAddress!, to: $0.baseAddress!, ranges: layout.weightRanges)
      }
    }
    adjust?(&grad)
    let center = objective(theta, gradient: nil)

    var results: [LayerResult] = []
    var l1Kinks = 0
    for (l, slot) in layout.slots.enumerated() {
      // Weights, biases, and batch normalization's γ and β (not its running statistics).
      let all = Array(
        slot
          .weightOffset..<(slot.biasOffset + slot.outputs
          + (slot.normalization == nil ? 0 : 2 * slot.outputs)))
      let indices = sample(all, at: max(maxEntriesPerLayer, 1))
      var (diff2, g2, n2, worst, kinks) = (0.0, 0.0, 0.0, 0.0, 0)
      var (shared, inconclusive, rowsAtSharedKink) = (0, 0, 0)
      for i in indices {
        let saved = theta[i]
        if l1.l1 > 0, i < slot.biasOffset, abs(saved) <= 2 * epsilon { l1Kinks += 1 }
        let values = [-2.0, -1, 0, 1, 2].map { k -> Double in
          guard k != 0 else { return center }
          theta[i] = saved + k * epsilon
          return objective(theta, gradient: nil)
        }
        theta[i] = saved
        let entry = GradientEntryCheck(analytic: grad[i], values: values, epsilon: epsilon)
        if entry.kink {
          kinks += 1
          // Within the one-sided differences: passed. NaN (a NaN analytic value) fails, as no
          // rows sharing the kink make it a subgradient: kept, where `excess > 0` dropped it.
          guard entry.excess > 0 else {
            worst = Kernels.maximum(worst, entry.excess)
            continue
          }
          // Refused by the whole's one-sided differences: the rows may share the kink.
          let rows = [-2.0, -1, 0, 1, 2].map { k -> [Double] in
            theta[i] = saved + k * epsilon
            _ = objective(theta, gradient: nil)
            return part.y.storage.withUnsafeBufferPointer {
              fb.rowLosses(y: $0.baseAddress!, rows: part.count, width: part.y.cols)
                .map { $0 / normalizer }
            }
          }
          theta[i] = saved
          let split = SharedKinkCheck(
            analytic: grad[i], values: values, rows: rows, epsilon: epsilon)
          if split.rowsAtKink > 1 {
            rowsAtSharedKink = max(rowsAtSharedKink, split.rowsAtKink)
            if coupled {
              inconclusive += 1
              continue
            }
            if split.excess == 0 { shared += 1 }
          }
          // One kink: the whole's interval is the rule (coupled rows have no other).
          worst = Kernels.maximum(worst, coupled ? entry.excess : split.excess)
          continue
        }
        // NaN kept (a NaN objective or gradient), where Swift.max dropped it and passed.
        worst = Kernels.maximum(worst, entry.excess)
        let analytic = grad[i]
        diff2 += (analytic - entry.numeric) * (analytic - entry.numeric)
        g2 += analytic * analytic
        n2 += entry.numeric * entry.numeric
      }
      let denominator = g2.squareRoot() + n2.squareRoot()
      results.append(
        LayerResult(
          layer: l + 1, checked: indices.count, parameters: all.count, kinks: kinks,
          relativeDifference: denominator == 0 ? 0 : diff2.squareRoot() / denominator,
          worstEntry: worst, sharedKinks: shared, inconclusive: inconclusive,
          rowsAtSharedKink: rowsAtSharedKink))
    }
    return Report(
      layers: results, rows: data.count, trainingRows: data.count,
      dropoutOff: layout.slots.contains { $0.dropout > 0 },
      batchStatistics: coupled, l1: l1.l1 > 0,
      l1Kinks: l1Kinks)
  }

  /// At most `limit` evenly spaced elements of `all` (all of them when it is short enough).
  static func sample(_ all: [Int], at limit: Int) -> [Int] {
    guard all.count > limit else { return all }
    return (0..<limit).map { all[$0 * all.count / limit] }
  }
}
