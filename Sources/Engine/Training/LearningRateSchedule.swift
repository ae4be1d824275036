/// The schedules by their torch names (the rate itself, `rate(base:epoch:)`, is declared with
/// the schedules in Vocabulary, where the spec's checks read it too).
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
}
