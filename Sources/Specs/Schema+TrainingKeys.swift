/// The keys of `model:`, `loss:` and `optimizer:`.
extension Schema {
  /// `a | b | c`: the spec names of a closed set.
  static func choices<E: CaseIterable & RawRepresentable>(_: E.Type) -> String
  where E.RawValue == String {
    E.allCases.map(\.rawValue).joined(separator: " | ")
  }

  static let model = keys("model.", ModelSpec.keys, defaults: ExperimentSpec.unread(name: "").model)

  static let lossAndOptimizer: [SchemaKey] =
    declaredKeys(
      "loss.", LossKind.self, typeDefault: "see loss",
      typeMeaning: "The loss (`loss: mse` is short for `loss: {type: mse}`).")
    + keys("optimizer.", OptimizerSpec.keys, defaults: OptimizerSpec(kind: .gd, learningRate: 0.01))
}
