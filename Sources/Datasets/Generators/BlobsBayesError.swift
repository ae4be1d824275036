import Engine
import Foundation

/// The Bayes error of a `blobs` generator's classes: Gaussians N(μₖ, Σₖ) with priors πₖ the
/// shares of `sizes`, the error of the classifier that picks the most probable class at each x,
///
///     Bayes error = Σₖ πₖ · E_{x ~ N(μₖ, Σₖ)}[1 − maxⱼ P(j | x)],
///
/// each expectation a quasi-Monte Carlo mean over the first N points of the Halton sequence
/// mapped through the normal quantile and x = μₖ + Lₖz (Lₖ Σₖ's Cholesky factor). Averaging the
/// posterior's shortfall, not counting misclassified draws, and the low-discrepancy points
/// make N = 65 536 enough for 3 significant digits (primer 004's blobs: 0.0727, a 1 500 × 2 000
/// grid integration 0.072706); N shrinks for many classes and dimensions (the work grows as
/// N·K²·d²), to no fewer than 4 096. No random draw: the same value on every machine, and
/// rounded to 3 significant digits so that no libm's last bits show.
struct BlobsBayesError {
  /// The Bayes error, to 3 significant digits.
  let value: Double

  /// nil when the generator's blobs are not well formed (no class with a sample, dimensions
  /// that differ, a covariance that is not positive definite: the generator refuses them).
  init?(_ g: GeneratorSpec) {
    let total = g.sizes.reduce(0, +)
    guard !g.means.isEmpty, g.sizes.count == g.means.count, total > 0,
      g.covariances.isEmpty || g.covariances.count == g.means.count
    else { return nil }
    let d = g.means[0].count
    guard d > 0, g.means.allSatisfy({ $0.count == d }) else { return nil }
    var classes: [Blob] = []
    for (k, mean) in g.means.enumerated() where g.sizes[k] > 0 {
      let covariance =
        g.covariances.isEmpty
        ? (0..<d).map { i in (0..<d).map { i == $0 ? 1.0 : 0.0 } } : g.covariances[k]
      guard covariance.count == d, covariance.allSatisfy({ $0.count == d }),
        let factor = try? Cholesky.factor(Matrix(covariance))
      else { return nil }
      classes.append(
        Blob(prior: Double(g.sizes[k]) / Double(total), mean: mean, factor: factor))
    }
    guard classes.count > 1 else {
      value = 0  // one class: never wrong
      return
    }
    let points = Self.points(classes: classes.count, dimension: d)
    let halton = Halton(dimension: d)
    var error = 0.0
    for blob in classes {
      var shortfall = 0.0
      var z = [Double](repeating: 0, count: d)
      var x = [Double](repeating: 0, count: d)
      for i in 1...points {
        for j in 0..<d { z[j] = NormalQuantile.value(halton.coordinate(i, j)) }
        for r in 0..<d {
          var s = blob.mean[r]
          for c in 0...r { s += blob.factor[r, c] * z[c] }
          x[r] = s
        }
        let logs = classes.map { $0.logDensity(x) }
        let top = logs.max() ?? 0
        shortfall += 1 - 1 / logs.reduce(0) { $0 + exp($1 - top) }
      }
      error += blob.prior * shortfall / Double(points)
    }
    value = GeneratorSpec.significant(error, 3)
  }

  /// The quasi-Monte Carlo points per class: 65 536, halved while N·K²·d² exceeds 2²⁴, down to
  /// 4 096.
  static func points(classes k: Int, dimension d: Int) -> Int {
    var n = 65_536
    while n > 4_096, n * k * k * d * d > 1 << 24 { n /= 2 }
    return n
  }

  /// One class: its prior, mean and covariance factor.
  private struct Blob {
    let prior: Double
    let mean: [Double]
    let factor: Matrix<Double>

    /// log(prior · density(x)) up to the constant all classes share: log π − log|L| − ½‖L⁻¹(x − μ)‖².
    func logDensity(_ x: [Double]) -> Double {
      let d = mean.count
      var y = [Double](repeating: 0, count: d)
      var squares = 0.0
      var logDeterminant = 0.0
      for i in 0..<d {
        var s = x[i] - mean[i]
        for p in 0..<i { s -= factor[i, p] * y[p] }
        y[i] = s / factor[i, i]
        squares += y[i] * y[i]
        logDeterminant += log(factor[i, i])
      }
      return log(prior) - logDeterminant - squares / 2
    }
  }
}

/// The Halton low-discrepancy sequence: coordinate j of point i is i's radical inverse in the
/// j-th prime base.
private struct Halton {
  let bases: [Int]

  /// The first `dimension` primes as bases.
  init(dimension: Int) {
    var primes: [Int] = []
    var candidate = 2
    while primes.count < dimension {
      if primes.allSatisfy({ candidate % $0 != 0 }) { primes.append(candidate) }
      candidate += 1
    }
    bases = primes
  }

  /// The radical inverse of `i` in base `bases[j]`, in (0, 1) for i ≥ 1.
  func coordinate(_ i: Int, _ j: Int) -> Double {
    let base = bases[j]
    var (f, r, k) = (1.0, 0.0, i)
    while k > 0 {
      f /= Double(base)
      r += f * Double(k % base)
      k /= base
    }
    return r
  }
}

/// The standard normal quantile Φ⁻¹(p) for p in (0, 1), by Acklam's rational approximation
/// (relative error below 1.2·10⁻⁹).
enum NormalQuantile {
  static func value(_ p: Double) -> Double {
    let a = [
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    let b = [
      -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01,
    ]
    let c = [
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
    ]
    let e = [
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00,
    ]
    let low = 0.02425
    func tail(_ q: Double) -> Double {
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
        / ((((e[0] * q + e[1]) * q + e[2]) * q + e[3]) * q + 1)
    }
    if p < low { return tail((-2 * log(p)).squareRoot()) }
    if p > 1 - low { return -tail((-2 * log(1 - p)).squareRoot()) }
    let q = p - 0.5
    let r = q * q
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
      / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  }
}
