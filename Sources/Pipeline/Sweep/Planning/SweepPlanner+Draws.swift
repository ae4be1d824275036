import Conventions
import Foundation
import Specs

extension SweepPlanner {
  /// The value combinations, in expansion order.
  static func assignments(_ sweep: SweepSpec, base: LoadedSpec) throws(SpecError) -> [[(
    SweepAxis, SpecValue
  )]] {
    if sweep.axes.isEmpty { return [[]] }
    switch sweep.method {
    case .grid, .successiveHalving, .hyperband:
      let lists = sweep.axes.map { $0.values ?? [] }
      let total = lists.reduce(1.0) { $0 * Double($1.count) }
      if total > Double(SweepSpec.maxTrials) {
        throw .invalid([
          base.sourceMap.diagnostic(
            .error, at: "sweep",
            "the grid has \(Int(min(total, 1e18))) trials (the limit is \(SweepSpec.maxTrials))")
        ])
      }
      var combos: [[(SweepAxis, SpecValue)]] = [[]]
      for (axis, list) in zip(sweep.axes, lists) {
        combos = combos.flatMap { prefix in list.map { prefix + [(axis, $0)] } }
      }
      return combos
    case .random, .bayes:
      // bayes: the startup trials, the first draws of a random sweep with the same seed.
      let count = sweep.method == .bayes ? min(sweep.startup, sweep.trials) : sweep.trials
      return (0..<count).map { t in
        sweep.axes.enumerated().map { a, axis in
          var rng = SplitMix64(
            seed: StableHash.mix(sweep.seed ^ StableHash.mix(UInt64(t) &* 0x1_0000 &+ UInt64(a))))
          return (axis, draw(axis, &rng))
        }
      }
    }
  }

  /// A random draw from an axis.
  public static func draw(_ axis: SweepAxis, _ rng: inout SplitMix64) -> SpecValue {
    switch axis.domain {
    case .values(let v): return v[Int(rng.next() % UInt64(v.count))]
    case .range(let start, _, let step, let integer):
      let k = rng.next() % UInt64(axis.count ?? 1)
      return SweepAxis.number(start + Double(k) * step, integer: integer)
    case .uniform(let low, let high, _, let integer):
      if integer, let (a, b) = wholeBounds(low, high) {
        return whole(a - 0.5 + (b - a + 1) * rng.unit(), a, b)
      }
      return SweepAxis.number(low + (high - low) * rng.unit(), integer: integer)
    case .logUniform(let low, let high, _, let integer):
      // Integers as Optuna's suggest_int(log=True): log-uniform over [a − ½, b + ½], rounded.
      let (a, b) = integer ? wholeBounds(low, high) ?? (low, high) : (low, high)
      let (s, e) = integer && a < b ? (a - 0.5, b + 0.5) : (a, b)
      let x = Foundation.exp(
        Foundation.log(s) + (Foundation.log(e) - Foundation.log(s)) * rng.unit())
      return integer && a < b ? whole(x, a, b) : SweepAxis.number(x, integer: integer)
    case .oneMinusLogUniform(let low, let high, _):
      // 1 − 10^r for r uniform between log10(1 − low) and log10(1 − high).
      let (s, e) = (Foundation.log(1 - low), Foundation.log(1 - high))
      return SweepAxis.number(1 - Foundation.exp(s + (e - s) * rng.unit()), integer: false)
    }
  }

  /// The whole numbers `[⌈low⌉, ⌊high⌋]` of an integer axis (nil when there are none): each is
  /// drawn equally often (uniform over `[a − ½, b + ½]`, rounded), the ends too.
  private static func wholeBounds(_ low: Double, _ high: Double) -> (Double, Double)? {
    let (a, b) = (low.rounded(.up), high.rounded(.down))
    return a <= b ? (a, b) : nil
  }

  private static func whole(_ x: Double, _ a: Double, _ b: Double) -> SpecValue {
    SweepAxis.number(min(max(x.rounded(), a), b), integer: true)
  }
}
