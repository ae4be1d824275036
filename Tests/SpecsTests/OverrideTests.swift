import Testing

@testable import Specs

@Suite struct OverrideTests {
  let mlp = """
    dataset: {name: mnist}
    model:
      type: mlp
      layers:
        - {units: 64, activation: relu}
        - {units: 10, activation: softmax}
    loss: cross_entropy
    """

  @Test func overridesAreTypedLikeTheFile() throws {
    let loaded = try load(
      mlp, overrides: ["model.layers[0].units=128", "optimizer.learning_rate=0.5", "seed=9"]
    ).get()
    #expect(loaded.spec.model.layers[0].units == 128)
    #expect(loaded.spec.optimizer.learningRate == 0.5)
    #expect(loaded.spec.seed == 9)
    guard case .override(let location)? = loaded.sourceMap.origin(of: "model.layers[0].units")
    else {
      Issue.record("expected an override origin")
      return
    }
    #expect(location.description == "--set model.layers[0].units=128")
    #expect(location.column == 23)
  }

  /// A budget of 0 given with --set makes the file's optimizer keys change nothing: the fix-it
  /// removes them from the command line; a key the --set gave itself gets no such fix-it.
  @Test func aKeyMadeInertByAnOverrideIsRemovedFromTheCommandLine() throws {
    let text = mlp + "\noptimizer: {type: sgd, learning_rate: 0.1, epochs: 3}\n"
    guard case .failure(let error) = load(text, overrides: ["optimizer.epochs=0"]) else {
      Issue.record("a budget of 0 with a learning rate should be refused")
      return
    }
    let rate = error.diagnostics.first { $0.message.hasPrefix("optimizer.learning_rate") }
    #expect(rate?.fixIt == "--set '~optimizer.learning_rate'")
    guard
      case .failure(let own) = load(
        mlp, overrides: ["optimizer.epochs=0", "optimizer.learning_rate=0.1"])
    else {
      Issue.record("a budget of 0 with a learning rate should be refused")
      return
    }
    #expect(own.diagnostics.allSatisfy { $0.fixIt?.hasPrefix("--set '~") != true })
    // Without --set the note is as before.
    guard
      case .failure(let plain) = load(
        mlp + "\noptimizer: {type: sgd, learning_rate: 0.1, epochs: 0}\n")
    else {
      Issue.record("a budget of 0 with a learning rate should be refused")
      return
    }
    #expect(plain.diagnostics.allSatisfy { $0.fixIt?.hasPrefix("--set") != true })
  }

  /// A training part sized alone (`{train: 50}`) takes 50 rows drawn by the split's seed, or
  /// the first 50 with `shuffle: false`: neither key is refused as changing nothing.
  @Test func aSizedTrainingPartKeepsItsShuffleAndSeed() throws {
    let iris = "dataset: {name: iris}\nmodel: {type: logreg}\nloss: cross_entropy\n"
    for split in ["{train: 50, shuffle: false}", "{train: 50, seed: 5}"] {
      #expect(throws: Never.self) { try load(iris, overrides: ["dataset.split=\(split)"]).get() }
    }
    guard case .failure = load(iris, overrides: ["dataset.split={shuffle: false}"]) else {
      Issue.record("shuffle without a part to hold out or a sized training part changes nothing")
      return
    }
  }

  @Test func anOverrideOfASweptKeyIsRefusedWithTheAxisFixIts() throws {
    let text =
      mlp
      + "\nsweep: {parameters: {optimizer.learning_rate: [0.1, 0.01], regularization.l2: [0, 0.1]}}\n"
    guard
      case .failure(let error) = load(text, overrides: ["optimizer.learning_rate=0.5", "seed=3"])
    else {
      Issue.record("a --set of a swept key trains in no trial: refused")
      return
    }
    let refused = error.diagnostics.filter { $0.severity == .error }
    #expect(
      refused.map(\.message) == [
        "--set optimizer.learning_rate cannot take effect: the sweep sets it in every trial, so "
          + "no trial would train with it (and the folder would be named by it)"
      ])
    #expect(
      refused.first?.note
        == "set the axis to that value: --set 'sweep.parameters.optimizer.learning_rate=[0.5]', "
        + "or remove the axis: --set '~sweep.parameters.optimizer.learning_rate' --set "
        + "'optimizer.learning_rate=0.5'")
    // The fix-its load.
    for fix in [
      ["sweep.parameters.optimizer.learning_rate=[0.5]"],
      ["~sweep.parameters.optimizer.learning_rate", "optimizer.learning_rate=0.5"],
    ] {
      #expect(throws: Never.self) { try load(text, overrides: fix).get() }
    }
  }

  /// A value holding a quote is quoted in the fix-its as a shell reads it back.
  @Test func theAxisFixItsQuoteAValueHoldingAQuote() throws {
    let text =
      "dataset: {file: d.csv, target: y}\nmodel: {type: logreg}\n"
      + "sweep: {parameters: {dataset.target: [a, b], regularization.l2: [0, 0.1]}}\n"
    guard case .failure(let error) = load(text, overrides: ["dataset.target=it's"]) else {
      Issue.record("a --set of a swept key trains in no trial: refused")
      return
    }
    let note = error.diagnostics.first { $0.message.hasPrefix("--set dataset.target") }?.note
    #expect(
      note
        == #"set the axis to that value: --set 'sweep.parameters.dataset.target=[it'\''s]', or "#
        + #"remove the axis: --set '~sweep.parameters.dataset.target' --set "#
        + #"'dataset.target=it'\''s'"#)
  }

  /// An override replacing a whole mapping warns of the file's keys it leaves out, by the rule
  /// of a sweep axis: not of a key only other kinds take (`factor` is a circles key), nor of one
  /// a later override sets again.
  @Test func anOverrideReplacingAMappingWarnsOfTheKeysItLeavesOut() throws {
    let text =
      "dataset: {generator: {type: circles, samples: 80, factor: 0.5, noise: 0.1}}\n"
      + "model: {type: logreg}\noptimizer: {type: adam, learning_rate: 0.01, epochs: 5}\n"
    let overrides = [
      "dataset.generator={type: gates, samples: 8}", "optimizer={type: sgd}",
      "optimizer.epochs=5",
    ]
    let loaded = try load(text, overrides: overrides).get()
    #expect(
      loaded.warnings.map(\.message) == [
        "--set dataset.generator=… replaces the whole mapping: the spec's "
          + "dataset.generator.noise is left out",
        "--set optimizer=… replaces the whole mapping: the spec's optimizer.learning_rate is "
          + "left out",
      ])
  }

  @Test func anOverrideUnderSweepParametersNamesOneAxis() throws {
    let text = mlp + "\nsweep:\n  parameters:\n    seed: [1, 2]\n    model.layers[0].units: [4]\n"
    let overrides = ["sweep.parameters.model.layers[0].units=[8, 16]"]
    let loaded = try load(text, overrides: overrides).get()
    #expect(loaded.spec.sweep?.axes.map(\.path.description) == ["seed", "model.layers[0].units"])
    #expect(loaded.spec.sweep?.axes.last?.domain == .values([.integer(8), .integer(16)]))
    let axis = SpecPath([.key("sweep"), .key("parameters"), .key("model.layers[0].units")])
    guard case .override? = loaded.sourceMap.origin(of: axis) else {
      Issue.record("expected an override origin")
      return
    }
  }

  /// Split fractions that no longer sum to 1 after `--set dataset.split.test=0.6` are located
  /// at that override, not at the file's `split:`, whose own parts summed to 1.
  @Test func aSplitSumBrokenByAnOverrideIsLocatedThere() throws {
    let text = "dataset: {name: iris, split: {train: 0.8, test: 0.2}}\nmodel: {type: logreg}\n"
    guard case .failure(let error) = load(text, overrides: ["dataset.split.test=0.6"]),
      case .invalid(let diagnostics) = error
    else {
      Issue.record("expected the split to be refused")
      return
    }
    #expect(diagnostics.map(\.message) == ["dataset.split fractions must sum to 1 (got 1.4)"])
    #expect(diagnostics.first?.location?.description == "--set dataset.split.test=0.6")
  }

  @Test func overridesTakeYAMLValues() throws {
    let spec = try load(
      mlp,
      overrides: [
        "optimizer={type: adam, epochs: 3}", "metrics=[accuracy, f1_macro]",
        "loss.type=cross_entropy",
        "model.layers[2]={units: 10, activation: softmax}",
        "model.layers[1]={units: 32, activation: tanh}",
      ]
    ).get().spec
    #expect(spec.optimizer.kind == .adam)
    #expect(spec.optimizer.budget == .epochs(3))
    #expect(spec.metrics == [.accuracy, .f1Macro])
    #expect(spec.model.layers.map(\.units) == [64, 32, 10])
  }

  @Test func shorthandScalarsExtendToMappings() throws {
    let spec = try load(
      "dataset: {name: diabetes}\nmodel: {type: linreg}\nloss: mse",
      overrides: ["loss.type=huber", "loss.delta=2"]
    ).get().spec
    #expect(spec.loss == LossSpec(.huber) { $0.delta = 2 })
  }

  @Test func preprocessingStepsAreReplacedByIndex() throws {
    let text = """
      dataset:
        name: catvnoncat
        preprocessing: [flatten, {scale: 1/255}]
      model: {type: logreg}
      """
    let spec = try load(
      text,
      overrides: ["dataset.preprocessing[1].scale=0.5", "dataset.preprocessing[0].polynomial=2"]
    ).get().spec
    #expect(spec.dataset.preprocessing == [.polynomial(degree: 2), .scale(0.5)])
  }

  @Test func anAbsentListCanBeStartedAtIndexZero() throws {
    let spec = try load(minimalSpec, overrides: ["dataset.preprocessing[0]=standardize"]).get().spec
    #expect(spec.dataset.preprocessing == [.standardize])
  }

  @Test func badOverridesNameTheOverride() {
    #expect(
      failure(mlp, overrides: ["model.layers[0].units=zero"]) == """
        --set model.layers[0].units=zero: error: model.layers[0].units must be a whole number (got 'zero')
          --set | model.layers[0].units=zero
                |                       ^

        """)
    #expect(
      failure(mlp, overrides: ["model.layers[0].units=[1"]).hasPrefix(
        "--set model.layers[0].units=[1: error: model.layers[0].units: invalid YAML"))
    #expect(
      failure(mlp, overrides: ["model.layers.units=3"]) == """
        --set model.layers.units=3: error: model.layers is a list; use an index like model.layers[0]
          --set | model.layers.units=3
                | ^

        """)
  }

  /// A note about a value given by `--set` names the override, not line 1 of the file.
  @Test func aNoteOnAnOverriddenValueNamesTheOverride() {
    let text = "dataset: {name: iris}\nmodel: {type: logreg}\noptimizer:\n  iterations: 20\n"
    #expect(
      failure(text, overrides: ["optimizer.epochs=10"]) == """
        spec.yaml:4:3: error: give either epochs or iterations, not both
          4 |   iterations: 20
            |   ^
        note: epochs is given by --set optimizer.epochs=10

        """)
    #expect(
      failure("dataset: {name: iris}\nmodel: {type: logreg}\noptimizer:\n  epochs: 5\n")
        == "<loaded>")
    #expect(
      failure(
        "dataset: {name: iris}\nmodel: {type: logreg}\noptimizer:\n  epochs: 5\n  iterations: 3\n"
      ).contains("note: epochs is given at line 4"))
  }

  /// An unknown key set by `--set` is pointed at in the override's text, not at its start.
  @Test func anUnknownOverriddenKeyIsPointedAtInTheOverride() {
    #expect(
      failure(mlp, overrides: ["optimizer.learnig_rate=0.01"]) == """
        --set optimizer.learnig_rate=0.01: error: unknown key 'learnig_rate' in optimizer; did you mean 'learning_rate'?
          --set | optimizer.learnig_rate=0.01
                |           ^

        """)
  }

  @Test func malformedOverrideIsAUsageError() {
    for argument in ["learning_rate", "=3", "a..b=1", "a[x]=1"] {
      switch load(minimalSpec, overrides: [argument]) {
      case .success: Issue.record("\(argument) accepted")
      case .failure(let error): #expect(error.exitCode == 64, "\(argument)")
      }
    }
  }

  @Test func pathsParseAndPrint() throws {
    let path = try SpecPath.parse("model.layers[10].units")
    #expect(path.components == [.key("model"), .key("layers"), .index(10), .key("units")])
    #expect(path.description == "model.layers[10].units")
    #expect(path.schemaPattern == "model.layers[].units")
    #expect(throws: SpecPath.ParseError.self) { try SpecPath.parse("model.") }
    #expect(throws: SpecPath.ParseError.self) { try SpecPath.parse("[0]") }
  }
}

/// Setting any resolved value to itself with `--set` changes nothing: overrides are typed
/// exactly like the file, for every leaf of every example spec.
@Suite struct OverrideIdentityTests {
  @Test(arguments: experimentSpecs())
  func everyLeafCanBeSetToItself(_ file: String) throws {
    let loaded = try SpecLoader.load(file: file.relativeToRoot)
    var leaves: [(SpecPath, String)] = []
    func collect(_ node: CanonicalNode) {
      switch node {
      case .scalar(let text, let p): leaves.append((p, text))
      case .list(let items, let p, let flow):
        if flow { leaves.append((p, node.flowText)) } else { for item in items { collect(item) } }
      case .mapping(let entries, _): for entry in entries { collect(entry.node) }
      case .unwritten: break  // a default left out of the text: no leaf to set
      }
    }
    var withoutSweep = loaded.spec
    withoutSweep.sweep = nil  // sweep axes are rendered as text, not as leaves
    collect(SpecWriter.tree(withoutSweep))
    #expect(leaves.count > 10)
    // A swept key's `--set` is refused (no trial would take it; OverrideTests).
    let swept = Set((loaded.spec.sweep?.axes ?? []).map(\.path))
    for (path, text) in leaves where path.components.first != .key("sweep") && !swept.contains(path)
    {
      // A bare preprocessing step (`- flatten`) is set as the whole list item.
      let parent = SpecPath(Array(path.components.dropLast()))
      let leaf =
        parent.schemaPattern == "dataset.preprocessing[]" && path.lastKey == text ? parent : path
      let again = try SpecLoader.load(
        file: file.relativeToRoot, options: SpecOptions(overrides: ["\(leaf)=\(text)"]))
      #expect(again.spec == loaded.spec, "--set \(leaf)=\(text)")
    }
  }
}

/// `--set '~key.path'` removes a key or list item, as Hydra's `~key` does: how a key that stops
/// applying goes away with the `--set` of the type that made it apply.
@Suite struct OverrideRemovalTests {
  let spec = """
    dataset:
      generator: moons
      split: {train: 0.8, test: 0.2}
      preprocessing: [standardize, {polynomial: 2}]
    model: {type: logreg}
    optimizer: {type: adam, learning_rate: 0.01, epochs: 5, batch_size: 16}
    """

  /// The diagnostics of loading `spec` with `overrides` (none when it loads).
  func errors(_ overrides: [String]) -> [Diagnostic] {
    guard case .failure(let error) = load(spec, overrides: overrides) else { return [] }
    return error.diagnostics
  }

  @Test func aTypeChangeNamesTheRemovalThatCompletesIt() throws {
    let error = try #require(
      errors(["optimizer.type=gd"]).first { $0.message.hasPrefix("'batch_size' is not allowed") })
    #expect(
      error.note
        == "optimizer.type was set by `--set optimizer.type=gd`; remove the key too with `--set '~optimizer.batch_size'`"
    )
    let fixed = try load(spec, overrides: ["optimizer.type=gd", "~optimizer.batch_size"]).get()
    #expect(fixed.spec.optimizer.kind == .gd && fixed.spec.optimizer.batchSize == nil)
  }

  @Test func aListItemAndASplitPartAreRemoved() throws {
    let loaded = try load(
      spec, overrides: ["~dataset.preprocessing[0]", "~dataset.split.train"]
    ).get()
    #expect(loaded.spec.dataset.preprocessing == [.polynomial(degree: 2)])
    #expect(loaded.spec.dataset.split.train == .rest)
  }

  @Test func removingWhatIsNotThereIsAnError() {
    let found = errors(["~optimizer.momentum", "~dataset.preprocessing[5]", "~seed.x"])
    #expect(
      found.map(\.message) == [
        "optimizer.momentum is not in the spec, so there is nothing to remove",
        "dataset.preprocessing[5] is not in the spec, so there is nothing to remove",
        "seed is not in the spec, so there is nothing to remove",
      ])
    #expect(found.first?.location?.description == "--set ~optimizer.momentum")
  }

  /// A YAML error in an override's value keeps its note (quote a key path inside `{ }`).
  @Test func anOverridesYAMLErrorKeepsItsNote() {
    let found = errors(["report.validation_curve={parameter: model.layers[0].units, values: [2]}"])
    #expect(found.first?.note?.hasPrefix("inside { } or [ ], a value cannot hold '['") == true)
  }

  @Test func aRemovalTakesNoValue() throws {
    #expect(throws: Override.SyntaxError.self) { try Override(parsing: "~seed=3") }
    let removal = try Override(parsing: "~optimizer.batch_size")
    #expect(removal.removes && removal.folderText == "~optimizer.batch_size")
    #expect(try Override(parsing: "seed=3").folderText == "seed=3")
  }

  /// A sweep axis a --set replaced is checked at the --set, once: its bad value was reported at
  /// the file's axis, and again at each other axis ("the key the rule checks is at line 1").
  @Test func aSweepAxisSetOnTheCommandLineIsCheckedThere() throws {
    let text = """
      dataset: {generator: {type: moons, samples: 100}, split: {train: 0.8, test: 0.2}}
      model:
        type: mlp
        layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]
      loss: binary_cross_entropy
      sweep:
        parameters:
          optimizer.learning_rate: [0.001, 0.01]
          model.layers[0].units: [8, 16]
      """
    guard
      case .failure(let error) = load(
        text, overrides: ["sweep.parameters.optimizer.learning_rate=[0, 0.1]"])
    else {
      Issue.record("a learning rate of 0 should be refused")
      return
    }
    let errors = error.diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1, "\(errors)")
    #expect(
      errors.first?.location?.description
        == "--set sweep.parameters.optimizer.learning_rate=[0, 0.1]")
  }

  /// A problem made by a `--set ~key` removal names the removal, not the file's line of the
  /// key removed; a value that starts a YAML comment is said to be empty.
  @Test func aRemovalAndACommentValueAreNamedAsTheCommandLineGaveThem() throws {
    let text = "dataset: {name: iris}\nmodel: {type: logreg}\noptimizer: {type: sgd}\n"
    guard case .failure(let removed) = load(text, overrides: ["~model.type"]) else {
      Issue.record("a model without a type should be refused")
      return
    }
    let missing = removed.diagnostics.first { $0.message == "model has no 'type'" }
    #expect(missing?.location?.description == "--set ~model.type", "\(removed.diagnostics)")
    guard case .failure(let comment) = load(text, overrides: ["seed=#x"]) else {
      Issue.record("seed=#x should be refused")
      return
    }
    #expect(
      comment.diagnostics.map(\.message) == ["seed has no value: '#' starts a YAML comment"])
    #expect(comment.diagnostics.first?.note == "quote the value: --set 'seed=\"#x\"'")
  }
}
