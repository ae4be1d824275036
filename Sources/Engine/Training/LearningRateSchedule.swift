#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// The learning rate as a function of the epoch `e` (0-based; full batch: one iteration is one
/// epoch), in closed form, matching PyTorch's schedulers stepped once per epoch.
extension LearningRateSchedule {
  /// `StepLR`: `lr·γ^⌊e / every⌋`.
  public static func step(every: Int, gamma: Double) -> Self {
    Self(.step) {
      $0.stepSize = every
      $0.gamma = gamma
    }
  }

  /// `ExponentialLR`: `lr·γ^e`.
  public static func exponential(gamma: Double) -> Self { Self(.exponential) { $0.gamma = gamma } }

  /// `CosineAnnealingLR`: `η_min + (lr − η_min)(1 + cos(π e / T))/2` for `e ≤ T`, periodic after.
  public static func cosine(period: Int, minimum: Double = 0) -> Self {
    Self(.cosine) {
      $0.tMax = period
      $0.etaMin = minimum
    }
  }

  /// The learning rate for epoch `epoch` from the initial rate `base`.
  public func rate(base: Double, epoch: Int) -> Double {
    let s = settings
    switch kind {
    case .constant:
      return base
    case .step:
      return base * pow(s.gamma, Double(epoch / max(s.stepSize, 1)))
    case .exponential:
      return base * pow(s.gamma, Double(epoch))
    case .cosine:
      let period = max(s.tMax, 1)
      let t = Double(epoch % (2 * period))
      return s.etaMin + (base - s.etaMin) * (1 + cos(Double.pi * t / Double(period))) / 2
    case .inverseTime:
      return base / (1 + s.decayRate * Double(epoch / max(s.stepSize, 1)))
    }
  }
}
