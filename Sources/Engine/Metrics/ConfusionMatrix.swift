/// Counts of (true class, predicted class) pairs: `counts[actual][predicted]`.
///
/// Precision, recall and F1 of a class with no predicted (or no actual) samples are 0, as
/// scikit-learn reports them with `zero_division=0`.
public struct ConfusionMatrix: Sendable, Equatable {
  public let classes: Int
  public private(set) var counts: [[Int]]

  /// The matrix of `actual` against `predicted` labels in `0..<classes` (others are ignored).
  public init(actual: [Int], predicted: [Int], classes: Int) {
    self.classes = classes
    var c = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
    for (a, p) in zip(actual, predicted) where a >= 0 && a < classes && p >= 0 && p < classes {
      c[a][p] += 1
    }
    counts = c
  }

  public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

  /// Fraction of samples on the diagonal.
  public var accuracy: Double {
    let t = total
    guard t > 0 else { return .nan }
    return Double((0..<classes).reduce(0) { $0 + counts[$1][$1] }) / Double(t)
  }

  /// `TP / (TP + FP)` for class `c`.
  public func precision(of c: Int) -> Double {
    let predicted = (0..<classes).reduce(0) { $0 + counts[$1][c] }
    return predicted == 0 ? 0 : Double(counts[c][c]) / Double(predicted)
  }

  /// `TP / (TP + FN)` for class `c`.
  public func recall(of c: Int) -> Double {
    let actual = counts[c].reduce(0, +)
    return actual == 0 ? 0 : Double(counts[c][c]) / Double(actual)
  }

  /// Harmonic mean of precision and recall for class `c`.
  public func f1(of c: Int) -> Double {
    let p = precision(of: c)
    let r = recall(of: c)
    return p + r == 0 ? 0 : 2 * p * r / (p + r)
  }

  /// Unweighted means over classes.
  public var macroPrecision: Double { mean((0..<classes).map(precision(of:))) }
  public var macroRecall: Double { mean((0..<classes).map(recall(of:))) }
  public var macroF1: Double { mean((0..<classes).map(f1(of:))) }

  private func mean(_ v: [Double]) -> Double { v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count) }
}
