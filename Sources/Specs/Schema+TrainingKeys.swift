/// The keys of `model:`, `loss:` and `optimizer:`.
extension Schema {
  /// `a | b | c`: the spec names of a closed set.
  static func choices<E: CaseIterable & RawRepresentable>(_: E.Type) -> String
  where E.RawValue == String {
    E.allCases.map(\.rawValue).joined(separator: " | ")
  }

  static let model: [SchemaKey] =
    [
      k(
        "model.type", choices(ModelFamily.self), "required",
        "Linear regression, logistic regression or a multi-layer perceptron.", "type: mlp"),
      k(
        "model.solver", choices(LinearSolver.self), "gd",
        "linreg: fit by the optimizer, or exactly by least squares (L2 allowed, L1 not).",
        "solver: exact"),
      k(
        "model.multiclass", choices(Multiclass.self), "softmax",
        "logreg with more than two classes: multinomial, one-vs-rest or one-vs-one.",
        "multiclass: ovr"),
      k(
        "model.layers", "list of layers", "required for mlp",
        "mlp: the dense layers in order; the last is the output layer.",
        "layers: [{units: 4, activation: sigmoid}, {units: 1, activation: sigmoid}]"),
      k(
        "model.layers[].units", ModelSpec.unitsCheck.typeText(integer: true), "required",
        "Outputs of the layer.", "units: 1024"),
    ]
    + declaredKeys(
      "model.layers[].", ActivationKind.self, typeKey: "activation", typeDefault: "required",
      typeMeaning: "The layer's activation.", typeExample: "relu")
    + LayerSpec.parameters.map { parameterKey("model.layers[].", $0) } + [
      k(
        "model.layers[].normalization", "string or mapping", "none",
        "Hidden layers: normalize xW + b before the activation (each training mini-batch needs 2 rows or more).",
        "normalization: batch_norm")
    ]
    + declaredKeys(
      "model.layers[].normalization.", NormalizationKind.self, typeDefault: "none",
      typeMeaning: "The normalization.") + [
      k(
        "model.init", "string or mapping", "linreg, logreg: zeros; mlp: pytorch",
        "How parameters start: zeros, normal, uniform, pytorch, xavier, he, explicit, or {from: DIR}.",
        "init: he")
    ]
    + declaredKeys(
      "model.init.", InitializerKind.self, extraTypes: ["explicit"], typeDefault: "see model.init",
      typeMeaning: "The initializer (explicit: the given values below).") + [
      k(
        "model.init.layers", "list of {weights, bias}", "required for explicit mlp",
        "explicit: every layer's parameters; weights are (inputs, outputs).",
        "layers: [{weights: [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], bias: [0.1, 0.2, 0.3]}]"),
      k(
        "model.init.layers[].weights", "matrix (inputs × outputs)", "required",
        "The layer's weights.", "weights: [[0.5], [0.5]]"),
      k(
        "model.init.layers[].bias", "number or list", "required",
        "The layer's biases, one per output.", "bias: [-0.7]"),
      k(
        "model.init.weights", "list of numbers or matrix", "required for explicit linreg/logreg",
        "explicit, one-layer models: the weights (a list is one output).", "weights: [0.5, 0.5]"),
      k(
        "model.init.bias", "number or list", "required for explicit linreg/logreg",
        "explicit, one-layer models: the bias.", "bias: -0.7"),
      k(
        "model.init.from", "path", "none",
        "Start from parameters saved by an earlier run (its params/ directory).",
        "from: results/cat/params"),
    ]

  static let lossAndOptimizer: [SchemaKey] =
    declaredKeys(
      "loss.", LossKind.self, typeDefault: "see loss",
      typeMeaning: "The loss (`loss: mse` is short for `loss: {type: mse}`).")
    + keys("optimizer.", OptimizerSpec.keys, defaults: OptimizerSpec(kind: .gd, learningRate: 0.01))
}
