#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// The learning rate as a function of the epoch `e` (0-based; full batch: one iteration is one
/// epoch), in closed form, matching PyTorch's schedulers stepped once per epoch.
public enum LearningRateSchedule: Sendable, Equatable {
  /// `lr`.
  case constant
  /// `StepLR`: `lr·γ^⌊e / every⌋`.
  case step(every: Int, gamma: Double)
  /// `ExponentialLR`: `lr·γ^e`.
  case exponential(gamma: Double)
  /// `CosineAnnealingLR`: `η_min + (lr − η_min)(1 + cos(π e / T))/2` for `e ≤ T`, periodic after.
  case cosine(period: Int, minimum: Double = 0)

  /// The learning rate for epoch `epoch` from the initial rate `base`.
  public func rate(base: Double, epoch: Int) -> Double {
    switch self {
    case .constant:
      return base
    case .step(let every, let gamma):
      return base * pow(gamma, Double(epoch / max(every, 1)))
    case .exponential(let gamma):
      return base * pow(gamma, Double(epoch))
    case .cosine(let period, let minimum):
      let t = Double(epoch % (2 * max(period, 1)))
      return minimum + (base - minimum) * (1 + cos(Double.pi * t / Double(max(period, 1)))) / 2
    }
  }
}
