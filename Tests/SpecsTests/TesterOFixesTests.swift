import Testing

@testable import Specs

/// Session 31 tester O's findings on the spec layer: each rule says what it should, and only that.
@Suite struct TesterOFixesTests {
  static let sgd = """
    dataset: {generator: {type: moons, samples: 40, noise: 0.2}, split: {train: 0.7, dev: 0.3}}
    model: {type: logreg}
    optimizer: {type: sgd, learning_rate: 0.05, batch_size: 10, epochs: 10}

    """

  /// O1: a replacing value is not told to repeat keys it cannot hold: the batch keys beside a
  /// full-batch rule, `epochs` beside `iterations` and the reverse; `--strict` passes it.
  @Test func aReplacementIsNotToldOfKeysItCannotHold() throws {
    for value in [
      "{type: gd, learning_rate: 0.05, iterations: 10}",
      "{type: sgd, learning_rate: 0.05, batch_size: 10, iterations: 30}",
      "{type: lbfgs, learning_rate: 0.05, epochs: 10}",
    ] {
      let loaded = load(Self.sgd, overrides: ["optimizer=\(value)"], strict: true)
      guard case .success(let spec) = loaded else {
        Issue.record("\(value): \(loaded)")
        continue
      }
      #expect(spec.warnings.isEmpty, "\(value): \(spec.warnings)")
    }
    // A key the value could hold is still named (adam takes a batch_size and epochs).
    let loaded = try load(Self.sgd, overrides: ["optimizer={type: adam, iterations: 10}"]).get()
    #expect(
      loaded.warnings.map(\.message) == [
        "--set optimizer=… replaces the whole mapping: the spec's optimizer.learning_rate and "
          + "optimizer.batch_size are left out"
      ])
  }

  /// O1: the sweep axis rule is the same one.
  @Test func aSweepAxisIsNotToldOfKeysItsValuesCannotHold() throws {
    let text =
      Self.sgd + """
        sweep:
          parameters:
            optimizer: [{type: gd, learning_rate: 0.05, iterations: 10}, {type: adam, learning_rate: 0.01, batch_size: 10, iterations: 20}]

        """
    let loaded = load(text, strict: true)
    guard case .success(let spec) = loaded else {
      Issue.record("\(loaded)")
      return
    }
    #expect(spec.warnings.filter { $0.severity == .warning }.isEmpty, "\(spec.warnings)")
  }

  /// O5: a second standardize after a step that changes the columns (polynomial) is no repeat;
  /// after steps that only scale or shift the standardized features it is, with a note.
  @Test func standardizeIsARepeatOnlyWhenNothingBetweenChangesTheFeatures() throws {
    func warnings(_ steps: String) throws -> [Diagnostic] {
      let text =
        "dataset: {generator: {type: moons, samples: 40, noise: 0.2}, preprocessing: \(steps)}\n"
        + "model: {type: logreg}\n"
      return try load(text).get().warnings.filter { $0.message.contains("appears twice") }
    }
    #expect(try warnings("[standardize, {polynomial: 2}, standardize]").isEmpty)
    #expect(try warnings("[standardize, {polynomial: 2}, {scale: 2}, standardize]").isEmpty)
    for steps in [
      "[standardize, standardize]", "[standardize, {scale: 2}, standardize]",
      "[standardize, {min_max: [0, 1]}, standardize]",
      "[standardize, {polynomial: 2}, standardize, standardize]",
    ] {
      let found = try warnings(steps)
      #expect(found.count == 1, "\(steps): \(found)")
      #expect(found.first?.note?.hasPrefix("remove it: features standardized") == true)
    }
  }

  /// A training CSV beside a test set of images in a `.npy` file: the test set needs the
  /// flatten, so no warning says to remove it (removing it got "4 axes; add `flatten`").
  @Test func flattenIsNotCalledUselessWhenATestFileIsAnArray() throws {
    func warned(_ test: String) throws -> Bool {
      let text =
        "dataset:\n  train: {file: t.csv, target: y}\n  test: \(test)\n"
        + "  preprocessing: [flatten]\nmodel: {type: logreg}\n"
      return try load(text).get().warnings.contains { $0.message.hasPrefix("flatten changes") }
    }
    #expect(try !warned("{file: x.npy, target_file: y.npy}"))
    #expect(try warned("{file: u.csv, target: y}"))
  }

  /// O6: cosine annealing to an eta_min equal to the rate never changes it.
  @Test func cosineWithItsFloorAtTheRateIsWarned() throws {
    func messages(_ schedule: String) throws -> [String] {
      let text = Self.sgd.replacingOccurrences(
        of: "epochs: 10}", with: "epochs: 10, schedule: \(schedule)}")
      return try load(text).get().warnings.map(\.message)
    }
    #expect(
      try messages("{type: cosine, eta_min: 0.05}") == [
        "the cosine schedule with eta_min equal to the learning rate never changes the rate: the "
          + "learning rate stays 0.05"
      ])
    #expect(try messages("{type: cosine, eta_min: 0.01}").isEmpty)
  }

  /// O6: with the training rows, an iteration budget of mini-batches spans fewer epochs than
  /// iterations: a step schedule whose first change comes after them is warned.
  @Test func aScheduleBeyondTheEpochsOfAnIterationBudgetIsWarnedWithTheRows() throws {
    let text = """
      dataset: {generator: {type: moons, samples: 30, noise: 0.2}}
      model: {type: logreg}
      optimizer:
        type: sgd
        learning_rate: 0.05
        batch_size: 10
        iterations: 35
        schedule: {type: step, step_size: STEP}

      """
    func messages(_ step: Int) throws -> [String] {
      let loaded = try load(text.replacingOccurrences(of: "STEP", with: "\(step)")).get()
      #expect(loaded.warnings.isEmpty)
      let facts = DataFacts(classes: 2, targetColumns: 1, trainSamples: 30)
      return SpecLoader.check(loaded, against: facts).map(\.message)
    }
    #expect(
      try messages(12) == [
        "the step schedule first changes the rate at epoch 12, after the run's 35 iterations "
          + "(12 epochs of 3 steps of the 30 training rows): the learning rate stays 0.05"
      ])
    #expect(try messages(11).isEmpty)
  }

  /// An unwritten cosine t_max over an iteration budget of mini-batches would count the
  /// iterations while the schedule steps per epoch (tester BG: the rate ended at 85% of its
  /// start): refused with the rows, naming the run's epochs; written, or a budget of one step
  /// an epoch, it runs.
  @Test func aDerivedCosinePeriodOverMiniBatchIterationsIsRefusedWithTheRows() throws {
    let text = """
      dataset: {generator: {type: moons, samples: 40, noise: 0.2}}
      model: {type: logreg}
      optimizer: {type: sgd, learning_rate: 0.03, batch_size: BATCH, iterations: 12, SCHEDULE}

      """
    func errors(batch: Int, schedule: String = "schedule: cosine") throws -> [String] {
      let spec = text.replacingOccurrences(of: "BATCH", with: "\(batch)")
        .replacingOccurrences(of: "SCHEDULE", with: schedule)
      let loaded = try load(spec).get()
      let facts = DataFacts(classes: 2, targetColumns: 1, trainSamples: 40)
      return SpecLoader.check(loaded, against: facts).filter { $0.severity == .error }
        .map(\.message)
    }
    #expect(
      try errors(batch: 10) == [
        "the cosine schedule steps once per epoch, but its default t_max is the run's length in "
          + "its budget's units: 12 iterations, which train 3 epochs of 4 steps of the 40 "
          + "training rows, so the rate would not come down to eta_min"
      ])
    #expect(try errors(batch: 40).isEmpty)
    #expect(try errors(batch: 10, schedule: "schedule: {type: cosine, t_max: 3}").isEmpty)
  }

  /// O8: successive halving over the exact solver without a budget: the solver's refusal, not
  /// the budget it would not need; with a solver axis the budget is required.
  @Test func theExactSolversRefusalComesBeforeTheMissingBudget() {
    let base = """
      dataset:
        generator: {type: linear, samples: 60, noise: 0.3, weights: [2, -1]}
        split: {train: 0.7, dev: 0.3}
      model: {type: linreg, solver: exact}
      sweep:
        method: successive_halving
        parameters:

      """
    for (axis, expected) in [
      (
        "    regularization.l2: [0.0, 0.1]\n",
        "successive_halving gives trials budgets of epochs or iterations, but the exact solver "
          + "takes no steps, so the budget changes nothing"
      ),
      (
        "    model.solver: [exact, gd]\n",
        "method: successive_halving needs 'budget' (the epochs of the first and last rung)"
      ),
    ] {
      guard case .failure(let error) = load(base + axis) else {
        Issue.record("\(axis) loaded")
        continue
      }
      #expect(error.diagnostics.map(\.message) == [expected])
    }
  }

  /// O9: identity covariances written give the canonical spec of leaving them out.
  @Test func writtenIdentityCovariancesAreTheDefault() throws {
    let absent =
      "dataset: {generator: {type: blobs, means: [[0, 0], [3, 3]]}}\nmodel: {type: logreg}\n"
    let identity = absent.replacingOccurrences(
      of: "[3, 3]]}", with: "[3, 3]], covariances: [[[1, 0], [0, 1]], [[1, 0.0], [0, 1]]]}")
    let other = absent.replacingOccurrences(
      of: "[3, 3]]}", with: "[3, 3]], covariances: [[[1, 0], [0, 1]], [[2, 0], [0, 1]]]}")
    let canonical = { (text: String) in SpecWriter.canonical(try load(text).get().spec) }
    #expect(try canonical(identity) == canonical(absent))
    #expect(try canonical(other) != canonical(absent))
    #expect(try canonical(other).contains("covariances"))
  }

  /// O10: an item of a `--set` list is located at itself, as in a file, not at the `[`.
  @Test func anOverridesListItemIsLocatedAtItself() {
    let text =
      Self.sgd + "report: {validation_curve: {parameter: regularization.l2, values: [0, 0.1]}}\n"
    guard
      case .failure(let error) = load(
        text, overrides: ["report.validation_curve.values=[0, -1]"])
    else {
      Issue.record("a negative l2 loaded")
      return
    }
    #expect(error.diagnostics.first?.message == "regularization.l2 must be ≥ 0 (got -1)")
    #expect(error.diagnostics.first?.location?.column == 36)
  }
}
