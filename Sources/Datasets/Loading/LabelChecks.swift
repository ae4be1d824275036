/// Checks of classification labels made when they are loaded, before any training.
enum LabelChecks {
  /// Throws when the labels a classifier trains on hold fewer than two classes: a model of one
  /// class learns nothing and scores a perfect accuracy. Only the sets a model is fitted on
  /// (`whole` before a split, or `train`) are checked; a small dev or test set may hold one.
  static func requireTwoClasses(
    _ indices: [Int], names: [String]?, part: DataReference.Part, file: String,
    location: String?
  ) throws {
    guard part == .whole || part == .train, let first = indices.first,
      indices.allSatisfy({ $0 == first })
    else { return }
    let label = names.flatMap { first < $0.count ? $0[first] : nil } ?? String(first)
    throw DataError.invalidValues(
      file: file, location: location,
      reason: "every one of the \(indices.count) labels is '\(label)': a classifier needs at "
        + "least two classes to learn from (check the target column, or make it a regression)")
  }
}
