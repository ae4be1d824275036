/// `model:` family, solver, multiclass strategy, layers and initialization.
extension SpecDecoder {
  mutating func decodeModel(_ node: SpecNode, _ path: SpecPath) -> ModelSpec? {
    guard let m = typedSection(node, path) else { return nil }
    let all = Schema.children(of: "model")
    // Layers are an mlp's: a model with layers but no type means mlp, not the logreg example.
    let guess = m["layers"] == nil ? "logreg" : "mlp"
    let names = ModelFamily.allCases.map(\.rawValue)
    if reportsMisspeltType(m, path, allowed: all, names: names, guess: guess) { return nil }
    checkKeys(m, path, allowed: all)
    guard let kind = type(m, path, ModelFamily.self, what: "model type", fixIt: "type: \(guess)")
    else { return nil }
    var model = ModelSpec(
      definition: kind.defaultModel, initialization: .kind(kind.defaultInitializer))
    for key in ModelSpec.keys { key.read(&self, m, path, &model) }
    // An mlp whose layers could not be read is refused (its init is not read either).
    return kind == .mlp && model.layers.isEmpty ? nil : model
  }

  /// An mlp's `layers`: at least one, softmax on the output layer only.
  mutating func decodeLayers(_ m: SpecNode.Mapping, _ path: SpecPath) -> [LayerSpec]? {
    let example = "layers: [{units: 4, activation: relu}, {units: 1, activation: sigmoid}]"
    guard let layersNode = required(m, "layers", in: path, "an mlp needs 'layers'", fixIt: example)
    else { return nil }
    // A stray dash that split a layer in two (`- units: 8` then `- activation: relu`).
    reportSplitItems(
      layersNode.items ?? [], path.appending("layers"), required: ["units", "activation"],
      item: "layer")
    guard
      case let output = path.appending("layers").appending(
        index: (layersNode.items?.count ?? 0) - 1),
      let layers = list(
        layersNode, path.appending("layers"),
        { d, n, p in d.decodeLayer(n, p, output: p == output) })
    else { return nil }
    guard !layers.isEmpty else {
      return fail(layersNode.location, "model.layers must have at least one layer")
    }
    for (i, layer) in layers.enumerated().dropLast() where layer.activation == .softmax {
      crossField(
        layersNode.location(ofItem: i),
        "softmax is only allowed on the output (last) layer (layer \(i) of \(layers.count))")
    }
    return layers
  }

  /// One layer; the `output` (last) layer left without an activation gets the one the written
  /// loss takes as its fix-it.
  mutating func decodeLayer(_ node: SpecNode, _ path: SpecPath, output: Bool = false)
    -> LayerSpec?
  {
    // A layer written as its unit count (`layers: [8, 1]`): the example keeps the count.
    let count = if case .scalar(let s) = node, let n = ScalarSyntax.integer(s.text) { n } else { 8 }
    guard let m = mapping(node, path, example: "{units: \(count), activation: relu}")
    else { return nil }
    checkKeys(m, path, allowed: Schema.children(of: "model.layers[]"))
    let activations = "one of: " + ActivationKind.allCases.map(\.rawValue).joined(separator: ", ")
    // The output layer's units are the ones its loss and the data take (`outputUnits`).
    let advice = output ? outputUnits(m) : (note: nil as String?, fixIt: "units: 16")
    guard
      let unitsNode = required(
        m, "units", in: path, note: advice.note,
        fixIt: advice.fixIt.map { SpecLoader.unitsFixIt($0, at: m.location) }),
      let activationNode = required(
        m, "activation", in: path,
        note: output
          ? writtenLoss.map { "with \($0.rawValue): \($0.outputLayer.note)" } ?? activations
          : activations,
        fixIt: output
          ? writtenLoss.map { "activation: \($0.outputLayer.activation.rawValue)" } : nil)
    else { return nil }
    let units = integer(unitsNode, path.appending("units"), ModelSpec.unitsCheck)
    let activation = choice(
      activationNode, path.appending("activation"), ActivationKind.self, what: "activation")
    // A bad unit count still lets the layer's other keys be checked.
    guard let activation else { return nil }
    for entry in m.entries where !activation.parameters.contains(where: { $0.key == entry.key }) {
      let owners = ActivationKind.owners(of: entry.key)
      if !owners.isEmpty {
        inapplicable(entry.keyLocation, "\(entry.key) applies only to \(owners)")
      }
    }
    var layer = LayerSpec(
      units ?? 1, activation,
      settings(m, path, activation.parameters, base: activation.defaults(from: .init())))
    layer = settings(m, path, LayerSpec.parameters, base: layer)
    // `normalization`: a name, or `{type: batch_norm, momentum, eps}`.
    (layer.normalization, layer.normalizationSettings) = field(
      m, "normalization", in: path, default: (.none, .init())
    ) { d, n, p in
      d.declared(
        n, p, NormalizationKind.self, what: "normalization", base: .init(),
        fixIt: "type: batch_norm"
      ) { _, owners in "it applies only to \(owners)" }
    }
    return units == nil ? nil : layer
  }

  mutating func decodeInit(_ node: SpecNode, _ path: SpecPath, model: ModelFamily) -> InitSpec? {
    let kinds = InitializerKind.allCases.map(\.rawValue) + ["explicit"]
    guard let m = typedSection(node, path) else { return nil }
    checkKeys(m, path, allowed: Schema.children(of: "model.init"))
    if let from = m.entry("from") {
      for entry in m.entries where entry.key != "from" {
        // `--set model.init.from=DIR` keeps the file's other init keys (`init: xavier`).
        var note: String? = nil
        if case .override = from.keyLocation.source, case .file = entry.keyLocation.source {
          note =
            "--set \(path).from=… keeps the spec's other init keys; replace the whole init: "
            + "--set '\(path)={from: \(YAMLText.flow(from.value.value))}'"
        }
        crossField(
          entry.keyLocation,
          "'\(entry.key)' does not go with init.from (parameters come from the saved run)",
          note: note)
      }
      return optionalField(m, "from", in: path) { d, n, p in d.dataPath(n, p) }.map(InitSpec.from)
    }
    if m["type"] == nil, untyped(m, path, what: "init", owners: InitializerKind.owners) {
      return nil
    }
    let note = "one of: " + kinds.joined(separator: ", ") + ", or give `from: DIR`"
    guard let typeNode = required(m, "type", in: path, note: note),
      let name = name(
        typeNode, path.appending("type"), in: kinds, what: "initializer",
        expected: "an initializer name")
    else { return nil }
    let kind = InitializerKind(rawValue: name)
    let explicitKeys = model == .mlp ? ["layers"] : ["weights", "bias"]
    let allowed = ["type"] + (kind.map { $0.parameters.map(\.key) } ?? explicitKeys)
    for entry in m.entries
    where !allowed.contains(entry.key) && Schema.children(of: "model.init").contains(entry.key) {
      inapplicable(
        entry.keyLocation,
        "'\(entry.key)' does not apply to init '\(name)'\(model == .mlp && ["weights", "bias"].contains(entry.key) ? " for an mlp; give `layers: [{weights, bias}, ...]`" : "")"
      )
    }
    if let kind {
      return .declared(kind, settings(m, path, kind.parameters, base: kind.defaults(from: .init())))
    }
    guard model == .mlp else { return explicitLayer(m, path).map { .explicit([$0]) } }
    let missing = "explicit init of an mlp needs 'layers' (one {weights, bias} per layer)"
    guard let layersNode = required(m, "layers", in: path, missing) else { return nil }
    return list(layersNode, path.appending("layers")) { d, n, p -> ExplicitLayer? in
      guard let lm = d.mapping(n, p) else { return nil }
      d.checkKeys(lm, p, allowed: Schema.children(of: "model.init.layers[]"))
      return d.explicitLayer(lm, p)
    }.map(InitSpec.explicit)
  }

  /// `weights` (a list = one output column, or rows of a matrix) and `bias` (a number or a list).
  private mutating func explicitLayer(_ m: SpecNode.Mapping, _ path: SpecPath) -> ExplicitLayer? {
    guard let wNode = m["weights"], let bNode = m["bias"] else {
      return fail(m.location, "\(path) needs both 'weights' and 'bias'")
    }
    let (wPath, bPath) = (path.appending("weights"), path.appending("bias"))
    record(wPath, wNode)
    record(bPath, bNode)
    let weights =
      if case .sequence(let s) = wNode,
        s.items.allSatisfy({ if case .scalar = $0 { true } else { false } })
      {
        numbers(wNode, wPath, minCount: 1).map { $0.map { [$0] } }
      } else {
        list(wNode, wPath, { d, n, p in d.numbers(n, p, minCount: 1) })
      }
    let bias =
      if case .scalar = bNode {
        double(bNode, bPath).map { [$0] }
      } else {
        numbers(bNode, bPath, minCount: 1)
      }
    guard let weights, let bias else { return nil }
    guard !weights.isEmpty, weights.allSatisfy({ $0.count == weights[0].count }) else {
      return fail(wNode.location, "\(wPath) rows must all have the same length")
    }
    guard bias.count == weights[0].count else {
      return fail(
        bNode.location,
        "\(path).bias has \(bias.count) value\(bias.count == 1 ? "" : "s") but the weights have \(weights[0].count) output\(weights[0].count == 1 ? "" : "s")",
        note: "weights are (inputs × outputs): one row per input, one bias per output")
    }
    return ExplicitLayer(weights: weights, bias: bias)
  }
}
