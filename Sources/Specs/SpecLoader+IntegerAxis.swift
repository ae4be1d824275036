extension SpecLoader {
  /// `d`, an error at the axis of `sweep` whose `integer: true` (written on a key of real
  /// values) rounded its bounds to other numbers, said of the rounding and located at
  /// `integer`: `[0.01, 0.1]` rounds to 0, which the key refuses, not a value the user wrote.
  static func saidOfRounding(_ d: Diagnostic, tree: SpecNode, sweep: SweepSpec) -> Diagnostic {
    guard d.severity == .error, let axis = sweep.axes.first(where: { $0.location == d.location }),
      !Schema.isIntegerKey(axis.path),
      case .mapping(let m)? = tree.child("sweep", "parameters", axis.path.description),
      let integer = m.entry("integer")
    else { return d }
    let bounds: (low: Double, high: Double)
    switch axis.domain {
    case .range(let low, let high, _, true), .uniform(let low, let high, _, true),
      .logUniform(let low, let high, _, true):
      bounds = (low, high)
    default: return d
    }
    let rounded = [bounds.low, bounds.high].map { $0.rounded() }
    guard rounded != [bounds.low, bounds.high] else { return d }
    let shown = Set(rounded).sorted().map { YAMLText.clean($0) }.joined(separator: " and ")
    var said = d
    said.location = integer.keyLocation
    said.message =
      "integer: true rounds the values of '\(axis.path)' to whole numbers, and "
      + "[\(YAMLText.clean(bounds.low)), \(YAMLText.clean(bounds.high))] rounds to \(shown): "
      + d.message
    said.note = "remove `integer: true`: '\(axis.path)' takes fractions"
    said.fixIt = nil
    return said
  }
}
