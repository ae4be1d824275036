import Conventions
import Foundation

/// How much an error measured on `count` samples would move between two samples of that size
/// drawn alike: the standard error of the misclassified fraction or of the mean loss.
///
/// A gap whose p-value (`pValue(gap:)`) is not below `significance` (the chance of a gap beyond
/// two standard errors, `margin`, under the normal approximation) may be the luck of the draw: a variance gap rather than overfitting (the gap between the MSEs of 20 test and 80
/// training rows of Gaussian noise has a standard error of about MSE·√2·√(1/20 + 1/80), 35% of
/// it), an avoidable-bias gap rather than underfitting (80 training rows at a noise MSE of 1
/// vary by ±0.16).
public struct SamplingError: Sendable, Equatable {
  /// The standard error, in the error's units.
  public let standardError: Double
  /// The number of samples it was measured on.
  public let count: Int
  /// For a gap between a held-out and a training error: the training samples' number.
  public let trainCount: Int?
  /// How a gap's p-value is computed (`pValue(gap:)`).
  public let test: Test
  /// For a gap: the standard error of its held-out error alone, measured on the held-out side
  /// (`heldOutError`); nil when unknown.
  public let heldOutStandardError: Double?
  /// For a gap between mean losses: the largest held-out row's loss (`meanLossGap`), which may
  /// carry the whole gap (a wrong label); nil when unknown.
  public let largestHeldOutLoss: Double?

  /// How the chance of a gap at least as large under the null (no gap) is computed.
  public enum Test: Sendable, Equatable {
    /// The normal tail 1 − Φ(gap / standard error): mean losses.
    case normal
    /// Fisher's exact test, one-sided: given the errors of both sides, the chance that the
    /// held-out side's `count` rows get at least its `heldOutErrors` of them.
    case fisher(heldOutErrors: Int, trainErrors: Int)
    /// The exact binomial test, one-sided: the chance that `count` rows each wrong at `rate`
    /// (the base error) get at least the training errors (`rate` + gap, counted).
    case binomial(rate: Double)
    /// Mean losses, one-sided: twice the smaller of two p-values (Bonferroni), Mood's median
    /// test (of all the rows' losses, those above their `median`; given their number, the
    /// chance that the held-out side's `count` rows hold at least its `heldOutAbove` of them)
    /// and `permutation`, the permutation test of the mean gap (`permutationPValue`).
    case median(heldOutAbove: Int, trainAbove: Int, median: Double, permutation: Double)
  }

  /// A standard error measured on `count` samples (a gap's held-out ones, against
  /// `trainCount` training samples), its gaps' p-values by `test`; for a gap, its held-out
  /// error's own standard error when known (`heldOutStandardError`).
  public init(
    standardError: Double, count: Int, trainCount: Int? = nil, test: Test = .normal,
    heldOutStandardError: Double? = nil, largestHeldOutLoss: Double? = nil
  ) {
    self.standardError = standardError
    self.count = count
    self.trainCount = trainCount
    self.test = test
    self.heldOutStandardError = heldOutStandardError
    self.largestHeldOutLoss = largestHeldOutLoss
  }

  /// The largest p-value of a gap beyond its sampling error: 1 − Φ(2) ≈ 0.02275, the one-sided
  /// normal tail beyond two standard errors.
  public static let significance = TailProbability.normal(beyond: 2)

  /// The chance of a gap at least `gap` were the two errors drawn alike (or the training error
  /// drawn at the base error), by `test`: a gap whose p-value is below `significance` is more
  /// than sampling noise. With a standard error of 0 any positive gap has p-value 0.
  public func pValue(gap: Double) -> Double {
    switch test {
    case .normal:
      return standardError > 0
        ? TailProbability.normal(beyond: gap / standardError) : gap > 0 ? 0 : 1
    case .fisher(let heldOutErrors, let trainErrors):
      return heldOutTail(heldOutErrors, of: heldOutErrors + trainErrors)
    case .median(let heldOutAbove, let trainAbove, _, let permutation):
      return min(1, 2 * min(heldOutTail(heldOutAbove, of: heldOutAbove + trainAbove), permutation))
    case .binomial(let rate):
      guard let errors = Self.errors(rate + gap, of: count) else { return gap > 0 ? 0 : 1 }
      return TailProbability.binomial(atLeast: errors, trials: count, rate: rate)
    }
  }

  /// The median test's own p-value, for a `.median` test.
  public var medianPValue: Double? {
    guard case .median(let heldOutAbove, let trainAbove, _, _) = test else { return nil }
    return heldOutTail(heldOutAbove, of: heldOutAbove + trainAbove)
  }

  /// The chance that the `count` held-out rows, drawn from all `count + trainCount`, hold at
  /// least `drawn` of the `marked` ones (the hypergeometric tail of Fisher's and the median test).
  private func heldOutTail(_ drawn: Int, of marked: Int) -> Double {
    TailProbability.hypergeometric(
      atLeast: drawn, draws: count, marked: marked, population: count + (trainCount ?? 0))
  }

  /// True when `gap` is no more than sampling noise: its p-value is not below `significance`.
  public func holds(gap: Double) -> Bool { pValue(gap: gap) >= Self.significance }

  /// The chance of a gap at most `gap` (one below the null, e.g. a training error under the
  /// base error) were the errors drawn alike, by `test`'s other tail: the normal tail
  /// Φ(gap / standard error), the binomial P(X ≤ errors) or the hypergeometric P(X ≤
  /// held-out errors). With a standard error of 0 any negative gap has p-value 0.
  public func pValue(below gap: Double) -> Double {
    switch test {
    case .normal:
      return standardError > 0
        ? TailProbability.normal(beyond: -gap / standardError) : gap < 0 ? 0 : 1
    case .fisher(let heldOutErrors, let trainErrors),
      .median(let heldOutErrors, let trainErrors, _, _):
      // P(X ≤ x) is the chance that the draws hold at least draws − x of the right rows.
      let population = count + (trainCount ?? 0)
      return TailProbability.hypergeometric(
        atLeast: count - heldOutErrors, draws: count,
        marked: population - heldOutErrors - trainErrors, population: population)
    case .binomial(let rate):
      // P(X ≤ k) is the chance of at least n − k right rows, each right at 1 − rate.
      guard let errors = Self.errors(rate + gap, of: count) else { return gap < 0 ? 0 : 1 }
      return TailProbability.binomial(atLeast: count - errors, trials: count, rate: 1 - rate)
    }
  }

  /// True when `gap` below the null is no more than sampling noise: its p-value
  /// (`pValue(below:)`) is not below `significance`.
  public func holds(below gap: Double) -> Bool { pValue(below: gap) >= Self.significance }

  /// The number of `count` samples wrong at the misclassified fraction `fraction`, the nearest
  /// whole number, within 0...count; nil when the fraction is not finite.
  static func errors(_ fraction: Double, of count: Int) -> Int? {
    guard fraction.isFinite else { return nil }
    return Int((min(max(fraction, 0), 1) * Double(count)).rounded())
  }

  /// For a gap: the sampling error of its held-out error alone, what one held-out error varies
  /// by (Breiman's one standard error), from the held-out side's own spread: a classifier's
  /// √(e(1 − e)/n_held-out) at its held-out rate e, a regression's s/√n_held-out, s the held-out
  /// losses' sample standard deviation (`heldOutStandardError`). Not the gap's: an overfit
  /// point's low training error pulled a classifier's pooled rate four times too small, and a
  /// regression's training losses' spread 2.7 times. Nil for a gap whose held-out side is not
  /// known (fewer than two held-out rows); not a gap, itself.
  public var heldOutError: SamplingError? {
    guard trainCount != nil else { return self }
    return heldOutStandardError.map { SamplingError(standardError: $0, count: count) }
  }

  /// The margin a gap must exceed to be more than sampling noise: two standard errors.
  public var margin: Double { 2 * standardError }

  /// The gap between a held-out misclassified fraction `heldOut` of `heldOutCount` samples and
  /// a training one `train` of `trainCount`, were both drawn at one rate (no variance): the
  /// pooled two-proportion standard error √(p(1 − p)(1/n_train + 1/n_held-out)), p the pooled
  /// fraction (e_train·n_train + e_held-out·n_held-out)/(n_train + n_held-out); nil with fewer
  /// than two held-out samples, no training samples or an error that is not finite.
  public static func fractionGap(
    train: Double, trainCount: Int, heldOut: Double, heldOutCount: Int
  ) -> SamplingError? {
    guard heldOutCount > 1, trainCount > 0, train.isFinite, heldOut.isFinite else { return nil }
    let (nt, nh) = (Double(trainCount), Double(heldOutCount))
    let p = min(max((train * nt + heldOut * nh) / (nt + nh), 0), 1)
    let counted = Test.fisher(
      heldOutErrors: errors(heldOut, of: heldOutCount) ?? 0,
      trainErrors: errors(train, of: trainCount) ?? 0)
    return SamplingError(
      standardError: (p * (1 - p) * (1 / nt + 1 / nh)).squareRoot(), count: heldOutCount,
      trainCount: trainCount, test: counted,
      heldOutStandardError: fraction(atRate: heldOut, count: heldOutCount)?.standardError)
  }

  /// A misclassified fraction of `count` samples drawn where the true rate is `rate`:
  /// √(r(1 − r)/n), 0 when every sample is right or wrong (nothing to vary), its gaps judged by
  /// the exact binomial test; nil with fewer than two samples.
  public static func fraction(atRate rate: Double, count: Int) -> SamplingError? {
    guard count > 1, rate.isFinite, (0...1).contains(rate) else { return nil }
    return SamplingError(
      standardError: (rate * (1 - rate) / Double(count)).squareRoot(), count: count,
      test: .binomial(rate: rate))
  }

  /// The mean loss of `count` samples whose losses spread, relative to their mean, like
  /// `losses` do, had their mean been `mean`: `meanLoss(losses, count:)` scaled by `mean` over
  /// the losses' mean; nil as `meanLoss` is, or when the losses' mean is not above 0.
  public static func meanLoss(_ losses: [Double], count: Int, scaledTo mean: Double)
    -> SamplingError?
  {
    guard count > 0, mean.isFinite, mean >= 0, let spread = spread(losses), spread.mean > 0
    else { return nil }
    return finite(spread.deviation / Double(count).squareRoot() * mean / spread.mean, count)
  }

  /// The gap between the mean losses of the held-out rows (`heldOut`, each row's loss) and of
  /// the training rows (`losses`), were both drawn alike (no variance): its standard error the
  /// training losses' sample standard deviation (n − 1) times √(1/n_held-out + 1/n_train) (the
  /// held-out error's own, `heldOutError`, is the held-out losses' `meanLoss`), its
  /// p-value twice the smaller of Mood's median test and the mean gap's permutation test
  /// (`Test.median`), valid whatever the losses' skew (squared losses' is large: the normal tail
  /// of that standard error called a true line's noise high variance three times as often as it
  /// should); nil as `meanLoss` is or without held-out losses, or with one that is not finite.
  public static func meanLossGap(_ losses: [Double], heldOut: [Double]) -> SamplingError? {
    guard !heldOut.isEmpty, heldOut.allSatisfy(\.isFinite), let spread = spread(losses) else {
      return nil
    }
    let scale = (1 / Double(heldOut.count) + 1 / Double(losses.count)).squareRoot()
    let median = median(losses + heldOut)
    let test = Test.median(
      heldOutAbove: heldOut.count(where: { $0 > median }),
      trainAbove: losses.count(where: { $0 > median }), median: median,
      permutation: permutationPValue(train: losses, heldOut: heldOut))
    return finite(
      spread.deviation * scale, heldOut.count, trainCount: losses.count, test: test,
      heldOutStandardError: meanLoss(heldOut, count: heldOut.count)?.standardError,
      largestHeldOutLoss: heldOut.max())
  }

  /// Relabellings the permutation test of the mean gap draws.
  public static let permutations = 1999

  /// The permutation test of the mean gap, one-sided: (1 + k)/(1 + `permutations`) for the k of
  /// `permutations` random relabellings of all the losses whose held-out mean is at least the
  /// observed one (within 10⁻¹²). The draws come from a fixed seed and are summed in a fixed
  /// order, so the same losses give the same p-value on every machine.
  static func permutationPValue(train: [Double], heldOut: [Double]) -> Double {
    // The smaller side is drawn: a held-out mean at least the observed one is a training sum
    // at most the observed one.
    let drawsHeldOut = heldOut.count <= train.count
    let drawn = drawsHeldOut ? heldOut : train
    let observed = drawn.reduce(0, +)
    var pool = drawn + (drawsHeldOut ? train : heldOut)
    var generator = SplitMix64(seed: 0x6d65_616e_6761_70)
    var extreme = 0
    let tolerance = 1e-12 * abs(observed)
    for _ in 0..<permutations {
      var sum = 0.0
      for i in 0..<drawn.count {
        pool.swapAt(i, i + Int(generator.next() % UInt64(pool.count - i)))
        sum += pool[i]
      }
      if drawsHeldOut ? sum >= observed - tolerance : sum <= observed + tolerance { extreme += 1 }
    }
    return Double(1 + extreme) / Double(1 + permutations)
  }

  /// The median of `values` (not empty, finite): the middle one, or halfway between the middle
  /// two (each halved first, so that two near the largest double do not overflow).
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let upper = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[upper] : sorted[upper - 1] / 2 + sorted[upper] / 2
  }

  /// The mean loss of `count` samples whose losses spread like `losses` (their sample standard
  /// deviation, n − 1): that deviation over √count; nil with fewer than two losses, a loss that
  /// is not finite, no samples, or a spread too large to compute.
  public static func meanLoss(_ losses: [Double], count: Int) -> SamplingError? {
    guard count > 0, let spread = spread(losses) else { return nil }
    return finite(spread.deviation / Double(count).squareRoot(), count)
  }

  /// The losses' mean and sample standard deviation (n − 1); nil with fewer than two losses or
  /// one that is not finite.
  private static func spread(_ losses: [Double]) -> (mean: Double, deviation: Double)? {
    guard losses.count > 1, losses.allSatisfy(\.isFinite) else { return nil }
    let n = Double(losses.count)
    let mean = losses.reduce(0, +) / n
    let squares = losses.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, (squares / (n - 1)).squareRoot())
  }

  /// A standard error on `count` samples, or nil when it is not finite: losses near the
  /// largest double overflow their squares, and give no margin rather than ±inf.
  private static func finite(
    _ standardError: Double, _ count: Int, trainCount: Int? = nil, test: Test = .normal,
    heldOutStandardError: Double? = nil, largestHeldOutLoss: Double? = nil
  ) -> SamplingError? {
    standardError.isFinite
      ? SamplingError(
        standardError: standardError, count: count, trainCount: trainCount, test: test,
        heldOutStandardError: heldOutStandardError, largestHeldOutLoss: largestHeldOutLoss) : nil
  }
}
