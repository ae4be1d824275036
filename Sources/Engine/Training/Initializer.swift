/// How weights and biases start. Every random draw comes from the run's seeded generator, layer
/// by layer (weights row-major, then biases), so a seed fixes the initial network.
public enum Initializer: Sendable, Equatable {
  /// All zeros (enough for logistic regression, whose objective is convex).
  case zeros
  /// Weights `N(mean, std²)`, biases 0.
  case normal(mean: Double = 0, std: Double)
  /// Weights `U(−bound, bound)`, biases 0.
  case uniform(bound: Double)
  /// Glorot uniform: weights `U(±√(6 / (fan_in + fan_out)))`, biases 0.
  case xavier
  /// He (Kaiming) normal: weights `N(0, 2 / fan_in)`, biases 0.
  case he
  /// LeCun normal: weights `N(0, 1 / fan_in)` (the variance of keras's `lecun_normal`, which
  /// truncates at 2σ), biases 0.
  case lecun
  /// PyTorch's `nn.Linear` default: weights and biases `U(±1/√fan_in)`.
  case pytorch
  /// Given values per layer: weights `(inputs, outputs)` and biases, in float64.
  case explicit([ExplicitLayer])
  /// One start per network of a one-vs-rest or one-vs-one model, in the order of its binary
  /// models (`TrainingPlan.components`); each is itself no `perModel`.
  case perModel([Initializer])

  /// One layer's given parameters (declared in `Vocabulary`, as the spec gives them).
  public typealias ExplicitLayer = Vocabulary.ExplicitLayer

  /// The initializer a spec declares (`InitializerKind` with its settings).
  public init(_ kind: InitializerKind, _ s: InitializerSettings) {
    switch kind {
    case .zeros: self = .zeros
    case .normal: self = .normal(mean: s.mean, std: s.std)
    case .uniform: self = .uniform(bound: s.limit)
    case .pytorch: self = .pytorch
    case .xavier: self = .xavier
    case .he: self = .he
    case .lecun: self = .lecun
    }
  }

  /// The initial flat parameter vector for `layout` of network `model` (the index of a binary
  /// model of one-vs-rest or one-vs-one, which `perModel` starts each from its own values).
  func parameters<T: Scalar>(
    _ layout: ParameterLayout, model: Int = 0, using generator: inout SeededGenerator
  ) throws(TrainingError) -> [T] {
    if case .perModel(let starts) = self {
      guard starts.indices.contains(model) else {
        throw .invalidConfiguration(
          "initial values are given for \(starts.count) binary models; there is no model \(model + 1)"
        )
      }
      if case .perModel = starts[model] {
        preconditionFailure("a binary model's start is one network's")
      }
      return try starts[model].parameters(layout, using: &generator)
    }
    var theta = [T](repeating: 0, count: layout.count)
    for (l, s) in layout.slots.enumerated() {
      let fanIn = Double(s.inputs)
      let w = s.weightOffset..<(s.weightOffset + s.weightCount)
      let b = s.biasOffset..<(s.biasOffset + s.outputs)
      switch self {
      case .zeros: break
      case .normal(let mean, let std):
        for i in w { theta[i] = T(mean + std * generator.nextNormal()) }
      case .uniform(let bound):
        for i in w { theta[i] = T(bound * (2 * generator.nextUnit() - 1)) }
      case .xavier:
        let bound = (6 / (fanIn + Double(s.outputs))).squareRoot()
        for i in w { theta[i] = T(bound * (2 * generator.nextUnit() - 1)) }
      case .he, .lecun:
        // Variance 2/fan_in (He) or 1/fan_in (LeCun).
        let std = ((self == .he ? 2 : 1) / fanIn).squareRoot()
        for i in w { theta[i] = T(std * generator.nextNormal()) }
      case .pytorch:
        let bound = 1 / fanIn.squareRoot()
        for i in w { theta[i] = T(bound * (2 * generator.nextUnit() - 1)) }
        for i in b { theta[i] = T(bound * (2 * generator.nextUnit() - 1)) }
      case .perModel: preconditionFailure("perModel is resolved per model above")
      case .explicit(let layers):
        guard l < layers.count else {
          throw .invalidConfiguration(
            "explicit initial values give \(layers.count) layers, the model has \(layout.slots.count)"
          )
        }
        let given = layers[l]
        let (rows, cols) = (given.weights.count, given.weights.first?.count ?? 0)
        guard rows == s.inputs, cols == s.outputs, given.bias.count == s.outputs,
          given.weights.allSatisfy({ $0.count == cols })
        else {
          throw .invalidConfiguration(
            "layer \(l + 1): explicit weights are \(rows)×\(cols) with \(given.bias.count) biases; the model needs \(s.inputs)×\(s.outputs) with \(s.outputs)"
          )
        }
        for (k, i) in w.enumerated() { theta[i] = T(given.weights[k / cols][k % cols]) }
        for (k, i) in b.enumerated() { theta[i] = T(given.bias[k]) }
        if s.normalization == nil, given.normalization != nil {
          throw .invalidConfiguration(
            "layer \(l + 1): the given values have batch normalization; the model's layer has none")
        }
        if let n = s.normalization, let v = given.normalization {
          let values = v.arrays.flatMap { $0 }
          guard v.arrays.allSatisfy({ $0.count == s.outputs }) else {
            throw .invalidConfiguration(
              "layer \(l + 1): explicit batch normalization has \(v.count) values; the model needs \(s.outputs)"
            )
          }
          for (k, value) in values.enumerated() { theta[n.offset + k] = T(value) }
          continue
        }
      }
      // nn.BatchNorm1d's start: γ = 1, β = 0, running mean 0, running variance 1.
      if let n = s.normalization {
        for k in 0..<s.outputs {
          theta[n.offset + k] = 1
          theta[n.offset + 3 * s.outputs + k] = 1
        }
      }
    }
    if case .explicit(let layers) = self, layers.count != layout.slots.count {
      throw .invalidConfiguration(
        "explicit initial values give \(layers.count) layers, the model has \(layout.slots.count)")
    }
    return theta
  }
}

extension ExplicitLayer {
  /// A layer's given weights as a matrix (inputs × outputs), its biases and normalization.
  public init(
    weights: Matrix<Double>, bias: [Double], normalization: ExplicitNormalization? = nil
  ) {
    let rows = (0..<weights.rows).map { i in
      Array(weights.storage[(i * weights.cols)..<((i + 1) * weights.cols)])
    }
    self.init(weights: rows, bias: bias, normalization: normalization)
  }
}
