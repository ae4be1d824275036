/// The refusal of a `dataset.classes` that names another number of classes than its source
/// lists (a named dataset's catalog, an HDF5 file's `list_classes`), said alike by the spec's
/// rules and the data check: names rename the classes one for one.
public enum ClassListMismatch {
  /// `iris has 3 classes (setosa, versicolor, virginica); dataset.classes lists 2`.
  public static func message(owner: String, listed: [String], given: Int) -> String {
    "\(owner) has \(listed.count) classes (\(listed.joined(separator: ", "))); "
      + "dataset.classes lists \(given)"
  }

  /// What to do about it.
  public static let help =
    "name each of its classes once, in its order (renaming is fine), or leave dataset.classes out"
}
