import Foundation
import Testing

@testable import Pipeline

/// A sweep's trials read each data file once (`SourceCache`); what a trial writes is still
/// byte for byte what a standalone run of its own resolved spec writes.
@Suite struct SweepSharedDataTests {
  /// The results a run computes (not its timings, environment record or sweep status).
  static func compared(_ file: String) -> Bool {
    file == "metrics.csv" || file == "summary.csv" || file.hasPrefix("params/")
      || file == "confusion_matrix.csv"
  }

  @Test func aTrialReadingSharedDataEqualsItsStandaloneRun() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("iris-sweep.yaml")
    let base = try String(
      contentsOfFile: TestProject.experiment("iris-softmax-momentum.yaml"), encoding: .utf8)
    try
      (base.replacingOccurrences(of: "name: iris-softmax-momentum", with: "name: iris-sweep")
      .replacingOccurrences(of: "epochs: 200", with: "epochs: 20")
      + "\nsweep:\n  parameters:\n    optimizer.learning_rate: [0.1, 0.01, 0.001]\n")
      .write(to: spec, atomically: true, encoding: .utf8)
    // iris is bundled in experiments/data, found through the data path.
    let environment = [
      "RUNNER_DATA_PATH": TestProject.root.appendingPathComponent("experiments/data").path
    ]
    let sweep = try SweepRunner.run(
      specPath: spec.path,
      options: SweepFixture.options(root: root, jobs: 2, environment: environment))
    #expect(sweep.finished.count == 3 && sweep.failed.isEmpty)
    for trial in try FileManager.default.contentsOfDirectory(atPath: sweep.directory)
    where trial.count == 12 {
      let directory = sweep.directory + "/" + trial
      let alone = root.appendingPathComponent("alone-\(trial)")
      try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
      let specFile = alone.appendingPathComponent("trial.yaml").path
      try FileManager.default.copyItem(atPath: directory + "/spec.resolved.yaml", toPath: specFile)
      let run = try ExperimentRunner.run(
        specPath: specFile, options: RunOptions(environment: environment, resultsRoot: alone.path))
      let expected = SweepFixture.contents(of: run.directory).filter { Self.compared($0.key) }
      let actual = SweepFixture.contents(of: directory).filter { Self.compared($0.key) }
      #expect(
        expected.keys.contains("metrics.csv") && expected.keys.contains { $0.hasPrefix("params/") })
      SweepFixture.expectSameFiles(
        actual, expected, "of trial \(trial) differs from its standalone run")
    }
  }
}

/// Data every trial shares that does not load is the spec's problem: refused once, located at
/// the spec, before the sweep folder is written (a swept dataset key fails trial by trial).
@Suite struct SweepBadSharedDataTests {
  @Test func aBrokenSharedFileRefusesTheSweepBeforeAnyTrial() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try "a,b,y\n1,2,0\n3,x,1\n4,5,0\n".write(
      to: root.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    let spec = root.appendingPathComponent("bad.yaml")
    try """
    name: bad
    dataset: {file: data.csv, target: y}
    model: {type: logreg}
    sweep:
      parameters: {optimizer.learning_rate: [0.1, 0.01]}
    """.write(to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results")
    do {
      _ = try SweepRunner.run(specPath: spec.path, options: SweepFixture.options(root: results))
      Issue.record("a sweep over a broken file should be refused")
    } catch {
      guard case .data = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(error.exitCode == .dataError)
      let diagnostic = try #require(error.diagnostics?.first)
      #expect(diagnostic.location?.line == 2)
      #expect(diagnostic.message.contains("(line 3, column 'b'): 'x' is not a number"))
    }
    #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("bad").path))
  }
}

/// Trials that read their data differently (here the loss decides the target kind) do not share
/// it: a file that only some trials cannot read fails those trials, not the sweep, which says so
/// before it starts (and its dry run marks them); when no trial could train, or under
/// `--strict`, the sweep is refused before its folder is written.
@Suite struct SweepUnsharedDataTests {
  static let reason =
    "(line 2, column 'y'): label 0.5 is not a class: a classifier's labels are integers 0..k-1 "
    + "or names (for a real-valued target, make the task a regression)"

  static func spec(_ losses: String, in root: URL, dev: Bool = false) throws -> URL {
    try "a,b,y\n1,2,0.5\n3,1,0.25\n4,5,0.75\n2,2,0.5\n".write(
      to: root.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    let spec = root.appendingPathComponent("mixed.yaml")
    try """
    name: mixed
    dataset: {file: data.csv, target: y\(dev ? ", split: {train: 0.5, dev: 0.5}" : "")}
    model: {type: mlp, layers: [{units: 2, activation: relu}, {units: 1, activation: sigmoid}]}
    optimizer: {type: adam, epochs: 2}
    sweep:
      parameters: {loss: [\(losses)]}
    """.write(to: spec, atomically: true, encoding: .utf8)
    return spec
  }

  @Test func dataOnlySomeTrialsCannotReadFailsOnlyThose() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.spec("mse, binary_cross_entropy", in: root)
    let options = SweepFixture.options(root: root.appendingPathComponent("results"))
    let prepared = try PreparedSweep(specPath: spec.path, options: options)
    #expect(!PreparedSweep.sharesData(prepared.plan))
    let preview = try SweepRunner.preview(specPath: spec.path, options: options)
    let marked = preview.trials.filter { $0.failsOnData != nil }
    #expect(marked.count == 1)
    #expect(marked.first?.failsOnData?.contains(Self.reason) == true)
    #expect(SweepText.listing(preview).contains("(1 cannot train on their data, which would fail)"))
    let events = EventLog()
    let outcome = try SweepRunner.run(specPath: spec.path, options: options) { events.append($0) }
    #expect(outcome.finished.count == 2)
    #expect(outcome.failed.map(\.trial) == marked.map(\.id))
    let note = try #require(events.notes.first { $0.contains("cannot train") })
    #expect(
      note.hasPrefix(
        "warning: mixed: 1 of the 2 trials to run cannot train on its data and will fail (`runner validate` "
          + "locates it); trial \(marked[0].id): "))
    #expect(note.hasSuffix(Self.reason))
  }

  @Test func aSweepNoTrialOfWhichCanTrainIsRefusedBeforeItsFolder() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.spec("binary_cross_entropy, cross_entropy", in: root)
    let results = root.appendingPathComponent("results")
    for strict in [false, true] {
      var options = SweepFixture.options(root: results)
      options.run.spec.strict = strict
      #expect(throws: SweepError.self) {
        try SweepRunner.run(specPath: spec.path, options: options)
      }
    }
    // One trial that trains is enough, but not under --strict. (Swept losses would be refused
    // there for their ranking first: a linreg and a logreg minimizing mse read the file
    // differently too.)
    let some = try Self.spec("mse, binary_cross_entropy", in: root, dev: true)
    try String(contentsOf: some, encoding: .utf8)
      .replacingOccurrences(
        of:
          "model: {type: mlp, layers: [{units: 2, activation: relu}, {units: 1, activation: sigmoid}]}",
        with: "model: {type: linreg}\nloss: mse"
      )
      .replacingOccurrences(
        of: "parameters: {loss: [mse, binary_cross_entropy]}",
        with: "parameters: {model: [{type: linreg}, {type: logreg}]}"
      )
      .write(to: some, atomically: true, encoding: .utf8)
    var options = SweepFixture.options(root: results)
    options.run.spec.strict = true
    do {
      _ = try SweepRunner.run(specPath: some.path, options: options)
      Issue.record("--strict should refuse a trial that cannot train")
    } catch {
      #expect(error.exitCode == .dataError)
      #expect(error.diagnostics?.first?.message.contains(Self.reason) == true, "\(error)")
    }
    #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("mixed").path))
  }
}

/// A trial's warnings reach the sweep's user, naming the trial.
@Suite struct SweepTrialWarningTests {
  @Test func aTrialsWarningIsReportedWithItsTrial() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("lbfgs.yaml")
    try """
    name: lbfgs
    dataset: {generator: {type: moons, samples: 60}, split: {train: 0.7, dev: 0.3}}
    model: {type: logreg}
    optimizer: {type: lbfgs, iterations: 2}
    sweep:
      parameters: {regularization.l2: [0.0, 0.1]}
    """.write(to: spec, atomically: true, encoding: .utf8)
    let events = EventLog()
    let outcome = try SweepRunner.run(
      specPath: spec.path, options: SweepFixture.options(root: root.appendingPathComponent("r"))
    ) { events.append($0) }
    let warnings = events.notes.filter { $0.hasPrefix("warning: trial ") }
    #expect(warnings.count == 2 && outcome.finished.count == 2)
    #expect(warnings.allSatisfy { $0.contains("without converging") })
  }
}

/// Under `--strict` each trial refuses its own data warnings before training, so a trial the
/// sweep did not check up front (one TPE suggests later) cannot run past them.
@Suite struct SweepStrictTrialTests {
  @Test func aStrictTrialWhoseDataWarnsFailsBeforeTraining() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    var csv = ",x1,label\n"
    for i in 0..<16 { csv += "\(i),\(Double(i) / 4),\(i % 2)\n" }
    try csv.write(
      to: root.appendingPathComponent("indexed.csv"), atomically: true, encoding: .utf8)
    let spec = root.appendingPathComponent("indexed.yaml")
    try """
    name: indexed
    dataset: {file: indexed.csv, target: label, split: {dev: 0.25}}
    model: {type: logreg}
    optimizer: {type: gd, iterations: 5}
    sweep:
      parameters: {optimizer.learning_rate: [0.1]}
    """.write(to: spec, atomically: true, encoding: .utf8)
    var options = SweepFixture.options(root: root.appendingPathComponent("results"))
    options.run.spec.strict = true
    // The trials as the scheduler runs them, past the up-front check of `SweepRunner.run`.
    let prepared = try PreparedSweep(specPath: spec.path, options: options)
    let outcome = try SweepRunner.execute(prepared, options: options, observer: { _ in })
    guard case .failed(let reason)? = outcome.finished.first?.outcome else {
      Issue.record("the trial did not fail: \(outcome.finished)")
      return
    }
    #expect(reason.contains("feature column 1 has an empty name"), "\(reason)")
  }
}
