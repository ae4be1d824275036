/// A held-out part of a split taken in file order (`shuffle: false`) that has no row of some
/// class the training part has (iris's last 30 rows, all virginica, as its test part): when the
/// order looks accidental (`looksAccidental`), its error measures the classes it holds, not the
/// model's bias or variance, so the split is what to fix.
public struct HeldOutClassGap: Sendable, Equatable {
  /// The part: `test`, `dev` or `train_dev`.
  public var part: String
  /// The names (or indices) of the classes the part holds, in class order.
  public var holds: [String]
  /// The names (or indices) of the training part's classes it has no row of.
  public var misses: [String]
  /// The part's rows.
  public var rows: Int
  /// The number of classes the training part has rows of.
  public var trainingClasses: Int
  /// Whether each class's rows come in one run, in class order, through the parts (the rows
  /// look sorted by class).
  public var sortedByClass: Bool

  /// A `part` of `rows` rows holding `holds` and none of `misses`, beside a training part of
  /// `trainingClasses` classes.
  public init(
    part: String, holds: [String], misses: [String], rows: Int, trainingClasses: Int,
    sortedByClass: Bool
  ) {
    (self.part, self.holds, self.misses, self.rows) = (part, holds, misses, rows)
    (self.trainingClasses, self.sortedByClass) = (trainingClasses, sortedByClass)
  }

  /// Whether the file order, not the data, made the gap: the rows look sorted by class, or the
  /// part holds one class. Only then is its error the split's and the split the one advice; a
  /// later stretch of time-ordered rows that lacks a rare class is no accident (shuffling it
  /// would train on future rows), and is warned of alone.
  public var looksAccidental: Bool { sortedByClass || holds.count == 1 }

  /// What the part holds against training: `the test part holds only class 'virginica' (30
  /// rows), while training has 3 classes` or `the test part has no row of classes 'setosa',
  /// 'versicolor', which training has`.
  public var finding: String {
    let quoted = { (names: [String]) in
      names.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (names.count > 5 ? ", …" : "")
    }
    if holds.count == 1 {
      return "the \(part) part holds only class \(quoted(holds)) (\(rows) "
        + "row\(rows == 1 ? "" : "s")), while training has \(trainingClasses) classes"
    }
    let one = misses.count == 1
    return "the \(part) part has no row of class\(one ? "" : "es") \(quoted(misses)), which "
      + "training has"
  }

  /// Why, and what to do: shuffle when the order looks accidental (`looksAccidental`);
  /// otherwise the choice, since rows ordered in time are held out in order on purpose.
  public var cause: String {
    let order = "`shuffle: false` takes the parts in file order (train first)"
    guard looksAccidental else {
      let one = misses.count == 1
      return order + ", so its score says nothing of \(one ? "that class" : "those classes"); "
        + "if the rows are ordered in time, keep the order (shuffling mixes later rows into "
        + "training) and hold out a stretch that has rows of \(one ? "it" : "them"); if the "
        + "order is accidental, shuffle the split (`dataset.split.shuffle: true`)"
    }
    return (sortedByClass ? "the rows look sorted by class, and " + order : order)
      + "; shuffle the split (`dataset.split.shuffle: true`) to draw each part from every class"
  }
}
