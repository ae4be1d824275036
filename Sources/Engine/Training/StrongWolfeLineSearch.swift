import Foundation

/// The Moré–Thuente line search, MINPACK-2's `dcsrch` and `dcstep` as scipy's L-BFGS-B runs
/// them (`ftol` 10⁻³, `gtol` 0.9, `xtol` 0.1), operation for operation.
///
/// It looks for a step `t > 0` along a descent direction of `φ(t) = f(x + t d)` that satisfies
/// the strong Wolfe conditions: sufficient decrease `φ(t) ≤ φ(0) + ftol·t·φ'(0)` and curvature
/// `|φ'(t)| ≤ gtol·|φ'(0)|`. Its interval of uncertainty `[stx, sty]` holds a minimizer of the
/// modified function `ψ(t) = φ(t) − φ(0) − ftol·t·φ'(0)` (of `φ` once a step has `ψ ≤ 0` and
/// `φ' ≥ 0`); each trial step is a safeguarded cubic or quadratic interpolation (`dcstep`), a
/// bisection when the interval shrinks too slowly.
///
/// Reverse communication as `dcsrch`'s `task`: `init` is the START call (φ and φ' at 0 and the
/// first trial step); while `task` is `.evaluate`, evaluate `φ` and `φ'` at `step` and pass them
/// to `next`. `.converged`: `step` satisfies both conditions. `.warning`: no further progress
/// (`step` is the last one evaluated; after a rounding or interval warning, the best one).
struct StrongWolfeLineSearch: Sendable {
  /// What the caller does next (`dcsrch`'s `task`).
  enum SearchTask: Equatable, Sendable {
    /// Evaluate `φ` and `φ'` at `step`, then call `next` (`FG`).
    case evaluate
    /// `step` satisfies the strong Wolfe conditions (`CONVERGENCE`).
    case converged
    /// No step satisfying both conditions can be found from here (`WARNING`).
    case warning(Warning)
    /// The arguments of the START call are invalid (`ERROR`); nothing was evaluated.
    case invalid(Invalid)
  }

  /// Why the search stopped without satisfying both conditions (`dcsrch`'s warning messages).
  enum Warning: Equatable, Sendable {
    /// Rounding errors prevent progress: the step left the bracket (`ROUNDING ERRORS…`).
    case rounding
    /// The bracket is narrower than `xtol` relative (`XTOL TEST SATISFIED`).
    case xtol
    /// The step is at `stpmax` with decrease and a negative slope (`STP = STPMAX`).
    case stepMaximum
    /// The step is at `stpmin` without enough decrease (`STP = STPMIN`).
    case stepMinimum
  }

  /// Which argument of the START call is invalid (`dcsrch`'s error messages).
  enum Invalid: Equatable, Sendable {
    case stepBelowMinimum, stepAboveMaximum, ascentDirection, ftol, gtol, xtol, stepMinimum
    case stepMaximum
  }

  /// Sufficient-decrease tolerance (the Armijo constant).
  let ftol: Double
  /// Curvature tolerance.
  let gtol: Double
  /// Relative width of the bracket below which the search gives up.
  let xtol: Double
  /// Bounds on every step.
  let stpmin: Double, stpmax: Double
  /// The step to evaluate next (while `.evaluate`), else the search's result.
  private(set) var step: Double
  /// What the caller does next.
  private(set) var task: SearchTask

  private var bracketed = false
  private var stage = 1
  private let finit: Double, ginit: Double, gtest: Double
  /// The best step so far (least `ψ` or `φ`), its value and slope.
  private var stx = 0.0, fx: Double, gx: Double
  /// The other end of the interval of uncertainty.
  private var sty = 0.0, fy: Double, gy: Double
  /// The bounds on the next step.
  private var stmin = 0.0, stmax: Double
  private var width: Double, width1: Double

  /// The START call: `value` and `slope` are `φ(0)` and `φ'(0)` (negative), `step` the first
  /// trial step, in `[stpmin, stpmax]`.
  init(
    step: Double, value: Double, slope: Double, ftol: Double = 1e-3, gtol: Double = 0.9,
    xtol: Double = 0.1, stpmin: Double = 0, stpmax: Double = 1e10
  ) {
    (self.ftol, self.gtol, self.xtol, self.stpmin, self.stpmax) = (ftol, gtol, xtol, stpmin, stpmax)
    self.step = step
    // dcsrch checks in this order; the last failing check names the error.
    var invalid: Invalid?
    if step < stpmin { invalid = .stepBelowMinimum }
    if step > stpmax { invalid = .stepAboveMaximum }
    if slope >= 0 { invalid = .ascentDirection }
    if ftol < 0 { invalid = .ftol }
    if gtol < 0 { invalid = .gtol }
    if xtol < 0 { invalid = .xtol }
    if stpmin < 0 { invalid = .stepMinimum }
    if stpmax < stpmin { invalid = .stepMaximum }
    task = invalid.map { .invalid($0) } ?? .evaluate
    (finit, ginit, gtest) = (value, slope, ftol * slope)
    width = stpmax - stpmin
    width1 = width / 0.5
    (fx, gx, fy, gy) = (value, slope, value, slope)
    stmax = step + 4 * step
  }

  /// The best step found so far (`stx`: 0 until a step lowered `ψ`).
  var best: Double { stx }

  /// Takes `φ(step)` and `φ'(step)`; returns the next task (and sets `step` when it is
  /// `.evaluate`).
  @discardableResult
  mutating func next(value f: Double, slope g: Double) -> SearchTask {
    precondition(task == .evaluate, "the line search is over: \(task)")
    let ftest = finit + step * gtest
    if stage == 1, f <= ftest, g >= 0 { stage = 2 }

    var warning: Warning?
    if bracketed, step <= stmin || step >= stmax { warning = .rounding }
    if bracketed, stmax - stmin <= xtol * stmax { warning = .xtol }
    if step == stpmax, f <= ftest, g <= gtest { warning = .stepMaximum }
    if step == stpmin, f > ftest || g >= gtest { warning = .stepMinimum }
    if f <= ftest, abs(g) <= gtol * -ginit {
      task = .converged
      return task
    }
    if let warning {
      task = .warning(warning)
      return task
    }

    if stage == 1, f <= fx, f > ftest {
      // A lower value without sufficient decrease: step on the modified function ψ.
      var x = LinePoint(step: stx, value: fx - stx * gtest, slope: gx - gtest)
      var y = LinePoint(step: sty, value: fy - sty * gtest, slope: gy - gtest)
      let p = LinePoint(step: step, value: f - step * gtest, slope: g - gtest)
      step = Self.dcstep(&x, &y, p, &bracketed, stmin, stmax)
      (stx, fx, gx) = (x.step, x.value + x.step * gtest, x.slope + gtest)
      (sty, fy, gy) = (y.step, y.value + y.step * gtest, y.slope + gtest)
    } else {
      var x = LinePoint(step: stx, value: fx, slope: gx)
      var y = LinePoint(step: sty, value: fy, slope: gy)
      step = Self.dcstep(
        &x, &y, LinePoint(step: step, value: f, slope: g), &bracketed, stmin, stmax)
      (stx, fx, gx) = (x.step, x.value, x.slope)
      (sty, fy, gy) = (y.step, y.value, y.slope)
    }

    if bracketed {
      // Bisect when the interval did not shrink enough over two steps.
      if abs(sty - stx) >= 0.66 * width1 { step = stx + 0.5 * (sty - stx) }
      width1 = width
      width = abs(sty - stx)
      stmin = min(stx, sty)
      stmax = max(stx, sty)
    } else {
      stmin = step + 1.1 * (step - stx)
      stmax = step + 4 * (step - stx)
    }
    step = min(max(step, stpmin), stpmax)
    // No further progress possible: the last evaluation is at the best step.
    if bracketed, step <= stmin || step >= stmax || stmax - stmin <= xtol * stmax { step = stx }
    return task
  }

  /// Moves the trial step halfway back to the best step without a `dcstep` (the objective was
  /// not finite there); the interval is unchanged. Not part of `dcsrch`, whose objectives are
  /// finite everywhere.
  mutating func retreat() {
    precondition(task == .evaluate, "the line search is over: \(task)")
    step = stx + 0.5 * (step - stx)
  }

  /// A step with `φ` and `φ'` there.
  struct LinePoint {
    var step: Double, value: Double, slope: Double
  }

  /// MINPACK-2's `dcstep`: updates the interval `[x, y]` with the trial point `trial` (`x` keeps
  /// the least value) and returns the next trial step, a safeguarded cubic, quadratic or secant
  /// step within `[stpmin, stpmax]`.
  static func dcstep(
    _ x: inout LinePoint, _ y: inout LinePoint, _ trial: LinePoint, _ bracketed: inout Bool,
    _ stpmin: Double,
    _ stpmax: Double
  ) -> Double {
    let (stx, fx, dx) = (x.step, x.value, x.slope)
    let (sty, fy, dy) = (y.step, y.value, y.slope)
    let (stp, fp, dp) = (trial.step, trial.value, trial.slope)
    let sgnd = dp * (dx / abs(dx))
    var stpf: Double
    if fp > fx {
      // A higher value: the minimum is bracketed. The cubic step if closer to stx than the
      // quadratic step, else their average.
      let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
      let s = max(abs(theta), max(abs(dx), abs(dp)))
      var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
      if stp < stx { gamma = -gamma }
      let p = (gamma - dx) + theta
      let q = ((gamma - dx) + gamma) + dp
      let stpc = stx + p / q * (stp - stx)
      let stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2) * (stp - stx)
      stpf = abs(stpc - stx) < abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2
      bracketed = true
    } else if sgnd < 0 {
      // A lower value, slopes of opposite sign: bracketed. The cubic step if farther from stp
      // than the secant step, else the secant step.
      let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
      let s = max(abs(theta), max(abs(dx), abs(dp)))
      var gamma = s * ((theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
      if stp > stx { gamma = -gamma }
      let p = (gamma - dp) + theta
      let q = ((gamma - dp) + gamma) + dx
      let stpc = stp + p / q * (stx - stp)
      let stpq = stp + (dp / (dp - dx)) * (stx - stp)
      stpf = abs(stpc - stp) > abs(stpq - stp) ? stpc : stpq
      bracketed = true
    } else if abs(dp) < abs(dx) {
      // A lower value, slopes of the same sign, the slope's magnitude decreases. The cubic
      // step only if the cubic tends to infinity in the step's direction or its minimum is
      // beyond stp; else the secant step.
      let theta = 3 * (fx - fp) / (stp - stx) + dx + dp
      let s = max(abs(theta), max(abs(dx), abs(dp)))
      var gamma = s * max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)).squareRoot()
      if stp > stx { gamma = -gamma }
      let p = (gamma - dp) + theta
      let q = (gamma + (dx - dp)) + gamma
      let r = p / q
      let stpc = r < 0 && gamma != 0 ? stp + r * (stx - stp) : stp > stx ? stpmax : stpmin
      let stpq = stp + (dp / (dp - dx)) * (stx - stp)
      if bracketed {
        // The cubic step if closer to stp than the secant step, else the secant step; at
        // most 0.66 of the way to sty.
        stpf = abs(stpc - stp) < abs(stpq - stp) ? stpc : stpq
        stpf =
          stp > stx ? min(stp + 0.66 * (sty - stp), stpf) : max(stp + 0.66 * (sty - stp), stpf)
      } else {
        stpf = abs(stpc - stp) > abs(stpq - stp) ? stpc : stpq
        stpf = max(stpmin, min(stpmax, stpf))
      }
    } else if bracketed {
      // A lower value, slopes of the same sign, not decreasing: the cubic step between stp
      // and sty.
      let theta = 3 * (fp - fy) / (sty - stp) + dy + dp
      let s = max(abs(theta), max(abs(dy), abs(dp)))
      var gamma = s * ((theta / s) * (theta / s) - (dy / s) * (dp / s)).squareRoot()
      if stp > sty { gamma = -gamma }
      let p = (gamma - dp) + theta
      let q = ((gamma - dp) + gamma) + dy
      stpf = stp + p / q * (sty - stp)
    } else {
      stpf = stp > stx ? stpmax : stpmin
    }
    // The interval keeps a minimizer: a higher value ends it at stp; a lower one moves stx
    // there (and sty to the old stx when the slopes changed sign).
    if fp > fx {
      y = trial
    } else {
      if sgnd < 0 { y = x }
      x = trial
    }
    return stpf
  }
}
