/// Limited-memory BFGS on the full-batch objective `J = mean loss + (l2/2)‖w‖²`, in float64
/// for its vectors (the loss and gradient are computed in `T`).
///
/// Each step: the direction `d = −H g` from the two-loop recursion over the last `history`
/// pairs `(s, y)` (initial scaling `γ = sᵀy / yᵀy`), then a backtracking line search from
/// `t = lr` (first step: `lr·min(1, 1/‖g‖₁)`, as PyTorch's LBFGS) halving `t` until the Armijo
/// condition `J(θ + t d) ≤ J(θ) + 10⁻⁴ t gᵀd` holds. A pair is kept only when
/// `sᵀy > ε·(−gᵀs)`, as scipy's L-BFGS-B keeps it.
/// Converged when `max |g| ≤ tolerance`, when a step lowered `J` by at most
/// `functionTolerance · max(|J_k|, |J_k+1|, 1)` (scipy L-BFGS-B's relative reduction test, its
/// `ftol`), or when the line search cannot decrease `J` (the best step leaves it equal or higher:
/// `J` is at its floating-point floor).
final class LBFGSSession<T: Scalar>: TrainingSession<T> {
  private let data: Examples<T>
  private let forwardBackward: ForwardBackward<T>
  private let l2: Double
  private let history: Int
  private let tolerance: Double
  private let functionTolerance: Double
  /// The last step lowered `J` by at most `functionTolerance` relative: converged.
  private var stalled = false
  private var s: [[Double]] = []
  private var y: [[Double]] = []
  private var grad: [T]
  private var current: (value: Double, gradient: [Double])?

  init(
    layout: ParameterLayout, theta: [T], data: Examples<T>, loss: Loss, l2: Double, history: Int,
    tolerance: Double, functionTolerance: Double
  ) {
    self.data = data
    self.forwardBackward = ForwardBackward(layout: layout, loss: loss, l2: l2, capacity: data.count)
    self.l2 = l2
    self.history = max(history, 1)
    self.tolerance = tolerance
    self.functionTolerance = functionTolerance
    self.grad = [T](repeating: 0, count: layout.count)
    super.init(layout: layout, theta: theta, stepsPerEpoch: 1)
  }

  /// `J(θ)` and its gradient.
  private func objective(_ theta: [T]) -> (value: Double, gradient: [Double]) {
    let rows = data.count
    let normalizer = Double(forwardBackward.loss.normalizer(rows: rows, cols: layout.outputs))
    let total = data.x.storage.withUnsafeBufferPointer { xp in
      data.y.storage.withUnsafeBufferPointer { yp in
        theta.withUnsafeBufferPointer { tp in
          grad.withUnsafeMutableBufferPointer { gp in
            forwardBackward.lossAndGradient(
              theta: UnsafeMutablePointer(mutating: tp.baseAddress!), x: xp.baseAddress!,
              y: yp.baseAddress!, rows: rows,
              scale: T(1 / normalizer), backward: .gradient(gp.baseAddress!))
          }
        }
      }
    }
    let penalty = theta.withUnsafeBufferPointer {
      Regularization(l2: l2).penalty($0.baseAddress!, layout)
    }
    return (total / normalizer + penalty, grad.map(\.doubleValue))
  }

  override func advance(learningRate lr: Double) -> Double {
    let (f, g) = current ?? objective(theta)
    if stalled || g.allSatisfy({ abs($0) <= tolerance }) || !f.isFinite {
      converged = f.isFinite
      return f
    }
    // Two-loop recursion: d = −H g.
    var q = g
    var alphas = [Double](repeating: 0, count: s.count)
    for i in stride(from: s.count - 1, through: 0, by: -1) {
      let rho = 1 / dot(y[i], s[i])
      alphas[i] = rho * dot(s[i], q)
      for j in q.indices { q[j] -= alphas[i] * y[i][j] }
    }
    if let sl = s.last, let yl = y.last {
      let gamma = dot(sl, yl) / dot(yl, yl)
      for j in q.indices { q[j] *= gamma }
    }
    for i in 0..<s.count {
      let rho = 1 / dot(y[i], s[i])
      let beta = rho * dot(y[i], q)
      for j in q.indices { q[j] += s[i][j] * (alphas[i] - beta) }
    }
    var d = q.map { -$0 }
    var slope = dot(g, d)
    if !(slope < 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.removeAll()
      y.removeAll()
      d = g.map { -$0 }
      slope = dot(g, d)
    }
    var t = s.isEmpty ? lr * min(1, 1 / g.reduce(0) { $0 + abs($1) }) : lr
    let base = theta.map(\.doubleValue)
    var candidate = theta
    var next = (value: Double.infinity, gradient: g)
    for _ in 0..<40 {
      for j in candidate.indices { candidate[j] = T(base[j] + t * d[j]) }
      next = objective(candidate)
      if next.value <= f + 1e-4 * t * slope { break }
      t /= 2
    }
    // The line search cannot decrease the objective (an equal value too: the step is below
    // its resolution; scipy's ABNORMAL_TERMINATION_IN_LNSRCH): nothing left to gain.
    guard next.value < f else {
      converged = true
      return f
    }
    let step = zip(candidate, base).map { $0.doubleValue - $1 }
    let change = zip(next.gradient, g).map { $0 - $1 }
    // Kept when the curvature sᵀy is positive relative to the step's descent −gᵀs (scipy's
    // L-BFGS-B test): an absolute floor would drop every pair near the optimum, where s and y
    // are tiny, and leave the directions of pairs from far away (slow, linear convergence).
    if dot(step, change) > Double.ulpOfOne * -dot(g, step) {
      s.append(step)
      y.append(change)
      if s.count > history {
        s.removeFirst()
        y.removeFirst()
      }
    }
    theta = candidate
    current = next
    stalled = f - next.value <= functionTolerance * max(abs(f), abs(next.value), 1)
    return f
  }

  override var largestGradient: Double? {
    let gradient = (current ?? objective(theta)).gradient
    return gradient.reduce(0) { max($0, abs($1)) }
  }

  private func dot(_ a: [Double], _ b: [Double]) -> Double {
    var r = 0.0
    for i in a.indices { r += a[i] * b[i] }
    return r
  }
}
