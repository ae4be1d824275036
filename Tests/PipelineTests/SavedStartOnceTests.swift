import Foundation
import Specs
import Testing

@testable import Pipeline

/// `model.init.from` is read once per run: the arrays the check before the run reads
/// (`ExperimentRunner.initParameters`) are the ones the run starts from, their identities taken
/// before that read. Changed after it, they are refused as changed while read, as a data file
/// is: the run neither reads them a second time nor records other bytes than it started from.
@Suite struct SavedStartOnceTests {
  @Test func theRunStartsFromTheArraysItsCheckRead() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let saved = try InitFromStrictTests.savedRun(
      InitFromStrictTests.spec, in: directory, name: "bn")
    let spec = try TestProject.writeSpec(
      InitFromStrictTests.spec.replacingOccurrences(of: "name: bn", with: "name: warm")
        .replacingOccurrences(
          of: "  type: mlp\n", with: "  type: mlp\n  init: {from: \(saved.path)}\n"),
      named: "warm.yaml", in: directory)
    let loaded = try SpecLoader.load(file: spec)
    var options = RunOptions(resultsRoot: directory.appendingPathComponent("out").path)
    options.environment["RUNNER_DATA_PATH"] = nil
    let context = try ExperimentRunner.projectContext(specPath: spec, options: options)
    let destination = directory.appendingPathComponent("out/warm")

    let start = SavedStart()
    #expect(ExperimentRunner.initParameters(loaded, start: start).refusal == nil)
    // Rewritten after the check: other values, the same shape.
    try InitFromStrictTests.write(
      [0.5, -0.5, 0.25, 0], shape: [4], to: saved.appendingPathComponent("layer1_bias.npy"))
    let error = #expect(throws: PipelineError.self) {
      try ExperimentRunner.execute(
        loaded, context: context, destination: destination, continuation: nil,
        savedStart: start, observer: { _ in })
    }
    #expect(
      error?.description.contains("layer1_bias.npy changed while the runner was reading it")
        == true, "\(String(describing: error))")
    #expect(!FileManager.default.fileExists(atPath: destination.path))

    // Checked again, the run starts from them as they are now.
    let again = SavedStart()
    #expect(ExperimentRunner.initParameters(loaded, start: again).refusal == nil)
    let outcome = try ExperimentRunner.execute(
      loaded, context: context, destination: destination, continuation: nil, savedStart: again,
      observer: { _ in })
    let recorded = try TestProject.table(outcome.directory, "data_files.csv")
    #expect(recorded.rows.contains { $0[1].hasSuffix("layer1_bias.npy") })
  }
}
