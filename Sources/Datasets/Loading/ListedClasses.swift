import Conventions
import Vocabulary

/// The classes a data source names by index (an HDF5 file's `list_classes`, a named dataset's
/// catalog), checked against the spec's `dataset.classes`: a name the source gives one index
/// and the spec another would call every sample of one class by the other's name.
enum ListedClasses {
  /// Throws at `dataset.classes` when `spec` names more or fewer classes than `listed` (the
  /// classes `source` names by index), or puts a name that `listed` also holds at another index. Another name at an index (a renaming) is
  /// allowed; a CSV table's or a generator's classes are not listed by index (a table's labels
  /// are names, mapped to the spec's order), so they are never refused here.
  static func check(_ listed: [String]?, of source: DataSource, against spec: [String]?)
    throws(DataFailure)
  {
    guard let listed, let spec, let origin = origin(of: source) else { return }
    if spec.count != listed.count {
      // An extra name would be an output no sample ever has (a phantom class trained to 0); a
      // missing one leaves the data's last classes without a name: names rename, one for one.
      throw DataFailure(
        .invalidConfiguration(
          ClassListMismatch.message(
            owner: origin.owner, listed: listed.map(\.oneLineShort), given: spec.count)
            + "\nhelp: " + ClassListMismatch.help),
        at: .classes)
    }
    var index: [ExactText: Int] = [:]
    for (k, name) in listed.enumerated() where index[ExactText(name)] == nil {
      index[ExactText(name)] = k
    }
    let moved = spec.enumerated().filter { k, name in
      index[ExactText(name)].map { $0 != k } ?? false
    }
    guard !moved.isEmpty else { return }
    func quoted(_ names: [String]) -> String {
      names.map { "'\($0.oneLineShort)'" }.joined(separator: ", ")
    }
    let given = listed.enumerated().map { "\($0) '\($1.oneLineShort)'" }
    let misplaced = moved.map { k, name in
      "'\(name.oneLineShort)' at \(k) (\(origin.place) \(index[ExactText(name)]!))"
    }
    throw DataFailure(
      .invalidConfiguration(
        "dataset.classes [\(spec.map(\.oneLineShort).joined(separator: ", "))] orders the "
          + "classes otherwise than \(origin.what), which names them by index: "
          + given.joined(separator: ", ") + "; dataset.classes has "
          + misplaced.joined(separator: ", ")
          + "\nhelp: a class's name goes at its label's index; write classes: ["
          + listed.map(\.oneLineShort).joined(separator: ", ")
          + "] (renaming a class is fine: another name at the same index), or leave "
          + "dataset.classes out to use \(quoted(listed))"),
      at: .classes)
  }

  /// How messages name the list `source` gives its classes by index, where it puts one, and
  /// its owner (`iris`);
  /// nil for a source whose classes are not listed by index (a table, a generator).
  private static func origin(of source: DataSource) -> (what: String, place: String, owner: String)?
  {
    switch source {
    case .arrays(_, let target?):
      ("\(target.file)'s list_classes", "the file's", "\(target.file)'s list_classes")
    case .named(let name, _): ("the named dataset '\(name)'", "the dataset's", name)
    case .arrays, .table, .generated: nil
    }
  }
}
