/// Per-class scores from the counts, as scikit-learn defines them (an undefined ratio, e.g.
/// precision of a class never predicted, is 0, like `zero_division=0`).
extension ConfusionMatrix {
  /// Samples of class `label`: its row total.
  public func support(of label: Int) -> Int { counts[label].reduce(0, +) }

  /// Samples predicted as `label`: its column total.
  public func predictedCount(of label: Int) -> Int { counts.reduce(0) { $0 + $1[label] } }

  /// Correct / predicted as `label`.
  public func precision(of label: Int) -> Double {
    Self.ratio(counts[label][label], predictedCount(of: label))
  }

  /// Correct / actually `label`.
  public func recall(of label: Int) -> Double {
    Self.ratio(counts[label][label], support(of: label))
  }

  /// The harmonic mean of precision and recall, from the counts as scikit-learn computes it:
  /// 2·TP / (2·TP + FP + FN), 0 when the class is neither actual nor predicted (2PR/(P+R) can
  /// differ from it in the last bit).
  public func f1(of label: Int) -> Double {
    let truePositives = counts[label][label]
    let falsePositives = predictedCount(of: label) - truePositives
    let falseNegatives = support(of: label) - truePositives
    return Self.ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives)
  }

  /// The unweighted mean of per-class precision over the classes actual or predicted (as
  /// scikit-learn's `average="macro"` without `labels`).
  public var macroPrecision: Double { mean(precision(of:)) }
  /// The unweighted mean of per-class recall.
  public var macroRecall: Double { mean(recall(of:)) }
  /// The unweighted mean of per-class F1.
  public var macroF1: Double { mean(f1(of:)) }

  /// Rows `class, precision, recall, f1, support` per class, then a `macro` row, printed in
  /// `numbers` (a float32 run's as its summary prints them); a class the macro mean skips
  /// (neither actual nor predicted) shows `–` for its undefined scores.
  public func scoresTable(in numbers: NumberPrecision = .float64) -> CSVTable {
    let number = { CSVCell.number($0, numbers) }
    var table = CSVTable(trusted: ["class", "precision", "recall", "f1", "support"])
    let averaged = Set(averagedLabels)
    for (label, name) in classNames.enumerated() {
      let scores: [CSVCell] =
        averaged.contains(label)
        ? [number(precision(of: label)), number(recall(of: label)), number(f1(of: label))]
        : [.text("–"), .text("–"), .text("–")]
      table.append(trusted: [.text(name)] + scores + [.integer(support(of: label))])
    }
    table.append(trusted: [
      .text("macro"), number(macroPrecision), number(macroRecall), number(macroF1),
      .integer(total),
    ])
    return table
  }

  /// scikit-learn's default labels, which macro means average over: the classes actual or
  /// predicted at least once (every class when there are no samples).
  private var averagedLabels: [Int] {
    let seen = classNames.indices.filter { support(of: $0) + predictedCount(of: $0) > 0 }
    return seen.isEmpty ? Array(classNames.indices) : seen
  }

  /// The mean of `score` over `averagedLabels`.
  private func mean(_ score: (Int) -> Double) -> Double {
    let labels = averagedLabels
    return labels.isEmpty ? .nan : labels.reduce(0) { $0 + score($1) } / Double(labels.count)
  }

  private static func ratio(_ part: Int, _ whole: Int) -> Double {
    whole == 0 ? 0 : Double(part) / Double(whole)
  }
}
