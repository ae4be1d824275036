import Conventions

/// Checks of classification labels made when they are loaded, before any training.
public enum LabelChecks {
  /// What to do about labels 1 to `largest` (none is 0), which look 1-based: renumber them, or
  /// (no `names` given for the classes) name the classes as written.
  public static func oneBased(_ largest: Int, names: [String]?) -> String {
    let written = (1...min(largest, 3)).map { "'\($0)'" } + (largest > 3 ? ["…"] : [])
    return "class indices start at 0, and labels 1 to \(largest) look 1-based: renumber them "
      + "from 0 (subtract 1)"
      + (names?.first.map { ", so that 1 is '\($0.oneLineShort)'" }
        ?? ", or, in a CSV file, name the classes as written (dataset.classes: "
        + "[\(written.joined(separator: ", "))]: label 1 is then class 0)")
  }

  /// What to do about integer labels of which some are negative (scikit-learn's −1/1 for SVMs
  /// and perceptrons): name the classes as written, in numeric order, or renumber them from 0;
  /// nil for more than 10 distinct labels, which no list of names would help.
  public static func negative(_ labels: [Int]) -> String? {
    let distinct = Set(labels).sorted()
    guard let lowest = distinct.first, lowest < 0, distinct.count <= 10 else { return nil }
    let listed = distinct.map { "'\($0)'" }.joined(separator: ", ")
    let spoken = distinct.map(String.init).listed()
    let renumber = distinct == [-1, 1] ? "map -1 to 0" : "renumber them from 0"
    return "the labels are \(spoken): name the classes as written (dataset.classes: [\(listed)]: "
      + "label \(lowest) is then class 0), or \(renumber)"
  }

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
      reason:
        "every one of the \(indices.count) labels is '\(label.oneLineShort)': a classifier needs at "
        + "least two classes to learn from (check the target column, or make it a regression)")
  }
}

extension LabelChecks {
  /// Whether class indices may be read against the names the labels are renumbered into: the
  /// spec's `dataset.classes` (`named`), or names not a training table's sorted labels (a
  /// catalog's, an HDF5 list, in index order).
  static func indexOrdered(named: Bool, trainingTable: Bool) -> Bool { named || !trainingTable }

  /// The labels of `source` read in `part` (`targets`: indices into the file's own sorted class
  /// `names`, nil for class indices: integers in a CSV, an array file's labels) as indices into
  /// `reference`: the spec's `dataset.classes` (`named`), else the training set's names. Each
  /// file maps its names in its own sorted order, so a test file of only 'dog' labels read 'dog'
  /// as class 0 ('cat' in training); now every set means a class by the same index, and a name
  /// outside `reference` (a test class the training set lacks) is refused at its line (`lines`:
  /// the table's). Class indices are read against `reference` only when it is in index order
  /// (`indexOrdered`: `dataset.classes`, a catalog's or an HDF5 list's names), not a CSV's
  /// sorted names. Without `reference` (the training labels are class indices), a set whose
  /// labels are names is refused: numbered by its own sorted names, its 'a' and 'b' would
  /// silently be 0 and 1.
  static func renumber(
    _ targets: NDArray, names: [String]?, source: DataSource, part: DataReference.Part,
    into reference: [String]?, named: Bool, indexOrdered: Bool, lines: TableLines? = nil
  ) throws(DataFailure) -> NDArray {
    guard let reference else {
      // A table's names are its labels as written; an array file's (an HDF5 list) name its
      // indices, which are read as the training set's are.
      guard source.isTable, let names, part != .train, part != .whole else {
        return targets
      }
      // Located at the first label (every label of the set is a name), as a name outside
      // the classes is below.
      throw DataFailure(
        .invalidValues(
          file: lines?.file ?? targets.origin, location: lines?.place(0),
          reason: "the labels are names (\(listedNames(names))), but the training set's labels "
            + "are class indices: write these labels as the same indices, or write the training "
            + "set's labels as these names"),
        at: .source(part, source.targetField))
    }
    // An array file's names (an HDF5 list) name its indices in order, which dataset.classes
    // may rename (`ListedClasses` checks the order): its labels stand as they are.
    if named, names != nil, !source.isTable { return targets }
    let exact = { (names: [String]) in names.map(ExactText.init) }
    // A CSV's sorted names are no order class indices could mean: 'non-cat' and 'cat' sort to
    // cat = 0, and the course's test labels (a .npy of them, 1 = cat) were silently flipped.
    guard names.map(exact) != exact(reference), names != nil || !indexOrdered else {
      return targets
    }
    return try DataFailure.at(.source(part, source.targetField)) {
      let listed = listedNames(reference)
      let among = named ? "dataset.classes" : "the training set's classes"
      guard let names else {
        throw DataError.invalidValues(
          file: targets.origin, location: nil,
          reason: "the labels are class indices, but \(among) are names (\(listed)): write "
            + "the labels as those names, or list the classes in the order of these indices, "
            + "label 0 first (dataset.classes: [\(listed)], reordered so)")
      }
      var index: [ExactText: Int64] = [:]
      for (k, name) in reference.enumerated() where index[ExactText(name)] == nil {
        index[ExactText(name)] = Int64(k)
      }
      let labels = try targets.classIndices()
      var renumbered = [Int64](repeating: 0, count: labels.count)
      for (i, label) in labels.enumerated() {
        guard let k = index[ExactText(names[label])] else {
          let more = labels[(i + 1)...].indices.lazy.filter {
            index[ExactText(names[labels[$0]])] == nil
          }
          throw DataError.invalidValues(
            file: lines?.file ?? targets.origin, location: lines?.place(i) ?? "row \(i + 1)",
            reason: "label '\(names[label].oneLineShort)' is not one of \(among) (\(listed))"
              + (names[label].closest(among: reference).map { "; did you mean '\($0)'?" } ?? "")
              + MorePlaces.listing(more, ("such label", "such labels")) { j in
                (lines.map { "line \($0.lines[j])" } ?? "row \(j + 1)")
                  + ": '\(names[labels[j]].oneLineShort)'"
              })
        }
        renumbered[i] = k
      }
      return NDArray(
        checkedShape: targets.shape, storage: .int64(renumbered), origin: targets.origin)
    }
  }

  /// Up to ten of `names`, quoted: `'cat', 'dog', … 12 in all`.
  static func listedNames(_ names: [String]) -> String {
    names.prefix(10).map { "'\($0.oneLineShort)'" }.joined(separator: ", ")
      + (names.count > 10 ? ", … \(names.count) in all" : "")
  }
}
