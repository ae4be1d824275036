/// One fully connected layer: `a = f(x W + b)`.
///
/// `weights` is `(inputs, outputs)` so that a row-major batch `x: (m, inputs)` maps to
/// `(m, outputs)` with one `gemm` (PyTorch stores the transpose, `(outputs, inputs)`).
public struct DenseLayer<T: Scalar>: Sendable, Equatable {
  /// `(inputs, outputs)`.
  public var weights: Matrix<T>
  /// `(outputs)`.
  public var bias: [T]
  /// The nonlinearity `f` in `a = f(x W + b)`.
  public var activation: Activation

  /// A layer from given parameters: `weights (inputs, outputs)`, `bias (outputs)`.
  public init(weights: Matrix<T>, bias: [T], activation: Activation) {
    self.weights = weights
    self.bias = bias
    self.activation = activation
  }

  /// Number of input features: the rows of `weights`.
  public var inputs: Int { weights.rows }
  /// Number of units: the columns of `weights`.
  public var outputs: Int { weights.cols }
}

/// A feed-forward network: linear and logistic regression are one-layer networks.
public struct Network<T: Scalar>: Sendable, Equatable {
  /// The layers from input to output; each one's `inputs` is the previous one's `outputs`.
  public var layers: [DenseLayer<T>]

  /// A network applying `layers` in order.
  public init(layers: [DenseLayer<T>]) { self.layers = layers }

  /// Number of input features.
  public var inputs: Int { layers.first?.inputs ?? 0 }
  /// Number of outputs of the last layer.
  public var outputs: Int { layers.last?.outputs ?? 0 }

  /// The forward pass: the last layer's activations for every row of `x`.
  ///
  /// Shapes: `x: (m, inputs) -> (m, outputs)`.
  public func predict(_ x: Matrix<T>) throws(TrainingError) -> Matrix<T> {
    guard x.cols == inputs else {
      throw .shapeMismatch("input has \(x.cols) features, the model expects \(inputs)")
    }
    var a = x
    for layer in layers {
      var z = a.matmul(layer.weights)
      z.storage.withUnsafeMutableBufferPointer { zp in
        layer.bias.withUnsafeBufferPointer { bp in
          Kernels.addRowVector(bp.baseAddress!, zp.baseAddress!, rows: z.rows, cols: z.cols)
          layer.activation.forward(
            UnsafePointer(zp.baseAddress!), zp.baseAddress!, rows: z.rows, cols: z.cols)
        }
      }
      a = z
    }
    return a
  }

  /// The same network in another scalar type.
  public func converted<U: Scalar>(to: U.Type = U.self) -> Network<U> {
    Network<U>(
      layers: layers.map {
        DenseLayer<U>(
          weights: $0.weights.converted(), bias: $0.bias.map { U($0.doubleValue) },
          activation: $0.activation)
      })
  }
}

/// Where each layer's weights and bias live in one flat parameter vector
/// `θ = [W₁ (row-major), b₁, W₂, b₂, …]`, so that optimizers, gradient checks and L-BFGS work
/// on one contiguous array.
struct ParameterLayout: Sendable, Equatable {
  struct Slot: Sendable, Equatable {
    var inputs: Int
    var outputs: Int
    var weightOffset: Int
    var biasOffset: Int
    var activation: Activation
    var weightCount: Int { inputs * outputs }
  }

  var slots: [Slot]
  var count: Int

  /// Layers of the given widths: `widths = [inputs, hidden…, outputs]`.
  init(widths: [Int], activations: [Activation]) {
    var slots: [Slot] = []
    var offset = 0
    for l in 0..<(widths.count - 1) {
      let s = Slot(
        inputs: widths[l], outputs: widths[l + 1], weightOffset: offset,
        biasOffset: offset + widths[l] * widths[l + 1], activation: activations[l])
      offset = s.biasOffset + s.outputs
      slots.append(s)
    }
    self.slots = slots
    self.count = offset
  }

  var inputs: Int { slots.first?.inputs ?? 0 }
  var outputs: Int { slots.last?.outputs ?? 0 }
  var maxWidth: Int { slots.map(\.outputs).max() ?? 0 }

  /// The weight ranges (regularized); biases are never regularized.
  var weightRanges: [Range<Int>] {
    slots.map { $0.weightOffset..<($0.weightOffset + $0.weightCount) }
  }

  /// The network held in `theta`.
  func network<T: Scalar>(_ theta: [T]) -> Network<T> {
    Network(
      layers: slots.map { s in
        DenseLayer(
          weights: Matrix(
            rows: s.inputs, cols: s.outputs,
            storage: Array(theta[s.weightOffset..<(s.weightOffset + s.weightCount)])),
          bias: Array(theta[s.biasOffset..<(s.biasOffset + s.outputs)]), activation: s.activation)
      })
  }

  /// The flat vector of a network with this layout.
  static func flatten<T: Scalar>(_ network: Network<T>) -> (ParameterLayout, [T]) {
    let widths = [network.inputs] + network.layers.map(\.outputs)
    let layout = ParameterLayout(widths: widths, activations: network.layers.map(\.activation))
    var theta: [T] = []
    theta.reserveCapacity(layout.count)
    for layer in network.layers {
      theta += layer.weights.storage
      theta += layer.bias
    }
    return (layout, theta)
  }
}
