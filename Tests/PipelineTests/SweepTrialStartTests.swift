import Foundation
import Testing

@testable import Pipeline
@testable import Specs

/// A sweep whose trials cannot start from their `model.init.from` (tester AL1) is refused before
/// it starts, as `runner validate` refuses it: a missing folder exits 66, located at the value of
/// the axis's list that names it and noted with the trial, in every method, and nothing is written.
@Suite struct SweepTrialStartTests {
  static let methods = [
    "method: grid",
    "method: random\n  trials: 2\n  seed: 3",
    "method: successive_halving\n  budget: {min: 1, max: 4}\n  eta: 2",
    "method: hyperband\n  budget: {min: 1, max: 4}\n  eta: 2",
    "method: bayes\n  trials: 2\n  startup: 2",
  ]

  static func spec(_ method: String) -> String {
    """
    name: starts
    seed: 21
    dataset: {generator: {type: moons, samples: 40, noise: 0.2}, split: {train: 0.6, dev: 0.4}}
    model:
      type: mlp
      layers: [{units: 3, activation: relu}, {units: 1, activation: sigmoid}]
    optimizer: {type: adam, learning_rate: 0.01, epochs: 4}
    sweep:
      \(method)
      parameters:
        model.init.from: [nonexistent-a, nonexistent-b]
    """
  }

  @Test(arguments: methods)
  func aSweepFromMissingFoldersIsRefusedBeforeItStarts(_ method: String) throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("starts.yaml")
    try Self.spec(method).write(to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results")
    do {
      _ = try SweepRunner.run(specPath: spec.path, options: SweepFixture.options(root: results))
      Issue.record("\(method): a sweep from missing folders should be refused")
    } catch {
      #expect(error.exitCode == .noInput, "\(method): \(error)")
      let diagnostic = try #require(error.diagnostics?.first, "\(method)")
      // The value of the axis's list the message names, and the trial that takes it.
      let lines = Self.spec(method).split(separator: "\n", omittingEmptySubsequences: false)
      let axisLine = try #require(lines.firstIndex { $0.contains("model.init.from") })
      let named = try #require(diagnostic.message.firstMatch(of: /nonexistent-[ab]/)?.output)
      let column = try #require(lines[axisLine].range(of: named)).lowerBound.utf16Offset(
        in: lines[axisLine])
      #expect(diagnostic.location?.line == axisLine + 1, "\(method)")
      #expect(diagnostic.location?.column == column + 1, "\(method)")
      #expect(diagnostic.note?.contains("model.init.from=nonexistent-") == true, "\(method)")
    }
    #expect(!FileManager.default.fileExists(atPath: results.path), "\(method)")
  }

  /// `runner validate`'s check of the planned trials refuses the same spec alike.
  @Test func validateRefusesTheSameTrials() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("starts.yaml").path
    try Self.spec("method: grid").write(toFile: file, atomically: true, encoding: .utf8)
    let plan = try SweepPlanner.plan(file: file, options: SpecOptions())
    #expect(throws: PipelineError.self) {
      try ExperimentRunner.checkInitParameters(plan.base, trials: plan.trials)
    }
    do {
      try ExperimentRunner.checkInitParameters(plan.base, trials: plan.trials)
    } catch {
      #expect(error.exitCode == .noInput)
      let diagnostic = error.diagnostics?.first
      #expect(diagnostic?.location?.line == 11)
      // At the value the message names: nonexistent-a at column 23, nonexistent-b at 38.
      let named = diagnostic?.message.firstMatch(of: /nonexistent-[ab]/)?.output
      #expect(named != nil)
      #expect(diagnostic?.location?.column == (named == "nonexistent-a" ? 23 : 38))
    }
  }
}

/// A key only some kinds take, written beside a kind a sweep axis replaces in every trial
/// (tester AL10), is checked in each trial whichever kind the file names: the two spellings give
/// the same trials (docs/sweeps.md: `beta1` with `[adam, sgd]`, `negative_slope` with
/// `[relu, leaky_relu]`), while a spec without the sweep still refuses the key.
@Suite struct SweepTrialDecidedKeyTests {
  static let cases: [(key: String, axis: String, kinds: (String, String))] = [
    ("momentum: 0.9", "optimizer.type", ("adam", "momentum")),
    ("beta1: 0.8", "optimizer.type", ("sgd", "adam")),
    ("negative_slope: 0.1", "model.layers[0].activation", ("relu", "leaky_relu")),
  ]

  static func spec(_ key: String, axis: String, kinds: (String, String), written: String)
    -> String
  {
    let optimizer = axis == "optimizer.type" ? "type: \(written), \(key), " : "type: adam, "
    let layer =
      axis == "optimizer.type" ? "activation: relu" : "activation: \(written), \(key)"
    return """
      dataset: {generator: {type: moons, samples: 40, noise: 0.2}, split: {train: 0.6, dev: 0.4}}
      model:
        type: mlp
        layers: [{units: 3, \(layer)}, {units: 1, activation: sigmoid}]
      optimizer: {\(optimizer)learning_rate: 0.01, epochs: 2}
      sweep:
        parameters:
          \(axis): [\(kinds.0), \(kinds.1)]
      """
  }

  @Test(arguments: 0..<3)
  func eitherWrittenKindGivesTheSameTrials(_ index: Int) throws {
    let (key, axis, kinds) = Self.cases[index]
    let plans = try [kinds.0, kinds.1].map { written in
      try SweepPlanner.plan(
        text: Self.spec(key, axis: axis, kinds: kinds, written: written), file: "s.yaml")
    }
    #expect(plans[0].trials.count == 2)
    #expect(plans[0].trials.map(\.id) == plans[1].trials.map(\.id), "\(key)")
    // In the trial of the kind that does not take it, a warning; the other trains with it.
    let name = String(key.prefix { $0 != ":" })
    for plan in plans {
      #expect(plan.trials.filter { SpecWriter.canonical($0.spec).contains(name) }.count == 1)
      let warned = (plan.base.warnings + plan.trialWarnings).filter {
        $0.note?.contains("the trial's spec leaves it out") == true
      }
      #expect(warned.count == 1, "\(key): \(warned.map(\.message))")
    }
    // Without the sweep, the kind that does not take the key refuses it.
    let plain = Self.spec(key, axis: axis, kinds: kinds, written: kinds.0)
      .components(separatedBy: "sweep:")[0]
    #expect(throws: SpecError.self) { try SpecLoader.load(text: plain, file: "plain.yaml") }
  }
}
