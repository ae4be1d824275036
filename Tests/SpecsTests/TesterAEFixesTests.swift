import Testing

@testable import Specs

/// Session 35 tester AE's findings on the spec layer (a PyTorch user's): a cosine t_max below
/// the run's epochs is warned where it is, and a section that changes nothing is refused once.
@Suite struct TesterAEFixesTests {
  static let cosine = """
    dataset: {generator: {type: moons, samples: 40, noise: 0.2}}
    model: {type: logreg}
    optimizer:
      type: OPTIMIZER
      learning_rate: 0.1
      BUDGET
      schedule: {type: cosine, t_max: TMAX, eta_min: 0.01}

    """

  func cosine(_ optimizer: String, _ budget: String, tMax: Int) -> String {
    Self.cosine.replacingOccurrences(of: "OPTIMIZER", with: optimizer)
      .replacingOccurrences(of: "BUDGET", with: budget)
      .replacingOccurrences(of: "TMAX", with: "\(tMax)")
  }

  /// AE4: past t_max torch's CosineAnnealingLR climbs back (rate 0.1 at epoch 10), so the last
  /// of 12 epochs with t_max 5 trains at rate(11), not at eta_min; t_max at the run's length, or
  /// one less (the last epoch trains at eta_min: tester AF16), is no warning.
  @Test func aCosineTMaxBelowTheEpochsIsWarnedAtTMax() throws {
    let loaded = try load(cosine("sgd", "epochs: 12", tMax: 5)).get()
    #expect(
      loaded.warnings.map(\.message) == [
        "the cosine schedule's t_max 5 is below the run's 12 epochs: past t_max the rate rises "
          + "again (torch's CosineAnnealingLR, a period of 2·t_max), so the last of them "
          + "trains at 0.09141, not at eta_min 0.01"
      ])
    #expect(loaded.warnings.first?.location?.line == 7)
    #expect(loaded.warnings.first?.fixIt == "t_max: 12")
    // The rate it names is the schedule's own in the last epoch (0.01 + 0.09·(1 + cos(11π/5))/2).
    let rate = loaded.spec.optimizer.schedule.rate(base: 0.1, epoch: 11)
    #expect(abs(rate - 0.091_405_764_746_872_6) < 1e-12)
    for (optimizer, budget, tMax) in [
      ("sgd", "epochs: 12", 12), ("sgd", "epochs: 12", 11), ("sgd", "epochs: 12", 20),
      ("gd", "iterations: 5", 5), ("gd", "iterations: 5", 4),
    ] {
      #expect(try load(cosine(optimizer, budget, tMax: tMax)).get().warnings.isEmpty)
    }
    // Full batch: one iteration is one epoch, said in iterations.
    let gd = try load(cosine("gd", "iterations: 30", tMax: 10)).get()
    #expect(
      gd.warnings.map(\.message).first?.hasPrefix(
        "the cosine schedule's t_max 10 is below the run's 30 iterations:") == true)
  }

  /// With the rows, an iteration budget of mini-batches is counted in epochs: 40 rows in
  /// batches of 8 are 5 updates an epoch, so 30 iterations are 6 epochs, past t_max 4.
  @Test func aCosineTMaxBelowTheEpochsOfAnIterationBudgetIsWarnedWithTheRows() throws {
    let text = cosine("sgd", "iterations: 30\n  batch_size: 8", tMax: 4)
    let loaded = try load(text).get()
    #expect(loaded.warnings.isEmpty)
    let facts = DataFacts(classes: 2, targetColumns: 1, trainSamples: 40)
    #expect(
      SpecLoader.check(loaded, against: facts).map(\.message) == [
        "the cosine schedule's t_max 4 is below the run's 6 epochs: past t_max the rate rises "
          + "again (torch's CosineAnnealingLR, a period of 2·t_max), so the last of them "
          + "trains at 0.02318, not at eta_min 0.01"
      ])
    // 64 rows are 8 updates an epoch: 30 iterations are 4 epochs, t_max's own.
    let four = DataFacts(classes: 2, targetColumns: 1, trainSamples: 64)
    #expect(SpecLoader.check(loaded, against: four).isEmpty)
  }

  /// AE6: a budget of 0 refuses a written schedule or early_stopping section once, at the
  /// section, whose removal leaves a valid spec (removing only its type did not).
  @Test func anInertSectionIsRefusedOnceAtItsKey() throws {
    let text = """
      dataset: {generator: {type: moons, samples: 40, noise: 0.2}, split: {dev: 0.25}}
      model: {type: logreg}
      optimizer:
        type: sgd
        epochs: 5
        schedule:
          type: step
          step_size: 3
        early_stopping: {patience: 2}

      """
    let rendered = failure(text, overrides: ["optimizer.epochs=0"])
    #expect(
      rendered.components(separatedBy: "\n").filter { $0.contains("error:") } == [
        "spec.yaml:7:5: error: optimizer.schedule changes nothing: the budget is 0, so nothing "
          + "trains",
        "spec.yaml:9:19: error: optimizer.early_stopping changes nothing: the budget is 0, so "
          + "nothing trains",
      ])
    #expect(rendered.contains("fix-it: --set '~optimizer.schedule'"))
    #expect(rendered.contains("fix-it: --set '~optimizer.early_stopping'"))
    // The fix-its it names give a spec that loads.
    let fixed = load(
      text,
      overrides: ["optimizer.epochs=0", "~optimizer.schedule", "~optimizer.early_stopping"])
    #expect((try? fixed.get()) != nil, "\(fixed)")
  }
}
