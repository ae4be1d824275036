/// Floating-point precision of the whole run, as specs name it (`dtype: float64`); the engine
/// trains in the matching `Scalar` (`Double` or `Float`).
public enum DType: String, Sendable, CaseIterable, Codable {
  case float64, float32
}

extension DType {
  /// The smallest positive value and the largest finite one the type holds, as text.
  public var limits: (smallest: String, largest: String) {
    switch self {
    case .float32: ("\(Float.leastNonzeroMagnitude)", "\(Float.greatestFiniteMagnitude)")
    case .float64: ("\(Double.leastNonzeroMagnitude)", "\(Double.greatestFiniteMagnitude)")
    }
  }

  /// `value` as the type holds it (0 or infinity beyond its range).
  public func held(_ value: Double) -> Double {
    self == .float32 ? Double(Float(value)) : value
  }
}
