extension Trainer {
  /// How a run whose sub-models all stopped on their own ended: converged, or (when some
  /// L-BFGS line search found no step that lowers the objective) `searchFailed`, naming those
  /// sub-models when there are several, with their largest gradient component.
  static func stopped<T>(_ sessions: [TrainingSession<T>], plan: TrainingPlan, tolerance: Double)
    -> StopReason
  {
    let iteration = sessions.map(\.steps).max() ?? 0
    let failed = zip(plan.components, sessions).filter(\.1.searchFailed)
    guard !failed.isEmpty else { return .converged(iteration: iteration) }
    return .searchFailed(
      iteration: iteration,
      gradient: failed.compactMap(\.1.largestGradient).reduce(0, Kernels.maximum),
      tolerance: tolerance, models: sessions.count > 1 ? failed.map(\.0.description) : [])
  }
}
