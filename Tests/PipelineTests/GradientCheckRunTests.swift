import Engine
import Foundation
import Pipeline
import Testing

/// `runner gradcheck` on shipped specs and at the losses' kinks: no false alarms.
@Suite struct GradientCheckRunTests {
  @Test func primer002AtItsExactOptimumPasses() throws {
    // The primer's weights fit its targets to 1e-9: both gradients are rounding noise, so Ng's
    // relative difference (noise over noise) is far above 1e-7, yet no entry errs beyond the
    // finite difference's floor.
    let report = try GradientCheckRun.run(
      specPath: TestProject.experiment("primer002-three-layer-network.yaml"))
    #expect(report.passed(), "\(report.layers)")
    #expect(report.layers.map(\.relativeDifference).max()! > 1e-7)
  }

  @Test(
    arguments: [
      "polynomial-linreg-mae.yaml", "sine-mlp-huber.yaml",
    ] + (CourseData.cat ? ["cat.yaml"] : []))
  func shippedSpecsPass(_ name: String) throws {
    let report = try GradientCheckRun.run(specPath: TestProject.experiment(name))
    #expect(report.passed(), "\(name): \(report.layers)")
  }

  @Test(arguments: ["mae", "{type: huber, delta: 0.5}"])
  func residualsOnTheKinkPass(_ loss: String) throws {
    // Started at zero, the residuals are −y: targets 0, 1e-7 (mae's kink) and 0.5 ± 1e-7
    // (Huber's) put the finite-difference interval across the kink.
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var rows = ["x1,x2,y"]
    let targets = [0, 1e-7, -2e-7, 0.5, 0.5000001, -0.4999998, 1.3, -0.7]
    for (i, y) in targets.enumerated() {
      rows.append("\(Double(i % 3) - 1.1),\(0.3 * Double(i) - 0.9),\(y)")
    }
    try (rows.joined(separator: "\n") + "\n").write(
      to: directory.appendingPathComponent("kinks.csv"), atomically: true, encoding: .utf8)
    let spec = try TestProject.writeSpec(
      """
      name: kinks
      dataset: {file: kinks.csv, target: y}
      model: {type: linreg, init: zeros}
      loss: \(loss)
      optimizer: {type: gd, iterations: 10}
      """, in: directory)
    let report = try GradientCheckRun.run(specPath: spec)
    #expect(report.passed(), "\(loss): \(report.layers)")
    #expect(report.kinks > 0 || loss.contains("huber"), "\(report.layers)")
  }
}

/// `runner gradcheck` checks at the start `model.init.from` names, as the run starts there (it
/// checked at the spec's default start, all zeros for `from`, and said "ok"), and refuses a
/// missing folder at its key as `runner run` does.
@Suite struct GradientCheckInitFromTests {
  static let spec = """
    name: gc
    seed: 3
    dataset: {generator: {type: moons, samples: 60, noise: 0.2}}
    model:
      type: mlp
      layers: [{units: 5, activation: relu}, {units: 1, activation: sigmoid}]
      init: {from: saved}
    loss: binary_cross_entropy
    optimizer: {type: gd, learning_rate: 0.5, iterations: 30}
    """

  @Test func checksAtTheSavedParameters() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = try TestProject.writeSpec(Self.spec, in: directory)
    let error = #expect(throws: PipelineError.self) { try GradientCheckRun.run(specPath: spec) }
    #expect(error?.exitCode == .noInput)
    #expect(error?.description.contains("spec.yaml:7:16: error: saved parameters: no") == true)
    // A run started at He's weights saves the parameters the check then starts from.
    var options = RunOptions(resultsRoot: directory.path)
    options.spec.overrides = ["model.init=he", "name=saved"]
    let saved = try ExperimentRunner.run(specPath: spec, options: options)
    try FileManager.default.moveItem(
      atPath: saved.directory, toPath: directory.appendingPathComponent("saved").path)
    let atSaved = try GradientCheckRun.run(specPath: spec)
    var zeros = RunOptions()
    zeros.spec.overrides = ["model.init=zeros"]
    let atZeros = try GradientCheckRun.run(specPath: spec, options: zeros)
    #expect(atSaved.passed() && atZeros.passed())
    // At zeros the hidden layer's gradient is exactly 0; at the saved weights it is not.
    #expect(atZeros.layers[0].relativeDifference == 0)
    #expect(atSaved.layers.allSatisfy { $0.relativeDifference > 0 && $0.relativeDifference < 1e-7 })
  }
}

/// `runner gradcheck` on a sweep spec checks the trials the sweep trains, each with its swept
/// values; the spec without its sweep is none of them (AN11: it checked that one, and said ok).
@Suite struct GradientCheckSweepTests {
  static let study = TestProject.experiment("study-regularization.yaml")

  @Test func eachTrialIsCheckedWithItsOwnValues() throws {
    let subjects = try GradientCheckRun.subjects(specPath: Self.study, trial: nil)
    let trials = subjects.compactMap(\.trial)
    #expect(trials.count == 4 && subjects.count == 4)
    #expect(trials.filter { $0.spec.regularization.l2 > 0 }.count == 2)
    let dropout = try #require(
      subjects.first { $0.trial?.spec.model.layers.contains { $0.dropout > 0 } == true })
    let report = try GradientCheckRun.run(dropout)
    // The trial's dropout is what the note speaks of: the base spec has none.
    #expect(report.dropoutOff && report.passed(), "\(report.layers)")
  }

  /// `--trial` chooses as `runner explain --trial` does: an ID's unique start, else a usage
  /// error naming the trials.
  @Test func oneTrialIsChosenAsExplainChoosesIt() throws {
    let all = try GradientCheckRun.subjects(specPath: Self.study, trial: nil).compactMap(\.trial)
    let id = all[2].id
    let chosen = try GradientCheckRun.subjects(specPath: Self.study, trial: String(id.prefix(5)))
    #expect(chosen.map(\.trial?.id) == [id])
    let error = #expect(throws: PipelineError.self) {
      try GradientCheckRun.subjects(specPath: Self.study, trial: "zzz")
    }
    #expect(error?.exitCode == .usage)
    #expect(
      error?.description.contains("no trial 'zzz' in \(Self.study) (trials: \(all[0].id), ") == true
    )
  }
}

extension GradientCheckRun {
  /// The per-layer comparison of the spec at `specPath`, a spec without a sweep.
  static func run(specPath: String, options: RunOptions = .init()) throws -> GradientCheck.Report {
    let subjects = try subjects(specPath: specPath, options: options, trial: nil)
    try #require(subjects.count == 1)
    return try run(subjects[0])
  }
}
