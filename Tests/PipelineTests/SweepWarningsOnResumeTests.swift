import Conventions
import Foundation
import Specs
import Testing

@testable import Pipeline

/// Tester BD F-d: a complete trial's warnings are kept with it, so that running the same sweep
/// again (a CI retry, a resume after `--timeout`) reports them again and `--strict` still
/// fails, instead of passing with `warnings: []`.
@Suite struct SweepWarningsOnResumeTests {
  /// Two trials whose L-BFGS stops on its budget (2 and 3 iterations) without converging: a
  /// warning each.
  static let spec =
    StrictWarningsTests.unconverged + """

      sweep:
        parameters: {optimizer.iterations: [2, 3]}

      """

  @Test func aRerunReportsTheCompleteTrialsWarningsAgain() throws {
    let directory = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = try TestProject.writeSpec(Self.spec, in: directory)
    let options = SweepFixture.options(root: directory.appendingPathComponent("results"))
    let first = try SweepRunner.run(specPath: spec, options: options)
    #expect(first.finished.count == 2)
    #expect(first.warnings.count == 2, "\(first.warnings)")
    #expect(first.warnings.allSatisfy { $0.hasPrefix("trial ") && $0.contains("L-BFGS") })

    let again = try SweepRunner.run(specPath: spec, options: options)
    #expect(again.finished.isEmpty && again.skipped == 2)
    #expect(again.warnings == first.warnings)
    #expect(again.exitStatus(strict: true) == .failure)
  }

  @Test func theRecordIsTheSameBytesForOneJobAndTwo() throws {
    let directory = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = try TestProject.writeSpec(Self.spec, in: directory)
    var records: [[String]] = []
    for jobs in [1, 2] {
      var options = SweepFixture.options(root: directory.appendingPathComponent("r\(jobs)"))
      options.jobs = jobs
      let outcome = try SweepRunner.run(specPath: spec, options: options)
      let folder = URL(fileURLWithPath: outcome.directory)
      let trials = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { TrialStatus.marker(folder.appendingPathComponent("\($0)/status.csv")) != nil }
        .sorted()
      #expect(trials.count == 2)
      records.append(
        try trials.map {
          try String(
            contentsOf: folder.appendingPathComponent("\($0)/\(TrialWarnings.name)"),
            encoding: .utf8)
        })
    }
    #expect(records[0] == records[1])
  }

  @Test func aFolderWithoutTheRecordResumesWithoutWarnings() throws {
    let directory = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = try TestProject.writeSpec(Self.spec, in: directory)
    let options = SweepFixture.options(root: directory.appendingPathComponent("results"))
    let first = try SweepRunner.run(specPath: spec, options: options)
    // An earlier runner's folder: the trials hold no record of their warnings.
    let folder = URL(fileURLWithPath: first.directory)
    for trial in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      try? FileManager.default.removeItem(
        at: folder.appendingPathComponent("\(trial)/\(TrialWarnings.name)"))
    }
    let again = try SweepRunner.run(specPath: spec, options: options)
    #expect(again.skipped == 2 && again.failed.isEmpty)
    #expect(again.warnings.isEmpty)
  }
}
