import Testing

@testable import Specs

/// `--set` overrides name a results folder by the spec they resolve to (tester AB9): one equal
/// to the spec's own value names nothing, the same value written another way names the same
/// folder, and a key set twice is named once, by the value it is left with.
@Suite struct FolderOverridesTests {
  static let text = """
    name: m
    seed: 1
    dataset: {generator: {type: moons, samples: 200, noise: 0.2}}
    model:
      type: mlp
      layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]
    optimizer: {type: adam, learning_rate: 0.02, epochs: 20}

    """

  static func named(_ overrides: [String]) throws -> [String] {
    try SpecLoader.load(text: text, file: "m.yaml", options: SpecOptions(overrides: overrides))
      .folderOverrides(overrides)
  }

  @Test func theSpecsOwnValueNamesNothing() throws {
    #expect(try Self.named([]) == [])
    #expect(try Self.named(["optimizer.learning_rate=0.02"]) == [])
    #expect(try Self.named(["optimizer.learning_rate=0.020"]) == [])
    #expect(try Self.named(["optimizer.learning_rate=2e-2", "seed=1"]) == [])
    // A default written out is the spec's own value too.
    #expect(try Self.named(["optimizer.beta1=0.9"]) == [])
    #expect(try Self.named(["optimizer.learning_rate=2e-2", "seed=3"]) == ["seed=3"])
    // `output` names the folder outright, the spec's own output too.
    #expect(
      try Self.named(["output=m", "optimizer.learning_rate=0.1"])
        == ["output=m", "optimizer.learning_rate=0.1"])
  }

  @Test func aValueIsNamedAsTheResolvedSpecWritesIt() throws {
    #expect(try Self.named(["optimizer.learning_rate=0.10"]) == ["optimizer.learning_rate=0.1"])
    #expect(try Self.named(["optimizer.learning_rate=1e-1"]) == ["optimizer.learning_rate=0.1"])
    #expect(try Self.named(["optimizer.epochs=030"]) == ["optimizer.epochs=30"])
    // Set twice: named once, by the value it is left with.
    #expect(try Self.named(["seed=2", "seed=3"]) == ["seed=3"])
    #expect(try Self.named(["seed=3", "seed=1"]) == [])
  }

  /// A real number is named by its value alone: whole ones below a million without `.0`, the
  /// usual range as written, very small or large ones with an exponent.
  @Test func realNumbersAreNamedByTheirValue() throws {
    let cases: [(String, String?)] = [
      ("0.02", "0.02"), ("2.0", "2"), ("0.0", "0"), ("-3.0", "-3"), ("123456.5", "123456.5"),
      ("1000000000.0", "1e9"), ("1500000000.0", "1.5e9"), ("1e-05", "1e-5"),
      ("1.25e-07", "1.25e-7"), ("-1e+16", "-1e16"), ("0.0001", "0.0001"), ("20", nil),
      ("relu", nil),
    ]
    for (canonical, named) in cases {
      #expect(LoadedSpec.folderNumber(canonical) == named, "\(canonical)")
    }
    #expect(try Self.named(["optimizer.learning_rate=1e9"]) == ["optimizer.learning_rate=1e9"])
    #expect(
      try Self.named(["optimizer.learning_rate=0.00001"]) == ["optimizer.learning_rate=1e-5"])
    #expect(try Self.named(["optimizer.learning_rate=1"]) == ["optimizer.learning_rate=1"])
  }

  /// An override around or inside another keeps both as given: without the inner one the
  /// outer would leave another value there (`optimizer={type: sgd}` resets the learning rate).
  @Test func entangledOverridesAndListsAreNamedAsGiven() throws {
    #expect(
      try Self.named(["optimizer={type: sgd, epochs: 20}", "optimizer.learning_rate=0.02"])
        == ["optimizer={type: sgd, epochs: 20}", "optimizer.learning_rate=0.02"])
    #expect(
      try Self.named([
        "model.layers=[{units: 4, activation: relu}, {units: 1, activation: sigmoid}]"
      ])
        == ["model.layers=[{units: 4, activation: relu}, {units: 1, activation: sigmoid}]"])
    // A list item removed is named as given, twice when removed twice.
    let layers = "model.layers=[{units: 4}, {units: 4}, {units: 1, activation: sigmoid}]"
    #expect(
      try Self.named([layers, "~model.layers[0]", "~model.layers[0]"])
        == [layers, "~model.layers[0]", "~model.layers[0]"])
  }
}
