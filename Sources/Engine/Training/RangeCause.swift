/// Why an exact least-squares solution is beyond its dtype's range, and what brings it in.
public enum RangeCause: Sendable, Equatable {
  /// The training loss (the targets' squared errors) overflows the dtype.
  case lossTooLarge
  /// The weights overflow the dtype: the features are too small beside the targets.
  case weightsTooLarge
  /// The training loss is below the dtype's normal numbers (squared errors of targets near
  /// 1e-160 underflow): neither it nor R² can be computed, and 0 would read as a perfect fit.
  case lossTooSmall

  /// The reason and the remedy, for the training loss `loss` (float64) in `dtype`.
  func described(loss: Double, dtype: DType) -> String {
    let shown = loss.isNaN ? "nan" : "\(loss)"
    // float32 is refused only where float64 holds the loss: float64 is the remedy.
    let wider = dtype == .float32 && loss.isFinite && loss >= Double.leastNormalMagnitude
    switch self {
    case .lossTooLarge:
      return "the solution's training loss \(shown) is beyond \(dtype.rawValue)'s range "
        + "(the targets are too large to square in \(dtype.rawValue): "
        + (wider ? "use `dtype: float64`, or scale the targets down)" : "scale the targets down)")
    case .weightsTooLarge:
      return "the solution's weights are beyond \(dtype.rawValue)'s range (the features are "
        + "too small for \(dtype.rawValue) beside the targets: add `- standardize` to "
        + "dataset.preprocessing)"
    case .lossTooSmall:
      return "the solution's training loss \(shown) is below \(dtype.rawValue)'s normal "
        + "numbers (the targets are too small: their squared errors underflow, so the loss and "
        + "R² cannot be computed; "
        + (wider ? "use `dtype: float64`, or scale the targets up)" : "scale the targets up)")
    }
  }
}
