import Conventions
import Foundation
import Specs
import Testing

@testable import Pipeline

/// `sweep:` expanded into trials: IDs, derived seeds, draws and the errors of bad trials.
@Suite struct SweepPlannerTests {
  let minimalSpec = """
    dataset:
      name: iris
      split: {train: 0.8, test: 0.2}
    model:
      type: logreg
    """

  let grid = """
    seed: 5
    dataset: {name: iris, split: {train: 0.8, dev: 0.2}}
    model:
      type: mlp
      layers: [{units: 8, activation: relu}, {units: 3, activation: softmax}]
    optimizer: {type: adam}
    sweep:
      parameters:
        optimizer.learning_rate: [0.1, 0.01]
        model.layers[0].units: {range: [4, 12], step: 4}
    """

  /// An axis may set a whole list item, as `--set model.layers[0]={...}` does.
  @Test func anAxisSetsAWholeListItem() throws {
    let text = grid.replacingOccurrences(
      of: "model.layers[0].units: {range: [4, 12], step: 4}",
      with: "\"model.layers[0]\": [{units: 2, activation: tanh}, {units: 8, activation: relu}]")
    let plan = try SweepPlanner.plan(text: text, file: "sweep.yaml")
    #expect(plan.trials.count == 4)
    let first = Set(
      plan.trials.map {
        "\($0.spec.model.layers[0].units) \($0.spec.model.layers[0].activation.rawValue) "
          + "\($0.spec.optimizer.learningRate)"
      })
    #expect(first == ["2 tanh 0.1", "2 tanh 0.01", "8 relu 0.1", "8 relu 0.01"])
  }

  @Test func gridExpandsEveryCombinationWithStableIDs() throws {
    let plan = try SweepPlanner.plan(text: grid, file: "sweep.yaml")
    #expect(plan.trials.count == 6)
    #expect(plan.trials.map(\.id) == plan.trials.map(\.id).sorted())
    let settings = Set(
      plan.trials.map { t in t.assignments.map { "\($0.path)=\($0.value)" }.joined(separator: " ") }
    )
    #expect(settings.count == 6)
    #expect(settings.contains("optimizer.learning_rate=0.01 model.layers[0].units=12"))
    for trial in plan.trials {
      #expect(trial.spec.sweep == nil)
      #expect(trial.spec.output == "sweep/\(trial.id)")
      #expect(trial.id.count == 12)
      #expect(trial.spec.seed != 5)  // derived per trial
      let value = trial.assignments[1].value
      #expect(value == .integer(trial.spec.model.layers[0].units))
    }
    // The same sweep planned again (e.g. on another machine, with another output) gives the same IDs and seeds.
    let again = try SweepPlanner.plan(
      text: grid + "\noutput: elsewhere", file: "/other/dir/sweep.yaml")
    #expect(again.trials.map(\.id) == plan.trials.map(\.id))
    #expect(again.trials.map(\.spec.seed) == plan.trials.map(\.spec.seed))
    #expect(Set(plan.trials.map(\.spec.seed)).count == 6)
  }

  /// A whole number swept for a real-valued key is the value the trials' resolved specs write,
  /// however the list spells it: `[0, 0.005]` and `[0.0, 0.005]` plan the same trials and the
  /// same plan.csv (it printed `0` for one, `0.0` for the other).
  @Test func aWholeNumberForARealKeyIsWrittenAsTheResolvedSpecWritesIt() throws {
    let spelled = ["[0, 0.005]", "[0.0, 0.005]"].map { list in
      grid.replacingOccurrences(
        of: "optimizer.learning_rate: [0.1, 0.01]", with: "regularization.l2: \(list)")
    }
    let plans = try spelled.map { try SweepPlanner.plan(text: $0, file: "sweep.yaml") }
    let settings = plans.map { plan in
      plan.trials.map { t in t.assignments.map { "\($0.path)=\($0.value)" } }
    }
    #expect(settings[0] == settings[1])
    #expect(settings[0].contains(["regularization.l2=0.0", "model.layers[0].units=4"]))
    // The axis itself holds the value so (a bayes sweep's choices are compared with the trials').
    #expect(plans[0].base.spec.sweep == plans[1].base.spec.sweep)
  }

  @Test func trialIDsDependOnTheResolvedSpecNotItsSpelling() throws {
    let a = try SpecLoader.load(
      text: minimalSpec + "\noptimizer: {learning_rate: 0.01}", file: "a.yaml"
    ).spec
    let b = try SpecLoader.load(text: minimalSpec + "\noptimizer: gd\nname: a", file: "b.yaml").spec
    #expect(SweepPlanner.trialID(a) == SweepPlanner.trialID(b))
    var c = a
    c.optimizer.learningRate = 0.02
    #expect(SweepPlanner.trialID(a) != SweepPlanner.trialID(c))
  }

  @Test func randomSweepIsSeededAndWithinBounds() throws {
    let text =
      minimalSpec + """

        sweep:
          method: random
          trials: 20
          seed: 3
          parameters:
            regularization.l2: {log_uniform: [1e-4, 1e-1]}
            optimizer.epochs: {uniform: [10, 50]}
        """
    let one = try SweepPlanner.plan(text: text, file: "r.yaml")
    let two = try SweepPlanner.plan(text: text, file: "r.yaml")
    #expect(one.trials.map(\.id) == two.trials.map(\.id))
    #expect(one.trials.count == 20)
    for trial in one.trials {
      #expect((1e-4...1e-1).contains(trial.spec.regularization.l2))
      guard case .epochs(let n) = trial.spec.optimizer.budget else {
        Issue.record("expected epochs")
        continue
      }
      #expect((10...50).contains(n))
    }
    let reseeded = try SweepPlanner.plan(
      text: text.replacingOccurrences(of: "seed: 3", with: "seed: 4"), file: "r.yaml")
    #expect(Set(reseeded.trials.map(\.id)) != Set(one.trials.map(\.id)))
  }

  /// An integer axis draws its whole numbers as Optuna's suggest_int does: each equally often
  /// (the ends too), or with log-uniform weight over `[a − ½, b + ½]` for log_uniform.
  @Test func integerAxesDrawTheirEndsAsOftenAsTheMiddle() {
    var rng = SplitMix64(seed: 7)
    let count = { (domain: SweepAxis.Domain) -> [Int: Int] in
      let axis = SweepAxis(path: "model.layers[0].units", domain: domain)
      var counts: [Int: Int] = [:]
      for _ in 0..<3000 { counts[Int(SweepPlanner.draw(axis, &rng).doubleValue!), default: 0] += 1 }
      return counts
    }
    let uniform = count(.uniform(low: 1, high: 3, count: nil, integer: true))
    #expect(uniform.keys.sorted() == [1, 2, 3])
    #expect(uniform.values.allSatisfy { abs($0 - 1000) < 100 })
    // log(1.5/0.5), log(2.5/1.5), log(3.5/2.5) of log(7): 56%, 26%, 17%.
    let log = count(.logUniform(low: 1, high: 3, count: nil, integer: true))
    #expect(log.keys.sorted() == [1, 2, 3])
    #expect(abs(log[1]! - 1694) < 120 && abs(log[2]! - 788) < 100 && abs(log[3]! - 519) < 90)
  }

  /// Values collapsing to one trial (a step of 0.5 on an integer key) leave fewer trials, and
  /// a note says how many remain and why.
  @Test func collapsedValuesLeaveANoteWithTheDistinctTrials() throws {
    let text = grid.replacingOccurrences(
      of: "{range: [4, 12], step: 4}", with: "{range: [1, 4], step: 0.5}")
    let plan = try SweepPlanner.plan(text: text, file: "sweep.yaml")
    #expect(plan.trials.count == 8)
    let note = try #require(plan.base.warnings.first { $0.severity == .note })
    #expect(note.message.hasPrefix("8 distinct trials remain of the sweep's 14 value combinations"))
    // Without collapsed values, no such note (the grid keeps only the note on seeds).
    #expect(
      try SweepPlanner.plan(text: grid, file: "sweep.yaml").base.warnings.map(\.message)
        .allSatisfy { $0.hasPrefix("each trial starts from its own seed") })
    // The dry run lists it under the trials.
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("collapsed.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    let preview = try SweepRunner.preview(
      specPath: spec.path, options: SweepFixture.options(root: root))
    #expect(SweepText.listing(preview).contains("note: 8 distinct trials remain"))
  }

  /// Trials with derived seeds start from different weights: a note (not a warning, so not
  /// fatal under --strict) says so and how to start them all from one seed, shown by
  /// `runner validate`, the dry run and the sweep; none when `seed` is swept or for one trial.
  @Test func derivedSeedsAreNotedWithHowToShareOne() throws {
    let plan = try SweepPlanner.plan(text: grid, file: "sweep.yaml")
    let notes = plan.base.warnings.filter { $0.severity == .note }
    #expect(
      notes.map(\.message) == [
        "each trial starts from its own seed (derived from the spec's seed 5 and the trial's "
          + "training settings), so the trials draw different weights and batch orders; to compare "
          + "them from one start, add `seed: [5]` to sweep.parameters"
      ])
    #expect(notes.first?.location?.line == 9)
    let strict = try SweepPlanner.plan(
      text: grid, file: "sweep.yaml", options: SpecOptions(strict: true))
    #expect(strict.base.warnings.filter { $0.severity == .note }.count == 1)
    // The fix the note gives: every trial then starts from seed 5.
    let shared = grid + "\n    seed: [5]"
    let fixed = try SweepPlanner.plan(text: shared, file: "sweep.yaml")
    #expect(fixed.base.warnings.isEmpty)
    #expect(fixed.trials.allSatisfy { $0.spec.seed == 5 })
    // Following it gives trials of their own: the seed-5 trials are not the derived-seed ones
    // of the same text, which a re-run in the same folder took as already done (reporting seed
    // 5 for results trained from derived seeds).
    #expect(Set(fixed.trials.map(\.id)).isDisjoint(with: plan.trials.map(\.id)))
    #expect(fixed.trials.count == plan.trials.count)
    let one = minimalSpec + "\nsweep: {parameters: {optimizer.learning_rate: [0.1]}}"
    #expect(
      try SweepPlanner.plan(text: one, file: "s.yaml").base.warnings.allSatisfy {
        $0.severity != .note
      })
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("grid.yaml")
    try grid.write(to: spec, atomically: true, encoding: .utf8)
    let preview = try SweepRunner.preview(
      specPath: spec.path, options: SweepFixture.options(root: root))
    #expect(SweepText.listing(preview).contains("note: each trial starts from its own seed"))
  }

  @Test func sweptSeedIsKeptAsIs() throws {
    let text = minimalSpec + "\nsweep: {parameters: {seed: [1, 2, 3]}}"
    let plan = try SweepPlanner.plan(text: text, file: "s.yaml")
    #expect(plan.trials.map(\.spec.seed).sorted() == [1, 2, 3])
  }

  @Test func badTrialValuesAreLocatedAtTheValue() {
    let text =
      minimalSpec
      + "\nsweep:\n  parameters:\n    optimizer.batch_size: [16, 0]\n    optimizer.type: [sgd]"
    let error = #expect(throws: SpecError.self) {
      try SweepPlanner.plan(text: text, file: "spec.yaml")
    }
    #expect(
      error?.description.contains("spec.yaml:8:32: error: optimizer.batch_size must be ≥ 1 (got 0)")
        == true)
  }

  /// A key an axis makes change nothing in some trials (the optimizer under `solver: exact`, a
  /// stratified split in file order) is a warning there and left out of those trials' specs.
  @Test func keysAnAxisMakesInertAreLeftOutOfThoseTrials() throws {
    let text = """
      dataset: {name: diabetes, split: {test: 0.2}}
      model: {type: linreg}
      optimizer: {learning_rate: 0.1, iterations: 3}
      sweep: {parameters: {model.solver: [gd, exact], optimizer.learning_rate: [0.1, 0.01]}}
      """
    let plan = try SweepPlanner.plan(text: text, file: "sweep.yaml")
    #expect(plan.trials.count == 3)  // the two exact trials are one
    let exact = try #require(plan.trials.first { $0.spec.model.solver == .exact })
    #expect(!SpecWriter.canonical(exact.spec).contains("optimizer"))
    // The optimizer section is inert as a whole: one warning at the section, not one per key.
    #expect(
      plan.trialWarnings.filter { $0.message.contains("changes nothing") }.map(\.message) == [
        "optimizer changes nothing: the exact solver computes the weights in one step, without "
          + "an optimizer"
      ])
    let split = text.replacingOccurrences(of: "test: 0.2}", with: "test: 0.2, stratify: false}")
      .replacingOccurrences(of: "model: {type: linreg}", with: "model: {type: logreg}")
      .replacingOccurrences(of: "name: diabetes", with: "name: breast_cancer")
      .replacingOccurrences(
        of: "model.solver: [gd, exact], optimizer.learning_rate: [0.1, 0.01]",
        with: "dataset.split.shuffle: [true, false]")
    let trials = try SweepPlanner.plan(text: split, file: "sweep.yaml").trials
    #expect(
      Set(trials.map { SpecWriter.canonical($0.spec).contains("stratify") }) == [false, true])
  }

  /// A key an axis's type makes not apply (beta1 under sgd, negative_slope under relu, factor
  /// under moons, layers under logreg) is a warning in those trials and left out of their specs,
  /// so their IDs are those of a base spec without it; a plain spec still refuses it.
  @Test func keysAnAxisTypeMakesNotApplyAreLeftOutOfThoseTrials() throws {
    let text = """
      dataset: {generator: {type: circles, factor: 0.3, noise: 0.1}, split: {test: 0.2}}
      model: {type: mlp, layers: [{units: 4, activation: leaky_relu, negative_slope: 0.2}, \
      {units: 1, activation: sigmoid}]}
      optimizer: {type: adam, learning_rate: 0.01, beta1: 0.8, epochs: 2}
      sweep:
        parameters:
          optimizer.type: [adam, sgd]
          model.layers[0].activation: [leaky_relu, relu]
          dataset.generator.type: [circles, moons]
      """
    let plan = try SweepPlanner.plan(text: text, file: "sweep.yaml")
    #expect(plan.trials.count == 8)
    let specs = plan.trials.map { SpecWriter.canonical($0.spec) }
    for (trial, spec) in zip(plan.trials, specs) {
      #expect(spec.contains("beta1") == (trial.spec.optimizer.kind == .adam))
      #expect(spec.contains("negative_slope") == (trial.spec.model.layers[0].activation != .relu))
      #expect(spec.contains("factor: 0.3") == spec.contains("circles"))
    }
    let messages = plan.trialWarnings.map { "\($0.message) (\($0.note ?? ""))" }
    #expect(
      messages.contains {
        $0.hasPrefix("'beta1' is not allowed in optimizer: it does not apply to optimizer 'sgd'")
          && $0.contains("the trial's spec leaves it out")
      })
    #expect(messages.contains { $0.hasPrefix("negative_slope applies only to leaky_relu") })
    #expect(messages.contains { $0.hasPrefix("'factor' does not apply to the moons generator") })
    // The sgd, relu, moons trial is the one a base spec without those keys gives.
    let bare = text.replacingOccurrences(of: ", beta1: 0.8", with: "")
      .replacingOccurrences(of: ", negative_slope: 0.2", with: "")
      .replacingOccurrences(of: "factor: 0.3, ", with: "")
    let ids = Set(plan.trials.map(\.id))
    #expect(
      ids.intersection(try SweepPlanner.plan(text: bare, file: "sweep.yaml").trials.map(\.id)).count
        == 1)
    // A layers key under a logreg trial is left out; a plain spec refuses it.
    let family = text.replacingOccurrences(
      of: "optimizer.type: [adam, sgd]", with: "model.type: [mlp, logreg]")
    let logreg = try #require(
      try SweepPlanner.plan(text: family, file: "sweep.yaml").trials.first {
        $0.spec.model.kind == .logreg
      })
    #expect(!SpecWriter.canonical(logreg.spec).contains("layers"))
    let plain = text.components(separatedBy: "sweep:")[0]
      .replacingOccurrences(of: "type: adam", with: "type: sgd")
    #expect(throws: SpecError.self) { try SpecLoader.load(text: plain, file: "plain.yaml") }
  }

  /// An axis that leaves a required key missing (an mlp trial without layers) stays an error.
  @Test func anAxisThatLeavesARequiredKeyMissingIsRefused() {
    let text = minimalSpec + "\nsweep: {parameters: {model.type: [logreg, mlp]}}"
    #expect(throws: SpecError.self) { try SweepPlanner.plan(text: text, file: "sweep.yaml") }
  }

  @Test func gridSizeIsBounded() {
    let text =
      minimalSpec + """

        sweep:
          parameters:
            regularization.l2: {uniform: [0, 1], num: 1000}
            regularization.l1: {uniform: [0, 1], num: 1000}
        """
    #expect(throws: SpecError.self) { try SweepPlanner.plan(text: text, file: "g.yaml") }
  }

  @Test func specWithoutSweepIsOneTrial() throws {
    let plan = try SweepPlanner.plan(text: minimalSpec, file: "one.yaml")
    #expect(plan.trials.count == 1)
    #expect(plan.trials[0].assignments.isEmpty)
  }
}

/// Trial identity: every configuration that trains differently is its own trial.
@Suite struct SweepTrialIdentityTests {
  static func spec(file: String, axis: String) -> String {
    """
    name: abs
    dataset: {file: \(file), target: target, split: {train: 0.7, dev: 0.3}}
    model: {type: logreg}
    loss: cross_entropy
    optimizer: {type: gd, iterations: 20}
    sweep: {parameters: {\(axis)}}
    """
  }

  /// Two absolute paths to files of one name are two trials, and changing the base spec's
  /// absolute path changes every trial's ID (no old results are taken for the new data).
  @Test func absolutePathsToFilesOfOneNameAreDifferentTrials() throws {
    let axis = "dataset.file: [/tmp/x/a/data.csv, /tmp/x/b/data.csv]"
    let plan = try SweepPlanner.plan(
      text: Self.spec(file: "/tmp/x/a/data.csv", axis: axis), file: "/work/s/spec.yaml")
    #expect(plan.trials.count == 2)
    let lr = "optimizer.learning_rate: [0.1, 0.01]"
    let a = try SweepPlanner.plan(
      text: Self.spec(file: "/tmp/x/a/data.csv", axis: lr), file: "/work/s/spec.yaml")
    let b = try SweepPlanner.plan(
      text: Self.spec(file: "/tmp/x/b/data.csv", axis: lr), file: "/work/s/spec.yaml")
    #expect(Set(a.trials.map(\.id)).isDisjoint(with: b.trials.map(\.id)))
    // The trial's spec (and its spec.resolved.yaml) keeps the path as written.
    #expect(SpecWriter.canonical(a.trials[0].spec).contains("file: \"/tmp/x/a/data.csv\""))
  }

  /// An absolute path inside the spec's folder is the trial its relative spelling is, on every
  /// machine (wherever the project is checked out); relative paths are hashed as written.
  @Test func aPathInsideTheSpecsFolderIsTheSameTrialAsItsRelativeSpelling() throws {
    let lr = "optimizer.learning_rate: [0.1, 0.01]"
    let relative = try SweepPlanner.plan(
      text: Self.spec(file: "data/iris.csv", axis: lr), file: "/home/a/proj/spec.yaml")
    let absolute = try SweepPlanner.plan(
      text: Self.spec(file: "/home/a/proj/data/iris.csv", axis: lr),
      file: "/home/a/proj/spec.yaml")
    let elsewhere = try SweepPlanner.plan(
      text: Self.spec(file: "/scratch/b/proj/data/iris.csv", axis: lr),
      file: "/scratch/b/proj/spec.yaml")
    let moved = try SweepPlanner.plan(
      text: Self.spec(file: "data/iris.csv", axis: lr), file: "/scratch/b/proj/spec.yaml")
    #expect(absolute.trials.map(\.id) == relative.trials.map(\.id))
    #expect(elsewhere.trials.map(\.id) == relative.trials.map(\.id))
    #expect(moved.trials.map(\.id) == relative.trials.map(\.id))
    let outside = try SweepPlanner.plan(
      text: Self.spec(file: "/home/a/other/data/iris.csv", axis: lr),
      file: "/home/a/proj/spec.yaml")
    #expect(Set(outside.trials.map(\.id)).isDisjoint(with: relative.trials.map(\.id)))
  }

  /// `output` and `name` name the one results folder: an axis over them is refused at the key.
  @Test(arguments: ["output: [first, second]", "name: [first, second]"])
  func anAxisOverTheResultsFolderIsRefusedAtTheKey(_ axis: String) {
    let error = #expect(throws: SpecError.self) {
      try SweepPlanner.plan(
        text: Self.spec(file: "data.csv", axis: axis), file: "spec.yaml")
    }
    let key = String(axis.prefix { $0 != ":" })
    #expect(error?.description.contains("spec.yaml:6:") == true)
    #expect(error?.description.contains("'\(key)' cannot be varied") == true)
  }
}

/// A trial's seed derives from its training settings alone: an edit of what only names,
/// records or reports the run (a description typo fixed, metrics added, plots off) gives new
/// trial folders but the same numbers, where it re-drew every trial's weights; in successive
/// halving the base budget, which the rungs replace, is left out as well. A training setting
/// still reseeds.
@Suite struct TrialSeedTests {
  static func seeds(_ text: String, _ overrides: [String] = []) throws -> (
    ids: [String], seeds: [String: UInt64]
  ) {
    var options = SpecOptions()
    options.overrides = overrides
    let plan = try SweepPlanner.plan(text: text, file: "sweep.yaml", options: options)
    let byValues = Dictionary(
      uniqueKeysWithValues: plan.trials.map { trial in
        (trial.assignments.map { "\($0.value)" }.joined(separator: " "), trial.spec.seed)
      })
    return (plan.trials.map(\.id), byValues)
  }

  @Test func presentationEditsKeepTheSeeds() throws {
    let grid = SweepPlannerTests().grid
    let base = try Self.seeds(grid)
    for edit in [
      "description=typo fixed", "metrics=[accuracy, f1]", "report.plots=false", "name=renamed",
      "report.bias_variance.base_error=0.1",
    ] {
      let edited = try Self.seeds(grid, [edit])
      #expect(Set(edited.ids).isDisjoint(with: base.ids), "\(edit)")
      #expect(edited.seeds == base.seeds, "\(edit)")
    }
    #expect(try Self.seeds(grid, ["optimizer.epochs=7"]).seeds != base.seeds)
    #expect(try Self.seeds(grid, ["seed=6"]).seeds != base.seeds)
  }

  @Test func halvingLeavesTheReplacedBudgetOut() throws {
    let halving = """
      seed: 5
      dataset: {generator: {type: moons, samples: 100}, split: {train: 0.8, dev: 0.2}}
      model:
        type: mlp
        layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]
      optimizer: {type: adam, epochs: 100}
      sweep:
        method: successive_halving
        budget: {min: 4, max: 36}
        parameters:
          optimizer.learning_rate: [0.1, 0.01, 0.001]
      """
    let base = try Self.seeds(halving)
    #expect(try Self.seeds(halving, ["optimizer.epochs=36"]).seeds == base.seeds)
    // A cosine period not given follows the budget: the base's epochs do not reseed either.
    let cosine = ["optimizer.schedule={type: cosine}"]
    #expect(
      try Self.seeds(halving, cosine + ["optimizer.epochs=50"]).seeds
        == (try Self.seeds(halving, cosine)).seeds)
    // A grid sweep trains the spec's epochs: they reseed.
    let grid = halving.replacingOccurrences(of: "successive_halving", with: "grid")
      .replacingOccurrences(of: "  budget: {min: 4, max: 36}\n", with: "")
    #expect(try Self.seeds(grid, ["optimizer.epochs=36"]).seeds != (try Self.seeds(grid)).seeds)
  }
}
