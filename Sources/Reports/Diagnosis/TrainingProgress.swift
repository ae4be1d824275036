/// How the training objective went over a run, from its first record (the initial model) to the
/// model returned: Andrew Ng's first step, before bias and variance are judged, is to make the
/// training loss go down.
///
/// Training made no progress when the final loss is not below the first (a perfect fit of 0
/// excepted), and it was unstable when a recorded loss rose above `riseFactor` times the first
/// (the learning rate overshoots; the run was not stopped as diverged, which takes 10⁴ times).
public struct TrainingProgress: Sendable, Equatable {
  /// The training objective of the initial model (the first record).
  public var start: Double
  /// The training objective of the model returned.
  public var end: Double
  /// The largest recorded training objective (start and end included).
  public var peak: Double
  /// True when the objective includes a regularization penalty (a cost, not only a loss).
  public var penalized: Bool

  /// The progress of a run whose objective started at `start`, ended at `end` and peaked at
  /// `peak` (at least the larger of the two).
  public init(start: Double, end: Double, peak: Double? = nil, penalized: Bool = false) {
    self.start = start
    self.end = end
    self.peak = max(peak ?? start, start, end)
    self.penalized = penalized
  }

  /// A recorded loss above this many times the first is a loss that rose a lot.
  public static let riseFactor = 10.0

  /// True when the final loss is not below the first (NaN included), unless it is 0.
  public var madeNoProgress: Bool { !(end < start) && end != 0 }

  /// True when a recorded loss rose above `riseFactor` times the first.
  public var roseALot: Bool { peak > Self.riseFactor * start }

  /// True when the loss went up: it ended more than 1% above its start or rose a lot (a
  /// network started at zeros ends within rounding of its start).
  public var rose: Bool { end > 1.01 * start || roseALot }

  /// What the loss did, e.g. `the training loss ended at 164, above its start 0.693`.
  public var description: String {
    let what = penalized ? "the training cost (loss + penalty)" : "the training loss"
    if madeNoProgress {
      let (e, s) = Self.apart(end, start)
      return end == start
        ? "\(what) stayed at its start \(s)" : "\(what) ended at \(e), above its start \(s)"
    }
    let (p, s) = Self.apart(peak, start)
    return "\(what) rose to \(p) from its start \(s) before ending at \(Self.apart(end, start).0)"
  }

  /// `a` and `b` to three significant digits, or as many more as tell them apart.
  static func apart(_ a: Double, _ b: Double) -> (String, String) {
    for digits in 3...17 {
      let pair = (text(a, digits), text(b, digits))
      if pair.0 != pair.1 || a == b { return pair }
    }
    return (text(a, 17), text(b, 17))
  }

  private static func text(_ value: Double, _ digits: Int) -> String {
    value == 0 ? "0" : String(format: "%.\(digits)g", value)
  }
}
