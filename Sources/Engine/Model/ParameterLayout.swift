/// Where each layer's weights and bias live in one flat parameter vector
/// `θ = [W₁ (row-major), b₁, W₂, b₂, …]`, so that optimizers, gradient checks and L-BFGS work
/// on one contiguous array. A batch-normalized layer follows its bias with `γ, β` (learned) and
/// its running mean and variance (state the forward pass updates; their gradient is always 0,
/// so no optimizer moves them), each `outputs` long.
struct ParameterLayout: Sendable, Equatable {
  struct Slot: Sendable, Equatable {
    var inputs: Int
    var outputs: Int
    var weightOffset: Int
    var biasOffset: Int
    var activation: Activation
    /// Probability of zeroing each output in training (0: no dropout).
    var dropout = 0.0
    /// Batch normalization of `xW + b`, or nil.
    var normalization: Normalization?
    var weightCount: Int { inputs * outputs }
    /// One past the slot's last entry.
    var end: Int { normalization.map { $0.offset + 4 * outputs } ?? biasOffset + outputs }
  }

  /// A batch-normalized slot's settings and where its four vectors start.
  struct Normalization: Sendable, Equatable {
    var momentum: Double
    var eps: Double
    /// Offset of γ; β, the running mean and the running variance follow, `outputs` apart.
    var offset: Int
  }

  var slots: [Slot]
  var count: Int

  /// Layers of the given widths: `widths = [inputs, hidden…, outputs]`; `layers` (an mlp's
  /// declared layers) adds their dropout and batch normalization.
  init(widths: [Int], activations: [Activation], layers: [LayerSpec] = []) {
    var slots: [Slot] = []
    var offset = 0
    for l in 0..<(widths.count - 1) {
      var s = Slot(
        inputs: widths[l], outputs: widths[l + 1], weightOffset: offset,
        biasOffset: offset + widths[l] * widths[l + 1], activation: activations[l])
      if l < layers.count {
        s.dropout = layers[l].dropout
        if layers[l].normalization == .batchNorm {
          let n = layers[l].normalizationSettings
          s.normalization = Normalization(
            momentum: n.momentum, eps: n.eps, offset: s.biasOffset + s.outputs)
        }
      }
      offset = s.end
      slots.append(s)
    }
    self.slots = slots
    self.count = offset
  }

  var inputs: Int { slots.first?.inputs ?? 0 }
  var outputs: Int { slots.last?.outputs ?? 0 }
  var maxWidth: Int { slots.map(\.outputs).max() ?? 0 }
  /// True when a layer has batch normalization or dropout.

  /// The weight ranges (regularized); biases and batch normalization are never regularized.
  var weightRanges: [Range<Int>] {
    slots.map { $0.weightOffset..<($0.weightOffset + $0.weightCount) }
  }

  /// The network held in `theta`.
  func network<T: Scalar>(_ theta: [T]) -> Network<T> {
    Network(
      layers: slots.map { s in
        let norm = s.normalization.map { n in
          let part = { (k: Int) in
            Array(theta[(n.offset + k * s.outputs)..<(n.offset + (k + 1) * s.outputs)])
          }
          return BatchNormalization(
            gamma: part(0), beta: part(1), runningMean: part(2), runningVar: part(3), eps: n.eps)
        }
        return DenseLayer(
          weights: Matrix(
            rows: s.inputs, cols: s.outputs,
            storage: Array(theta[s.weightOffset..<(s.weightOffset + s.weightCount)])),
          bias: Array(theta[s.biasOffset..<(s.biasOffset + s.outputs)]), activation: s.activation,
          normalization: norm)
      })
  }

  /// The flat vector of a network with this layout (normalized layers at torch's momentum).
  static func flatten<T: Scalar>(_ network: Network<T>) -> (ParameterLayout, [T]) {
    let widths = [network.inputs] + network.layers.map(\.outputs)
    let layers = network.layers.map { layer in
      var spec = LayerSpec(layer.outputs, .identity)
      if let n = layer.normalization {
        spec.normalization = .batchNorm
        spec.normalizationSettings.eps = n.eps
      }
      return spec
    }
    let layout = ParameterLayout(
      widths: widths, activations: network.layers.map(\.activation), layers: layers)
    var theta: [T] = []
    theta.reserveCapacity(layout.count)
    for layer in network.layers {
      theta += layer.weights.storage
      theta += layer.bias
      if let n = layer.normalization {
        theta += n.gamma + n.beta + n.runningMean + n.runningVar
      }
    }
    return (layout, theta)
  }
}
