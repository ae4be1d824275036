/// The binary models a one-vs-rest or one-vs-one logistic regression trains, declared once: how
/// many, in which order (the order they train in, their starts are given in and `params/` names
/// them), and what they are called in messages.
extension ModelKind {
  /// The networks this model trains on `classes` classes (resolved: two classes train one):
  /// `k` for one-vs-rest, `k(k−1)/2` for one-vs-one, else 1.
  public func networkCount(classes: Int) -> Int {
    switch resolved(classes: classes) {
    case .logisticRegression(.oneVsRest): classes
    case .logisticRegression(.oneVsOne): classes * (classes - 1) / 2
    default: 1
    }
  }
}

extension Multiclass {
  /// The binary models of this strategy on `classes` classes, in their order: one-vs-rest's
  /// `class 0 vs rest`, `class 1 vs rest`, …; one-vs-one's pairs `class 0 vs 1`, `class 0 vs 2`,
  /// …, `class 1 vs 2`, … (scikit-learn's OneVsOneClassifier order); empty for other strategies.
  public func binaryModels(classes: Int) -> [String] {
    switch self {
    case .oneVsRest: (0..<classes).map { "class \($0) vs rest" }
    case .oneVsOne: Self.pairs(classes: classes).map { "class \($0.negative) vs \($0.positive)" }
    case .binary, .softmax: []
    }
  }

  /// One-vs-one's pairs of classes in their order: (0, 1), (0, 2), …, (1, 2), …
  public static func pairs(classes: Int) -> [(negative: Int, positive: Int)] {
    (0..<max(classes, 0)).flatMap { a in ((a + 1)..<max(a + 1, classes)).map { (a, $0) } }
  }

  /// The strategy in words: `one-vs-rest`, `one-vs-one`, `softmax`, `binary`.
  public var words: String {
    switch self {
    case .oneVsRest: "one-vs-rest"
    case .oneVsOne: "one-vs-one"
    case .binary, .softmax: rawValue
    }
  }
}

extension ExplicitLayer {
  /// Output `column` alone: a one-output layer with that column of weights and its bias (the
  /// start of one binary model when a layer gives one column per model).
  public func column(_ column: Int) -> ExplicitLayer {
    ExplicitLayer(weights: weights.map { [$0[column]] }, bias: [bias[column]])
  }
}
