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
/// A hidden layer whose `f'` can be taken from `A_l` (every activation but a leaky ReLU with a
/// negative slope) computes `A_l` over `Z_l` in place, a ReLU fused with the bias addition.
/// Hidden layers may batch-normalize `Z_l` before `f_l` (`BatchNormalization`) and drop out
/// `A_l` after it (`A_l ⊙ mask`, the mask scaled by 1/(1 − p)); the backward pass then runs
/// `dA ⊙ mask`, `f'`, and the normalization's backward, in that order. `phase` says whether
/// batch statistics, running-statistic updates and dropout masks are on (training) or off.
final class ForwardBackward<T: Scalar> {
  let layout: ParameterLayout
  let loss: Loss
  let l2: T
  let capacity: Int
  let gradients: Bool
  // Buffers owned by this object (allocated once, freed in deinit). A hidden layer whose
  // activation differentiates from its output computes it in place: `a[l]` is `z[l]`.
  private let z: [UnsafeMutablePointer<T>]
  private let a: [UnsafeMutablePointer<T>]
  private var delta: UnsafeMutablePointer<T>
  private var deltaPrevious: UnsafeMutablePointer<T>
  /// Per layer with options (else nil): `û`, batch mean, biased variance, `1/√(σ² + eps)`,
  /// the dropout mask and the dropped-out outputs. The dropout buffers are allocated when the
  /// layer first drops out: never by an object that only evaluates (dropout is off there).
  private let normalized: [UnsafeMutablePointer<T>?]
  private let statistics: [UnsafeMutablePointer<T>?]
  private var masks: [UnsafeMutablePointer<T>?]
  private var dropped: [UnsafeMutablePointer<T>?]
  /// What the forward pass does with batch normalization and dropout (default: evaluation).
  var phase = Phase()

  /// - Parameter gradients: false for evaluation only (no backward buffers).
  init(layout: ParameterLayout, loss: Loss, l2: Double, capacity: Int, gradients: Bool = true) {
    self.layout = layout
    self.loss = loss
    self.l2 = T(l2)
    let capacity = max(capacity, 1)
    self.capacity = capacity
    let buffer = Self.buffer
    let z = layout.slots.map { buffer(capacity * $0.outputs) }
    self.z = z
    // The output layer keeps `z` apart (the loss reads the logits).
    a = layout.slots.enumerated().map { l, s in
      l < layout.slots.count - 1 && s.activation.differentiatesFromOutput
        ? z[l] : buffer(capacity * s.outputs)
    }
    let widest = max(layout.maxWidth, layout.slots.map(\.inputs).max() ?? 0)
    delta = buffer(gradients ? capacity * widest : 1)
    deltaPrevious = buffer(gradients ? capacity * widest : 1)
    self.gradients = gradients
    normalized = layout.slots.map { $0.normalization == nil ? nil : buffer(capacity * $0.outputs) }
    statistics = layout.slots.map { $0.normalization == nil ? nil : buffer(3 * $0.outputs) }
    masks = Array(repeating: nil, count: layout.slots.count)
    dropped = Array(repeating: nil, count: layout.slots.count)
  }

  /// A zeroed buffer of `count` values (at least one).
  private static func buffer(_ count: Int) -> UnsafeMutablePointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
    p.initialize(repeating: 0, count: max(count, 1))
    return p
  }

  /// The layers holding dropout buffers (those that have dropped out so far).
  var layersWithDropoutBuffers: [Int] { masks.indices.filter { masks[$0] != nil } }

  deinit {
    for (l, p) in a.enumerated() where p != z[l] { p.deallocate() }
    for p in z + [delta, deltaPrevious] { p.deallocate() }
    for p in normalized + statistics + masks + dropped { p?.deallocate() }
  }

  /// True when layer `l` drops outputs in the current phase.
  private func dropsOut(_ l: Int) -> Bool {
    if case .off = phase.dropout { return false }
    return layout.slots[l].dropout > 0
  }

  /// Layer `l`'s output as the next layer sees it (after dropout when it applies).
  private func output(_ l: Int) -> UnsafePointer<T> {
    UnsafePointer(dropsOut(l) ? dropped[l]! : a[l])
  }

  /// Runs the forward pass on `rows ≤ capacity` rows of `x: (rows, inputs)`.
  func forward(theta: UnsafePointer<T>, x: UnsafePointer<T>, rows: Int) {
    for (l, s) in layout.slots.enumerated() {
      let input: UnsafePointer<T> = l == 0 ? x : output(l - 1)
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
      // Z += b; A = f(Z) (a rectifier in place: one pass)
      if s.normalization == nil, a[l] == z[l], let slope = s.activation.rectifierSlope {
        ActivationKernels.addBiasLeakyRelu(
          theta + s.biasOffset, z[l], rows: rows, cols: s.outputs, slope: T(slope))
      } else {
        Kernels.addRowVector(theta + s.biasOffset, z[l], rows: rows, cols: s.outputs)
        if let n = s.normalization { normalize(l, n, theta: theta, rows: rows) }
        s.activation.forward(UnsafePointer(z[l]), a[l], rows: rows, cols: s.outputs)
      }
      if dropsOut(l) { dropOut(l, rows: rows) }
    }
  }

  /// `Z_l ← γ ⊙ (Z_l − μ)/√(σ² + eps) + β` with the batch's or the running statistics.
  private func normalize(
    _ l: Int, _ n: ParameterLayout.Normalization, theta: UnsafePointer<T>, rows: Int
  ) {
    let cols = layout.slots[l].outputs
    let stats = statistics[l]!
    let (gamma, beta) = (theta + n.offset, theta + n.offset + cols)
    if phase.batchStatistics {
      BatchNormKernels.forwardTraining(
        z[l], normalized: normalized[l]!, rows: rows, cols: cols, gamma: gamma, beta: beta,
        eps: n.eps, mean: stats, variance: stats + cols, inverseStd: stats + 2 * cols)
    } else {
      BatchNormKernels.forwardEvaluation(
        z[l], normalized: normalized[l]!, rows: rows, cols: cols, gamma: gamma, beta: beta,
        eps: T(n.eps), runningMean: theta + n.offset + 2 * cols,
        runningVar: theta + n.offset + 3 * cols, inverseStd: stats + 2 * cols)
    }
  }

  /// Draws (or takes) layer `l`'s mask and writes `A_l ⊙ mask` into its dropped-out outputs
  /// (allocating the layer's dropout buffers the first time).
  private func dropOut(_ l: Int, rows: Int) {
    let s = layout.slots[l]
    let count = rows * s.outputs
    if masks[l] == nil {
      masks[l] = Self.buffer(capacity * s.outputs)
      dropped[l] = Self.buffer(capacity * s.outputs)
    }
    switch phase.dropout {
    case .off: return
    case .random(var generator):
      DropoutKernels.draw(masks[l]!, count: count, p: s.dropout, using: &generator)
      phase.dropout = .random(generator)
    case .fixed(let given):
      let kept = T(1 / (1 - s.dropout))
      for i in 0..<count { masks[l]![i] = given[l][i] * kept }
    }
    DropoutKernels.apply(UnsafePointer(a[l]), mask: masks[l]!, dropped[l]!, count: count)
  }

  /// Folds the latest batch statistics into the running ones held in θ.
  private func updateRunningStatistics(_ theta: UnsafeMutablePointer<T>, rows: Int) {
    for (l, s) in layout.slots.enumerated() {
      guard let n = s.normalization, let stats = statistics[l] else { continue }
      BatchNormKernels.updateRunning(
        runningMean: theta + n.offset + 2 * s.outputs,
        runningVar: theta + n.offset + 3 * s.outputs, mean: stats, variance: stats + s.outputs,
        cols: s.outputs, rows: rows, momentum: n.momentum)
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
    if phase.updatesRunningStatistics && phase.batchStatistics {
      updateRunningStatistics(theta, rows: rows)
    }
    let last = layout.slots.count - 1
    let out = layout.slots[last]
    let total = loss.evaluate(
      z: z[last], a: a[last], y: y, rows: rows, cols: out.outputs,
      activation: out.activation, dz: needsBackward ? delta : nil, scale: scale)
    guard needsBackward else { return total }
    for l in stride(from: last, through: 0, by: -1) {
      let s = layout.slots[l]
      let input: UnsafePointer<T> = l == 0 ? x : output(l - 1)
      let dz = UnsafePointer(delta)
      if l > 0 {
        // dA_{l−1} = dZ Wᵀ (W before any update); dZ_{l−1} = dA_{l−1} ⊙ f'(Z_{l−1})
        T.gemm(
          transA: false, transB: true, m: rows, n: s.inputs, k: s.outputs, alpha: 1, a: dz,
          lda: s.outputs, b: theta + s.weightOffset, ldb: s.outputs, beta: 0, c: deltaPrevious,
          ldc: s.inputs)
        let below = layout.slots[l - 1]
        if dropsOut(l - 1) {
          DropoutKernels.apply(
            UnsafePointer(deltaPrevious), mask: masks[l - 1]!, deltaPrevious,
            count: rows * below.outputs)
        }
        below.activation.backward(
          z: z[l - 1], a: a[l - 1], grad: deltaPrevious, rows: rows, cols: below.outputs)
        if let n = below.normalization, case .gradient(let grad) = backward {
          // dγ, dβ into the gradient; the running statistics get none.
          let cols = below.outputs
          BatchNormKernels.backward(
            deltaPrevious, normalized: normalized[l - 1]!, rows: rows, cols: cols,
            gamma: theta + n.offset, inverseStd: statistics[l - 1]! + 2 * cols,
            batch: phase.batchStatistics, dGamma: grad + n.offset, dBeta: grad + n.offset + cols)
          Kernels.fill(grad + n.offset + 2 * cols, with: 0, count: 2 * cols)
        }
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
        assert(layout.slots.allSatisfy { $0.normalization == nil }, "batch norm needs .gradient")
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

  /// Each row's loss (unscaled) from the last forward pass over `rows` rows with targets `y`
  /// (`width` values a row): the terms whose sum `lossAndGradient` returned.
  func rowLosses(y: UnsafePointer<T>, rows: Int, width: Int) -> [Double] {
    let last = layout.slots.count - 1
    let cols = layout.slots[last].outputs
    return (0..<rows).map { r in
      loss.evaluate(
        z: z[last] + r * cols, a: a[last] + r * cols, y: y + r * width, rows: 1, cols: cols,
        activation: layout.slots[last].activation, dz: nil, scale: 1)
    }
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
