import Foundation
import Specs
import Testing

@testable import Pipeline

/// The top-level `seed` where nothing draws from it (tester Q9): written or set, a warning; a
/// sweep axis over it, refused at the axis like another axis that changes nothing.
@Suite struct UnusedSeedTests {
  /// An exact linear regression on a split in file order: nothing is drawn.
  static let exact = """
    name: exact
    dataset:
      generator: {type: linear, samples: 60, noise: 0.5, weights: [2], bias: 1, seed: 4}
      split: {test: 10, shuffle: false}
    model: {type: linreg, solver: exact}

    """

  static func warnings(_ text: String, _ overrides: [String] = []) throws -> [String] {
    var options = SpecOptions()
    options.overrides = overrides
    return try SpecLoader.load(text: text, file: "s.yaml", options: options).warnings.map {
      "\($0.location.map { "\($0)" } ?? "") \($0.message) / \($0.note ?? "")"
    }
  }

  /// A logistic regression on noiseless gates, none held out, full-batch from zeros: nothing
  /// in it is random.
  static let fixed = """
    name: fixed
    dataset:
      generator: {type: gates, gate: and}
    model: {type: logreg}
    optimizer: {type: gd, learning_rate: 0.5, epochs: 3}

    """

  @Test func aWrittenOrSetSeedThatNothingDrawsFromIsWarnedAt() throws {
    let unused =
      "seed changes nothing: nothing in this spec is random / remove it; the seed matters "
      + "once something is drawn: a shuffled split holding out a part, a generator's noise, a "
      + "random init, shuffled mini-batches, dropout, a bootstrap or a learning curve"
    #expect(try Self.warnings("seed: 3\n" + Self.fixed) == ["s.yaml:1:7 " + unused])
    #expect(try Self.warnings(Self.fixed, ["seed=1"]) == ["--set seed=1 " + unused])
    // The exact spec draws its generator's noise with the generator's own seed.
    let own =
      "seed changes nothing: every draw has its own seed (dataset.generator.seed) / remove it, "
      + "or leave out dataset.generator.seed to derive it from it"
    #expect(try Self.warnings("seed: 3\n" + Self.exact) == ["s.yaml:1:7 " + own])
    // Left to its default, it says nothing.
    #expect(try Self.warnings(Self.fixed).isEmpty)
    #expect(try Self.warnings(Self.exact).isEmpty)
  }

  /// A run's `spec.resolved.yaml` writes every section seed: run again, it warns where the
  /// spec it was made from did, and nowhere else. Where nothing is random, it leaves the seed
  /// out (as every key that changes nothing), so its `summary.csv` column is empty.
  @Test(arguments: [
    (fixed, false), (exact, true), (exact.replacingOccurrences(of: ", seed: 4}", with: "}"), true),
    (exact.replacingOccurrences(of: "shuffle: false}", with: "shuffle: true}"), true),
  ])
  func theResolvedSpecWarnsWhereItsSpecDid(_ spec: (text: String, drawn: Bool)) throws {
    let text = "seed: 3\n" + spec.text
    let loaded = try SpecLoader.load(text: text, file: "s.yaml")
    let resolved = SpecWriter.canonical(loaded.spec)
    #expect(resolved.contains("\nseed: 3\n") == spec.drawn)
    let again = try Self.warnings(resolved).filter { $0.contains("seed changes nothing") }
    let before = try Self.warnings(text).filter { $0.contains("seed changes nothing") }
    #expect(again.count == (spec.drawn ? before.count : 0))
    #expect(
      SpecWriter.canonical(try SpecLoader.load(text: resolved, file: "r.yaml").spec) == resolved)
  }

  /// Each reader alone makes the seed count: no warning.
  @Test(arguments: [
    ("shuffle: false}", "shuffle: true}"),  // the split's shuffle
    (", seed: 4}", "}"),  // the generator's noise, its seed left to follow
    ("solver: exact}", "solver: gd, init: {type: normal, std: 0.1}}"),  // a random init
    ("solver: exact}", "solver: gd}\noptimizer: {type: sgd, batch_size: 8, epochs: 2}"),
    ("solver: exact}", "solver: gd}\nreport: {bootstrap: {rounds: 3}}"),
    ("solver: exact}", "solver: gd}\nreport: {learning_curve: {sizes: [0.5, 1.0]}}"),
  ])
  func aSeedSomethingDrawsFromIsNotWarnedAt(_ change: (String, String)) throws {
    let text = "seed: 3\n" + Self.exact.replacingOccurrences(of: change.0, with: change.1)
    #expect(try Self.warnings(text).filter { $0.contains("seed changes nothing") }.isEmpty)
  }

  /// A section seed written has its own value: the top-level one then draws nothing there.
  @Test func aSectionsOwnSeedTakesTheDrawFromTheTopLevelOne() throws {
    let text = Self.exact.replacingOccurrences(
      of: "shuffle: false}", with: "seed: 9}")
    #expect(try Self.warnings("seed: 3\n" + text).count == 1)
    let loaded = try SpecLoader.load(text: text, file: "s.yaml")
    #expect(loaded.spec.seedReaders(loaded.sourceMap).isEmpty)
    let following = try SpecLoader.load(
      text: text.replacingOccurrences(of: ", seed: 9}", with: "}"), file: "s.yaml")
    #expect(following.spec.seedReaders(following.sourceMap) == ["the split's shuffle"])
  }

  @Test func aSweepOverAnUnusedSeedIsRefusedAtTheAxis() throws {
    let text = Self.exact + "sweep:\n  parameters:\n    seed: [0, 1, 2]\n"
    #expect {
      _ = try SweepPlanner.plan(text: text, file: "s.yaml")
    } throws: { error in
      let d = (error as? SpecError)?.diagnostics.first { $0.severity == .error }
      #expect(d?.location?.description == "s.yaml:8:5")
      #expect(
        d?.message
          == "the sweep axis seed applies in none of the 3 trials, so it changes nothing: "
          + "nothing in this spec is random")
      return true
    }
  }

  /// A seed axis beside an axis that makes some trials draw (sgd's shuffled mini-batches) is
  /// kept there (the full-batch gd trials, which draw nothing, are one); one over a spec that
  /// draws runs as before.
  @Test func aSweepOverASeedSomeTrialDrawsFromIsKept() throws {
    let mixed =
      Self.exact.replacingOccurrences(of: "solver: exact}", with: "solver: gd}")
      + "optimizer: {type: gd, epochs: 2}\n"
      + "sweep:\n  parameters:\n    seed: [0, 1]\n"
      + "    optimizer: [{type: gd, epochs: 2}, {type: sgd, batch_size: 8, epochs: 2}]\n"
    #expect(try SweepPlanner.plan(text: mixed, file: "s.yaml").trials.count == 3)
    let drawn =
      Self.exact.replacingOccurrences(of: "shuffle: false}", with: "shuffle: true}")
      + "sweep:\n  parameters:\n    seed: [0, 1]\n"
    #expect(try SweepPlanner.plan(text: drawn, file: "s.yaml").trials.count == 2)
  }

  /// A seed axis beside an axis under which some trials draw nothing (a zeros init on a
  /// full-batch gd): in those, the seed does not apply, so its values are one trial, with the
  /// ID, seed and spec of the sweep without the axis, dropped with a note (tester S1). Trials
  /// that draw keep the swept seed and their IDs.
  @Test func aSeedAxisWhereATrialDrawsNothingIsMergedThere() throws {
    let gd =
      Self.exact.replacingOccurrences(of: "solver: exact}", with: "solver: gd}")
      + "optimizer: {type: gd, iterations: 5}\nsweep:\n  parameters:\n"
    let initAxis = "    model.init: [zeros, {type: normal, std: 0.1}]\n"
    let both = try SweepPlanner.plan(text: gd + "    seed: [1, 2]\n" + initAxis, file: "s.yaml")
    let alone = try SweepPlanner.plan(text: gd + initAxis, file: "s.yaml")
    let zeros = { (plan: SweepPlan) in
      plan.trials.filter {
        if case .declared(.zeros, _) = $0.spec.model.initialization { true } else { false }
      }
    }
    #expect(both.trials.count == 3)
    let merged = try #require(zeros(both).first)
    let unswept = try #require(zeros(alone).first)
    #expect(zeros(both).count == 1)
    #expect(merged.id == unswept.id)
    #expect(merged.spec.seed == unswept.spec.seed)
    #expect(SpecWriter.canonical(merged.spec) == SpecWriter.canonical(unswept.spec))
    #expect(merged.assignments.contains { $0.path == "seed" && !$0.applies })
    #expect(
      both.base.warnings.contains {
        $0.message.hasPrefix("3 distinct trials remain of the sweep's 4 value combinations")
          && $0.message.contains("seed does not apply")
      })
    // The drawing trials run at the swept seeds.
    #expect(
      both.trials.filter { $0.id != merged.id }.map(\.spec.seed).sorted() == [1, 2])
  }

  /// A validation curve over a seed no point draws from is flat: refused at its parameter, as
  /// the sweep axis is (tester S7); a point that draws (a shuffled split) keeps it.
  @Test func aCurveOverAnUnusedSeedIsRefusedAtItsParameter() throws {
    let curve = "report: {validation_curve: {parameter: seed, values: [1, 2, 3]}}\n"
    #expect {
      _ = try SpecLoader.load(text: Self.exact + curve, file: "s.yaml")
    } throws: { error in
      let d = (error as? SpecError)?.diagnostics.first { $0.severity == .error }
      #expect(d?.location?.description == "s.yaml:6:40")
      #expect(
        d?.message == "the curve varies seed, which changes nothing: nothing in this spec is random"
      )
      return true
    }
    // A bootstrap draws from the seed in the run, not in a curve's point.
    let bootstrap = curve.replacingOccurrences(of: "}}\n", with: "}, bootstrap: {rounds: 3}}\n")
    #expect(throws: SpecError.self) {
      try SpecLoader.load(text: Self.exact + bootstrap, file: "s.yaml")
    }
    let shuffled = Self.exact.replacingOccurrences(of: "shuffle: false}", with: "shuffle: true}")
    #expect(throws: Never.self) { try SpecLoader.load(text: shuffled + curve, file: "s.yaml") }
  }

  /// The note that each trial draws its weights and batch orders from its own seed is said
  /// only where a trial's training draws (the split draws from the spec's seed in every trial).
  @Test func theTrialSeedNoteIsSaidOnlyWhereATrialsTrainingDraws() throws {
    func notes(_ text: String) throws -> [String] {
      try SweepPlanner.plan(text: text, file: "s.yaml").base.warnings.map(\.message)
    }
    let grid = "sweep:\n  parameters:\n    regularization.l2: [0.0, 0.1]\n"
    let said = "each trial starts from its own seed"
    let shuffled = Self.exact.replacingOccurrences(of: "shuffle: false}", with: "shuffle: true}")
    #expect(try !notes(shuffled + grid).contains { $0.hasPrefix(said) })
    let sgd =
      shuffled.replacingOccurrences(of: "solver: exact}", with: "solver: gd}")
      + "optimizer: {type: sgd, batch_size: 8, epochs: 2}\n"
    #expect(try notes(sgd + grid).contains { $0.hasPrefix(said) })
  }
}
