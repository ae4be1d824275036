import Reports

/// What a completed run produced, for the command line's final table.
public struct RunOutcome: Sendable {
  /// The run's name.
  public var name: String
  /// The results directory.
  public var directory: String
  /// The final figures, in `summary.csv`'s order.
  public var figures: [NamedCell]
  /// The bias/variance verdict.
  public var verdict: String?
  /// The gaps behind the verdict (avoidable bias, variance, data mismatch), in words.
  public var gaps: String? = nil
  /// The diagnosis's first recommendations (the verdict's remedies first): what to try next.
  public var nextSteps: [String] = []
  /// How training ended.
  public var stopReason: String
  /// The files written, relative to `directory`.
  public var files: [String]
  /// What went wrong without failing the run (L-BFGS not converged, a curve point or bootstrap
  /// round that diverged); `--strict` turns them into exit status 1.
  public var warnings: [String] = []
  /// The classes of a classifier (nil for a regression): with more than two, precision,
  /// recall, f1, roc_auc and average_precision are macro means.
  public var classes: Int? = nil
}
