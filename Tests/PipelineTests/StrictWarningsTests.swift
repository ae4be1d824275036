import Conventions
import Foundation
import Specs
import Testing

@testable import Pipeline

/// Every warning a run or sweep gives reaches the one list `--json` reports and `--strict`
/// fails on: a sweep's trial warnings (L-BFGS out of budget) and the environment's warning (an
/// `OPENBLAS_CORETYPE` overriding the BLAS policy) too, not only printed on stderr.
@Suite struct StrictWarningsTests {
  /// A logistic regression whose L-BFGS stops on its 3-iteration budget: a training warning.
  static let unconverged = """
    name: short
    dataset: {generator: {type: moons, samples: 60, noise: 0.3}, split: {train: 0.8, test: 0.2}}
    model: {type: logreg}
    optimizer: {type: lbfgs, iterations: 3, tolerance: 1e-10}
    """

  /// A run that converges without any warning.
  static let clean = """
    name: clean
    dataset: {generator: {type: moons, samples: 60, noise: 0.3}, split: {train: 0.8, test: 0.2}}
    model: {type: logreg}
    optimizer: {type: gd, learning_rate: 0.1, iterations: 5}
    """

  static let environment =
    "OPENBLAS_CORETYPE=Sandybridge is set in the environment and overrides the reproducible "
    + "BLAS kernel (Haswell)"

  @Test func anEnvironmentWarningIsARunWarningListedAndFailingUnderStrict() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = try TestProject.writeSpec(Self.clean, in: directory)
    var options = RunOptions(resultsRoot: directory.appendingPathComponent("loose").path)
    options.environmentWarnings = [Self.environment]
    let outcome = try ExperimentRunner.run(specPath: spec, options: options)
    #expect(outcome.warnings == [Self.environment])
    #expect(CommandJSON.run(outcome).rendered.contains("OPENBLAS_CORETYPE=Sandybridge"))

    // Known at the start: under --strict refused before anything runs (tester BE-1: it trained
    // and replaced the results folder with the other kernel's numbers, then failed).
    options.resultsRoot = directory.appendingPathComponent("strict").path
    options.spec.strict = true
    let error = #expect(throws: PipelineError.self) {
      try ExperimentRunner.run(specPath: spec, options: options)
    }
    guard case .environment(let message) = error else {
      Issue.record("expected the warning to refuse the run, got \(String(describing: error))")
      return
    }
    #expect(error?.exitCode == .usage && message.hasPrefix(Self.environment))
    #expect(!FileManager.default.fileExists(atPath: options.resultsRoot!))
  }

  @Test func aTrialsWarningIsTheSweepsWarningAndFailsItUnderStrictOnceWritten() throws {
    let directory = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = try TestProject.writeSpec(
      Self.unconverged + "\nsweep:\n  parameters: {optimizer.learning_rate: [1.0, 0.5]}\n",
      in: directory)
    var options = SweepFixture.options(root: directory.appendingPathComponent("results"))
    options.run.environmentWarnings = [Self.environment]
    let outcome = try SweepRunner.run(specPath: spec, options: options)
    // Every trial is written and ok: the warnings fail the sweep only under --strict.
    #expect(outcome.finished.count == 2 && outcome.failed.isEmpty)
    #expect(outcome.warnings.first == Self.environment)
    let trials = outcome.warnings.dropFirst()
    #expect(trials.count == 2 && trials.allSatisfy { $0.hasPrefix("trial ") }, "\(trials)")
    #expect(outcome.exitStatus(strict: false) == .success)
    #expect(outcome.exitStatus(strict: true) == .failure)
    let json = CommandJSON.sweep(outcome, exitCode: outcome.exitStatus(strict: true)).rendered
    #expect(json.contains("\"status\":\"failed\""), "\(json)")
    #expect(json.contains("\"warnings\":[\"OPENBLAS_CORETYPE=Sandybridge"), "\(json)")
  }

  @Test func aSweepWithoutWarningsPassesUnderStrict() throws {
    let directory = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = try TestProject.writeSpec(
      Self.clean + "\nsweep:\n  parameters: {optimizer.learning_rate: [0.1, 0.2]}\n",
      in: directory)
    let outcome = try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: directory.appendingPathComponent("r")))
    #expect(outcome.warnings.isEmpty)
    #expect(outcome.exitStatus(strict: true) == .success)
  }
}
