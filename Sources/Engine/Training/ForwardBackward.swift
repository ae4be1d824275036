/// The forward and backward passes of a network held in a flat parameter vector, over blocks of
/// up to `capacity` rows, with every buffer allocated once.
///
/// Forward, layer `l` (1-based), `A₀ = X`:
///   `Z_l = A_{l−1} W_l + b_l`   // A_{l−1}: (rows, in), W_l: (in, out) -> Z_l: (rows, out)
///   `A_l = f_l(Z_l)`
/// Backward, from `dZ_L` given by the loss (fused with sigmoid / softmax where it can be):
///   `dW_l = A_{l−1}ᵀ dZ_l`      // (in, rows)·(rows, out) -> (in, out)
///   `db_l = Σ_rows dZ_l`        // -> (out)
///   `dA_{l−1} = dZ_l W_lᵀ`      // (rows, out)·(out, in) -> (rows, in)
///   `dZ_{l−1} = dA_{l−1} ⊙ f'_{l−1}(Z_{l−1})`
/// then `dW_l += l2·W_l` (L2 on weights only).
final class ForwardBackward<T: Scalar> {
  let layout: ParameterLayout
  let loss: Loss
  let l2: T
  let capacity: Int
  let gradients: Bool
  // Buffers owned by this object (allocated once, freed in deinit).
  private let z: [UnsafeMutablePointer<T>]
  private let a: [UnsafeMutablePointer<T>]
  private var delta: UnsafeMutablePointer<T>
  private var deltaPrevious: UnsafeMutablePointer<T>

  /// - Parameter gradients: false for evaluation only (no backward buffers).
  init(layout: ParameterLayout, loss: Loss, l2: Double, capacity: Int, gradients: Bool = true) {
    self.layout = layout
    self.loss = loss
    self.l2 = T(l2)
    let capacity = max(capacity, 1)
    self.capacity = capacity
    func buffer(_ count: Int) -> UnsafeMutablePointer<T> {
      let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
      p.initialize(repeating: 0, count: max(count, 1))
      return p
    }
    z = layout.slots.map { buffer(capacity * $0.outputs) }
    a = layout.slots.map { buffer(capacity * $0.outputs) }
    let widest = max(layout.maxWidth, layout.slots.map(\.inputs).max() ?? 0)
    delta = buffer(gradients ? capacity * widest : 1)
    deltaPrevious = buffer(gradients ? capacity * widest : 1)
    self.gradients = gradients
  }

  deinit {
    for p in z + a + [delta, deltaPrevious] { p.deallocate() }
  }

  /// Runs the forward pass on `rows ≤ capacity` rows of `x: (rows, inputs)`.
  func forward(theta: UnsafePointer<T>, x: UnsafePointer<T>, rows: Int) {
    for (l, s) in layout.slots.enumerated() {
      let input: UnsafePointer<T> = l == 0 ? x : UnsafePointer(a[l - 1])
      // Z = A W (one output: a matrix-vector product)
      if s.outputs == 1 {
        T.gemv(
          trans: false, m: rows, n: s.inputs, alpha: 1, a: input, lda: s.inputs,
          x: theta + s.weightOffset,
          incx: 1, beta: 0, y: z[l], incy: 1)
      } else {
        T.gemm(
          transA: false, transB: false, m: rows, n: s.outputs, k: s.inputs, alpha: 1,
          a: input, lda: s.inputs, b: theta + s.weightOffset, ldb: s.outputs, beta: 0, c: z[l],
          ldc: s.outputs)
      }
      // Z += b; A = f(Z)
      Kernels.addRowVector(theta + s.biasOffset, z[l], rows: rows, cols: s.outputs)
      s.activation.forward(UnsafePointer(z[l]), a[l], rows: rows, cols: s.outputs)
    }
  }

  /// The last layer's outputs of the latest forward pass, `(rows, outputs)` row-major.
  func withOutputs<R>(_ body: (UnsafePointer<T>) -> R) -> R {
    body(UnsafePointer(a[a.count - 1]))
  }

  /// Where the backward pass puts its result.
  enum Backward {
    /// Nothing: forward and loss only.
    case none
    /// The gradient of `scale·(summed loss) + (l2/2)‖w‖²`, overwriting the buffer.
    case gradient(UnsafeMutablePointer<T>)
    /// Plain gradient descent applied in place, layer by layer, without a gradient buffer:
    /// `W ← (1 − lr·l2)·W − lr·Aᵀ dZ` (one `gemm` with `β = 1 − lr·l2`), `b ← b − lr·Σ dZ`.
    /// Each layer's `dA` below is computed from the old `W` first, so the step equals
    /// `θ ← θ − lr·∇J` up to rounding.
    case descend(learningRate: T)
  }

  /// Forward pass, then the summed loss of the block against `y` (not divided), then the
  /// backward pass as `backward` says.
  func lossAndGradient(
    theta: UnsafeMutablePointer<T>, x: UnsafePointer<T>, y: UnsafePointer<T>, rows: Int, scale: T,
    backward: Backward
  ) -> Double {
    let theta = theta
    let needsBackward: Bool = if case .none = backward { false } else { true }
    assert(
      gradients || !needsBackward, "an evaluation-only ForwardBackward cannot compute gradients")
    forward(theta: theta, x: x, rows: rows)
    let last = layout.slots.count - 1
    let out = layout.slots[last]
    let total = loss.evaluate(
      z: z[last], a: a[last], y: y, rows: rows, cols: out.outputs,
      activation: out.activation, dz: needsBackward ? delta : nil, scale: scale)
    guard needsBackward else { return total }
    for l in stride(from: last, through: 0, by: -1) {
      let s = layout.slots[l]
      let input: UnsafePointer<T> = l == 0 ? x : UnsafePointer(a[l - 1])
      let dz = UnsafePointer(delta)
      if l > 0 {
        // dA_{l−1} = dZ Wᵀ (W before any update); dZ_{l−1} = dA_{l−1} ⊙ f'(Z_{l−1})
        T.gemm(
          transA: false, transB: true, m: rows, n: s.inputs, k: s.outputs, alpha: 1, a: dz,
          lda: s.outputs, b: theta + s.weightOffset, ldb: s.outputs, beta: 0, c: deltaPrevious,
          ldc: s.inputs)
        let below = layout.slots[l - 1]
        below.activation.backward(
          z: z[l - 1], a: a[l - 1], grad: deltaPrevious, rows: rows, cols: below.outputs)
      }
      // dW = Aᵀ dZ + l2·W, into the gradient (α = 1, β = l2 over a copy of W) or applied
      // in place (α = −lr, β = 1 − lr·l2).
      let alpha: T
      let beta: T
      let target: UnsafeMutablePointer<T>
      switch backward {
      case .gradient(let grad):
        if l2 != 0 {
          (grad + s.weightOffset).update(from: theta + s.weightOffset, count: s.weightCount)
        }
        (alpha, beta, target) = (1, l2, grad)
      case .descend(let lr):
        (alpha, beta, target) = (-lr, 1 - lr * l2, theta)
      case .none:
        return total
      }
      if s.outputs == 1 {
        T.gemv(
          trans: true, m: rows, n: s.inputs, alpha: alpha, a: input, lda: s.inputs, x: dz, incx: 1,
          beta: beta,
          y: target + s.weightOffset, incy: 1)
      } else {
        T.gemm(
          transA: true, transB: false, m: s.inputs, n: s.outputs, k: rows, alpha: alpha, a: input,
          lda: s.inputs, b: dz, ldb: s.outputs, beta: beta, c: target + s.weightOffset,
          ldc: s.outputs)
      }
      // db = Σ_rows dZ (or b −= lr·Σ_rows dZ)
      if case .gradient = backward {
        Kernels.columnSums(dz, rows: rows, cols: s.outputs, alpha: 1, target + s.biasOffset)
      } else {
        Kernels.addColumnSums(dz, rows: rows, cols: s.outputs, alpha: alpha, target + s.biasOffset)
      }
      if l > 0 { swap(&delta, &deltaPrevious) }
    }
    return total
  }

  /// Mean loss and outputs over a whole split, in blocks of `capacity` rows.
  func evaluate(theta: UnsafePointer<T>, x: Matrix<T>, y: Matrix<T>) -> (
    loss: Double, outputs: Matrix<T>
  ) {
    let outs = layout.outputs
    var outputs = Matrix<T>(rows: x.rows, cols: outs)
    var total = 0.0
    x.storage.withUnsafeBufferPointer { xp in
      y.storage.withUnsafeBufferPointer { yp in
        outputs.storage.withUnsafeMutableBufferPointer { op in
          var start = 0
          while start < x.rows {
            let rows = min(capacity, x.rows - start)
            total += lossAndGradient(
              theta: UnsafeMutablePointer(mutating: theta), x: xp.baseAddress! + start * x.cols,
              y: yp.baseAddress! + start * y.cols, rows: rows, scale: 1, backward: .none)
            withOutputs { (op.baseAddress! + start * outs).update(from: $0, count: rows * outs) }
            start += rows
          }
        }
      }
    }
    let normalizer = loss.normalizer(rows: x.rows, cols: outs)
    return (normalizer > 0 ? total / Double(normalizer) : .nan, outputs)
  }
}
