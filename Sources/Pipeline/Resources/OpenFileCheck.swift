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

  /// The open files a sweep holds beyond a run's, whatever its jobs: the locks of its folder and
  /// of a rung's or bracket's inside it (a Hyperband sweep of one job was measured to need 21).
  public static let openFilesPerSweep = 2

  /// The open files each trial running at once adds: its lock, the data and results files it
  /// holds open while it reads and writes, with a margin (1 to 2 were measured per job on small
  /// grids and Hyperband sweeps; a Hyperband sweep of 2 jobs needed 23, of 6 jobs 25).
  public static let openFilesPerJob = 4

  /// The open files a sweep of `jobs` trials at once needs at least.
  public static func openFilesNeeded(jobs: Int) -> Int {
    openFilesNeeded + openFilesPerSweep + openFilesPerJob * max(0, jobs)
  }

  /// The refusal of a `ulimit -n` below what `jobs` trials at once need (`openFilesNeeded(jobs:)`),
  /// checked before any trial starts (past it a trial stops the sweep with "too many open
  /// files"); nil when the limit leaves enough.
  public static func openFileLimitRefusal(jobs: Int, limit: Int? = OSErrorText.openFileLimit)
    -> String?
  {
    let needed = openFilesNeeded(jobs: jobs)
    guard let limit, limit < needed else { return nil }
    let fewer = (limit - openFilesNeeded(jobs: 0)) / openFilesPerJob
    return "error: the limit on open files is too low (ulimit -n \(limit)) for \(jobs) "
      + "trial\(jobs == 1 ? "" : "s") at once: the sweep needs at least \(needed) (\(openFilesNeeded), "
      + "\(openFilesPerSweep) for its locks and \(openFilesPerJob) for each trial); raise it, e.g. "
      + "`ulimit -n 1024`" + (fewer >= 1 ? ", or run fewer at once (--jobs \(fewer))" : "")
  }
}
