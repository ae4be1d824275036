/// One reading of the `ulimit -v` (`RLIMIT_AS`): its cap and what of it the runner takes before
/// any data (mapped now, thread stacks, OpenBLAS's buffer), in bytes. A refusal's figures and
/// its advice come from the reading the budget was decided on.
public struct AddressSpace: Sendable, Equatable {
  /// The `ulimit -v`, in bytes.
  public var cap: Double
  /// What of it is taken before any data.
  public var used: Double

  /// What is left for data and model: `cap − used`, at least 0.
  public var left: Double { max(0, cap - used) }

  /// The `ulimit -v` (KB, rounded up to 100 MB) that leaves room for `bytes` beside what is
  /// `used`: `used + bytes`, or the cap when that leaves room already. From `used`, not from
  /// the cap: under a cap below `used` (nothing `left`), `cap + bytes` fell short of it, and
  /// the `ulimit -v` advised was refused in turn (tester BF F1).
  public func limit(fitting bytes: Double) -> Int {
    let step = 100.0 * 1_048_576
    let room = max(cap, used + bytes)
    return Int((room / step).rounded(.up) * step / 1024)
  }
}
