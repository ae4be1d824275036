import Datasets
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// A sweep's trial reads `model.init.from` once, as a run does (`SavedStartOnceTests`): the
/// arrays its check reads are the ones it starts from. Changed after the check, they are
/// refused as changed while read: the trial fails with nothing written but its marker, and
/// runs from the arrays as they are now when the sweep runs it again.
@Suite struct SweepTrialSavedStartTests {
  /// A sweep of `InitFromStrictTests.spec` over the learning rate, starting from `saved`.
  static func sweepSpec(from saved: URL, in directory: URL) throws -> String {
    try TestProject.writeSpec(
      InitFromStrictTests.spec.replacingOccurrences(of: "name: bn", with: "name: warm")
        .replacingOccurrences(
          of: "  type: mlp\n", with: "  type: mlp\n  init: {from: \(saved.path)}\n")
        + "\nsweep:\n  parameters: {optimizer.learning_rate: [0.05, 0.1]}\n",
      named: "warm.yaml", in: directory)
  }

  @Test func theTrialStartsFromTheArraysItsCheckRead() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let saved = try InitFromStrictTests.savedRun(
      InitFromStrictTests.spec, in: directory, name: "bn")
    let spec = try Self.sweepSpec(from: saved, in: directory)
    let options = SweepFixture.options(root: directory.appendingPathComponent("out"))
    let prepared = try PreparedSweep(specPath: spec, options: options)
    let layout = prepared.layout
    try FileManager.default.createDirectory(at: layout.directory, withIntermediateDirectories: true)
    try prepared.planTable.rendered.write(to: layout.plan, atomically: true, encoding: .utf8)
    let snapshot = PreparedSweepSnapshot(
      base: prepared.plan.base, layout: layout, context: prepared.context,
      budget: try MemoryBudget.current(environment: [:]), threads: prepared.threads)
    let trial = try #require(prepared.plan.trials.first)
    let bias = saved.appendingPathComponent("layer1_bias.npy")

    var executor = TrialExecutor(sweep: snapshot, hook: .disarmed)
    // Rewritten after the check: other values, the same shape.
    executor.initChecked = {
      try? InitFromStrictTests.write([0.5, -0.5, 0.25, 0], shape: [4], to: bias)
    }
    let changed = try #require(try executor.run(trial, waiting: nil) { _ in })
    #expect(changed.ran)
    #expect(changed.status.failed)
    #expect(
      changed.status.reason.contains("layer1_bias.npy changed while the runner was reading it"),
      "\(changed.status.reason)")
    // Nothing written but the marker.
    let folder = layout.trialDirectory(trial.id)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path) == [
        SweepLayout.markerFile
      ])

    // Run again, the trial starts from the arrays as they are now.
    executor.initChecked = {}
    let again = try #require(try executor.run(trial, waiting: nil) { _ in })
    #expect(!again.status.failed, "\(again.status.reason)")
    let recorded = try TestProject.table(folder.path, "data_files.csv")
    let row = try #require(recorded.rows.first { $0[1].hasSuffix("layer1_bias.npy") })
    #expect(row.contains(try SHA256Digest.content(ofFile: bias.path).sha256))
  }
}
