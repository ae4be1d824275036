/// The text of the live display shared by a run's line and a sweep's line: durations, the
/// elapsed time with an ETA, and a recorded row's figures with the step they belong to.
public enum ProgressText {
  /// `350ms`, `12s`, `3m05s`, `1h02m`, `3d04h` (`?` when not finite or past a million years).
  public static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds < 3e13 else { return "?" }
    if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
    let s = Int(seconds.rounded())
    if s < 60 { return "\(s)s" }
    if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
    if s < 86400 { return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60) }
    return String(format: "%dd%02dh", s / 86400, (s % 86400) / 3600)
  }

  /// How long a log that is not a terminal may stay quiet after `elapsed` seconds of work before
  /// a progress line is due anyway: 10 s at first, a tenth of the time spent later, at most
  /// 5 minutes (a day's run writes about 300 lines, and CI never sees ten silent minutes).
  public static func quietInterval(elapsed: Double) -> Double {
    min(300, max(10, elapsed / 10))
  }

  /// `12s elapsed, ETA 9s` after `elapsed` seconds with `fraction` of the work done: the ETA
  /// scales the time spent since `pace` (the elapsed time and fraction the pace is measured
  /// from: after a run's first evaluation, which no step repeats) by the work left; `ETA …`
  /// before any progress since then, none at the end.
  public static func clock(
    elapsed: Double, fraction: Double, pace: (elapsed: Double, fraction: Double) = (0, 0)
  ) -> String {
    let spent = "\(duration(elapsed)) elapsed"
    if fraction >= 1 { return spent }
    let done = fraction - pace.fraction
    guard done > 0 else { return spent + ", ETA …" }
    return "\(spent), ETA \(duration((elapsed - pace.elapsed) * (1 - fraction) / done))"
  }

  /// `train_loss 0.466949, train_accuracy 0.832536 at iteration 200`: the values exactly as
  /// `metrics.csv` holds them (6 significant digits), with the row's step.
  public static func figures(_ recorded: RecordedFigures) -> String {
    // A NaN's sign means nothing: `nan` as metrics.csv writes it, never `-nan`.
    let values = recorded.figures.map {
      "\($0.name) \($0.value.isNaN ? "nan" : String(format: "%.6g", $0.value))"
    }
    return values.joined(separator: ", ") + " at \(recorded.unit) \(recorded.step)"
  }

  /// A bar of `width` cells, `█` for the part done and `·` for the rest.
  public static func bar(done: Int, total: Int, width: Int = 30) -> String {
    let filled = total > 0 ? min(width, max(0, width * done / total)) : width
    return String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
  }
}
