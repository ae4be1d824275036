import Foundation
import Pipeline
import Specs
import Testing

/// `runner data split` and `data export` on a sweep spec list its trials' rows when every
/// planned trial divides the data alike, judged from the trials themselves rather than from the
/// names of the swept keys (AN12: the course's studies, whose `seed` axis holds the spec's own
/// seed beside written split and generator seeds, were refused).
@Suite struct SweepDataDivisionTests {
  /// A shuffled split holding out a dev part of circles with noise: both draw from the seed.
  static func spec(seeds: String = "", sweep: String, report: String = "") -> String {
    """
    name: div
    seed: 1
    dataset:
      generator: {type: circles, samples: 40, noise: 0.1\(seeds.isEmpty ? "" : ", seed: \(seeds)")}
      split: {train: 0.75, dev: 0.25\(seeds.isEmpty ? "" : ", seed: \(seeds)")}
    model: {type: logreg}
    optimizer: {type: sgd, learning_rate: 0.1, batch_size: 8, epochs: 2}
    \(report)sweep:
      parameters:
    \(sweep)
    """
  }

  static func options(_ overrides: [String]) -> RunOptions {
    RunOptions(spec: SpecOptions(overrides: overrides))
  }

  static func listing(_ spec: String, _ overrides: [String] = []) throws -> String {
    try SplitListing.run(specPath: spec, options: options(overrides)).table.rendered
  }

  @Test(arguments: ["study-regularization.yaml", "study-optimization.yaml"])
  func theCourseStudiesListTheirRows(_ name: String) throws {
    let spec = TestProject.experiment(name)
    let rows = try Self.listing(spec)
    // Their split and generator seeds are written: every trial's rows are the spec's own.
    #expect(rows == (try Self.listing(spec, ["~sweep"])))
    #expect(rows.contains(",test\n") && rows.contains(",train\n"))
    let exported = try DataExport.run(specPath: spec)
    let plain = try DataExport.run(specPath: spec, options: Self.options(["~sweep"]))
    #expect(exported.text == plain.text)
  }

  /// A seed axis of one value the base spec does not have: every trial divides with it, so the
  /// rows listed are the trials', not the base spec's (which no trial trains on).
  @Test func oneSweptSeedListsTheTrialsRows() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = try TestProject.writeSpec(
      Self.spec(sweep: "    seed: [7]\n    optimizer.learning_rate: [0.1, 0.2]"), in: directory)
    let rows = try Self.listing(spec)
    #expect(rows == (try Self.listing(spec, ["~sweep", "seed=7"])))
    #expect(rows != (try Self.listing(spec, ["~sweep"])))
  }

  /// A seed axis whose values the split and generator seeds follow divides the data each
  /// trial its own way: refused at the axis (exit 65, a statement about the spec), with how to
  /// list one trial's rows; with those seeds written, the same axis divides nothing.
  @Test func aSeedAxisTheSplitFollowsIsRefusedAtTheAxis() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = try TestProject.writeSpec(Self.spec(sweep: "    seed: [1, 2]"), in: directory)
    let commands: [() throws -> Void] = [
      { _ = try SplitListing.run(specPath: spec) }, { _ = try DataExport.run(specPath: spec) },
    ]
    for run in commands {
      do {
        try run()
        Issue.record("trials dividing the data differently were listed")
      } catch let error as PipelineError {
        #expect(error.exitCode == .dataError)
        let diagnostic = try #require(error.diagnostics?.first)
        #expect(diagnostic.location?.line == 10, "\(diagnostic)")
        #expect(
          diagnostic.message
            == "the sweep varies seed, so its trials divide the data each their own way")
        #expect(diagnostic.fixIt?.contains("`--set '~sweep' --set seed=VALUE`") == true)
      }
    }
    let written = try TestProject.writeSpec(
      Self.spec(seeds: "5", sweep: "    seed: [1, 2]"), named: "written.yaml", in: directory)
    #expect(try Self.listing(written) == (try Self.listing(written, ["~sweep"])))
  }

  /// In a grid of a data axis and another, the data axis is blamed, not the first one.
  @Test func theAxisThatDividesIsBlamed() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = try TestProject.writeSpec(
      Self.spec(
        sweep: "    optimizer.learning_rate: [0.1, 0.2]\n    dataset.split.seed: [5, 6]"),
      in: directory)
    let error = #expect(throws: PipelineError.self) { try SplitListing.run(specPath: spec) }
    let message = error?.diagnostics?.first?.message ?? ""
    #expect(message.hasPrefix("the sweep varies dataset.split.seed,"), "\(message)")
  }

  /// The learning curve's order comes from the run's own seed, derived for each trial unless
  /// `seed` is swept: `data split`, which lists that order, refuses such a sweep at the curve
  /// (with the seed axis that makes the trials share one); `data export`, which does not, lists.
  @Test func trialsOrderingALearningCurveEachTheirWayAreRefusedAtTheCurve() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let curve = "report: {learning_curve: {sizes: [5, 20]}}\n"
    let spec = try TestProject.writeSpec(
      Self.spec(seeds: "5", sweep: "    optimizer.learning_rate: [0.1, 0.2]", report: curve),
      in: directory)
    let error = #expect(throws: PipelineError.self) { try SplitListing.run(specPath: spec) }
    let diagnostic = try #require(error?.diagnostics?.first)
    #expect(diagnostic.location?.line == 8, "\(diagnostic)")
    #expect(diagnostic.message.contains("learning curve's rows each in their own order"))
    #expect(diagnostic.fixIt?.hasPrefix("add `seed: [1]` to sweep.parameters") == true)
    _ = try DataExport.run(specPath: spec)
    let shared = try TestProject.writeSpec(
      Self.spec(
        seeds: "5", sweep: "    seed: [3]\n    optimizer.learning_rate: [0.1, 0.2]",
        report: curve), named: "shared.yaml", in: directory)
    #expect(try Self.listing(shared) == (try Self.listing(shared, ["~sweep", "seed=3"])))
  }
}
