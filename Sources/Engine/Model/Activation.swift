/// A layer's elementwise (or, for softmax, row-wise) nonlinearity `a = f(z)`.
///
/// Forward and backward sit side by side. Backward computes `dz = da ⊙ f'(z)` from the layer's
/// pre-activation `z` and output `a` (whichever is cheaper). `step` is forward-only (for
/// evaluating given perceptron weights): its derivative is zero almost everywhere, so a network
/// using it cannot be trained.
public enum Activation: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// `a = z`.
  case identity
  /// `a = 1 if z > 0 else 0` (forward only); NaN stays NaN (as `torch.heaviside`).
  case step
  /// `a = 1 / (1 + e^{-z})`; `f' = a (1 − a)`.
  case sigmoid
  /// `a = tanh z`; `f' = 1 − a²`.
  case tanh
  /// `a = max(z, 0)`, NaN kept (as `torch.relu`); `f' = 0 if z ≤ 0 else 1` (NaN passes `da`
  /// through, as torch's `threshold_backward`).
  case relu
  /// `a = z if z > 0 else slope·z` (NaN kept); PyTorch's default slope is 0.01.
  case leakyRelu(slope: Double)
  /// Row-wise `a_j = e^{z_j − max z} / Σ_k e^{z_k − max z}`; `dz_j = a_j (da_j − Σ_k da_k a_k)`.
  case softmax

  /// The activation's spec name: `identity`, `relu`, `leaky_relu(0.01)`, `softmax`, ….
  public var description: String {
    switch self {
    case .identity: "identity"
    case .step: "step"
    case .sigmoid: "sigmoid"
    case .tanh: "tanh"
    case .relu: "relu"
    case .leakyRelu(let s): "leaky_relu(\(s))"
    case .softmax: "softmax"
    }
  }

  /// The activation a spec declares (`ActivationKind` with its settings).
  public init(_ kind: ActivationKind, _ s: ActivationSettings) {
    switch kind {
    case .identity: self = .identity
    case .step: self = .step
    case .sigmoid: self = .sigmoid
    case .tanh: self = .tanh
    case .relu: self = .relu
    case .leakyRelu: self = .leakyRelu(slope: s.negativeSlope)
    case .softmax: self = .softmax
    }
  }

  /// The declared activation and settings this value is (the inverse of `init(_:_:)`).
  public var declared: (ActivationKind, ActivationSettings) {
    var settings = ActivationSettings()
    switch self {
    case .identity: return (.identity, settings)
    case .step: return (.step, settings)
    case .sigmoid: return (.sigmoid, settings)
    case .tanh: return (.tanh, settings)
    case .relu: return (.relu, settings)
    case .leakyRelu(let slope):
      settings.negativeSlope = slope
      return (.leakyRelu, settings)
    case .softmax: return (.softmax, settings)
    }
  }

  /// False for `step`, whose gradient carries no information.
  public var isDifferentiable: Bool { self != .step }

  /// True when `backward` gives the same values from `a` in place of `z`, so that `a` may
  /// overwrite `z`: every activation but a leaky ReLU with a negative slope (ReLU's `z > 0` is
  /// `a > 0` for a slope ≥ 0; the others differentiate from `a`).
  var differentiatesFromOutput: Bool {
    if case .leakyRelu(let s) = self { return s >= 0 }
    return true
  }

  /// ReLU's (0) or a leaky ReLU's slope below zero, nil for the other activations.
  var rectifierSlope: Double? {
    switch self {
    case .relu: 0
    case .leakyRelu(let s): s
    case .identity, .step, .sigmoid, .tanh, .softmax: nil
    }
  }

  /// Forward: `a = f(z)` over a row-major `(rows, cols)` block. `z` and `a` may alias.
  ///
  /// Shapes: `z: (rows, cols) -> a: (rows, cols)`.
  public func forward<T: Scalar>(
    _ z: UnsafePointer<T>, _ a: UnsafeMutablePointer<T>, rows: Int, cols: Int
  ) {
    let n = rows * cols
    switch self {
    case .identity: if UnsafePointer(a) != z { a.update(from: z, count: n) }
    case .step: ActivationKernels.step(z, a, count: n)
    case .sigmoid: Kernels.sigmoid(z, a, count: n)
    case .tanh: ActivationKernels.tanh(z, a, count: n)
    case .relu: ActivationKernels.leakyRelu(z, a, count: n, slope: 0)
    case .leakyRelu(let s): ActivationKernels.leakyRelu(z, a, count: n, slope: T(s))
    case .softmax: ActivationKernels.softmaxRows(z, a, rows: rows, cols: cols)
    }
  }

  /// Backward: `dz = da ⊙ f'(z)` in place in `grad` (which holds `da` on entry, `dz` on exit).
  ///
  /// Shapes: `z, a, grad: (rows, cols)`.
  public func backward<T: Scalar>(
    z: UnsafePointer<T>, a: UnsafePointer<T>, grad: UnsafeMutablePointer<T>, rows: Int, cols: Int
  ) {
    let n = rows * cols
    switch self {
    case .identity: break
    case .step: for i in 0..<n { grad[i] = 0 }
    case .sigmoid: ActivationKernels.sigmoidBackward(a, grad, count: n)
    case .tanh: ActivationKernels.tanhBackward(a, grad, count: n)
    case .relu: ActivationKernels.leakyReluBackward(z, grad, count: n, slope: 0)
    case .leakyRelu(let s): ActivationKernels.leakyReluBackward(z, grad, count: n, slope: T(s))
    case .softmax: ActivationKernels.softmaxRowsBackward(a, grad, rows: rows, cols: cols)
    }
  }
}

/// The activation kernels (specialized for `Float` and `Double`; see `Kernels`).
enum ActivationKernels {
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func step<T: Scalar>(_ z: UnsafePointer<T>, _ a: UnsafeMutablePointer<T>, count: Int) {
    // NaN is neither ≤ 0 nor > 0: it stays NaN.
    for i in 0..<count {
      let v = z[i]
      a[i] = v <= 0 ? 0 : (v > 0 ? 1 : v)
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func tanh<T: Scalar>(_ z: UnsafePointer<T>, _ a: UnsafeMutablePointer<T>, count: Int) {
    for i in 0..<count { a[i] = T.tanh(z[i]) }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func leakyRelu<T: Scalar>(
    _ z: UnsafePointer<T>, _ a: UnsafeMutablePointer<T>, count: Int, slope: T
  ) {
    if slope == 0 {
      // `z ≤ 0`, not `!(z > 0)`: a NaN is kept (as torch.relu), not turned into 0; −0 gives +0.
      for i in 0..<count { a[i] = z[i] <= 0 ? 0 : z[i] }
    } else {
      for i in 0..<count { a[i] = z[i] > 0 ? z[i] : slope * z[i] }
    }
  }

  /// `z ← leakyRelu(z + bias)` in place, the row vector `bias` added to every row of the
  /// row-major `(rows, cols)` block: `Kernels.addRowVector` and `leakyRelu` in one pass, each
  /// element rounded as by the two (slope 0: ReLU's exact 0; a NaN is kept).
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func addBiasLeakyRelu<T: Scalar>(
    _ bias: UnsafePointer<T>, _ z: UnsafeMutablePointer<T>, rows: Int, cols: Int, slope: T
  ) {
    // A named zero: with the literal in the select, the ReLU loop is not vectorized (measured).
    let zero: T = 0
    for i in 0..<rows {
      let row = z + i * cols
      if slope == 0 {
        for j in 0..<cols {
          let v = row[j] + bias[j]
          row[j] = v <= zero ? zero : v
        }
      } else {
        for j in 0..<cols {
          let v = row[j] + bias[j]
          row[j] = v > zero ? v : slope * v
        }
      }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func softmaxRows<T: Scalar>(
    _ z: UnsafePointer<T>, _ a: UnsafeMutablePointer<T>, rows: Int, cols: Int
  ) {
    for r in 0..<rows {
      let zr = z + r * cols
      let ar = a + r * cols
      var m = zr[0]
      for j in 1..<max(cols, 1) where zr[j] > m { m = zr[j] }
      var s: T = 0
      for j in 0..<cols {
        let e = T.exp(zr[j] - m)
        ar[j] = e
        s += e
      }
      let inv = 1 / s
      for j in 0..<cols { ar[j] *= inv }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func sigmoidBackward<T: Scalar>(
    _ a: UnsafePointer<T>, _ g: UnsafeMutablePointer<T>, count: Int
  ) {
    for i in 0..<count { g[i] *= a[i] * (1 - a[i]) }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func tanhBackward<T: Scalar>(
    _ a: UnsafePointer<T>, _ g: UnsafeMutablePointer<T>, count: Int
  ) {
    for i in 0..<count { g[i] *= 1 - a[i] * a[i] }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func leakyReluBackward<T: Scalar>(
    _ z: UnsafePointer<T>, _ g: UnsafeMutablePointer<T>, count: Int, slope: T
  ) {
    // A select, not a branch: vectorizes. ReLU (slope 0) passes `da` at a NaN `z` as torch's
    // threshold_backward (`z ≤ 0 ? 0 : da`); a leaky slope scales it as torch's
    // leaky_relu_backward (`z > 0 ? da : slope·da`).
    if slope == 0 {
      for i in 0..<count { g[i] = z[i] <= 0 ? 0 : g[i] }
    } else {
      for i in 0..<count { g[i] = z[i] > 0 ? g[i] : g[i] * slope }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func softmaxRowsBackward<T: Scalar>(
    _ a: UnsafePointer<T>, _ g: UnsafeMutablePointer<T>, rows: Int, cols: Int
  ) {
    for r in 0..<rows {
      let ar = a + r * cols
      let gr = g + r * cols
      var dot: T = 0
      for j in 0..<cols { dot += gr[j] * ar[j] }
      for j in 0..<cols { gr[j] = ar[j] * (gr[j] - dot) }
    }
  }
}

extension LayerSpec {
  /// A layer of `units` computing `activation` (its declaration and settings).
  public init(_ units: Int, activation: Activation) {
    let (kind, settings) = activation.declared
    self.init(units, kind, settings)
  }
}
