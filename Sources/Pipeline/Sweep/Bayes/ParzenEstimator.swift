import Conventions
import Foundation

/// One axis's Parzen estimator in TPE (Bergstra et al. 2011), as Optuna's univariate
/// `TPESampler` builds it: a weighted mixture of one kernel per observation plus a prior kernel.
/// A numeric axis mixes normals truncated to `[low, high]` (centred on the observations, each as
/// wide as its larger gap to a neighbour, clipped to `[(high-low)/min(100, 1+kernels),
/// high-low]`; the prior centred on the interval, as wide as it). A list axis mixes categorical
/// distributions (each observation's choice gets 1 more than the prior's even spread).
struct ParzenEstimator {
  /// What the estimator models: an interval or `count` categories.
  enum Space: Equatable {
    /// A numeric interval (log space for log-uniform axes); with a `step`, the values
    /// `low + step/2 + k·step` each weigh the kernels' mass within half a step of them.
    case numeric(low: Double, high: Double, step: Double? = nil)
    /// Categories `0..<count`.
    case categorical(count: Int)
  }

  let domain: Space
  /// The kernels' weights, summing to 1.
  private(set) var weights: [Double] = []
  /// numeric: each kernel's centre and width.
  private(set) var mus: [Double] = []
  private(set) var sigmas: [Double] = []
  /// categorical: the mixture's probability of each category.
  private(set) var probabilities: [Double] = []

  /// The estimator of `observations` (oldest first; category indices for a list axis).
  init(_ observations: [Double], domain: Space, priorWeight: Double = 1) {
    self.domain = domain
    let n = observations.count
    // Optuna's default weights: flat for the 25 newest, a ramp from 1/n for older ones.
    let ramp = n - 25
    var raw: [Double] = (0..<n).map { i in
      guard i < ramp else { return 1 }
      let step = ramp > 1 ? Double(i) / Double(ramp - 1) : 0
      return 1 / Double(n) + (1 - 1 / Double(n)) * step
    }
    raw.append(priorWeight)
    let total = raw.reduce(0, +)
    weights = raw.map { $0 / total }
    switch domain {
    case .numeric(let low, let high, _):
      let order = observations.indices.sorted { observations[$0] < observations[$1] }
      let sorted = [low] + order.map { observations[$0] } + [high]
      var widths = [Double](repeating: 0, count: n)
      for (rank, index) in order.enumerated() {
        let k = rank + 1
        var width = max(sorted[k] - sorted[k - 1], sorted[k + 1] - sorted[k])
        // The interval's ends are no neighbours (Optuna's consider_endpoints = false).
        if n >= 2 && rank == 0 { width = sorted[2] - sorted[1] }
        if n >= 2 && rank == n - 1 { width = sorted[n] - sorted[n - 1] }
        widths[index] = width
      }
      let span = high - low
      let minimum = span / min(100, Double(1 + n + 1))
      mus = observations + [(low + high) / 2]
      sigmas = widths.map { min(max($0, minimum), span) } + [span]
    case .categorical(let count):
      let fill = priorWeight / Double(n + 1)
      var p = [Double](repeating: 0, count: count)
      for (k, weight) in weights.enumerated() {
        let chosen = k < n ? Int(observations[k]) : -1
        let rowSum = Double(count) * fill + (k < n ? 1 : 0)
        for c in 0..<count { p[c] += weight * (fill + (c == chosen ? 1 : 0)) / rowSum }
      }
      let sum = p.reduce(0, +)
      probabilities = p.map { $0 / sum }
    }
  }

  /// A draw from the mixture.
  func sample(_ rng: inout SplitMix64) -> Double {
    switch domain {
    case .categorical:
      return Double(Self.pick(probabilities, rng.unit()))
    case .numeric(let low, let high, let step):
      let k = Self.pick(weights, rng.unit())
      let snap = { (x: Double) -> Double in
        guard let step else { return x }
        let last = ((high - low) / step - 1).rounded()
        return low + step / 2 + min(max(((x - low) / step - 0.5).rounded(), 0), last) * step
      }
      // Rejection from the normal: at least a third of its mass lies inside, as the centre
      // does and the width is at most the interval's.
      for _ in 0..<1000 {
        let u = max(rng.unit(), 0x1p-60)
        let z = (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * rng.unit())
        let x = mus[k] + sigmas[k] * z
        if x >= low && x <= high { return snap(x) }
      }
      return snap(min(max(mus[k], low), high))
    }
  }

  /// The log density (numeric) or log probability (categorical) of `x`.
  func logDensity(_ x: Double) -> Double {
    switch domain {
    case .categorical:
      return Foundation.log(probabilities[Int(x)])
    case .numeric(let low, let high, let step):
      var terms: [Double] = []
      for k in mus.indices {
        let (mu, sigma) = (mus[k], sigmas[k])
        let mass = Self.mass((low - mu) / sigma, (high - mu) / sigma)
        let z = (x - mu) / sigma
        let own =
          step.map { Foundation.log(Self.mass(z - $0 / 2 / sigma, z + $0 / 2 / sigma)) }
          ?? -0.5 * z * z - Foundation.log(sigma) - 0.5 * Foundation.log(2 * Double.pi)
        terms.append(Foundation.log(weights[k]) + own - Foundation.log(mass))
      }
      let top = terms.max() ?? -.infinity
      guard top > -.infinity else { return -.infinity }
      return top + Foundation.log(terms.reduce(0) { $0 + Foundation.exp($1 - top) })
    }
  }

  /// The standard normal's mass between `a` and `b` (computed in the nearer tail).
  static func mass(_ a: Double, _ b: Double) -> Double {
    let r = 2.0.squareRoot()
    return a > 0 ? 0.5 * (erfc(a / r) - erfc(b / r)) : 0.5 * (erfc(-b / r) - erfc(-a / r))
  }

  /// The index whose cumulative weight first exceeds `u` (the last one at worst).
  static func pick(_ weights: [Double], _ u: Double) -> Int {
    var cumulative = 0.0
    for (i, w) in weights.enumerated() {
      cumulative += w
      if u < cumulative { return i }
    }
    return weights.count - 1
  }
}
