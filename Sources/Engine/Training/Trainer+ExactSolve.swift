extension Trainer {
  /// Refuses `train` as a run of `configuration` would when its model is solved exactly
  /// (collinear or constant features, fewer rows than unknowns, a solution beyond the dtype's
  /// range): by the run's own solve, so `runner validate` and `runner run` refuse the same data
  /// in the same words. Does nothing for a model that trains by steps.
  public static func checkExactSolve<T: Scalar>(
    _ configuration: TrainingConfiguration, train: Examples<T>
  ) throws(TrainingError) {
    guard case .linearRegression(.exact) = configuration.model else { return }
    _ = try Self.train(configuration, train: train)
  }
}
