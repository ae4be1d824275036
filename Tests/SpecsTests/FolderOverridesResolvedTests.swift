import Testing

@testable import Specs

/// Two `--set` runs share a results folder only when their resolved specs are the same
/// (tester BC4): an override is left out of the folder name only when the spec resolves the
/// same without it, not when it equals the key's value under another optimizer.
@Suite struct FolderOverridesResolvedTests {
  /// docs/spec.md's smallest spec: gd, whose learning rate is 0.01.
  static let minimal = """
    dataset: {generator: moons, split: {train: 0.8, test: 0.2}}
    model: {type: logreg}

    """

  /// The spec with `optimizer: {type: <kind>}` when `kind` is given.
  static func spec(_ kind: OptimizerKind? = nil) -> String {
    minimal + (kind.map { "optimizer: {type: \($0.rawValue)}\n" } ?? "")
  }

  static func named(_ text: String, _ overrides: [String]) throws -> [String] {
    try SpecLoader.load(text: text, file: "min.yaml", options: SpecOptions(overrides: overrides))
      .folderOverrides(overrides)
  }

  /// The canonical resolved spec, as `runner explain` writes it.
  static func resolved(_ text: String, _ overrides: [String]) -> String? {
    LoadedSpec.canonicalTree(
      text: text, file: "min.yaml", overrides: overrides, limits: ReadLimits()
    ).map { SpecWriter.render($0, origins: nil) }
  }

  /// A number as a `--set` value: whole ones without `.0` (an integer key takes them).
  static func value(_ number: Double) -> String {
    number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
  }

  /// The tester's pair: default Adam and Adam at gd's 0.01 get two folders.
  @Test func adamAtGDsRateIsNamed() throws {
    let adam = ["optimizer.type=adam", "optimizer.batch_size=80"]
    let faster = ["optimizer.type=adam", "optimizer.learning_rate=0.01", "optimizer.batch_size=80"]
    #expect(
      try Self.named(Self.minimal, adam) == ["optimizer.type=adam", "optimizer.batch_size=80"])
    #expect(
      try Self.named(Self.minimal, faster)
        == ["optimizer.type=adam", "optimizer.learning_rate=0.01", "optimizer.batch_size=80"])
    #expect(Self.resolved(Self.minimal, adam) != Self.resolved(Self.minimal, faster))
  }

  /// A value the resolved spec holds anyway names nothing: Adam's own default after the switch,
  /// and the spec's own value as before.
  @Test func aValueTheSpecResolvesToAnywayNamesNothing() throws {
    let adam = try Self.named(Self.minimal, ["optimizer.type=adam"])
    #expect(adam == ["optimizer.type=adam"])
    #expect(
      try Self.named(Self.minimal, ["optimizer.type=adam", "optimizer.learning_rate=0.001"])
        == adam)
    #expect(
      try Self.named(Self.minimal, ["optimizer.learning_rate=0.001", "optimizer.type=adam"])
        == adam)
    #expect(try Self.named(Self.minimal, ["optimizer.learning_rate=0.01"]) == [])
    #expect(try Self.named(Self.minimal, ["optimizer.type=gd"]) == [])
    // Set, then switched away from and back: the folder of the spec it leaves.
    #expect(
      try Self.named(Self.minimal, ["optimizer.type=adam", "optimizer.type=gd"]) == [])
  }

  /// Every declared optimizer switched to from every other, each of its keys set to its own
  /// default and to the other's: the key is named exactly when the resolved spec differs from
  /// the switch alone.
  @Test func aKeyIsNamedExactlyWhenTheResolvedSpecDiffers() throws {
    var differing = 0
    for base in OptimizerKind.allCases {
      let text = Self.spec(base)
      for kind in OptimizerKind.allCases where kind != base {
        let switched = ["optimizer.type=\(kind.rawValue)"]
        let alone = try Self.named(text, switched)
        let keys =
          [("learning_rate", kind.defaultLearningRate, base.defaultLearningRate)]
          + kind.parameters.map { parameter in
            let other = base.parameters.first { $0.key == parameter.key }?.defaultValue
            return (parameter.key, parameter.defaultValue, other ?? parameter.example)
          }
        for (key, own, others) in keys {
          for number in [own, others] {
            let overrides = switched + ["optimizer.\(key)=\(Self.value(number))"]
            // (Another optimizer's value may be out of this one's range: refused, no folder.)
            guard let named = try? Self.named(text, overrides) else { continue }
            let differs = Self.resolved(text, overrides) != Self.resolved(text, switched)
            #expect(
              (named != alone) == differs, "\(base) → \(overrides): \(named) against \(alone)")
            #expect(
              named.contains { $0.hasPrefix("optimizer.\(key)=") } == differs,
              "\(base) → \(overrides): \(named)")
            if differs { differing += 1 }
          }
        }
      }
    }
    // The table holds keys whose defaults differ between optimizers.
    #expect(differing > 0)
  }
}
