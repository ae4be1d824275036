/// The values of a `normalize` step, declared once: `x' = (x − mean)/std` on every feature with
/// given constants, torchvision's `transforms.Normalize(mean, std)` for one channel (a fixed
/// affine map, unlike `standardize`, which fits a mean and a deviation per feature).
public struct FixedNormalization: Sendable, Hashable {
  /// Subtracted from every feature.
  public var mean: Double
  /// Divides every feature after `mean` is subtracted (> 0).
  public var std: Double

  /// `(x − mean)/std` (by default 0 and 1: the identity).
  public init(mean: Double = 0, std: Double = 1) {
    self.mean = mean
    self.std = std
  }

  /// The spec keys of `normalize:`, in the canonical spec's order.
  public static let parameters: [Parameter<FixedNormalization>] = [
    Parameter(
      "mean", .number(\.mean), .any, default: 0, example: 0.5,
      "Subtracted from every feature, after the steps before it (torchvision Normalize's mean)"),
    Parameter(
      "std", .number(\.std), .positive, default: 1, example: 0.25,
      "Divides every feature once the mean is subtracted (torchvision Normalize's std)"),
  ]
}
