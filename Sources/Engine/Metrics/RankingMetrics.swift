/// Figures of how well scores rank the positive examples above the negative ones: the ROC and
/// precision-recall curves and their areas, as scikit-learn computes them (one step per
/// distinct score, ties together; `roc_curve` drops collinear points like its
/// `drop_intermediate=True`).
public enum RankingMetrics {
  /// One point of a curve: `x`, `y` and the score threshold it is reached at (`+∞` for the
  /// first ROC point and the last precision-recall point, which no threshold reaches).
  public struct CurvePoint: Sendable, Equatable {
    /// False positive rate (ROC) or recall (precision-recall).
    public var x: Double
    /// True positive rate (ROC) or precision (precision-recall).
    public var y: Double
    /// Examples scoring at least this are predicted positive.
    public var threshold: Double
  }

  /// Cumulative false and true positives at each distinct score, highest score first
  /// (scikit-learn's `_binary_clf_curve`); nil when a score is not finite.
  static func steps(scores: [Double], positives: [Bool]) -> (
    thresholds: [Double], falsePositives: [Double], truePositives: [Double]
  )? {
    guard scores.allSatisfy(\.isFinite) else { return nil }
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var thresholds: [Double] = []
    var fps: [Double] = []
    var tps: [Double] = []
    var tp = 0.0
    for (rank, index) in order.enumerated() {
      if positives[index] { tp += 1 }
      let last = rank == order.count - 1
      if last || scores[order[rank + 1]] != scores[index] {
        thresholds.append(scores[index])
        tps.append(tp)
        fps.append(Double(rank + 1) - tp)
      }
    }
    return (thresholds, fps, tps)
  }

  /// The ROC curve from (0, 0) to (1, 1), collinear points dropped; empty when the labels hold
  /// a single class or a score is not finite (the rates are undefined).
  public static func rocCurve(scores: [Double], positives: [Bool]) -> [CurvePoint] {
    guard let (thresholds, fps, tps) = steps(scores: scores, positives: positives),
      let fpTotal = fps.last, let tpTotal = tps.last, fpTotal > 0, tpTotal > 0
    else { return [] }
    var points = [CurvePoint(x: 0, y: 0, threshold: .infinity)]
    for i in thresholds.indices {
      let interior = i > 0 && i < thresholds.count - 1
      if interior && fps[i - 1] - 2 * fps[i] + fps[i + 1] == 0
        && tps[i - 1] - 2 * tps[i] + tps[i + 1] == 0
      {
        continue
      }
      points.append(CurvePoint(x: fps[i] / fpTotal, y: tps[i] / tpTotal, threshold: thresholds[i]))
    }
    return points
  }

  /// The area under the ROC curve by the trapezoidal rule (`roc_auc_score`); NaN when the
  /// labels hold a single class.
  public static func rocAUC(scores: [Double], positives: [Bool]) -> Double {
    let curve = rocCurve(scores: scores, positives: positives)
    guard curve.count > 1 else { return .nan }
    var area = 0.0
    for i in 1..<curve.count {
      area += (curve[i].x - curve[i - 1].x) * (curve[i].y + curve[i - 1].y) / 2
    }
    return area
  }

  /// Precision against recall, highest threshold first, ending at (recall 0, precision 1)
  /// like `precision_recall_curve` read backwards; empty without positives.
  public static func precisionRecallCurve(scores: [Double], positives: [Bool]) -> [CurvePoint] {
    guard let (thresholds, fps, tps) = steps(scores: scores, positives: positives),
      let tpTotal = tps.last, tpTotal > 0
    else { return [] }
    var points = [CurvePoint(x: 0, y: 1, threshold: .infinity)]
    for i in thresholds.indices {
      let predicted = tps[i] + fps[i]
      points.append(
        CurvePoint(
          x: tps[i] / tpTotal, y: predicted == 0 ? 0 : tps[i] / predicted,
          threshold: thresholds[i]))
    }
    return points
  }

  /// `Σ (Rₙ − Rₙ₋₁) Pₙ` over the thresholds (`average_precision_score`); NaN without positives.
  public static func averagePrecision(scores: [Double], positives: [Bool]) -> Double {
    let curve = precisionRecallCurve(scores: scores, positives: positives)
    guard curve.count > 1 else { return .nan }
    var sum = 0.0
    for i in 1..<curve.count { sum += (curve[i].x - curve[i - 1].x) * curve[i].y }
    return sum
  }

  /// The positive class's score column of a binary classifier's scores: the single output, or
  /// the second of two.
  public static func positiveScores(_ scores: Matrix<Double>) -> [Double] {
    scores.cols == 1 ? scores.storage : (0..<scores.rows).map { scores[$0, 1] }
  }

  /// `figure` of the positive class 1 for two classes; with more, the macro mean over the
  /// classes of each class's column against the rest (`multi_class="ovr"`, `average="macro"`).
  public static func score(
    _ figure: ([Double], [Bool]) -> Double, scores: Matrix<Double>, labels: [Int], classes: Int
  ) -> Double {
    guard scores.rows == labels.count, scores.rows > 0 else { return .nan }
    if classes <= 2 { return figure(positiveScores(scores), labels.map { $0 == 1 }) }
    guard scores.cols == classes else { return .nan }
    var sum = 0.0
    for c in 0..<classes {
      sum += figure((0..<scores.rows).map { scores[$0, c] }, labels.map { $0 == c })
    }
    return sum / Double(classes)
  }
}
