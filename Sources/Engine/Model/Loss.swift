/// The data term of the objective, always reduced by the mean.
///
/// With output `a = f(z)` of shape `(m, k)` and targets `y`:
/// - `mse`: `mean((a − y)²)` over all `m·k` elements (PyTorch's `MSELoss`).
/// - `mae`: `mean(|a − y|)` (`L1Loss`; the gradient at `a = y` is 0).
/// - `huber(δ)`: `mean(½r² if |r| < δ else δ(|r| − ½δ))`, `r = a − y` (`HuberLoss`, default δ = 1).
/// - `binaryCrossEntropy`: `mean(−y log a − (1 − y) log(1 − a))` with `a = σ(z)`, computed from the
///   logits as `softplus(z) − y z` so it never takes `log(0)`; fused with the sigmoid:
///   `dz = (a − y) / (m·k)`. Needs a sigmoid output layer.
/// - `crossEntropy`: `mean_i(−log softmax(z_i)[y_i])` with `y_i` a class index, computed as
///   `logsumexp(z_i − max z_i) − (z_i[y_i] − max z_i)` (the max subtracted so exp never
///   overflows); fused with
///   the softmax: `dz = (a − onehot(y)) / m`. Needs a softmax output layer.
public enum Loss: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// Mean squared error `mean((a − y)²)`.
  case mse
  /// Mean absolute error `mean(|a − y|)`.
  case mae
  /// Squared near the target, linear beyond `delta` (δ > 0): robust to outliers.
  case huber(delta: Double)
  /// `mean(−y log a − (1 − y) log(1 − a))` for 0/1 targets; needs a sigmoid output.
  case binaryCrossEntropy
  /// `mean_i(−log softmax(z_i)[y_i])` for class-index targets; needs a softmax output.
  case crossEntropy

  /// The loss's spec name: `mse`, `mae`, `huber(1.0)`, `binary_cross_entropy`, `cross_entropy`.
  public var description: String {
    switch self {
    case .mse: "mse"
    case .mae: "mae"
    case .huber(let d): "huber(\(d))"
    case .binaryCrossEntropy: "binary_cross_entropy"
    case .crossEntropy: "cross_entropy"
    }
  }

  /// The loss a spec declares (`LossKind` with its settings).
  public init(_ spec: LossSpec) {
    switch spec.kind {
    case .mse: self = .mse
    case .mae: self = .mae
    case .huber: self = .huber(delta: spec.settings.delta)
    case .binaryCrossEntropy: self = .binaryCrossEntropy
    case .crossEntropy: self = .crossEntropy
    }
  }

  /// The metric that is the same quantity (`mse`, `mae`): the evaluation takes the loss from it,
  /// so `train_loss` and `train_mse` are one number. `log_loss` is not cross-entropy's: it
  /// clips the probabilities (scikit-learn's rule), the loss is taken from the logits.
  var metric: Metric? { self == .mse ? .mse : self == .mae ? .mae : nil }

  /// True for losses whose targets are class labels.
  public var isClassification: Bool { self == .binaryCrossEntropy || self == .crossEntropy }

  /// Sum of the per-sample losses of a block (not yet divided), and, when `dz` is given, the
  /// gradient of `scale × that sum` with respect to the output layer's pre-activation `z`.
  ///
  /// - z, a: `(rows, cols)` pre-activation and output of the last layer.
  /// - y: `(rows, cols)` targets, or `(rows, 1)` class indices for `crossEntropy`.
  /// - Returns: `Σ` of the elementwise losses (mse, mae, huber, bce) or of the per-row losses (ce).
  func evaluate<T: Scalar>(
    z: UnsafePointer<T>, a: UnsafePointer<T>, y: UnsafePointer<T>, rows: Int, cols: Int,
    activation: Activation, dz: UnsafeMutablePointer<T>?, scale: T
  ) -> Double {
    switch self {
    case .binaryCrossEntropy:
      return LossKernels.bceLogits(z: z, a: a, y: y, count: rows * cols, dz: dz, scale: scale)
    case .crossEntropy:
      return LossKernels.softmaxCrossEntropy(
        z: z, a: a, labels: y, rows: rows, cols: cols, dz: dz, scale: scale)
    case .mse, .mae, .huber:
      let kind: Int
      var delta: T = 0
      switch self {
      case .mse: kind = 0
      case .mae: kind = 1
      case .huber(let d):
        kind = 2
        delta = T(d)
      default: kind = 0
      }
      let total = LossKernels.regression(
        kind: kind, delta: delta, a: a, y: y, count: rows * cols, da: dz, scale: scale)
      if let dz { activation.backward(z: z, a: a, grad: dz, rows: rows, cols: cols) }
      return total
    }
  }

  /// The number the per-block sum is divided by for the mean: `rows·cols`, or `rows` for ce.
  func normalizer(rows: Int, cols: Int) -> Int { self == .crossEntropy ? rows : rows * cols }
}

/// Loss kernels (specialized for `Float` and `Double`; see `Kernels`).
enum LossKernels {
  /// `log(1 + e^z) = max(z, 0) + log1p(e^{−|z|})`. Kept in this file: without whole-module
  /// optimization a scalar helper in another file is not inlined, and a generic one would
  /// run unspecialized per element (measured in the cat profile).
  @inline(__always)
  private static func softplus<T: Scalar>(_ z: T) -> T {
    let a = z < 0 ? -z : z
    return (z > 0 ? z : 0) + T.log1p(T.exp(-a))
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func bceLogits<T: Scalar>(
    z: UnsafePointer<T>, a: UnsafePointer<T>, y: UnsafePointer<T>, count: Int,
    dz: UnsafeMutablePointer<T>?, scale: T
  ) -> Double {
    var total = 0.0
    for i in 0..<count {
      // −y log σ(z) − (1 − y) log(1 − σ(z)) = softplus(z) − y z
      total += Double(softplus(z[i]) - y[i] * z[i])
    }
    if let dz { for i in 0..<count { dz[i] = (a[i] - y[i]) * scale } }
    return total
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  static func softmaxCrossEntropy<T: Scalar>(
    z: UnsafePointer<T>, a: UnsafePointer<T>, labels: UnsafePointer<T>, rows: Int, cols: Int,
    dz: UnsafeMutablePointer<T>?, scale: T
  ) -> Double {
    var total = 0.0
    for r in 0..<rows {
      let zr = z + r * cols
      var m = zr[0]
      for j in 1..<max(cols, 1) where zr[j] > m { m = zr[j] }
      var s: T = 0
      for j in 0..<cols { s += T.exp(zr[j] - m) }
      let label = Int(labels[r])
      total += Double(T.log(s) - (zr[label] - m))
      if let dz {
        let ar = a + r * cols
        let dr = dz + r * cols
        for j in 0..<cols { dr[j] = ar[j] * scale }
        dr[label] -= scale
      }
    }
    return total
  }

  /// kind 0 = mse, 1 = mae, 2 = huber.
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func regression<T: Scalar>(
    kind: Int, delta: T, a: UnsafePointer<T>, y: UnsafePointer<T>, count: Int,
    da: UnsafeMutablePointer<T>?, scale: T
  ) -> Double {
    var total = 0.0
    for i in 0..<count {
      let r = a[i] - y[i]
      let ar = r < 0 ? -r : r
      let value: T
      let grad: T
      switch kind {
      case 0:
        value = r * r
        grad = 2 * r
      case 1:
        value = ar
        grad = r > 0 ? 1 : (r < 0 ? -1 : 0)
      default:
        if ar < delta {
          value = r * r / 2
          grad = r
        } else {
          value = delta * (ar - delta / 2)
          // A NaN residual falls here (NaN < δ is false): its gradient is NaN, as torch's
          // huber backward (`norm·x·grad` past both comparisons), not −δ.
          grad = r.isNaN ? r : (r > 0 ? delta : -delta)
        }
      }
      total += Double(value)
      if let da { da[i] = grad * scale }
    }
    return total
  }
}
