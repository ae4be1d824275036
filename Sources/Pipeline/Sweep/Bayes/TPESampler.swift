import Conventions
import Foundation
import Specs

/// Tree-structured Parzen estimator suggestions (Bergstra et al. 2011), as Optuna's default
/// `TPESampler` (univariate, 24 candidates, prior weight 1): the finished trials split into the
/// best `γ(n) = min(⌈n/10⌉, 25)` (never a failed one, of infinite loss) and the rest; per axis,
/// 24 candidates drawn from the good trials' estimator `l`, the one maximizing
/// `log l(x) − log g(x)` (`g` the rest's) is chosen. A batch's later suggestions count its
/// earlier ones among the rest (Optuna's constant liar), so a batch spreads out. Everything
/// comes from the observations and `rng`: no clock, no order of finishing.
struct TPESampler {
  /// A finished trial: its value per axis and its objective, lower is better.
  struct Observation {
    /// The value of each axis, in the axes' order.
    var values: [SpecValue]
    /// The objective, negated when the goal is max.
    var loss: Double
  }

  let axes: [SweepAxis]
  /// Candidates drawn from `l` per axis (Optuna's `n_ei_candidates`).
  var candidates = 24

  /// `count` suggestions after `observations` (oldest first), none equal to a combination in
  /// `taken` or to another suggestion; fewer when no new combination turns up.
  func suggest(
    _ count: Int, after observations: [Observation], taken: Set<[SpecValue]>,
    rng: inout SplitMix64
  ) -> [[SpecValue]] {
    let below = min(Int((Double(observations.count) / 10).rounded(.up)), 25)
    let ranked = observations.indices.sorted {
      observations[$0].loss != observations[$1].loss
        ? observations[$0].loss < observations[$1].loss : $0 < $1
    }
    // A failed trial (an infinite loss) is never a good one, however few finished.
    let good = Set(ranked.prefix(below).filter { observations[$0].loss.isFinite })
    let goodValues = observations.indices.filter { good.contains($0) }.map {
      observations[$0].values
    }
    var badValues = observations.indices.filter { !good.contains($0) }.map {
      observations[$0].values
    }
    var taken = taken
    var suggestions: [[SpecValue]] = []
    for _ in 0..<count {
      var found: [SpecValue]?
      for attempt in 0..<20 {
        let combo =
          attempt < 10
          ? suggestOne(good: goodValues, bad: badValues, rng: &rng)
          : axes.map { SweepPlanner.draw($0, &rng) }
        if !taken.contains(combo) {
          found = combo
          break
        }
        // Taken: one more lie there pushes the next attempt away from it.
        badValues.append(combo)
      }
      guard let combo = found else { continue }
      taken.insert(combo)
      suggestions.append(combo)
      badValues.append(combo)  // the constant liar: a pending trial counts as a bad one
    }
    return suggestions
  }

  /// One combination: per axis, the candidate from `l` with the largest `l / g`.
  func suggestOne(good: [[SpecValue]], bad: [[SpecValue]], rng: inout SplitMix64) -> [SpecValue] {
    axes.enumerated().map { a, axis in
      let model = TPEAxis(axis)
      let l = ParzenEstimator(good.compactMap { model.point($0[a]) }, domain: model.domain)
      let g = ParzenEstimator(bad.compactMap { model.point($0[a]) }, domain: model.domain)
      var best: Double?
      var bestScore = -Double.infinity
      for _ in 0..<candidates {
        let x = l.sample(&rng)
        let score = l.logDensity(x) - g.logDensity(x)
        guard !score.isNaN else { continue }
        if best == nil || score > bestScore {
          best = x
          bestScore = score
        }
      }
      return model.value(best ?? l.sample(&rng))
    }
  }
}

/// A sweep axis in TPE's terms: list axes are categories; ranges are intervals widened by half
/// a step on each side and snapped back to the step; log-uniform axes are modelled in log space.
struct TPEAxis {
  let axis: SweepAxis

  init(_ axis: SweepAxis) { self.axis = axis }

  /// The estimator's domain.
  var domain: ParzenEstimator.Space {
    switch axis.domain {
    case .values(let v): .categorical(count: v.count)
    case .range(let start, _, let step, _):
      .numeric(
        low: start - step / 2,
        high: start + Double((axis.count ?? 1) - 1) * step + step / 2, step: step)
    case .uniform(let low, let high, _, let integer):
      // Whole numbers, as Optuna's integer axes: steps of 1 from an integral low.
      integer && low == low.rounded()
        ? .numeric(low: low - 0.5, high: high.rounded(.down) + 0.5, step: 1)
        : .numeric(low: low, high: high)
    case .logUniform(let low, let high, _, _):
      .numeric(low: Foundation.log(low), high: Foundation.log(high))
    case .oneMinusLogUniform(let low, let high, _):
      // Modelled as log(1 − value), which falls as the value rises.
      .numeric(low: Foundation.log(1 - high), high: Foundation.log(1 - low))
    }
  }

  /// The model's point for an axis value (nil if the value is not the axis's).
  func point(_ value: SpecValue) -> Double? {
    switch axis.domain {
    case .values(let v): return v.firstIndex(of: value).map(Double.init)
    case .logUniform:
      guard let x = value.doubleValue, x > 0 else { return nil }
      return Foundation.log(x)
    case .oneMinusLogUniform:
      guard let x = value.doubleValue, x < 1 else { return nil }
      return Foundation.log(1 - x)
    default: return value.doubleValue
    }
  }

  /// The axis value of a model point (rounded as the random method's draws are).
  func value(_ x: Double) -> SpecValue {
    switch axis.domain {
    case .values(let v): return v[min(max(Int(x), 0), v.count - 1)]
    case .range(let start, _, let step, let integer):
      let last = (axis.count ?? 1) - 1
      let k = min(max(Int(((x - start) / step).rounded()), 0), last)
      return SweepAxis.number(start + Double(k) * step, integer: integer)
    case .uniform(let low, let high, _, let integer):
      return SweepAxis.number(min(max(x, low), high), integer: integer)
    case .logUniform(let low, let high, _, let integer):
      return SweepAxis.number(min(max(Foundation.exp(x), low), high), integer: integer)
    case .oneMinusLogUniform(let low, let high, _):
      return SweepAxis.number(min(max(1 - Foundation.exp(x), low), high), integer: false)
    }
  }
}
