/// Full-batch gradient descent on a one-output linear or logistic model with `m ≪ n` (the cat
/// data: 209 samples × 12288 features), without reading `X` in the loop.
///
/// Plain gradient descent (as a numpy loop writes it) reads `X` twice per iteration
/// (`z = X w + b`, `dw = Xᵀ dz`): for the cat data 2 × 20 MB per iteration, memory-bound. Every
/// gradient `Xᵀ dz` lies in the row space of `X`, so the iterates are exactly
///   `w_t = c_t·w₀ − Xᵀ α_t`   (α: one coefficient per sample, c: the L2 decay of `w₀`)
/// and the update `w ← w − lr(Xᵀ dz + l2·w)`, `b ← b − lr·Σdz` becomes
///   `c ← (1 − lr·l2)·c`,   `α ← (1 − lr·l2)·α + lr·dz`,   `b ← b − lr·Σ dz`,
///   `z = X w + b = c·(X w₀) − G α + b`   with the Gram matrix `G = X Xᵀ (m, m)` computed once.
/// Each iteration costs one `(m, m)` matrix-vector product instead of two passes over `(m, n)`;
/// `w` is formed (one pass over `X`) only when a record or the result needs it. Same iterates
/// as the plain path up to floating-point rounding (tested). The `m`-sized state (`G`, `α`, `z`,
/// the loss) is kept in float64 for both dtypes, so float32 runs lose nothing to the
/// reformulation; `w` is returned in `T`.
///
/// Applies to: one layer, one output, optimizer `gd`, no L1, `m ≤ n/2` and `m ≤ 2048` (the Gram
/// matrix stays under 32 MB); the plain path handles everything else.
final class GramDescentSession<T: Scalar>: TrainingSession<T> {
  private let data: Examples<T>
  private let loss: Loss
  private let activation: Activation
  private let l2: Double
  private let gram: [Double]
  private var w0: [T]
  private var xw0: [Double]
  private var scale = 1.0
  private var alpha: [Double]
  private var bias: Double
  private var z: [Double]
  private var a: [Double]
  private var dz: [Double]
  private var targets: [Double]

  /// Whether this path applies to the configuration, layout and training set size.
  static func applies(_ c: TrainingConfiguration, _ layout: ParameterLayout, rows m: Int) -> Bool {
    c.optimizer.kind == .gd && c.regularization.l1 == 0 && layout.slots.count == 1
      && layout.outputs == 1
      && m >= 1 && m <= 2048 && 2 * m <= layout.inputs
  }

  /// The session, or nil when the Gram matrix is not finite (a value near the dtype's limit
  /// squares to ∞, and `0 · ∞` would make the initial loss NaN): the plain path then
  /// evaluates the first step as the records do.
  init?(layout: ParameterLayout, theta: [T], data: Examples<T>, loss: Loss, l2: Double) {
    let m = data.count
    let n = data.x.cols
    self.data = data
    self.loss = loss
    self.activation = layout.slots[0].activation
    self.l2 = l2
    // G = X Xᵀ in float64.
    var g = [Double](repeating: 0, count: m * m)
    var wide = [Double](repeating: 0, count: m * n)
    data.x.storage.withUnsafeBufferPointer { xp in
      wide.withUnsafeMutableBufferPointer {
        Kernels.widen(xp.baseAddress!, into: $0.baseAddress!, count: m * n)
      }
    }
    wide.withUnsafeBufferPointer { xp in
      g.withUnsafeMutableBufferPointer { gp in
        Double.gemm(
          transA: false, transB: true, m: m, n: m, k: n, alpha: 1, a: xp.baseAddress!, lda: n,
          b: xp.baseAddress!, ldb: n, beta: 0, c: gp.baseAddress!, ldc: m)
      }
    }
    guard g.allSatisfy(\.isFinite) else { return nil }
    gram = g
    var y = [Double](repeating: 0, count: m)
    data.y.storage.withUnsafeBufferPointer { yp in
      y.withUnsafeMutableBufferPointer {
        Kernels.widen(yp.baseAddress!, into: $0.baseAddress!, count: m)
      }
    }
    targets = y
    w0 = Array(theta[0..<n])
    xw0 = [Double](repeating: 0, count: m)
    alpha = [Double](repeating: 0, count: m)
    bias = theta[n].doubleValue
    z = alpha
    a = alpha
    dz = alpha
    super.init(layout: layout, theta: theta, stepsPerEpoch: 1)
    restart(from: theta)
  }

  /// Makes `theta` the new `w₀` (c = 1, α = 0): at the start and when early stopping restores.
  private func restart(from theta: [T]) {
    let m = data.count
    let n = data.x.cols
    w0 = Array(theta[0..<n])
    bias = theta[n].doubleValue
    scale = 1
    var u = [T](repeating: 0, count: m)
    data.x.storage.withUnsafeBufferPointer { xp in
      w0.withUnsafeBufferPointer { wp in
        u.withUnsafeMutableBufferPointer { up in
          T.gemv(
            trans: false, m: m, n: n, alpha: 1, a: xp.baseAddress!, lda: n, x: wp.baseAddress!,
            incx: 1, beta: 0,
            y: up.baseAddress!, incy: 1)
          xw0.withUnsafeMutableBufferPointer {
            Kernels.widen(up.baseAddress!, into: $0.baseAddress!, count: m)
          }
        }
      }
    }
    alpha = [Double](repeating: 0, count: m)
    updateLogits()
    self.theta = theta
  }

  /// `z = c·(X w₀) − G α + b`.
  private func updateLogits() {
    let m = data.count
    z.withUnsafeMutableBufferPointer { zp in
      gram.withUnsafeBufferPointer { gp in
        alpha.withUnsafeBufferPointer { ap in
          zp.baseAddress!.update(from: xw0, count: m)
          Double.gemv(
            trans: false, m: m, n: m, alpha: -1, a: gp.baseAddress!, lda: m, x: ap.baseAddress!,
            incx: 1,
            beta: scale, y: zp.baseAddress!, incy: 1)
          Kernels.addScalar(bias, zp.baseAddress!, count: m)
        }
      }
    }
  }

  override func advance(learningRate lr: Double) -> Double {
    let m = data.count
    // a = f(z); dz = ∂(mean loss)/∂z; the loss of the current parameters.
    let lossSum = z.withUnsafeBufferPointer { zp in
      a.withUnsafeMutableBufferPointer { ap in
        dz.withUnsafeMutableBufferPointer { dp in
          targets.withUnsafeBufferPointer { yp in
            activation.forward(zp.baseAddress!, ap.baseAddress!, rows: m, cols: 1)
            return loss.evaluate(
              z: zp.baseAddress!, a: ap.baseAddress!, y: yp.baseAddress!, rows: m, cols: 1,
              activation: activation, dz: dp.baseAddress!, scale: 1 / Double(m))
          }
        }
      }
    }
    let db = dz.withUnsafeBufferPointer { Kernels.sum($0.baseAddress!, count: m) }
    // c ← (1 − lr·l2)c;  α ← (1 − lr·l2)α + lr·dz;  b ← b − lr·db
    let decay = 1 - lr * l2
    scale *= decay
    alpha.withUnsafeMutableBufferPointer { ap in
      dz.withUnsafeBufferPointer { dp in
        if decay != 1 { Kernels.scale(decay, ap.baseAddress!, count: m) }
        Kernels.axpy(lr, dp.baseAddress!, ap.baseAddress!, count: m)
      }
    }
    bias -= lr * db
    updateLogits()
    return lossSum / Double(m)
  }

  /// Forms `θ = [c·w₀ − Xᵀα, b]` (one pass over `X`).
  override func materialize() {
    let m = data.count
    let n = data.x.cols
    var w = w0
    var alphaT = [T](repeating: 0, count: m)
    alpha.withUnsafeBufferPointer { ap in
      alphaT.withUnsafeMutableBufferPointer {
        Kernels.narrow(ap.baseAddress!, into: $0.baseAddress!, count: m)
      }
    }
    data.x.storage.withUnsafeBufferPointer { xp in
      alphaT.withUnsafeBufferPointer { ap in
        w.withUnsafeMutableBufferPointer { wp in
          T.gemv(
            trans: true, m: m, n: n, alpha: -1, a: xp.baseAddress!, lda: n, x: ap.baseAddress!,
            incx: 1,
            beta: T(scale), y: wp.baseAddress!, incy: 1)
        }
      }
    }
    theta = w + [T(bias)]
  }

  override func restore(_ parameters: [T]) { restart(from: parameters) }

  override func save() -> TrainingCheckpoint.Session? {
    TrainingCheckpoint.Session(
      steps: steps,
      reals: ["gram_w0": w0.doubles, "gram_alpha": alpha, "gram_scale_bias": [scale, bias]])
  }

  override func load(_ state: TrainingCheckpoint.Session) -> Bool {
    guard let w0 = [T](state.reals["gram_w0"], count: data.x.cols),
      let alpha = state.reals["gram_alpha"], alpha.count == data.count,
      let scaleBias = state.reals["gram_scale_bias"], scaleBias.count == 2
    else { return false }
    // As `restart` from w₀, then the saved c, α and b: the logits of the saved state.
    restart(from: w0 + [T(scaleBias[1])])
    self.alpha = alpha
    scale = scaleBias[0]
    bias = scaleBias[1]
    updateLogits()
    return true
  }
}
