import Conventions
import Foundation
import Specs
import Testing

@testable import Pipeline

/// The TPE sampler of `method: bayes` on synthetic objectives (no training): its suggestions
/// concentrate where the objective is good, honour the axes' kinds, avoid taken combinations
/// and depend only on the observations and the seed.
@Suite struct SweepBayesSamplerTests {
  static let x = SweepAxis(
    path: "regularization.l2", domain: .uniform(low: -5, high: 5, count: nil, integer: false))

  /// 20 seeded uniform draws of `axis` with the loss `(x - 1.5)²`.
  static func quadratic(_ axis: SweepAxis) -> [TPESampler.Observation] {
    var rng = SplitMix64(seed: 11)
    return (0..<20).map { _ in
      let value = SweepPlanner.draw(axis, &rng)
      let x = value.doubleValue!
      return TPESampler.Observation(values: [value], loss: (x - 1.5) * (x - 1.5))
    }
  }

  @Test func suggestionsConcentrateNearTheOptimumOfAQuadratic() {
    let observations = Self.quadratic(Self.x)
    var rng = SplitMix64(seed: 3)
    let suggested = TPESampler(axes: [Self.x]).suggest(
      8, after: observations, taken: [], rng: &rng)
    #expect(suggested.count == 8)
    let distance = { (v: [SpecValue]) in abs(v[0].doubleValue! - 1.5) }
    let mean = { (d: [Double]) in d.reduce(0, +) / Double(d.count) }
    // A batch (spread out by the constant liar) lies on average far closer to 1.5 than the
    // random draws (about 2.7 away); single suggestions from 8 seeds lie closer still. (With
    // 20 trials only 2 are good, and Optuna's kernel widths are at least a quarter of the axis.)
    let batch = suggested.map(distance)
    let random = observations.map(\.values).map(distance)
    #expect(mean(batch) < mean(random) / 2)
    let single = (0..<8).map { seed in
      var rng = SplitMix64(seed: UInt64(seed))
      return distance(
        TPESampler(axes: [Self.x]).suggest(1, after: observations, taken: [], rng: &rng)[0])
    }
    #expect(single.allSatisfy { $0 < 1.3 })
    #expect(mean(single) < mean(batch))
    // Same observations and seed: the same suggestions.
    var again = SplitMix64(seed: 3)
    #expect(
      TPESampler(axes: [Self.x]).suggest(8, after: observations, taken: [], rng: &again)
        == suggested)
  }

  @Test func listAxesFavourTheBestChoiceAndRangesStayOnTheirStep() {
    let choice = SweepAxis(
      path: "model.type", domain: .values([.string("a"), .string("b"), .string("c")]))
    let steps = SweepAxis(
      path: "optimizer.iterations", domain: .range(start: 2, stop: 10, step: 2, integer: true))
    var observations: [TPESampler.Observation] = []
    var rng = SplitMix64(seed: 5)
    for _ in 0..<30 {
      let c = SweepPlanner.draw(choice, &rng)
      let k = SweepPlanner.draw(steps, &rng)
      let loss = (c == .string("c") ? 0 : 1) + abs(k.doubleValue! - 6) / 10
      observations.append(.init(values: [c, k], loss: loss))
    }
    let suggested = TPESampler(axes: [choice, steps]).suggest(
      4, after: observations, taken: [], rng: &rng)
    #expect(suggested.filter { $0[0] == .string("c") }.count >= 3)
    for s in suggested {
      #expect([2, 4, 6, 8, 10].map(SpecValue.integer).contains(s[1]))
    }
    // Constant liar and taken combinations: never a combination twice.
    #expect(Set(suggested).count == suggested.count)
  }

  /// Failed trials (diverged, too big: an infinite loss) count among the bad ones, so TPE
  /// steers away from where they failed, and none is ever a good one.
  @Test func failedTrialsPushSuggestionsAwayFromWhereTheyFailed() {
    let ok = [-1.0, 0, 1, 2].map {
      TPESampler.Observation(values: [.number($0)], loss: ($0 - 1.5) * ($0 - 1.5))
    }
    let failed = stride(from: 3.0, through: 5, by: 0.2).map {
      TPESampler.Observation(values: [.number($0)], loss: .infinity)
    }
    func above3(_ observations: [TPESampler.Observation]) -> Int {
      (0..<8).reduce(0) { count, seed in
        var rng = SplitMix64(seed: UInt64(seed))
        let suggested = TPESampler(axes: [Self.x]).suggest(
          4, after: observations, taken: [], rng: &rng)
        return count + suggested.filter { $0[0].doubleValue! > 3 }.count
      }
    }
    #expect(above3(ok + failed) < above3(ok) / 2)
    // Only failures: nothing is good, the suggestions still come (from the prior).
    var rng = SplitMix64(seed: 1)
    #expect(TPESampler(axes: [Self.x]).suggest(4, after: failed, taken: [], rng: &rng).count == 4)
  }

  @Test func takenCombinationsAreNotSuggestedAgainAndLogAxesRoundTrip() {
    let few = SweepAxis(path: "model.type", domain: .values([.string("a"), .string("b")]))
    var rng = SplitMix64(seed: 9)
    let observed = [TPESampler.Observation(values: [.string("a")], loss: 0)]
    // Only "b" is left; then nothing is.
    #expect(
      TPESampler(axes: [few]).suggest(
        3, after: observed, taken: [[.string("a")]], rng: &rng) == [[.string("b")]])
    let log = SweepAxis(
      path: "optimizer.learning_rate",
      domain: .logUniform(low: 0.001, high: 1, count: nil, integer: false))
    let model = TPEAxis(log)
    #expect(model.domain == .numeric(low: Foundation.log(0.001), high: 0))
    #expect(model.value(model.point(.number(0.02))!) == .number(0.02))
    #expect(model.value(10) == .number(1))  // clamped into the axis
    // An integer uniform axis is stepped by 1, as Optuna's integer axes.
    let units = TPEAxis(
      SweepAxis(
        path: "model.layers[0].units",
        domain: .uniform(low: 1, high: 10, count: nil, integer: true)))
    #expect(units.domain == .numeric(low: 0.5, high: 10.5, step: 1))
    let unitsEstimator = ParzenEstimator([3, 4], domain: units.domain)
    for _ in 0..<20 {
      let x = unitsEstimator.sample(&rng)
      #expect(x == x.rounded() && (1...10).contains(x))
    }
  }

  @Test func batchPlanIsStartupThenFixedBatches() {
    var sweep = SweepSpec()
    sweep.method = .bayes
    sweep.trials = 20
    sweep.startup = 8
    sweep.batch = 5
    #expect(BayesBatches(sweep).sizes == [8, 5, 5, 2])
    sweep.startup = 30
    #expect(BayesBatches(sweep).sizes == [20])
    let text = BayesBatches(sweep).text(complete: 0, distinct: 20)
    #expect(text.contains("batch 0: 20 random trials"))
    // Draws that repeat one are not trials: the plan says so and counts at most the rest.
    let repeated = BayesBatches(sweep).text(complete: 0, distinct: 17)
    #expect(
      repeated.contains("batch 0: 20 random draws (startup): 17 distinct trials, 3 repeat one"))
    #expect(repeated.contains("at most 17 trials in 1 batch, 0 complete"))
    // 12 combinations of the swept values cap the plan's 20 trials (TPE suggests none twice).
    sweep.startup = 8
    let capped = BayesBatches(sweep).text(complete: 0, distinct: 8, space: 12)
    #expect(
      capped.contains("at most 12 trials in 4 batches (the swept values make 12), 0 complete"))
  }
}

/// The Parzen estimators against Optuna's own (`_ParzenEstimator.log_pdf` with the univariate
/// TPESampler's defaults), from the committed fixture that
/// scripts/reference/sweeps/tpe_parzen.py writes.
@Suite struct ParzenEstimatorOptunaTests {
  struct Fixture: Decodable {
    struct Case: Decodable {
      var name: String
      var observations: [Double]
      var points: [Double]
      var logPDF: [Double]

      enum CodingKeys: String, CodingKey {
        case name, observations, points
        case logPDF = "log_pdf"
      }
    }
    var cases: [Case]
  }

  @Test func logDensitiesMatchOptuna() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/tpe_parzen_optuna.json")
    let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    #expect(fixture.cases.count == 7)
    for c in fixture.cases {
      let log = c.name == "log_uniform"
      let spaces: [String: ParzenEstimator.Space] = [
        "categorical": .categorical(count: 3),
        "log_uniform": .numeric(low: Foundation.log(0.001), high: 0),
        "range": .numeric(low: 1, high: 11, step: 2),
        "range_float": .numeric(low: -0.125, high: 1.125, step: 0.25),
      ]
      let space = spaces[c.name] ?? .numeric(low: -5, high: 5)
      let estimator = ParzenEstimator(
        log ? c.observations.map { Foundation.log($0) } : c.observations, domain: space)
      for (point, expected) in zip(c.points, c.logPDF) {
        // Optuna's log-uniform density, like ours, is over log x.
        let ours = estimator.logDensity(log ? Foundation.log(point) : point)
        #expect(abs(ours - expected) < 1e-9, "\(c.name) at \(point): \(ours) vs \(expected)")
      }
    }
  }
}
