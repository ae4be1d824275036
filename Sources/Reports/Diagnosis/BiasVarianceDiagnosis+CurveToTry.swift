/// The validation curve a remedy asks for, written as it pastes under `report:`.
extension BiasVarianceDiagnosis {
  /// "`validation_curve: {parameter: 'model.layers[0].dropout', values: [0.1, 0.2]}` under
  /// `report`": a key path holding `[` is quoted, which a flow mapping cannot hold unquoted.
  static func curveToTry(_ key: String, values: [String]) -> String {
    let parameter = key.contains("[") ? "'\(key)'" : key
    return "`validation_curve: {parameter: \(parameter), values: "
      + "[\(values.joined(separator: ", "))]}` under `report`"
  }
}
