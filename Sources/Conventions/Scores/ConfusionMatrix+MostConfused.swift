extension ConfusionMatrix {
  /// One off-diagonal cell: `count` samples of class `actual` predicted as `predicted`.
  public struct Confusion: Sendable, Equatable {
    /// The actual class index.
    public var actual: Int
    /// The predicted class index.
    public var predicted: Int
    /// The samples of `actual` predicted as `predicted`.
    public var count: Int
  }

  /// The `k` off-diagonal cells holding the most samples (none empty), most first, ties in
  /// (actual, predicted) order: the classes the model confuses most, for a matrix too large to
  /// show whole.
  public func mostConfused(_ k: Int) -> [Confusion] {
    var cells: [Confusion] = []
    for (actual, row) in counts.enumerated() {
      for (predicted, count) in row.enumerated() where predicted != actual && count > 0 {
        cells.append(Confusion(actual: actual, predicted: predicted, count: count))
      }
    }
    return Array(
      cells.sorted {
        ($1.count, $0.actual, $0.predicted) < ($0.count, $1.actual, $1.predicted)
      }.prefix(max(0, k)))
  }
}
