import Conventions

extension ExperimentRunner {
  /// The stack the runner's threads need at least, in KB: glibc gives each new thread a stack
  /// of the `ulimit -s` size, and the concurrency runtime's threads that load data and train
  /// overflowed 384 KB (a debug build; 512 KB ran), dying with SIGSEGV and no message.
  public static let stackNeeded = 1024

  /// The stack limit (`ulimit -s`, `RLIMIT_STACK`) in KB; nil when unlimited or unreadable.
  public static var stackLimit: Int? {
    ResourceLimit.stack.soft.map { Int(clamping: $0 / 1024) }
  }

  /// The refusal of a `ulimit -s` below `stackNeeded`, checked at the start of every command
  /// that loads data (tester BF F7: `run`, `sweep` and `gate` crashed); nil when it leaves
  /// enough.
  public static func stackLimitRefusal(limit: Int? = stackLimit) -> String? {
    guard let limit, limit < stackNeeded else { return nil }
    return "error: the stack limit is too low (ulimit -s \(limit)): the runner's threads need "
      + "at least \(stackNeeded) KB to load data and train; raise it, e.g. `ulimit -s 8192`"
  }
}
