import Foundation
import Testing

@testable import Specs

/// A fix-it followed verbatim loads (tester AV F4, F5, F6, F12): the line of the spec that the
/// fix-it's key starts is replaced by it, and the spec then loads without an error.
@Suite struct SweepFixItsLoadTests {
  static let moons = """
    dataset: {generator: {type: moons, samples: 100}, split: {train: 0.6, dev: 0.2, test: 0.2}}
    model: {type: logreg}
    optimizer: {type: sgd, epochs: 2}
    metrics: [accuracy]
    sweep:
      method: METHOD
      trials: 4
      parameters:
        AXIS

    """

  /// The errors `text` gives under `options`; none when it loads.
  static func errors(_ text: String, _ options: SpecOptions = SpecOptions()) -> [Diagnostic] {
    do {
      _ = try SpecLoader.load(text: text, file: "spec.yaml", options: options)
      return []
    } catch {
      return error.diagnostics.filter { $0.severity == .error }
    }
  }

  /// `text` with the line whose key is the fix-it's replaced by it, at that line's indent.
  static func applied(_ fixIt: String, to text: String) throws -> String {
    let key = try #require(fixIt.components(separatedBy: ": ").first)
    var lines = text.components(separatedBy: "\n")
    let i = try #require(
      lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") })
    let indent = lines[i].prefix { $0 == " " }
    lines[i] = indent + fixIt
    return lines.joined(separator: "\n")
  }

  /// The one error of `text`, its fix-it applied: the spec then loads.
  func fixItLoads(_ text: String, _ options: SpecOptions = SpecOptions()) throws -> String {
    let refused = Self.errors(text, options)
    #expect(refused.count == 1, "\(refused)")
    let fixIt = try #require(refused.first?.fixIt, "\(refused)")
    let fixed = try Self.applied(fixIt, to: text)
    #expect(Self.errors(fixed, options).isEmpty, "\(fixed)\n\(Self.errors(fixed, options))")
    return fixIt
  }

  static func spec(_ axis: String, method: String = "grid") -> String {
    moons.replacingOccurrences(of: "AXIS", with: axis)
      .replacingOccurrences(of: "METHOD", with: method)
      .replacingOccurrences(of: "  trials: 4\n", with: method == "grid" ? "" : "  trials: 4\n")
  }

  @Test func reversedBoundsAreReadInOrder() throws {
    let fixIt = try fixItLoads(Self.spec("optimizer.learning_rate: {min: 0.1, max: 0.001}"))
    #expect(fixIt == "optimizer.learning_rate: {uniform: [0.001, 0.1], num: 5}")
  }

  @Test func logUniformBoundsThatAreValuesStayValues() throws {
    let axis = "optimizer.learning_rate: {distribution: log_uniform, min: 0.0001, max: 0.1}"
    let fixIt = try fixItLoads(Self.spec(axis, method: "random"))
    #expect(fixIt == "optimizer.learning_rate: {log_uniform: [0.0001, 0.1]}")
  }

  @Test func hydraFormsLoad() throws {
    #expect(
      try fixItLoads(Self.spec("optimizer.learning_rate: choice(0.1, 0.01)"))
        == "optimizer.learning_rate: [0.1, 0.01]")
    #expect(
      try fixItLoads(Self.spec("optimizer.batch_size: range(8, 40, 8)"))
        == "optimizer.batch_size: {range: [8, 32], step: 8}")
    #expect(
      try fixItLoads(Self.spec("optimizer.learning_rate: interval(0.001, 0.1)"))
        == "optimizer.learning_rate: {uniform: [0.001, 0.1], num: 5}")
    #expect(
      try fixItLoads(Self.spec("optimizer.learning_rate: tag(log, interval(0.001, 0.1))"))
        == "optimizer.learning_rate: {log_uniform: [0.001, 0.1], num: 5}")
    #expect(
      try fixItLoads(Self.spec("optimizer.learning_rate: 0.1,0.01"))
        == "optimizer.learning_rate: [0.1, 0.01]")
    #expect(
      try fixItLoads(Self.spec("optimizer.learning_rate: 0.1"))
        == "optimizer.learning_rate: [0.1]")
  }

  /// Ranked on train_loss over losses on different scales: the fix-it meets both the loss rule
  /// and the split rule at once (under --strict, both are errors).
  @Test func lossRankingFixItMeetsTheSplitRuleToo() throws {
    let text = """
      dataset: {generator: {type: moons, samples: 100}, split: {train: 0.6, dev: 0.2, test: 0.2}}
      model:
        type: mlp
        layers: [{units: 4, activation: relu}, {units: 1, activation: sigmoid}]
      loss: binary_cross_entropy
      optimizer: {type: gd, iterations: 5}
      metrics: [accuracy]
      sweep:
        objective: {metric: train_loss}
        parameters:
          loss: [binary_cross_entropy, mse]

      """
    var strict = SpecOptions()
    strict.strict = true
    let refused = Self.errors(text, strict)
    let fixIts = refused.compactMap(\.fixIt)
    #expect(fixIts == ["objective: {metric: dev_accuracy}"], "\(refused)")
    #expect(
      refused.contains { $0.note?.contains("(objective: {metric: dev_accuracy}, as") == true },
      "\(refused)")
    let fixed = try Self.applied(try #require(fixIts.first), to: text)
    #expect(Self.errors(fixed, strict).isEmpty, "\(Self.errors(fixed, strict))")
  }

  /// Hydra's multirun on a plain key (`--set optimizer.learning_rate=0.1,0.01`) was refused as
  /// no number: its fix-it is the --set of the sweep axis, which loads in its place.
  @Test func multirunOnAPlainKeyBecomesAnAxis() throws {
    let text = Self.spec("optimizer.batch_size: [8, 16]")
    for (value, axis) in [("0.1,0.01", "[0.1, 0.01]"), ("choice(0.1, 0.01)", "[0.1, 0.01]")] {
      var options = SpecOptions()
      options.overrides = ["optimizer.learning_rate=\(value)"]
      let refused = Self.errors(text, options)
      let fixIt = try #require(refused.first?.fixIt, "\(refused)")
      #expect(fixIt == "--set 'sweep.parameters.optimizer.learning_rate=\(axis)'")
      options.overrides = ["sweep.parameters.optimizer.learning_rate=\(axis)"]
      #expect(Self.errors(text, options).isEmpty, "\(Self.errors(text, options))")
    }
  }

  /// W&B's q_log_uniform_values is the runner's log_uniform (tester AX): `q: 1` as
  /// `integer: true` on a real-number key, another `q` dropped.
  @Test func quantizedLogUniformValuesLoad() throws {
    let real = "regularization.l2: {distribution: q_log_uniform_values, min: 1, max: 100, q: 1}"
    #expect(
      try fixItLoads(Self.spec(real, method: "random"))
        == "regularization.l2: {log_uniform: [1, 100], integer: true}")
    let whole = "optimizer.batch_size: {distribution: q_log_uniform_values, min: 8, max: 64, q: 8}"
    #expect(
      try fixItLoads(Self.spec(whole, method: "random"))
        == "optimizer.batch_size: {log_uniform: [8, 64]}")
  }

  /// The errors a `--set` gives (a one-rung budget it sets, keys its method strands: tester AX
  /// F10, F13) have `--set` fix-its, which added to the command line make the spec load.
  @Test func setFixItsAddedToTheCommandLineLoad() throws {
    let text = """
      dataset: {generator: moons, split: {train: 0.8, dev: 0.2}}
      model: {type: logreg}
      optimizer: {type: adam, learning_rate: 0.01, epochs: 36}
      sweep:
        method: successive_halving
        budget: {min: 4, max: 36}
        eta: 3
        parameters:
          optimizer.learning_rate: [0.1, 0.01]

      """
    let cases = [
      ["sweep.budget.min=14", "sweep.budget.max=40", "optimizer.epochs=40"],
      ["sweep.budget.max=10", "optimizer.epochs=10"], ["sweep.method=grid"],
      ["sweep.budget={min: 14, max: 40}", "optimizer.epochs=40"],
      [
        "sweep={method: successive_halving, budget: {min: 14, max: 40}, eta: 3, "
          + "parameters: {optimizer.learning_rate: [0.01, 0.1]}}", "optimizer.epochs=40",
      ],
    ]
    for sets in cases {
      var options = SpecOptions()
      options.overrides = sets
      let refused = Self.errors(text, options)
      #expect(!refused.isEmpty, "\(sets)")
      for error in refused {
        let fixIt = try #require(error.commandLineFixIt.fixIt, "\(error)")
        #expect(fixIt.hasPrefix("--set '"), "\(error)")
        options.overrides += BadSpecCorpusTests.words(fixIt[...]).filter { $0 != "--set" }
      }
      #expect(Self.errors(text, options).isEmpty, "\(sets): \(Self.errors(text, options))")
    }
  }
}
