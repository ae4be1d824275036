import Conventions

extension ModelSpec {
  /// The keys of `model:`, in the canonical spec's order. `type` is read first, by `decodeModel`:
  /// the family decides which of `solver`, `multiclass` and `layers` apply.
  static let keys: [SpecKey<ModelSpec>] = [
    .custom(
      "type", Schema.choices(ModelFamily.self), default: "required",
      ModelSpec.familiesInWords, example: "mlp",
      read: { _, _, _, _ in }, write: { b, m in b.add("type", m.kind.rawValue) }),
    only(
      .linreg,
      .choice(
        "solver", \.solver, what: "solver",
        "linreg: fit by the optimizer, or exactly by least squares (L2 allowed, L1 not). "
          + "The exact solve refuses a singular design, where a feature is (nearly) a linear "
          + "combination of the ones before it (1 − R² ≤ 1e-12, whatever the units): a constant "
          + "or duplicated column, or fewer training rows than unknowns, whose weights are not "
          + "determined; remove the column, add `regularization.l2`, or fit by `gd`.",
        example: "exact")),
    only(
      .logreg,
      .choice(
        "multiclass", \.multiclass, what: "multiclass strategy",
        "logreg with more than two classes: multinomial, one-vs-rest or one-vs-one.",
        example: "ovr")),
    only(
      .mlp,
      .custom(
        "layers", "list of layers", default: "required for mlp",
        "mlp: the dense layers in order; the last is the output layer.",
        example: "[{units: 4, activation: sigmoid}, {units: 1, activation: sigmoid}]",
        more: [
          Schema.k(
            "layers[].units", unitsCheck.typeText(integer: true), "required",
            "Outputs of the layer.",
            "units: 1024")
        ]
          + Schema.declaredKeys(
            "layers[].", ActivationKind.self, typeKey: "activation", typeDefault: "required",
            typeMeaning: "The layer's activation.", typeExample: "relu")
          + LayerSpec.parameters.map { Schema.parameterKey("layers[].", $0) } + [
            Schema.k(
              "layers[].normalization", "string or mapping", "none",
              "Hidden layers: normalize xW + b before the activation (each training mini-batch needs 2 rows or more).",
              "normalization: batch_norm")
          ]
          + Schema.declaredKeys(
            "layers[].normalization.", NormalizationKind.self, typeDefault: "none",
            typeMeaning: "The normalization."),
        read: { d, m, path, model in
          if let layers = d.decodeLayers(m, path) { model.definition = .mlp(layers: layers) }
        },
        write: { b, m in
          b.add("layers", items: m.layers) { l, layer in
            l.add("units", int: layer.units)
            l.add("activation", layer.activation.rawValue)
            l.add(layer.activation.parameters, layer.settings)
            // Written when set, so specs without them keep their canonical text; their
            // defaults still apply (a sweep records a swept `dropout: 0`).
            if layer.dropout != 0 {
              l.add("dropout", number: layer.dropout)
            } else {
              l.addUnwritten("dropout", YAMLText.number(layer.dropout))
            }
            if layer.normalization != .none {
              l.add("normalization") {
                $0.add(type: layer.normalization, layer.normalizationSettings)
              }
            } else {
              l.addUnwritten("normalization", layer.normalization.rawValue)
            }
          }
        }
      )),
    .custom(
      "init", "string or mapping", default: ModelFamily.defaults(\.defaultInitializer.rawValue),
      "How parameters start: "
        + (InitializerKind.allCases.map(\.rawValue) + ["explicit"]).joined(separator: ", ")
        + ", or {from: DIR}.",
      example: "he",
      more: Schema.declaredKeys(
        "init.", InitializerKind.self, extraTypes: ["explicit"], typeDefault: "see model.init",
        typeMeaning: "The initializer (explicit: the given values below).") + [
          Schema.k(
            "init.layers", "list of {weights, bias}", "required for explicit mlp",
            "explicit: every layer's parameters; weights are (inputs, outputs).",
            "layers: [{weights: [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], bias: [0.1, 0.2, 0.3]}]"),
          Schema.k(
            "init.layers[].weights", "matrix (inputs × outputs)", "required",
            "The layer's weights.", "weights: [[0.5], [0.5]]"),
          Schema.k(
            "init.layers[].bias", "number or list", "required",
            "The layer's biases, one per output.", "bias: [-0.7]"),
          Schema.k(
            "init.weights", "list of numbers or matrix", "required for explicit one-layer models",
            "explicit, one-layer models: the weights (a list is one output). A softmax logreg "
              + "takes one column per class; a logreg with `multiclass: ovr` or `ovo` one column, "
              + "the start of every binary model, or one column per binary model (scikit-learn's "
              + "`coef_` transposed): k for ovr (class 0 vs rest, class 1 vs rest, …), k(k−1)/2 "
              + "for ovo, in the order of the pairs (0, 1), (0, 2), …, (1, 2), … (as `params/` "
              + "names them). Two classes train one binary model: one column.",
            "weights: [0.5, 0.5]"),
          Schema.k(
            "init.bias", "number or list", "required for explicit one-layer models",
            "explicit, one-layer models: the bias, one value per column of the weights (a "
              + "number is one).", "bias: -0.7"),
          Schema.k(
            "init.from", "path", "none",
            "Start from parameters saved by an earlier run (its folder or its params/ directory). A relative path is found from the current directory, else from the spec's folder (for a run's spec.resolved.yaml, the folder of the spec the run was made from, as its data files); when both hold it, `validate` and `run` warn at the key, naming both (write an absolute path or remove one), and data_files.csv names the folder used from the spec's folder. Saved shapes that do not fit the model (after preprocessing) are refused before training, and so, as by torch's `load_state_dict(strict=True)`, is a folder missing an array the model has (a batch-normalized layer's four `bn_` arrays included) or holding a `.npy` it has no place for. A one-vs-rest or one-vs-one run's folder starts each binary model of a logreg with the same `multiclass`, classes and features from its own arrays; for any other model, or other classes, it is refused.",
            "from: results/cat"),
        ],
      read: { d, m, path, model in
        // An mlp's init is checked against its layers: not read without them.
        guard model.kind != .mlp || !model.layers.isEmpty else { return }
        model.initialization = d.field(m, "init", in: path, default: model.initialization) {
          d, n, p in d.decodeInit(n, p, model: model.kind)
        }
      },
      write: { b, m in
        b.add("init") { i in
          switch m.initialization {
          case .from(let dir): i.add("from", string: dir)
          case .declared(let kind, let settings): i.add(type: kind, settings)
          case .explicit(let layers):
            i.add("type", "explicit")
            func write(_ l: inout CanonicalBuilder, _ layer: ExplicitLayer) {
              l.add("weights", matrix: layer.weights)
              l.add("bias", numbers: layer.bias)
            }
            if m.kind == .mlp {
              i.add("layers", items: layers, write)
            } else if let layer = layers.first {
              write(&i, layer)
            }
          }
        }
      }),
  ]

  /// `key` of `family`'s models only: refused for the others, saying whose key it is.
  private static func only(_ family: ModelFamily, _ key: SpecKey<ModelSpec>) -> SpecKey<ModelSpec> {
    key.when(
      { $0.kind == family },
      refusal: { _, model in
        "'\(key.name)' does not apply to \(model.kind.rawValue) (it is for \(family.rawValue))"
      })
  }
}

extension ModelSpec {
  /// `Linear regression, logistic regression or a multi-layer perceptron.`: each family's
  /// summary, as `model.type`'s meaning.
  static var familiesInWords: String {
    let listed = ModelFamily.allCases.map(\.summary).listed(.or)
    return listed.prefix(1).uppercased() + listed.dropFirst() + "."
  }
}
