/// Statistics a step learned from the training split, recorded in the results.
public struct FittedStatistics: Sendable, Equatable {
  /// The step (`standardize`, `min_max(0.0, 1.0)`).
  public var step: String
  /// Per-feature values by name: `mean` and `std` for standardize, `min` and `max` for min-max.
  public var values: [String: [Double]]

  /// Statistics `values` learned by `step`.
  public init(step: String, values: [String: [Double]]) {
    self.step = step
    self.values = values
  }
}
