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
  /// Batch normalization between `x W + b` and `f` (its running statistics: evaluation mode).
  public var normalization: BatchNormalization<T>?

  /// A layer from given parameters: `weights (inputs, outputs)`, `bias (outputs)`.
  public init(
    weights: Matrix<T>, bias: [T], activation: Activation,
    normalization: BatchNormalization<T>? = nil
  ) {
    self.weights = weights
    self.bias = bias
    self.activation = activation
    self.normalization = normalization
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
          if let n = layer.normalization { n.evaluate(zp.baseAddress!, rows: z.rows, cols: z.cols) }
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
          activation: $0.activation, normalization: $0.normalization?.converted())
      })
  }
}
