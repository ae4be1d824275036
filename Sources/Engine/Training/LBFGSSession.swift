/// Limited-memory BFGS on the full-batch objective `J = mean loss + (l2/2)‖w‖²`, in float64
/// for its vectors (the loss and gradient are computed in `T`), as scipy's L-BFGS-B runs it
/// without bounds (scikit-learn's `LogisticRegression(solver="lbfgs")`).
///
/// Each step: the direction `d = −H g` from the two-loop recursion over the last `history`
/// pairs `(s, y)` (initial scaling `γ = sᵀy / yᵀy`), then the Moré–Thuente line search
/// (`StrongWolfeLineSearch`, scipy's `dcsrch`: `ftol` 10⁻³, `gtol` 0.9, `xtol` 0.1) from the
/// step `lr` (the first iteration: `lr/‖g‖₂`), at most 50 evaluations (scikit-learn's `maxls`).
/// Its step satisfies the strong Wolfe conditions, or is the best it found. When it fails, the
/// pairs are dropped and it searches again along `−g`. A pair is kept only when
/// `sᵀy > ε·(−gᵀs)`, as scipy's L-BFGS-B keeps it.
/// Converged when `max |g| ≤ tolerance`, when a step of a successful search (strong Wolfe)
/// lowered `J` by at most `functionTolerance · max(|J_k|, |J_k+1|, 1)` (scipy L-BFGS-B's
/// relative reduction test, its `ftol`). It stops without converging (`searchFailed`) when the
/// line search cannot decrease `J` (it fails along `−g`, or its step leaves `J` equal or
/// higher), as scipy's `ABNORMAL_TERMINATION_IN_LNSRCH`, or when the best step of a failed
/// search lowered `J` by at most that much short of the gradient test (a first trial step far
/// below 1 moves `J` by rounding noise).
final class LBFGSSession<T: Scalar>: TrainingSession<T> {
  private let data: Examples<T>
  private let forwardBackward: ForwardBackward<T>
  private let l2: Double
  private let history: Int
  private let tolerance: Double
  private let functionTolerance: Double
  /// The last step lowered `J` by at most `functionTolerance` relative: converged (not
  /// converged, `searchFailed`, after a failed search short of the gradient test).
  private var stalled = false
  /// The largest gradient component when the search failed from the initial parameters, or
  /// because `gᵀg` left float64's range: no optimum, whatever it could not decrease.
  private var stuck: Double?
  /// Whether `stuck` is the gradient of inputs too small to train on (the stopping test met
  /// with their weights unmoved only because of their scale), not of inputs too large.
  private var smallInputs = false
  private var s: [[Double]] = []
  private var y: [[Double]] = []
  private var grad: [T]
  private var current: (value: Double, gradient: [Double])?
  /// Evaluations of `J` and its gradient by the iterations (scipy's `nfev`).
  private(set) var evaluations = 0
  /// The evaluations one line search may make before it fails: scikit-learn's `maxls`.
  static var maxSearchEvaluations: Int { 50 }

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

  /// `J(θ)` and its gradient, counted in `evaluations`.
  private func evaluate(_ theta: [T]) -> (value: Double, gradient: [Double]) {
    evaluations += 1
    return objective(theta)
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
    let (f, g) = current ?? evaluate(theta)
    if stops(f, g) {
      converged = f.isFinite
      if converged { noteTinyInputs(f, g) }
      return f
    }
    let d = direction(g)
    // The first trial step: lr/‖d‖₂ on the first iteration (d = −g there), lr afterwards.
    var found = search(from: f, g, along: d, first: steps == 0 ? lr / dot(d, d).squareRoot() : lr)
    if found == nil, !s.isEmpty {
      // The search failed along the quasi-Newton direction: scipy's L-BFGS-B drops the
      // memory and searches again along −g.
      s.removeAll()
      y.removeAll()
      found = search(from: f, g, along: g.map { -$0 }, first: lr)
    }
    // The search cannot decrease the objective (an equal value too: the step is below its
    // resolution; scipy's ABNORMAL_TERMINATION_IN_LNSRCH): the run stops, not converged.
    guard let (candidate, next, wolfe) = found, next.value < f else {
      // Unless the gradient is beyond float64 (inputs near 1e300), or no step was ever taken
      // though the gradient's norm is over 1e8 times the loss (inputs near 1e100: 50 halvings
      // of the first step never reach one that lowers J): no optimum (scipy's
      // ABNORMAL_TERMINATION_IN_LNSRCH). A warm start at an optimum has a small gradient.
      let norm = dot(g, g).squareRoot()
      if !norm.isFinite || steps == 0 && norm > 1e8 * Swift.max(abs(f), 1) {
        stuck = g.reduce(0) { Kernels.maximum($0, abs($1)) }
      } else {
        // Tiny inputs explain the stop (a divergence); else neither stopping test holds: the
        // run stops here but did not converge.
        noteTinyInputs(f, g)
        if stuck == nil { searchFailed = true }
      }
      converged = true
      return f
    }
    let base = theta.map(\.doubleValue)
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
    // A step that lowered J by rounding noise only counts as convergence when the search
    // succeeded (its step met the strong Wolfe conditions); the best step of a failed search
    // (a tiny first trial step: learning_rate 1e-12) says the search found no step that lowers
    // the objective, unless the gradient test holds there.
    if stalled, !wolfe, !next.gradient.allSatisfy({ abs($0) <= tolerance }) {
      searchFailed = true
    }
    return f
  }

  /// The quasi-Newton direction `d = −H g` by the two-loop recursion (`−g` without pairs, or
  /// when it is not a descent direction: numerical trouble, the pairs are dropped).
  private func direction(_ g: [Double]) -> [Double] {
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
    let d = q.map { -$0 }
    if dot(g, d) < 0 { return d }
    s.removeAll()
    y.removeAll()
    return g.map { -$0 }
  }

  /// The strong Wolfe line search from `θ` (value `f`, gradient `g`) along the descent
  /// direction `d`, from the trial step `first` (capped at scipy's 10¹⁰): the parameters at the
  /// step it ends on (converged, or a warning: the best step it could find), the objective
  /// there and whether it converged (`wolfe`); nil when `maxSearchEvaluations` evaluations did
  /// not end it (or `d` is no descent direction). A trial step where the objective is not
  /// finite is halved towards the best one.
  private func search(from f: Double, _ g: [Double], along d: [Double], first: Double)
    -> ([T], (value: Double, gradient: [Double]), wolfe: Bool)?
  {
    let base = theta.map(\.doubleValue)
    var line = StrongWolfeLineSearch(step: min(first, 1e10), value: f, slope: dot(g, d))
    var candidate = theta
    for _ in 0..<Self.maxSearchEvaluations where line.task == .evaluate {
      for j in candidate.indices { candidate[j] = T(base[j] + line.step * d[j]) }
      let next = evaluate(candidate)
      let slope = dot(next.gradient, d)
      if next.value.isFinite, slope.isFinite {
        let task = line.next(value: next.value, slope: slope)
        if task != .evaluate { return (candidate, next, task == .converged) }
      } else {
        line.retreat()
      }
    }
    return nil
  }

  /// Marks the search stuck on tiny inputs when it stopped at the parameters of value `f` and
  /// gradient `g` with the features unused only because they are tiny (`tooSmallInputs`), at
  /// its first iteration or after steps that moved the biases alone (one-vs-rest, unbalanced
  /// classes, a regression's mean): `stuck` is then the largest gradient of a feature's weight.
  private func noteTinyInputs(_ f: Double, _ g: [Double]) {
    guard stuck == nil, let weights = tooSmallInputs(f, g) else { return }
    stuck = weights
    smallInputs = true
  }

  /// The largest |gradient| of a first-layer weight when `g` at the current parameters (value
  /// `f`) meets the stopping test only because the inputs are small: every first-layer weight's
  /// gradient is within the tolerance, some first-layer weight's
  /// gradient over its input column's largest |value| (below 1), the gradient of the same
  /// inputs scaled to about ±1, is above the tolerance, and the inputs lower the objective no
  /// more than leaving them out (the first layer's weights zeroed) does, and no penalty holds
  /// them (`l2·|w|` within the tolerance); nil otherwise. A warm
  /// start at an optimum, or any fit that moved the weights, uses its inputs, and a flat
  /// problem has no gradient in any units: both converge.
  private func tooSmallInputs(_ f: Double, _ g: [Double]) -> Double? {
    guard let first = layout.slots.first, data.x.cols == first.inputs else { return nil }
    let weights = first.weightOffset..<(first.weightOffset + first.weightCount)
    // Weights whose gradient is beyond the tolerance were not held by their inputs' scale: the
    // search stopped for another cause (a first trial step far below 1 in float32).
    guard g[weights].allSatisfy({ abs($0) <= tolerance }) else { return nil }
    let (rows, cols) = (data.x.rows, data.x.cols)
    var scaleExplains = false
    for j in 0..<cols {
      var largest = 0.0
      for i in 0..<rows {
        largest = Swift.max(largest, abs(data.x.storage[i * cols + j].doubleValue))
      }
      guard largest > 0, largest < 1 else { continue }
      for o in 0..<first.outputs
      where abs(g[first.weightOffset + j * first.outputs + o]) / largest > tolerance {
        scaleExplains = true
      }
    }
    guard scaleExplains else { return nil }
    // A penalty that holds the weights near 0 (its gradient l2·w beyond the tolerance, against
    // the loss's) is what stopped them, not their inputs' scale (l2 1e5 on iris / 10).
    guard weights.allSatisfy({ l2 * abs(theta[$0].doubleValue) <= tolerance }) else { return nil }
    var without = theta
    for k in weights { without[k] = 0 }
    let left = objective(without).value
    guard f >= left - 1e-6 * Swift.max(abs(left), 1) else { return nil }
    return g[weights].reduce(0) { Kernels.maximum($0, abs($1)) }
  }

  /// Whether L-BFGS stops at parameters of value `f` and gradient `g`: `max |g| ≤ tolerance`,
  /// the last step lowered `J` by at most `functionTolerance` relative, or `f` is not finite.
  private func stops(_ f: Double, _ g: [Double]) -> Bool {
    stalled || g.allSatisfy({ abs($0) <= tolerance }) || !f.isFinite
  }

  override var meetsStoppingTest: Bool {
    let (f, g) = current ?? objective(theta)
    return f.isFinite && stops(f, g)
  }

  override var stuckGradient: Double? { stuck }

  override var stuckOnTinyInputs: Bool { smallInputs }

  override var largestGradient: Double? {
    let gradient = (current ?? objective(theta)).gradient
    // NaN kept (Swift.max drops one): the message then says the gradient is NaN.
    return gradient.reduce(0) { Kernels.maximum($0, abs($1)) }
  }

  private func dot(_ a: [Double], _ b: [Double]) -> Double {
    var r = 0.0
    for i in a.indices { r += a[i] * b[i] }
    return r
  }
}
