/// Floating-point precision of the whole run, as specs name it (`dtype: float64`); the engine
/// trains in the matching `Scalar` (`Double` or `Float`).
public enum DType: String, Sendable, CaseIterable, Codable {
  case float64, float32
}
