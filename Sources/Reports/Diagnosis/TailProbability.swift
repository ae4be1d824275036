import Foundation

/// The one-sided tail probabilities a gap's p-value is read from (`SamplingError.pValue`):
/// the normal tail, and the exact hypergeometric and binomial tails of counted errors.
///
/// An exact tail is summed from its terms relative to the most likely count's (each the one
/// before times the ratio of consecutive probabilities, a ratio of small integers), over the
/// counts that add to it, and divided by the sum of all such terms: no factorial or power is
/// formed, so it holds for any number of rows, and a small p keeps its digits (the tail away
/// from the most likely count is summed itself, not taken from 1).
enum TailProbability {
  /// 1 − Φ(z): the chance that a standard normal draw exceeds `z`.
  static func normal(beyond z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

  /// P(X ≥ `x`) for X hypergeometric: the marked rows among `draws` drawn without replacement
  /// from `population` rows of which `marked` are marked (the one-sided Fisher exact test of
  /// `x` errors on one side of a split, given `marked` errors in all).
  static func hypergeometric(atLeast x: Int, draws: Int, marked: Int, population: Int) -> Double {
    let support = max(0, draws + marked - population)...min(draws, marked)
    let mode = (draws + 1) * (marked + 1) / (population + 2)
    let unmarked = population - marked
    return tail(atLeast: x, in: support, mode: mode) { i in
      Double(marked - i) * Double(draws - i) / (Double(i + 1) * Double(unmarked - draws + i + 1))
    }
  }

  /// P(X ≥ `x`) for X binomial: the errors among `trials` rows each wrong with chance `rate`
  /// (the one-sided exact binomial test); with `rate` 0 any error has chance 0.
  static func binomial(atLeast x: Int, trials: Int, rate: Double) -> Double {
    if rate <= 0 { return x <= 0 ? 1 : 0 }
    if rate >= 1 { return x <= trials ? 1 : 0 }
    let odds = rate / (1 - rate)
    let mode = Int((Double(trials + 1) * rate).rounded(.down))
    return tail(atLeast: x, in: 0...trials, mode: mode) { i in
      Double(trials - i) / Double(i + 1) * odds
    }
  }

  /// P(X ≥ `x`) for a unimodal X on `support` peaking near `mode`, whose consecutive
  /// probabilities have the ratio `ratio(i)` = P(i + 1)/P(i): the terms relative to the mode's,
  /// summed outward from it on both sides until a term no longer changes the sum it adds to
  /// (the rest fall faster still) or underflows.
  static func tail(
    atLeast x: Int, in support: ClosedRange<Int>, mode: Int, ratio: (Int) -> Double
  ) -> Double {
    if x <= support.lowerBound { return 1 }
    if x > support.upperBound { return 0 }
    let mode = min(max(mode, support.lowerBound), support.upperBound)
    let negligible = 0x1p-60
    var (upper, lower) = (mode >= x ? 1.0 : 0, mode >= x ? 0 : 1.0)
    var term = 1.0
    for i in stride(from: mode, to: support.upperBound, by: 1) {
      term *= ratio(i)
      if i + 1 >= x { upper += term } else { lower += term }
      if term == 0 || (i + 1 >= x && term <= upper * negligible) { break }
    }
    term = 1.0
    for i in stride(from: mode, to: support.lowerBound, by: -1) {
      term /= ratio(i - 1)
      if i - 1 >= x { upper += term } else { lower += term }
      if term == 0 || term <= lower * negligible { break }
    }
    return upper / (upper + lower)
  }
}
