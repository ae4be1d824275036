/// Batch normalization of a layer's pre-activations, as `torch.nn.BatchNorm1d`, forward and
/// backward side by side. For each column `j` of `u = xW + b` over a batch of `m` rows:
///
/// training (batch statistics):
///   `μ_j = Σ_i u_ij / m`, `σ²_j = Σ_i (u_ij − μ_j)² / m` (biased),
///   `û = (u − μ) / √(σ² + eps)`, `y = γ ⊙ û + β`,
///   running `r_μ ← (1 − momentum)·r_μ + momentum·μ`,
///   `r_σ² ← (1 − momentum)·r_σ² + momentum·σ²·m/(m − 1)` (unbiased; the biased one for m = 1)
///   backward: `dγ = Σ_i dy ⊙ û`, `dβ = Σ_i dy`,
///   `du = (γ / (m √(σ² + eps))) ⊙ (m dy − dβ − û ⊙ dγ)`;
/// evaluation (running statistics, constants): `û = (u − r_μ) / √(r_σ² + eps)`,
///   `du = dy ⊙ γ / √(r_σ² + eps)`.
public struct BatchNormalization<T: Scalar>: Sendable, Equatable {
  /// The learned scale γ, one per column.
  public var gamma: [T]
  /// The learned shift β, one per column.
  public var beta: [T]
  /// The running mean used in evaluation.
  public var runningMean: [T]
  /// The running (unbiased) variance used in evaluation.
  public var runningVar: [T]
  /// Added to the variance before the square root.
  public var eps: Double

  /// A normalization from its learned values and running statistics.
  public init(gamma: [T], beta: [T], runningMean: [T], runningVar: [T], eps: Double) {
    self.gamma = gamma
    self.beta = beta
    self.runningMean = runningMean
    self.runningVar = runningVar
    self.eps = eps
  }
}

/// The batch-normalization kernels over row-major `(rows, cols)` blocks (specialized for `Float`
/// and `Double`; see `Kernels`).
enum BatchNormKernels {
  /// Training forward in place: `u` becomes `y`; writes `û`, the batch mean and biased variance
  /// and `1/√(σ² + eps)` per column. The sums, the variance and `1/√(σ² + eps)` are taken in
  /// float64 and rounded once (for float32: a 2–3-row batch's variance is a difference of
  /// nearby numbers, and float32 sums drift from torch's; float64 is unchanged bit for bit).
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func forwardTraining<T: Scalar>(
    _ u: UnsafeMutablePointer<T>, normalized: UnsafeMutablePointer<T>, rows: Int, cols: Int,
    gamma: UnsafePointer<T>, beta: UnsafePointer<T>, eps: Double, mean: UnsafeMutablePointer<T>,
    variance: UnsafeMutablePointer<T>, inverseStd: UnsafeMutablePointer<T>
  ) {
    let m = Double(rows)
    withUnsafeTemporaryAllocation(of: Double.self, capacity: max(cols, 1)) { buffer in
      let sum = buffer.baseAddress!
      sum.initialize(repeating: 0, count: cols)
      for i in 0..<rows {
        let row = u + i * cols
        for j in 0..<cols { sum[j] += row[j].doubleValue }
      }
      for j in 0..<cols {
        mean[j] = T(sum[j] / m)
        sum[j] = 0
      }
      for i in 0..<rows {
        let row = u + i * cols
        for j in 0..<cols {
          let d = (row[j] - mean[j]).doubleValue
          sum[j] += d * d
        }
      }
      for j in 0..<cols {
        let v = sum[j] / m
        variance[j] = T(v)
        inverseStd[j] = T(1 / (v + eps).squareRoot())
      }
    }
    normalize(
      u, normalized: normalized, rows: rows, cols: cols, mean: mean, inverseStd: inverseStd,
      gamma: gamma, beta: beta)
  }

  /// Evaluation forward in place with the running statistics; writes `1/√(r_σ² + eps)` and,
  /// unless `normalized` is nil (prediction: no backward pass needs it), `û`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func forwardEvaluation<T: Scalar>(
    _ u: UnsafeMutablePointer<T>, normalized: UnsafeMutablePointer<T>?, rows: Int, cols: Int,
    gamma: UnsafePointer<T>, beta: UnsafePointer<T>, eps: T, runningMean: UnsafePointer<T>,
    runningVar: UnsafePointer<T>, inverseStd: UnsafeMutablePointer<T>
  ) {
    for j in 0..<cols { inverseStd[j] = 1 / (runningVar[j] + eps).squareRoot() }
    normalize(
      u, normalized: normalized, rows: rows, cols: cols, mean: runningMean,
      inverseStd: inverseStd, gamma: gamma, beta: beta)
  }

  /// `û = (u − μ)·s`, `u ← γ ⊙ û + β`; `û` kept in `normalized` unless it is nil.
  @inline(__always)
  private static func normalize<T: Scalar>(
    _ u: UnsafeMutablePointer<T>, normalized: UnsafeMutablePointer<T>?, rows: Int, cols: Int,
    mean: UnsafePointer<T>, inverseStd: UnsafePointer<T>, gamma: UnsafePointer<T>,
    beta: UnsafePointer<T>
  ) {
    guard let normalized else {
      for i in 0..<rows {
        let row = u + i * cols
        for j in 0..<cols {
          let h = (row[j] - mean[j]) * inverseStd[j]
          row[j] = gamma[j] * h + beta[j]
        }
      }
      return
    }
    for i in 0..<rows {
      let row = u + i * cols
      let out = normalized + i * cols
      for j in 0..<cols {
        let h = (row[j] - mean[j]) * inverseStd[j]
        out[j] = h
        row[j] = gamma[j] * h + beta[j]
      }
    }
  }

  /// `r ← (1 − momentum)·r + momentum·batch`, the variance made unbiased (`m/(m − 1)`); in
  /// float64, rounded once (as torch; float64 is unchanged bit for bit).
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func updateRunning<T: Scalar>(
    runningMean: UnsafeMutablePointer<T>, runningVar: UnsafeMutablePointer<T>,
    mean: UnsafePointer<T>, variance: UnsafePointer<T>, cols: Int, rows: Int, momentum: Double
  ) {
    let correction = rows > 1 ? Double(rows) / Double(rows - 1) : 1
    for j in 0..<cols {
      runningMean[j] = T(
        (1 - momentum) * runningMean[j].doubleValue + momentum * mean[j].doubleValue)
      runningVar[j] = T(
        (1 - momentum) * runningVar[j].doubleValue
          + momentum * (variance[j].doubleValue * correction))
    }
  }

  /// Backward in place: `grad` holds `dy` on entry and `du` on exit; writes `dγ` and `dβ`.
  /// `batch` is true for batch statistics, false for the running ones (constants). The sums
  /// and `du` are taken in float64 and rounded once (float64 is unchanged bit for bit).
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func backward<T: Scalar>(
    _ grad: UnsafeMutablePointer<T>, normalized: UnsafePointer<T>, rows: Int, cols: Int,
    gamma: UnsafePointer<T>, inverseStd: UnsafePointer<T>, batch: Bool,
    dGamma: UnsafeMutablePointer<T>, dBeta: UnsafeMutablePointer<T>
  ) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: max(3 * cols, 1)) { buffer in
      let (sumGamma, sumBeta) = (buffer.baseAddress!, buffer.baseAddress! + cols)
      sumGamma.initialize(repeating: 0, count: 3 * cols)
      for i in 0..<rows {
        let dy = grad + i * cols
        let h = normalized + i * cols
        for j in 0..<cols {
          sumGamma[j] += dy[j].doubleValue * h[j].doubleValue
          sumBeta[j] += dy[j].doubleValue
        }
      }
      for j in 0..<cols {
        dGamma[j] = T(sumGamma[j])
        dBeta[j] = T(sumBeta[j])
      }
      // The mode is decided once, outside the loops: each inner loop is branch-free.
      guard batch else {
        for i in 0..<rows {
          let dy = grad + i * cols
          for j in 0..<cols { dy[j] = dy[j] * gamma[j] * inverseStd[j] }
        }
        return
      }
      let m = Double(rows)
      let scale = buffer.baseAddress! + 2 * cols
      for j in 0..<cols { scale[j] = gamma[j].doubleValue * inverseStd[j].doubleValue / m }
      for i in 0..<rows {
        let dy = grad + i * cols
        let h = normalized + i * cols
        for j in 0..<cols {
          dy[j] = T(
            scale[j] * (m * dy[j].doubleValue - sumBeta[j] - h[j].doubleValue * sumGamma[j]))
        }
      }
    }
  }
}

/// The dropout kernels: inverted dropout as `torch.nn.Dropout(p)`.
enum DropoutKernels {
  /// Draws a keep mask: each entry `1/(1 − p)` with probability `1 − p` (a uniform draw
  /// `u ≥ p`), else 0, in row-major order from `generator`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func draw<T: Scalar>(
    _ mask: UnsafeMutablePointer<T>, count: Int, p: Double, using generator: inout SeededGenerator
  ) {
    let kept = T(1 / (1 - p))
    for i in 0..<count { mask[i] = generator.nextUnit() >= p ? kept : 0 }
  }

  /// `out = a ⊙ mask` (forward), or `grad ⊙= mask` in place (backward, `a` = `out` = grad).
  @_specialize(where T == Float) @_specialize(where T == Double)
  static func apply<T: Scalar>(
    _ a: UnsafePointer<T>, mask: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, count: Int
  ) {
    for i in 0..<count { out[i] = a[i] * mask[i] }
  }
}

extension BatchNormalization {
  /// Evaluation mode in place on a row-major `(rows, cols)` block of pre-activations: the
  /// results go straight into `u` (no `û` kept), the per-column `1/√(r_σ² + eps)` in a
  /// temporary (on the stack for usual widths).
  func evaluate(_ u: UnsafeMutablePointer<T>, rows: Int, cols: Int) {
    withUnsafeTemporaryAllocation(of: T.self, capacity: max(cols, 1)) { inverseStd in
      BatchNormKernels.forwardEvaluation(
        u, normalized: nil, rows: rows, cols: cols, gamma: gamma, beta: beta, eps: T(eps),
        runningMean: runningMean, runningVar: runningVar, inverseStd: inverseStd.baseAddress!)
    }
  }

  /// The same values in another scalar type.
  public func converted<U: Scalar>() -> BatchNormalization<U> {
    func c(_ v: [T]) -> [U] { v.map { U($0.doubleValue) } }
    return BatchNormalization<U>(
      gamma: c(gamma), beta: c(beta), runningMean: c(runningMean), runningVar: c(runningVar),
      eps: eps)
  }
}
