import Foundation
import Specs
import Testing

@testable import Pipeline

/// The shipped problem of `bench halving`: experiments/digits-mlp-halving-sweep.yaml
/// validates, its dry run plans the rungs 81×1, 27×3, 9×9, 3×27 (243 epochs trained), and the
/// full grid the benchmark derives by `--set` has the same trials (same IDs, so the same seeds
/// and, at the full budget, the same results as successive halving's last rung). Nothing is
/// trained.
@Suite struct DigitsHalvingSpecTests {
  static let spec = TestProject.experiment("digits-mlp-halving-sweep.yaml")

  @Test func dryRunPlansTheRungsOfTheBenchmark() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let options = SweepOptions(run: RunOptions(resultsRoot: root.path), jobs: 1)
    let preview = try SweepRunner.preview(specPath: Self.spec, options: options)
    let rungs = try #require(preview.rungs)
    #expect(rungs.plan.rungs.map(\.trials) == [81, 27, 9, 3])
    #expect(rungs.plan.rungs.map(\.budget) == [1, 3, 9, 27])
    #expect(rungs.unit == "epochs")
    #expect(3 * rungs.plan.cost <= rungs.plan.gridCost)
    // Adam at a constant learning rate: promoted trials continue, 81 + 27×2 + 9×6 + 3×18 epochs.
    #expect(
      SweepText.listing(preview).contains("total: 243 epochs, 11.1% of the full grid's 2187"))
    #expect(preview.trials.count == 81)
    // The cost is the plan's: every trial's operations at 27 epochs, scaled to 243 of 2187.
    let atMax = preview.trials.compactMap(\.flops).reduce(0, +)
    let cost = try #require(preview.cost)
    #expect(abs(cost.flops - atMax * 243 / 2187) <= 1e-9 * cost.flops)
    #expect(SweepText.listing(preview).contains("ops at max"))
    // A dry run writes nothing.
    #expect((try FileManager.default.contentsOfDirectory(atPath: root.path)).isEmpty)
  }

  /// Hyperband trains only the trials drawn into its brackets: the dry run lists those, says
  /// how many of the grid's, and costs the brackets' 357 epochs, not the grid's 2187.
  @Test func hyperbandDryRunListsTheDrawnTrialsAndCostsItsBrackets() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let options = SweepOptions(
      run: RunOptions(
        spec: SpecOptions(overrides: ["sweep.method=hyperband"]), resultsRoot: root.path),
      jobs: 1)
    let preview = try SweepRunner.preview(specPath: Self.spec, options: options)
    let prepared = try PreparedSweep(specPath: Self.spec, options: options)
    let drawn = Set(HyperbandRunner.brackets(prepared).flatMap(\.ids))
    #expect(drawn.count < 81)
    #expect(Set(preview.trials.map(\.id)) == drawn && preview.pending.count == drawn.count)
    #expect(preview.sweepTrials == drawn.count && preview.drawnFrom == 81)
    let listing = SweepText.listing(preview)
    #expect(listing.contains("\(drawn.count) trials (drawn into brackets from the grid's 81)"))
    #expect(listing.contains("total: 357 epochs, 16.3% of the full grid's 2187"))
    let atMax = preview.trials.compactMap(\.flops).reduce(0, +)
    let cost = try #require(preview.cost)
    #expect(abs(cost.flops - atMax * 357 / Double(drawn.count * 27)) <= 1e-9 * cost.flops)
    #expect((try FileManager.default.contentsOfDirectory(atPath: root.path)).isEmpty)
  }

  @Test func gridByOverrideHasTheSameTrials() throws {
    let halving = try SweepPlanner.plan(file: Self.spec)
    let axes = halving.base.spec.sweep?.axes.map(\.path.description) ?? []
    #expect(
      axes == [
        "optimizer.learning_rate", "model.layers[0].units", "regularization.l2",
        "optimizer.batch_size",
      ])
    // What `bench halving` passes for the full grid.
    let grid = try SweepPlanner.plan(
      file: Self.spec,
      options: SpecOptions(overrides: [
        "sweep={method: grid, objective: {metric: dev_accuracy, goal: max}, parameters: "
          + "{optimizer.learning_rate: [0.0003, 0.003, 0.03], \"model.layers[0].units\": "
          + "[8, 32, 128], regularization.l2: [0.0001, 0.003, 0.1], optimizer.batch_size: "
          + "[16, 64, 256]}}",
        "optimizer.epochs=27",
      ]))
    #expect(grid.base.spec.sweep?.method == .grid)
    #expect(grid.trials.map(\.id) == halving.trials.map(\.id))
    #expect(grid.trials.map(\.spec.seed) == halving.trials.map(\.spec.seed))
    #expect(grid.trials.allSatisfy { $0.spec.optimizer.budget == .epochs(27) })
  }
}
