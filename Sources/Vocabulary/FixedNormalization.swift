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

  /// What a `normalize` step written without its values is told: they are the data's own
  /// (torchvision's published ones belong to other data): how to find them, and no values.
  public static let askedValues =
    "its mean and std are your data's own: the mean and standard deviation of the training "
    + "features as the steps before it leave them (numpy's x.mean() and x.std() of the "
    + "training rows, after any `scale`); write them as `normalize: {mean: M, std: S}`, or use "
    + "standardize, which fits them on the training split"

  /// The key of the value every feature is divided by.
  public static let divisorKey = "std"

  /// The spec keys of `normalize:`, in the canonical spec's order.
  public static let parameters: [Parameter<FixedNormalization>] = [
    Parameter(
      "mean", .ratio(\.mean), .any, default: 0, example: 0.5,
      "Subtracted from every feature, after the steps before it (torchvision Normalize's mean)"),
    Parameter(
      divisorKey, .ratio(\.std), .positive, default: 1, example: 0.25,
      "Divides every feature once the mean is subtracted (torchvision Normalize's std)"),
  ]
}
