import Conventions

extension ExperimentRunner {
  /// The open files the runner needs at least: the standard streams, the concurrency
  /// runtime's own (its thread pool's monitor opens `/proc` files and stops the process when it
  /// cannot), and the spec, data, lock and results files a command holds at once.
  public static let openFilesNeeded = 16

  /// The refusal of a `ulimit -n` below `openFilesNeeded`, checked first thing: past it the
  /// runtime's thread-pool monitor fails to open a file and stops the process with SIGILL.
  /// nil when the limit leaves enough.
  public static func openFileLimitRefusal(limit: Int? = OSErrorText.openFileLimit) -> String? {
    guard let limit, limit < openFilesNeeded else { return nil }
    return "error: the limit on open files is too low (ulimit -n \(limit)): the runner needs at "
      + "least \(openFilesNeeded) (its runtime's threads, the spec, data and results files); "
      + "raise it, e.g. `ulimit -n 1024`"
  }
}
