import Conventions
import Foundation
import Reports

extension SweepFile {
  /// Readies a sweep folder for `command` (`runner sweep` or `runner merge`): only a sweep
  /// folder (or a new or empty one) is accepted; it is created, a dead process's temporaries are
  /// removed, `plan.csv` and `sweep.csv` are written, then `more` (the method's own files).
  /// A merge of the shards in `mergedFrom` refuses a folder holding another sweep's plan
  /// before writing anything, and so does any command one holding another plan that a live
  /// sweep wrote (`SweepWriters`); the check and the writing of `plan.csv` run under the
  /// folder's lock, which a run holds while it runs. A plan written over another one (the spec
  /// changed) is followed at once by `summary` (the new plan's) over an existing `summary.csv`,
  /// which would list the earlier plan's trials until the sweep rewrites it. A sweep's `shard`
  /// (of more than one) marks the folder as one it started (`ShardRecord.mark`); a merge takes
  /// the shards' markers out (`ShardRecord.unmark`).
  static func startFolder(
    _ layout: SweepLayout, command: String, plan: String, settings: String?,
    summary: String? = nil, hook: CrashHook, shard: Shard = .whole,
    mergedFrom source: String? = nil, plannedSubfolder trials: [String]? = nil,
    root: URL? = nil, more: () throws -> Void = {}
  ) throws(SweepError) {
    do { _ = try ResultsParent.prepare(for: layout.directory) } catch { throw .folder(error) }
    try withStartLocks(layout, root: root) { () throws(SweepError) in
      try startLocked(
        layout, command: command, plan: plan, settings: settings, summary: summary, hook: hook,
        shard: shard, mergedFrom: source, plannedSubfolder: trials, more: more)
    }
  }

  /// Runs `body` holding the locks a sweep starts under: the folder's start lock (sweeps start
  /// one at a time, waiting for each other's start only) and the folder's own lock (a run
  /// holding it refuses this sweep, as this sweep, holding it, refuses a run starting now); a
  /// live writer of a folder around it, or inside a folder no sweep has started, refuses it.
  /// `root`, the results root when known, words the refusal's advice (`checkLiveWriters`).
  static func withStartLocks<T>(
    _ layout: SweepLayout, root: URL? = nil, _ body: () throws(SweepError) -> T
  ) throws(SweepError) -> T {
    let locks: (start: FolderLock, folder: FolderLock)
    do throws(FolderError) {
      let start = try FolderLock.acquire(
        layout.directory.deletingLastPathComponent().appendingPathComponent(
          layout.directory.lastPathComponent + ".start"), wait: true)
      do { locks = (start, try FolderLock.acquire(layout.directory)) } catch {
        start.release()
        throw error
      }
      // A run writing a folder around this one (or, in a folder no sweep has started, inside
      // it) would be refused at its commit: this sweep is refused now instead.
      do {
        try ExperimentRunner.checkLiveWriters(layout.directory, sweep: true, root: root)
      } catch {
        locks.folder.release()
        start.release()
        throw error
      }
    } catch { throw .folder(error) }
    defer {
      locks.folder.release()
      locks.start.release()
    }
    return try body()
  }

  /// `startFolder`'s work once its locks are held.
  private static func startLocked(
    _ layout: SweepLayout, command: String, plan: String, settings: String?, summary: String?,
    hook: CrashHook, shard: Shard, mergedFrom source: String?, plannedSubfolder trials: [String]?,
    more: () throws -> Void
  ) throws(SweepError) {
    do {
      try UnstartedSubfolder.requireSweepFolder(
        layout.directory, plannedTrials: trials, for: command)
    } catch { throw .folder(error) }
    let existing = try? AtomicFile.read(layout.plan)
    if let source, existing != nil, existing != plan {
      throw .differentSweeps(layout.directory.path, source)
    }
    // Another live sweep's plan: refused, unless one plan holds the other (a Bayes sweep's
    // grows by a batch at a time), the larger one then kept.
    var writesPlan = true
    if let existing, existing != plan, let pid = SweepWriters.others(in: layout.directory).first {
      writesPlan = !SweepPlanFile.holds(existing, plan)
      guard !writesPlan || SweepPlanFile.holds(plan, existing) else {
        throw .folder(.otherSweep(path: layout.directory.path, pid: pid))
      }
    }
    SweepWriters.beginWriting()
    do {
      try FileManager.default.createDirectory(
        at: layout.directory, withIntermediateDirectories: true)
      StaleFiles.removeTemporaries(in: layout.directory)
      if writesPlan { try SweepFile.write(plan, to: layout.plan, point: "plan", hook: hook) }
      if let settings {
        try SweepFile.write(settings, to: layout.settings, point: "settings", hook: hook)
      }
      // After the plan and sweep.csv: a summary older than them is one to bring up to date
      // (`DamagedPlan.summaryIsOlder`), no damage of the plan.
      if writesPlan, let summary, let existing, existing != plan,
        PathEntry.isPlainFile(layout.summary.path)
      {
        try SweepFile.writeSummary(summary, to: layout.summary, hook: .disarmed)
      }
      try more()
      ShardRecord.mark(shard, in: layout.directory)
      SweepWriters.register(layout.directory)
    } catch let error as ResultsFileError {
      throw .results(error)
    } catch let error as SweepError {
      throw error
    } catch {
      throw .results(
        .cannotCreateDirectory(path: layout.directory.path, reason: AtomicFile.reason(error)))
    }
  }
}
