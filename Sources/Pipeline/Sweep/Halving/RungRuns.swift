/// One rung's trial runs in an adaptive sweep's outcome (successive halving; each bracket's
/// rungs for Hyperband): how many it runs, how many are complete on disk and how many this
/// process ran, so the summary counts the same runs in every line.
public struct RungRuns: Sendable, Equatable {
  /// Hyperband: the bracket `s`; nil for successive halving.
  public var bracket: Int?
  /// The rung's index in its plan.
  public var rung: Int
  /// Trials the rung runs: those promoted to it once chosen, else the plan's count; 0 when the
  /// rung below promoted none.
  public var planned: Int
  /// Its trials complete on disk after the run (all shards).
  public var complete: Int = 0
  /// Its trials run by this process.
  public var ran: Int = 0
}
