import Conventions
import Foundation

/// Categorical columns: labels as class indices and the names they stand for.
extension DataTable {
  /// A categorical column as class indices and the class names they stand for.
  ///
  /// Integer-valued columns (`0, 1, 2`) keep their values as indices, with no names (nil: a
  /// label 999999999999 names no million-entry list); other columns map their distinct values
  /// in sorted order to `0..<k` (as scikit-learn's `LabelEncoder`), and the mapping is returned
  /// so it can be recorded.
  /// A numeric column with a fractional value (`0.5`) is refused: it is neither a class index
  /// nor a class name, and reading it as a third class would make the loss take the blame.
  /// A missing-value token (`NA`, `NULL`, `nan`; `missingValues`) is refused as a label unless
  /// `classes` (the spec's `dataset.classes`) lists it as a class name; integer labels that
  /// `classes` all lists are names too (`classes: ['1', '2']` makes label 1 class 0).
  public func categoricalColumn(_ name: String, classes listed: [String]? = nil) throws -> (
    indices: [Int], classes: [String]?
  ) {
    let k = try columnIndex(name)
    let cells = rows.map { String(Self.trimmingSpaces($0[k])) }
    /// The error for the labels at which `isBad` holds, when there is one: it names the first
    /// (`reason`) and lists the next ones by line.
    func refuse(where isBad: @escaping (Int) -> Bool, because reason: (Int) -> String) throws {
      let bad = cells.indices.lazy.filter(isBad)
      guard let first = bad.first else { return }
      throw DataError.invalidValues(
        file: origin, location: "line \(lines[first]), column '\(name.oneLineShort)'",
        reason: reason(first)
          + MorePlaces.listing(bad.dropFirst(), ("such label", "such labels")) {
            "line \(lines[$0]): " + (cells[$0].isEmpty ? "empty" : "'\(cells[$0].oneLineShort)'")
          })
    }
    // Empty and missing labels together, in line order.
    let exactly = Set((listed ?? []).map(ExactText.init))
    let named = { (cell: String) in exactly.contains(ExactText(cell)) }
    try refuse(
      where: {
        cells[$0].isEmpty || (Self.missingValues.contains(cells[$0]) && !named(cells[$0]))
      },
      because: {
        cells[$0].isEmpty
          ? "empty label"
          : "label '\(cells[$0].oneLine)' is a missing value (pandas.read_csv reads it "
            + "as NaN): remove the row or fill in its label; if it is a class name, list it in "
            + "dataset.classes"
      })
    // A missing-value token listed in `classes` (`nan`) is a name, not a number.
    let numbers = cells.map { named($0) ? nil : Double($0) }
    if numbers.allSatisfy({ $0 != nil }) {
      // Numbers the table's grammar refuses (`nan`, `0x1`) are neither read nor made names.
      try refuse(
        where: { !Self.isDecimal(cells[$0][...]) },
        because: { "label " + Self.numberProblem(cells[$0], cells[$0][...]) })
      try refuse(
        where: { !numbers[$0]!.isFinite || numbers[$0]! != numbers[$0]!.rounded() },
        because: {
          "label \(cells[$0].oneLineShort) is not a class: a classifier's labels are integers "
            + "0..k-1 or names (for a real-valued target, make the task a regression)"
        })
    }
    let integers = cells.map { Int($0) ?? Double($0).flatMap { Int(exactly: $0) } }
    // Integers that `classes` lists (`classes: ['1', '2']` for labels 1 and 2) are names.
    if integers.allSatisfy({ $0 != nil }), listed == nil || !cells.allSatisfy(named) {
      let values = integers.map { $0! }
      try refuse(
        where: { values[$0] < 0 },
        because: {
          "label \(values[$0]) out of range: class indices start at 0"
            + (LabelChecks.negative(values).map { "; " + $0 } ?? "")
        })
      // The bound array files have (`NDArray.classIndices`): no label makes 2³¹ classes.
      try refuse(
        where: { values[$0] >= Int(Int32.max) },
        because: {
          "label \(cells[$0].oneLineShort) out of range: class indices are below \(Int32.max) "
            + "(labels are class indices 0 to k−1, or names)"
        })
      return (values, nil)
    }
    // A few names among class indices (`0, 1, abc`) are strays, not classes, unless listed.
    let indices = Set(integers.compactMap { $0 }).sorted()
    if listed == nil, integers.count(where: { $0 != nil }) * 2 > cells.count {
      let shown = indices.prefix(5).map(String.init).joined(separator: ", ")
      try refuse(
        where: { integers[$0] == nil },
        because: {
          "label '\(cells[$0].oneLineShort)' is not a class index like the other labels "
            + "(\(shown)\(indices.count > 5 ? ", …" : "")): fix or remove the row, or if it is a "
            + "class, name every class in dataset.classes"
        })
    }
    // Names are told apart by their bytes, as pandas does (`é` and `e` + U+0301 are two).
    let classes = Set(cells.map(ExactText.init)).sorted()
    let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    return (cells.map { index[ExactText($0)]! }, classes.map(\.text))
  }
}
