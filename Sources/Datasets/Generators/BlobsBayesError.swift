import Engine
import Foundation

/// The Bayes error of a `blobs` generator's classes: Gaussians N(μₖ, Σₖ) with priors πₖ the
/// shares of `sizes`, the error of the classifier that picks the most probable class at each x,
///
///     Bayes error = Σₖ πₖ · E_{x ~ N(μₖ, Σₖ)}[1 − maxⱼ P(j | x)],
///
/// each expectation a randomized quasi-Monte Carlo mean: 16 point sets, each the first N/16
/// points of the Kronecker (Richtmyer) sequence frac(i·√pⱼ) shifted by a fixed vector
/// (Cranley–Patterson), mapped through the normal quantile and x = μₖ + Lₖz (Lₖ Σₖ's Cholesky
/// factor). Averaging the posterior's shortfall, not counting misclassified draws, keeps the
/// variance low; the 16 sets' spread gives the estimate's standard error. N = 262 144 per class,
/// halved while N·K²·d (N·K²·d² for covariances other than the identity) exceeds 2²⁵, to no
/// fewer than 256, and none past 2²⁷ at 256 (`points`) (primer 004's blobs: 0.0727, ±
/// 0.000005). The Halton sequence used before
/// converged too slowly in many dimensions (0.593 for 8 blobs in 6-D, 0.269 for 6 in 16-D,
/// where a 2-million-draw Monte Carlo mean of the shortfall gives 0.59136 ± 0.00006 and
/// 0.26735 ± 0.00004). The value is rounded to 3 significant digits, fewer when the estimate
/// ± 2 standard errors rounds to two values there (`shown(_:standardError:)`): the digits shown
/// are right (0.59 and 0.27 there). No random draw: the same value on every machine (no libm's
/// last bits show).
///
/// Classes that share a covariance bound it (`BlobsPairOverlaps`): it is at least the largest
/// overlap of two of them, and when all share one, at most the sum of every pair's. That sum,
/// exact, less the same points' mean of what it counts beyond the Bayes error (Σᵣ (r − 2)·p₍ᵣ₎
/// over the posteriors p₍ᵣ₎ ranked from the largest, r ≥ 3), is a second estimate, taken when
/// its standard error is the smaller or the first lies outside the bounds: the tails of far
/// apart blobs, where the posterior falls short of 1, lie beyond the points (20 blobs in 30-D
/// gave 1e-07 below the bound 3.38e-07; the pairs' sum, 5.63e-07, less 0 is what an
/// importance-sampled reference gives, 5.63e-07 ± 0.02e-07: tester BI-8). The value is never
/// below the lower bound.
struct BlobsBayesError {
  /// The Bayes error, to the significant digits its estimate supports (at most 3).
  let value: Double
  /// The estimate before rounding.
  let estimate: Double
  /// The estimate's standard error, from the spread of the 16 point sets' means.
  let standardError: Double
  /// The largest overlap of two classes sharing a covariance, a lower bound of the Bayes error.
  let lowerBound: Double

  /// The point sets whose spread gives the standard error.
  static let pointSets = 16

  /// nil when the generator's blobs are not well formed (no class with a sample, dimensions
  /// that differ, a covariance that is not positive definite: the generator refuses them), or
  /// too many to integrate at a bounded cost (`points`).
  init?(_ g: GeneratorSpec) {
    let total = g.sizes.reduce(0, +)
    guard !g.means.isEmpty, g.sizes.count == g.means.count, total > 0,
      g.covariances.isEmpty || g.covariances.count == g.means.count
    else { return nil }
    let d = g.means[0].count
    guard d > 0, g.means.allSatisfy({ $0.count == d }) else { return nil }
    var classes: [Blob] = []
    for (k, mean) in g.means.enumerated() where g.sizes[k] > 0 {
      let identity = (0..<d).map { i in (0..<d).map { i == $0 ? 1.0 : 0.0 } }
      let covariance = g.covariances.isEmpty ? identity : g.covariances[k]
      guard covariance.count == d, covariance.allSatisfy({ $0.count == d }),
        let factor = try? Cholesky.factor(Matrix(covariance))
      else { return nil }
      classes.append(
        Blob(
          prior: Double(g.sizes[k]) / Double(total), mean: mean, covariance: covariance,
          factor: factor, identity: covariance == identity))
    }
    guard classes.count > 1 else {
      (value, estimate, standardError, lowerBound) = (0, 0, 0, 0)  // one class: never wrong
      return
    }
    let overlaps = BlobsPairOverlaps(
      classes.map { blob in
        (
          blob.prior, blob.mean, blob.covariance,
          (0..<d).map { r in (0..<d).map { c in blob.factor[r, c] } }
        )
      })
    guard
      let points = Self.points(
        classes: classes.count, dimension: d, identity: classes.allSatisfy(\.identity))
    else { return nil }
    let perSet = points / Self.pointSets
    let sequence = Kronecker(dimension: d)
    var means: [Double] = []
    var excesses: [Double] = []
    var z = [Double](repeating: 0, count: d)
    var x = [Double](repeating: 0, count: d)
    for set in 0..<Self.pointSets {
      var shortfalls = [Double](repeating: 0, count: classes.count)
      var excess = [Double](repeating: 0, count: classes.count)
      for i in 1...perSet {
        for j in 0..<d { z[j] = NormalQuantile.value(sequence.coordinate(i, j, set: set)) }
        for (k, blob) in classes.enumerated() {
          for r in 0..<d {
            var s = blob.mean[r]
            if blob.identity {
              s += z[r]
            } else {
              for c in 0...r { s += blob.factor[r, c] * z[c] }
            }
            x[r] = s
          }
          let logs = classes.map { $0.logDensity(x) }
          let top = logs.max() ?? 0
          let total = logs.reduce(0) { $0 + exp($1 - top) }
          shortfalls[k] += 1 - 1 / total
          if overlaps.sum != nil, classes.count > 2 {
            let ranked = logs.map { exp($0 - top) / total }.sorted(by: >)
            for r in 2..<ranked.count { excess[k] += Double(r - 1) * ranked[r] }
          }
        }
      }
      means.append(
        zip(classes, shortfalls).reduce(0) { $0 + $1.0.prior * $1.1 } / Double(perSet))
      excesses.append(
        zip(classes, excess).reduce(0) { $0 + $1.0.prior * $1.1 } / Double(perSet))
    }
    let plain = Self.meanAndError(means)
    let lower = overlaps.largest
    var (mean, error) = plain
    if let upper = overlaps.sum {
      let excess = Self.meanAndError(excesses)
      if excess.error < plain.error || plain.mean < lower || plain.mean > upper {
        (mean, error) = (upper - excess.mean, excess.error)
      }
      mean = min(mean, upper)
    } else if mean < lower {
      error = lower  // below the bound, the points missed what counts: one digit, of the bound
    }
    estimate = max(mean, lower)
    standardError = error
    lowerBound = lower
    // Where the bounds meet (two blobs of one covariance) the value is exact: rounded to the
    // nearest, not up to the bound (tester BQ-4: 0.0186201 was shown 0.0187).
    let exact = overlaps.sum == lower
    value = Self.shown(estimate, standardError: standardError, atLeast: exact ? 0 : lower)
  }

  /// The mean of the point sets' `means` and its standard error, from their spread.
  static func meanAndError(_ means: [Double]) -> (mean: Double, error: Double) {
    let mean = means.reduce(0, +) / Double(means.count)
    let variance =
      means.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(means.count - 1)
    return (mean, (variance / Double(means.count)).squareRoot())
  }

  /// `estimate` to 3 significant digits, or to fewer when estimate ± 2 standard errors rounds
  /// to two values at that many (a true value that may lie past the rounding's boundary), to
  /// no fewer than 1; rounded up instead where rounding would go below `lower`.
  static func shown(_ estimate: Double, standardError: Double, atLeast lower: Double = 0)
    -> Double
  {
    let digits =
      [3, 2].first { digits in
        GeneratorSpec.significant(estimate - 2 * standardError, digits)
          == GeneratorSpec.significant(estimate + 2 * standardError, digits)
      } ?? 1
    let value = GeneratorSpec.significant(estimate, digits)
    guard value < lower else { return value }
    // Else one unit of the last digit up, at `lower`'s own magnitude.
    let near = GeneratorSpec.significant(lower, digits)
    let unit = pow(10, floor(log10(lower)) - Double(digits - 1))
    return near >= lower ? near : GeneratorSpec.significant(near + unit, digits)
  }

  /// The quasi-Monte Carlo points per class: 262 144, halved while N·K²·d (N·K²·d² when a
  /// covariance is not the identity: its triangular solves) exceeds 2²⁵, down to 256 (16 per
  /// point set); nil when even 256 cost more than 2²⁷ (30 blobs with full covariances in 60-D:
  /// minutes in a debug build), where no floor is derived.
  static func points(classes k: Int, dimension d: Int, identity: Bool = false) -> Int? {
    let work = { (n: Int) in Double(n) * Double(k * k) * Double(d) * Double(identity ? 1 : d) }
    var n = 262_144
    while n > 256, work(n) > 0x1p25 { n /= 2 }
    return work(n) > 0x1p27 ? nil : n
  }

  /// One class: its prior, mean, covariance and its factor (`identity` when Σ is I).
  private struct Blob {
    let prior: Double
    let mean: [Double]
    let covariance: [[Double]]
    let factor: Matrix<Double>
    let identity: Bool

    /// log(prior · density(x)) up to the constant all classes share: log π − log|L| − ½‖L⁻¹(x − μ)‖².
    func logDensity(_ x: [Double]) -> Double {
      let d = mean.count
      var squares = 0.0
      if identity {
        for i in 0..<d { squares += (x[i] - mean[i]) * (x[i] - mean[i]) }
        return log(prior) - squares / 2
      }
      var y = [Double](repeating: 0, count: d)
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

/// The Kronecker (Richtmyer) low-discrepancy sequence, Cranley–Patterson shifted: coordinate j
/// of point i in point set r is frac(sⱼ·(r + 1) + i·√pⱼ), pⱼ the j-th prime and sⱼ the
/// fractional part of the square root of the (d + j)-th; in (0, 1).
private struct Kronecker {
  let steps: [Double]
  let shifts: [Double]

  /// The steps and shifts of a `dimension`-dimensional sequence.
  init(dimension: Int) {
    var primes: [Int] = []
    var candidate = 2
    while primes.count < 2 * dimension {
      if primes.allSatisfy({ candidate % $0 != 0 }) { primes.append(candidate) }
      candidate += 1
    }
    let fractions = primes.map { Double($0).squareRoot().truncatingRemainder(dividingBy: 1) }
    steps = Array(fractions.prefix(dimension))
    shifts = Array(fractions.suffix(dimension))
  }

  /// Coordinate `j` of point `i` of point set `set`, kept off 0 and 1 (the quantile's poles).
  func coordinate(_ i: Int, _ j: Int, set: Int) -> Double {
    let shift = (Double(set + 1) * shifts[j]).truncatingRemainder(dividingBy: 1)
    let u = (shift + Double(i) * steps[j]).truncatingRemainder(dividingBy: 1)
    return min(max(u, 0x1p-53), 1 - 0x1p-53)
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
