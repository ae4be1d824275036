import Conventions

/// Class indices that leave classes without rows below the largest label (labels 0 and 1 and
/// one 5 leave classes 2 to 4 empty), said where they are: a few labels above the others' run
/// (a typo such as `0005`) by their file's line and column, or their index in an array file;
/// any other gap by the labels present. A rule that refuses the class count these labels make
/// (a binary loss on six classes, an output of three units) says this instead of its advice.
enum LabelGaps {
  /// The most rows counted as strays; no more than one label in 20 is either.
  static let strayRows = 10

  /// The gap in the unnamed class indices of every source read (`found`), as a data error
  /// says it: `mut.csv (line 4, column 'target'): label 5, while the other labels are 0 and 1
  /// (classes 2 to 4 have no rows): fix or remove its row`; nil when the labels are 0 to k−1,
  /// or 1 to k (which look 1-based, said on their own).
  /// `parts` names each source's set, so the gap is located at the first stray's source.
  static func describe(_ found: [LabeledTargets?], parts: [DataReference.Part]) -> LabelGap? {
    var labels: [(source: Int, row: Int, label: Int)] = []
    for (s, source) in found.enumerated() {
      guard let indices = try? source?.targets?.classIndices() else { continue }
      labels += indices.enumerated().map { (s, $0, $1) }
    }
    let values = Set(labels.map(\.label)).sorted()
    guard let smallest = values.first, let largest = values.last,
      largest - smallest + 1 != values.count || smallest > 1
    else { return heldOutStrays(labels, in: found, parts: parts) }
    // The run of consecutive labels from the smallest; the labels above it are strays when few.
    let run = values.indices.first { $0 + 1 == values.count || values[$0 + 1] > values[$0] + 1 }!
    let above = labels.filter { $0.label > values[run] }
    let empty = emptyClasses(values)
    if !above.isEmpty, above.count <= min(strayRows, max(1, labels.count / 20)) {
      // In file order (the run reads them split and shuffled): both commands name the same.
      let strays = above.map { (label: $0.label, source: $0.source, at: place(of: $0, in: found)) }
        .sorted { ($0.at.file, $0.at.row) < ($1.at.file, $1.at.row) }
      let first = strays[0]
      return LabelGap(at: parts[first.source]) {
        "\(first.at.file) (\(first.at.place)): label \(first.label), while the other "
          + "labels are \(others(Array(values[...run]))) (\(empty)): fix or remove "
          + (strays.count == 1 ? "its row" : "these rows")
          + MorePlaces.listing(strays.dropFirst(), ("such label", "such labels")) { stray in
            (stray.at.file == first.at.file ? "" : "\(stray.at.file), ")
              + "\(stray.at.short): \(stray.label)"
          }
      }
    }
    let shown = values.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
    let file =
      found.compactMap { $0?.tableLines.map { "\($0.file) (column '\($0.column.oneLineShort)')" } }
      .first ?? found.compactMap { $0?.targets?.origin }.first ?? ""
    return LabelGap(at: parts[0]) {
      "\(file): the labels are \(listed(values)) (\(empty)): renumber them from 0 without "
        + "gaps (class indices are 0 to k−1)"
        + (values.count <= 10
          ? ", or, in a CSV file, name the classes as written (dataset.classes: [\(shown)])" : "")
    }
  }

  /// A few labels above every training label in a held-out file of their own (a stray `2` in
  /// a binary task's test file), which make a class no training row has: `b_te.csv (line 3,
  /// column 'y'): label 2, which no training row has (the training labels are 0 and 1): fix
  /// or remove its row`; nil otherwise (a split of one file holds classes out by chance or by
  /// its order, said by the run's warnings).
  private static func heldOutStrays(
    _ labels: [(source: Int, row: Int, label: Int)], in found: [LabeledTargets?],
    parts: [DataReference.Part]
  ) -> LabelGap? {
    let training = labels.filter { $0.source == 0 }
    guard let top = training.map(\.label).max(), let file = training.first else { return nil }
    let trainingFile = place(of: file, in: found).file
    let above = labels.filter { $0.source > 0 && $0.label > top }
    guard !above.isEmpty, above.count <= min(strayRows, max(1, labels.count / 20)) else {
      return nil
    }
    let strays = above.map { (label: $0.label, source: $0.source, at: place(of: $0, in: found)) }
      .sorted { ($0.at.file, $0.at.row) < ($1.at.file, $1.at.row) }
    guard strays.allSatisfy({ $0.at.file != trainingFile }) else { return nil }
    let first = strays[0]
    return LabelGap(at: parts[first.source]) {
      "\(first.at.file) (\(first.at.place)): label \(first.label), which no training row "
        + "has (the training labels are \(listed(Set(training.map(\.label)).sorted()))): fix or "
        + "remove " + (strays.count == 1 ? "its row" : "these rows")
        + MorePlaces.listing(strays.dropFirst(), ("such label", "such labels")) { stray in
          (stray.at.file == first.at.file ? "" : "\(stray.at.file), ")
            + "\(stray.at.short): \(stray.label)"
        }
    }
  }

  /// Where `label` is: its file, its row there (the file's line, or its index in an array
  /// file, before any split), and its place as an error's location says it (`line 4, column
  /// 'target'`, `index [3], counting from 0`) and as a list of further places does (`short`).
  private static func place(
    of label: (source: Int, row: Int, label: Int), in found: [LabeledTargets?]
  ) -> (file: String, row: Int, place: String, short: String) {
    let source = found[label.source]
    if let lines = source?.tableLines {
      return (
        lines.file, lines.lines[label.row], lines.place(label.row), "line \(lines.lines[label.row])"
      )
    }
    guard let targets = source?.targets else { return ("", label.row, "", "") }
    return (
      targets.origin, targets.sourceRows?[label.row] ?? label.row,
      targets.position(ofElement: label.row),
      targets.position(ofElement: label.row, counting: false)
    )
  }

  /// The labels other than the strays, a run: `0 and 1`, `0 to 2`, `all 0`.
  private static func others(_ run: [Int]) -> String {
    switch run.count {
    case 1: "all \(run[0])"
    case 2: "\(run[0]) and \(run[1])"
    default: "\(run[0]) to \(run.last!)"
    }
  }

  /// The distinct labels: `0, 2 and 3`, or the first ten and how many in all.
  private static func listed(_ values: [Int]) -> String {
    guard values.count <= 10 else {
      return values.prefix(10).map(String.init).joined(separator: ", ")
        + ", … (\(values.count) values up to \(values.last!))"
    }
    return values.map(String.init).listed()
  }

  /// The classes below the largest of `values` (sorted, distinct) that no label has, as
  /// ranges: `class 1 has no rows`, `classes 0 and 4 to 49 have no rows`.
  static func emptyClasses(_ values: [Int]) -> String {
    // Each run of empty classes; a run of two is said as two classes (`3, 4`).
    var items: [String] = []
    var (next, count) = (0, 0)
    for value in values {
      if value > next {
        let range = next...(value - 1)
        count += range.count
        items +=
          range.count <= 2 ? range.map(String.init) : ["\(range.lowerBound) to \(range.upperBound)"]
      }
      next = value + 1
    }
    let text =
      items.count > 5
      ? items.prefix(5).joined(separator: ", ") + ", … (\(count) in all)"
      : items.listed()
    return count == 1 ? "class \(text) has no rows" : "classes \(text) have no rows"
  }
}

/// Where unnamed class indices leave classes without rows, said (`LabelGaps.describe`) and
/// located at the target of the set whose labels are at fault (a stray in the test file: the
/// test file's target).
public struct LabelGap: Sendable, Equatable {
  /// What is wrong and what to do: `b_te.csv (line 3, column 'y'): label 2, which no training
  /// row has (the training labels are 0 and 1): fix or remove its row`.
  public var text: String
  /// The target of the set holding the first stray label (the training set's for a gap).
  public var reference: DataReference

  /// The gap `text` says, at the target of `part`'s source.
  init(at part: DataReference.Part, _ text: () -> String) {
    self.text = text()
    reference = .source(part, .target(index: 0))
  }
}
