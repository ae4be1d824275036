import Foundation

/// How the training objective went over a run, from its first record (the initial model) to the
/// model returned: Andrew Ng's first step, before bias and variance are judged, is to make the
/// training loss go down.
///
/// Training made no progress when the final loss ended more than `tolerance` above the first
/// or, for a network (hidden layers, or a ReLU output), not below it (a perfect fit of 0
/// excepted). A linear or logistic model (linear or logistic regression, a one-layer network
/// with a linear, sigmoid or softmax output) whose loss stays at its start started where its
/// gradient is 0, which for its convex objective is the optimum (logistic regression from zeros
/// on XOR): it is judged as usual; so is one whose steps are too small to move it. Training was
/// unstable when a recorded loss rose above `riseFactor` times the first (the learning rate
/// overshoots; the run was not stopped as diverged, which takes 10⁴ times).
public struct TrainingProgress: Sendable, Equatable {
  /// The training objective of the initial model (the first record).
  public var start: Double
  /// The training objective of the model returned.
  public var end: Double
  /// The largest training objective seen (start and end included; see `TrainingProgress.init`
  /// in Pipeline for when the steps' losses count besides the records).
  public var peak: Double
  /// True when the objective includes a regularization penalty (a cost, not only a loss).
  public var penalized: Bool
  /// True for a model with hidden layers or a ReLU output, whose loss that stays at its start is
  /// stuck (units started alike, or dead); false for a linear or logistic model, whose objective
  /// is convex (a flat loss there started at a zero gradient: the optimum).
  public var network: Bool
  /// The training objective at nine tenths of the run, for a run of full-batch steps; nil
  /// otherwise (a mini-batch run's objective wanders about its floor, which a lower rate lowers).
  public var late: Double?
  /// The steps from `late` to the end of the run; nil when `late` is.
  public var lateSteps: Int? = nil

  /// The progress of a run whose objective started at `start`, ended at `end` and peaked at
  /// `peak` (at least the larger of the two), of a network unless `network` is false, with its
  /// full-batch objective at nine tenths of the run (`late`) when known.
  public init(
    start: Double, end: Double, peak: Double? = nil, penalized: Bool = false, network: Bool = true,
    late: Double? = nil
  ) {
    self.start = start
    self.end = end
    self.late = late
    self.peak = max(peak ?? start, start, end)
    self.penalized = penalized
    self.network = network
  }

  /// A recorded loss above this many times the first is a loss that rose a lot.
  public static let riseFactor = 10.0

  /// A final loss at most this fraction of its start above it did not rise: mini-batch steps
  /// around a start at or near the optimum end there (logistic regression from zeros on XOR,
  /// batch size 1, learning rate 0.5: 0.6% above), while an overshooting learning rate ends far
  /// above.
  public static let tolerance = 0.01

  /// True when the final loss ended more than `tolerance` above its start (NaN included).
  public var endedAbove: Bool { !(end <= start + Self.tolerance * abs(start)) }

  /// True when training made no progress: the final loss ended above its start (`endedAbove`)
  /// or, for a network, not below it; never for a final loss of 0 (a perfect fit).
  public var madeNoProgress: Bool { end != 0 && (endedAbove || (network && !(end < start))) }

  /// True when a recorded loss rose above `riseFactor` times the first.
  public var roseALot: Bool { peak > Self.riseFactor * start }

  /// True when the loss went up: it ended above its start (`endedAbove`: a stuck network's
  /// loss wandering a hair above its start did not) or rose a lot.
  public var rose: Bool { endedAbove || roseALot }

  /// True when the objective ended within `tolerance` of its start (1% of it) and never rose
  /// (`rose`): a network whose loss ends so near its random start barely moved from its initial
  /// weights, whatever its distance to any baseline (tester AJ3: 0.647199 → 0.647137 in 30
  /// epochs, accuracy unchanged); one that trained moves further (the same network at its own
  /// rate 0.02: 0.647 → 0.506, 22%).
  public var barelyMoved: Bool { !rose && abs(end - start) <= Self.tolerance * abs(start) }

  /// The relative fall of the full-batch objective per step from `late` to its end, on a log
  /// scale (ln(late / end) / steps: a loss that keeps this pace falls by e in 1/pace steps);
  /// nil when it did not fall there, or rose in the run.
  public var latePace: Double? {
    guard !rose, let late, let steps = lateSteps, steps > 0, late > 0, end > 0, end < late
    else { return nil }
    return log(late / end) / Double(steps)
  }

  /// True when the full-batch objective still fell over the run's last tenth (from `late` to
  /// `end`), at any pace.
  public var fellLate: Bool { late.map { end < $0 } ?? false }

  /// What the loss did, e.g. `the training loss ended at 164, above its start 0.693`.
  public var description: String {
    let what = penalized ? "the training cost (loss + penalty)" : "the training loss"
    let (e, s) = Self.apart(end, start)
    if roseALot && !madeNoProgress {
      return "\(what) rose to \(Self.apart(peak, start).0) (\(riseTimes)× its start \(s)) before "
        + "ending at \(e)"
    }
    if end == start { return "\(what) stayed at its start \(s)" }
    return end < start
      ? "\(what) fell to \(e) from its start \(s)" : "\(what) ended at \(e), above its start \(s)"
  }

  /// How many times its start the peak is: a whole number below a million, else `1.2e+07`.
  public var riseTimes: String {
    let factor = peak / start
    return factor < 1e6 ? String(Int(factor.rounded())) : String(format: "%.3g", factor)
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
