import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// The report of a successive-halving sweep folder draws each rung: the objective of every
/// trial at each budget (promotions joined, the best trial's path marked), each rung's learning
/// curves up to its budget and its trials, and the compute against the full grid's.
@Suite struct SweepRungReportTests {
  /// How many times `pattern` occurs in `text`.
  static func count(_ pattern: String, in text: String) -> Int {
    text.components(separatedBy: pattern).count - 1
  }

  @Test func halvingReportDrawsEveryRungAndNamesTheBestAndTheCompute() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let outcome = try SweepRunner.run(
      specPath: SweepHalvingTests.spec, options: SweepFixture.options(root: root))
    let folder = URL(fileURLWithPath: outcome.directory)
    let best = try #require(outcome.best).trial
    let markdown = try String(
      contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(markdown.contains("## Successive halving: rungs 9×1, 3×3, 1×9 epochs"))
    #expect(markdown.contains("Compute: 21 epochs trained, 25.9% of the full grid's 81"))
    #expect(markdown.contains("Best trial: `\(best)` with dev_loss = "))
    #expect(markdown.contains("folder: `rung-2/\(best)/`"))
    #expect(markdown.contains("### Rung 0: 9 of 9 trials × 1 epoch"))
    #expect(markdown.contains("### Rung 2: 1 of 1 trials × 9 epochs"))
    // The top trials' curves come from the rung folders.
    #expect(markdown.contains("plots/sweep_top_trials.svg"))
    let plots = folder.appendingPathComponent("plots")
    let rungs = try String(contentsOf: plots.appendingPathComponent("rungs.svg"), encoding: .utf8)
    // A dot per trial and rung (9 + 3 + 1), a line per promotion (3 + 1), the best path marked.
    #expect(Self.count("class=\"point\"", in: rungs) == 13)
    #expect(Self.count("data-rung=\"0\"", in: rungs) == 9)
    #expect(Self.count("class=\"promotion\"", in: rungs) == 4)
    #expect(Self.count("class=\"promotion\" data-trial=\"\(best)\"", in: rungs) == 2)
    #expect(Self.count("data-state=\"best\"", in: rungs) == 1)
    #expect(rungs.contains("best \(best)"))
    #expect(rungs.contains("epochs (the rung&apos;s budget)"))
    let rung0 = try String(
      contentsOf: plots.appendingPathComponent("rung_0_curves.svg"), encoding: .utf8)
    #expect(Self.count("class=\"trial\"", in: rung0) == 9)
    #expect(Self.count("data-state=\"went-on\"", in: rung0) == 2)
    #expect(Self.count("data-state=\"stopped\"", in: rung0) == 6)
    #expect(rung0.contains("went on (2)") && rung0.contains("stopped (6)"))
    let rung2 = try String(
      contentsOf: plots.appendingPathComponent("rung_2_curves.svg"), encoding: .utf8)
    // Epochs 0…9 of the last rung's trial.
    let polyline = try #require(rung2.components(separatedBy: "points=\"").dropFirst().first)
    #expect(polyline.prefix { $0 != "\"" }.split(separator: " ").count == 10)
    // `runner report` rebuilds the same bytes from the folder.
    let before = SweepFixture.contents(of: outcome.directory)
    try ResultsReport.rebuild(in: folder)
    #expect(SweepFixture.contents(of: outcome.directory) == before)
  }
}
