import Testing

@testable import Engine

/// The Moré–Thuente line search against scipy's dcsrch (`Fixtures/DcsrchSteps.swift`, written by
/// scripts/reference/engine/line_search_dcsrch.py): the same trial steps, the same final task,
/// and the strong Wolfe conditions wherever it converges.
@Suite struct StrongWolfeLineSearchTests {
  /// `φ(t)` and `φ'(t)` of the fixture's functions, with the script's operations.
  static func phi(_ name: String, _ t: Double) -> (value: Double, slope: Double) {
    switch name {
    case "quadratic":
      let px = 1 + t * -1.0
      let py = 1 + t * -10.0
      return (0.5 * (px * px + 10 * py * py), px * -1.0 + 10 * py * -10.0)
    case "rosenbrock":
      let x = -1.2 + t * 215.6
      let y = 1 + t * 88.0
      let r = y - x * x
      return (
        100 * r * r + (1 - x) * (1 - x), (-400 * x * r - 2 * (1 - x)) * 215.6 + 200 * r * 88.0
      )
    case "mt1":
      let q = t * t + 2
      return (-t / q, (t * t - 2) / (q * q))
    case "mt2":
      let b = t + 0.004
      return (b * b * b * b * (b - 2), b * b * b * (5 * b - 8))
    default:
      return (-t, -1)
    }
  }

  /// Runs the search on one fixture case: the steps evaluated and the final search.
  static func run(_ c: DcsrchCase) -> (steps: [Double], search: StrongWolfeLineSearch) {
    let start = phi(c.function, 0)
    var search = StrongWolfeLineSearch(
      step: c.first, value: start.value, slope: start.slope, ftol: c.ftol, gtol: c.gtol,
      xtol: c.xtol, stpmin: c.stpmin, stpmax: c.stpmax)
    var steps: [Double] = []
    while search.task == .evaluate, steps.count < 100 {
      steps.append(search.step)
      let at = phi(c.function, search.step)
      search.next(value: at.value, slope: at.slope)
    }
    return (steps, search)
  }

  static func name(_ task: StrongWolfeLineSearch.SearchTask) -> String {
    switch task {
    case .evaluate: "evaluate"
    case .converged: "converged"
    case .warning(let w): "\(w)"
    case .invalid(let i): "invalid \(i)"
    }
  }

  @Test(arguments: dcsrchCases.indices)
  func takesScipysStepsAndEndsOnItsTask(_ index: Int) {
    let c = dcsrchCases[index]
    let (steps, search) = Self.run(c)
    let label = "\(c.function) from \(c.first)"
    #expect(steps.count == c.steps.count, "\(label): \(steps) vs scipy \(c.steps)")
    for (a, b) in zip(steps, c.steps) {
      #expect(abs(a - b) <= 1e-14 * max(abs(b), 1), "\(label): \(steps) vs scipy \(c.steps)")
    }
    #expect(Self.name(search.task) == c.task, "\(label)")
    #expect(abs(search.step - c.step) <= 1e-14 * max(abs(c.step), 1), "\(label)")
  }

  @Test(arguments: dcsrchCases.indices.filter { dcsrchCases[$0].task == "converged" })
  func convergedStepsSatisfyTheStrongWolfeConditions(_ index: Int) {
    let c = dcsrchCases[index]
    let (_, search) = Self.run(c)
    let start = Self.phi(c.function, 0)
    let end = Self.phi(c.function, search.step)
    #expect(search.task == .converged)
    #expect(end.value <= start.value + c.ftol * search.step * start.slope, "sufficient decrease")
    #expect(abs(end.slope) <= c.gtol * abs(start.slope), "curvature")
  }

  /// The START call checks its arguments as dcsrch does; the last failing check names the error,
  /// and nothing is asked to be evaluated.
  @Test func refusesInvalidArgumentsAtTheStart() {
    let ascent = StrongWolfeLineSearch(step: 1, value: 0, slope: 1)
    #expect(ascent.task == .invalid(.ascentDirection))
    let flat = StrongWolfeLineSearch(step: 1, value: 0, slope: 0)
    #expect(flat.task == .invalid(.ascentDirection))
    let far = StrongWolfeLineSearch(step: 2, value: 0, slope: -1, stpmax: 1)
    #expect(far.task == .invalid(.stepAboveMaximum))
    let both = StrongWolfeLineSearch(step: 2, value: 0, slope: 1, stpmax: 1)
    #expect(both.task == .invalid(.ascentDirection))
    let fine = StrongWolfeLineSearch(step: 0.5, value: 0, slope: -1)
    #expect(fine.task == .evaluate && fine.step == 0.5)
  }

  /// A step where the objective is not finite moves halfway back to the best step, and the
  /// search goes on from there.
  @Test func retreatsFromANonFiniteValue() {
    var search = StrongWolfeLineSearch(step: 8, value: 1, slope: -1)
    search.retreat()
    #expect(search.step == 4 && search.task == .evaluate && search.best == 0)
    let at = Self.phi("quadratic", search.step)
    search.next(value: at.value, slope: at.slope)
    #expect(search.task == .evaluate && search.step < 4)
  }
}
