import Foundation
import Testing

@testable import Pipeline

/// `runner merge`'s `planned` for Hyperband is what the sweep plans to run, the trials its
/// brackets draw (the dry run's count), not the grid's size: a finished sweep's merge said
/// `"planned": 12, "complete": 11` with status complete (tester BB F14).
@Suite struct HyperbandMergePlannedTests {
  @Test func plannedIsTheTrialsTheBracketsDrawAsTheDryRunCountsThem() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    // 15 configurations; the brackets draw 9, 5 and 3 of them, some twice.
    let text = try String(contentsOfFile: SweepHalvingTests.spec, encoding: .utf8)
      .replacingOccurrences(of: "method: successive_halving", with: "method: hyperband")
      .replacingOccurrences(
        of: "optimizer.learning_rate: [0.003, 0.03, 0.3]",
        with: "optimizer.learning_rate: [0.001, 0.003, 0.01, 0.03, 0.3]")
    let spec = root.appendingPathComponent("hyperband-15.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    let options = SweepFixture.options(root: root)
    let preview = try SweepRunner.preview(specPath: spec.path, options: options)
    #expect(preview.drawnFrom == 15)
    // The case the finding is about: fewer trials drawn than the grid holds.
    try #require(preview.sweepTrials < 15)
    let whole = try SweepRunner.run(specPath: spec.path, options: options)
    let outcome = try SweepMerger.merge([whole.directory])
    #expect(outcome.missing.isEmpty)
    #expect(outcome.roundsLeft == 0)
    #expect(outcome.planned == preview.sweepTrials)
    #expect(outcome.complete == outcome.planned)
  }
}
