import Foundation

/// The overlaps of blobs' classes two at a time, ∫ min(πᵢ fᵢ, πⱼ fⱼ) dx, exact for two classes
/// that share a covariance Σ: with Δ their means' Mahalanobis distance and t = log(πⱼ/πᵢ), the
/// log-likelihood ratio log(fᵢ/fⱼ) is N(Δ²/2, Δ²) under class i and N(−Δ²/2, Δ²) under class
/// j, and πᵢ fᵢ < πⱼ fⱼ where it is below t, so the overlap is
///
///     πᵢ Φ((t − Δ²/2)/Δ) + πⱼ Φ((−Δ²/2 − t)/Δ)     (2π Φ(−Δ/2) for equal priors π).
///
/// At each x the classes other than the most probable one make the Bayes error's integrand,
/// and their sum is at least the smaller of any two classes' π f and at most the sum of the
/// smaller of every pair, so the largest overlap is a lower bound of the Bayes error and, when
/// every class shares one covariance, their sum an upper bound.
struct BlobsPairOverlaps {
  /// The largest overlap of two classes that share a covariance (0 when none do).
  let largest: Double
  /// The sum of every pair's overlap, when every class shares one covariance; nil otherwise.
  let sum: Double?

  /// The overlaps of `classes`, as (prior, mean, covariance, its Cholesky factor's rows).
  init(_ classes: [(prior: Double, mean: [Double], covariance: [[Double]], factor: [[Double]])]) {
    var (largest, sum, shared) = (0.0, 0.0, true)
    for i in classes.indices {
      for j in classes.indices where j > i {
        guard classes[i].covariance == classes[j].covariance else {
          shared = false
          continue
        }
        let overlap = Self.overlap(
          classes[i].prior, classes[j].prior,
          distance: Self.mahalanobis(classes[i].mean, classes[j].mean, factor: classes[i].factor))
        largest = max(largest, overlap)
        sum += overlap
      }
    }
    self.largest = largest
    self.sum = shared ? sum : nil
  }

  /// ∫ min(p fᵢ, q fⱼ) dx for two Gaussians of one covariance whose means lie `distance` apart
  /// (Mahalanobis).
  static func overlap(_ p: Double, _ q: Double, distance d: Double) -> Double {
    guard d > 0 else { return min(p, q) }
    let t = log(q / p)
    return p * normal(below: (t - d * d / 2) / d) + q * normal(below: (-d * d / 2 - t) / d)
  }

  /// Φ(z), the standard normal's probability below z, to full relative precision in its tail.
  static func normal(below z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

  /// ‖L⁻¹(a − b)‖, L the lower-triangular factor (its rows) of the covariance.
  static func mahalanobis(_ a: [Double], _ b: [Double], factor: [[Double]]) -> Double {
    var y = [Double](repeating: 0, count: a.count)
    var squares = 0.0
    for i in a.indices {
      var s = a[i] - b[i]
      for p in 0..<i { s -= factor[i][p] * y[p] }
      y[i] = s / factor[i][i]
      squares += y[i] * y[i]
    }
    return squares.squareRoot()
  }
}
