import Conventions
import Testing

@testable import Specs

/// Tester BD F-a: `runner sweep spec.yaml --set optimizer.learning_rate=0.1`, the sweep's only
/// axis, was refused with the advice to remove the axis, which leaves a sweep without axes.
/// The advice now gives the command that trains that one value: each fix-it is applied here.
@Suite struct OnlyAxisOverrideTests {
  let spec = """
    dataset: {generator: moons, split: {train: 0.8, dev: 0.2}}
    model: {type: logreg}
    optimizer: {type: adam, learning_rate: 0.01, epochs: 5}
    sweep:
      parameters:
        optimizer.learning_rate: [0.003, 0.01, 0.03]

    """

  /// The words of a command line as a POSIX shell splits them (single quotes only).
  static func words(_ line: Substring) -> [String] {
    var words: [String] = []
    var word = ""
    var quoted = false
    var started = false
    for c in line {
      if c == "'" {
        quoted.toggle()
        started = true
      } else if c == " " && !quoted {
        if started { words.append(word) }
        (word, started) = ("", false)
      } else {
        word.append(c)
        started = true
      }
    }
    if started { words.append(word) }
    return words
  }

  /// The `--set` values of the `runner run` command at the end of `note`, after checking it
  /// runs `file`.
  static func runOverrides(_ note: String, file: String) -> [String]? {
    guard let start = note.range(of: Invocation.commandLine(["run"])) else { return nil }
    let words = Self.words(note[start.lowerBound...])
    let run = Self.words(Invocation.commandLine(["run", file])[...])
    guard Array(words.prefix(run.count)) == run else { return nil }
    let rest = Array(words.dropFirst(run.count))
    guard rest.count.isMultiple(of: 2) else { return nil }
    return stride(from: 0, to: rest.count, by: 2).compactMap {
      rest[$0] == "--set" ? rest[$0 + 1] : nil
    }
  }

  /// The note of the refusal of `overrides` on the spec.
  func note(_ overrides: [String]) throws -> String {
    guard case .failure(let error) = load(spec, file: "exp/s.yaml", overrides: overrides) else {
      Issue.record("a --set of the swept key is refused")
      return ""
    }
    return try #require(error.diagnostics.first { $0.severity == .error }?.note)
  }

  @Test func theOnlyAxisSetIsAdvisedAsARunOfThatValue() throws {
    let note = try note(["seed=4", "optimizer.learning_rate=0.1"])
    let run = Invocation.commandLine([
      "run", "exp/s.yaml", "--set", "~sweep", "--set", "seed=4", "--set",
      "optimizer.learning_rate=0.1",
    ])
    let expected: String =
      "set the axis to that value: --set 'sweep.parameters.optimizer.learning_rate=[0.1]', "
      + "or, as it is the sweep's only axis, run that value without a sweep: " + run
    #expect(note == expected)
    let overrides = try #require(Self.runOverrides(note, file: "exp/s.yaml"))
    let loaded = try load(spec, file: "exp/s.yaml", overrides: overrides).get()
    #expect(loaded.spec.sweep == nil)
    #expect(loaded.spec.optimizer.learningRate == 0.1)
    #expect(loaded.spec.seed == 4)
    // The other fix-it: a sweep of that one value.
    let one = try load(
      spec, overrides: ["sweep.parameters.optimizer.learning_rate=[0.1]"]
    ).get()
    #expect(one.spec.sweep?.axes.count == 1)
  }

  /// The advice before: the axis removed, which leaves a sweep with no axis (refused).
  @Test func removingTheOnlyAxisLeavesNoSweepToRun() {
    guard
      case .failure = load(
        spec,
        overrides: ["~sweep.parameters.optimizer.learning_rate", "optimizer.learning_rate=0.1"])
    else {
      Issue.record("a sweep without axes is refused")
      return
    }
  }

  @Test func theOnlyAxisRemovedIsAdvisedAsARunWithoutTheSweep() throws {
    let note = try note(["~optimizer.learning_rate"])
    let overrides = try #require(Self.runOverrides(note, file: "exp/s.yaml"))
    #expect(overrides == ["~sweep", "~optimizer.learning_rate"])
    let loaded = try load(spec, file: "exp/s.yaml", overrides: overrides).get()
    #expect(loaded.spec.sweep == nil)
  }
}
