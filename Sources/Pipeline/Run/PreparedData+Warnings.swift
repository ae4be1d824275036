import Datasets

extension PreparedData {
  /// What the prepared data alone shows that the run would not refuse: classes with no training
  /// row and an unnamed feature column (`runner run` says them before training, `runner
  /// validate` as warnings).
  var warnings: [String] { emptyClasses + unnamedFeatures }

  /// A feature column with an empty name (pandas writes its index so: `,a,b`) is trained on
  /// like the others. One warning, or none.
  private var unnamedFeatures: [String] {
    guard let i = featureNames?.firstIndex(of: "") else { return [] }
    return [
      "feature column \(i + 1) has an empty name (a pandas index?) and is trained on; "
        + "list the features in dataset.features to leave it out"
    ]
  }

  /// Class indices with no training row (labels 0, 1, 2 and 7 make classes 3 to 6): the model
  /// keeps an output for each that never learns. One warning, or none.
  private var emptyClasses: [String] {
    guard let count = classCount, let labels = train.classIndices else { return [] }
    var seen = [Bool](repeating: false, count: count)
    for label in labels where seen.indices.contains(label) { seen[label] = true }
    let empty = seen.indices.filter { !seen[$0] }
    guard !empty.isEmpty else { return [] }
    let shown =
      empty.prefix(10).map(String.init).joined(separator: ", ")
      + (empty.count > 10 ? ", …" : "")
    let one = empty.count == 1
    return [
      "class\(one ? "" : "es") \(shown) of 0-\(count - 1) \(one ? "has" : "have") no training "
        + "rows, so \(one ? "its output" : "their outputs") never learn\(one ? "s" : "") (labels are "
        + "class indices 0 to k−1: renumber them, or check the split)"
    ]
  }
}
