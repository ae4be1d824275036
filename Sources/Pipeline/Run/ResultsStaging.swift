import Conventions
import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a run's files into a hidden staging folder beside the final results folder and swaps
/// it into place at the end, so that a results folder always holds the files of one whole run
/// (never a mix of an old run's and a new one's), and a failure before the swap leaves the
/// previous results untouched.
struct ResultsStaging {
  /// The final results folder.
  let destination: URL
  /// Where files are written until `commit`.
  let staging: URL
  /// Files written so far, relative to the folder, in writing order.
  private(set) var files: [String] = []
  /// Kills the process at a named point when a test arms it (`CrashHook`).
  let hook: CrashHook

  init(destination: URL, hook: CrashHook = .disarmed) throws(PipelineError) {
    self.destination = destination
    self.hook = hook
    let parent = destination.deletingLastPathComponent()
    let token =
      "\(ProcessInfo.processInfo.processIdentifier)-\(UInt64(Date().timeIntervalSince1970 * 1e6))"
    staging = parent.appendingPathComponent(".staging-\(destination.lastPathComponent)-\(token)")
    // Recorded, so that an interrupt ending the process removes it (`OwnTemporaries`).
    do {
      try OwnTemporaries.creating(staging) {
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
      }
    } catch {
      throw .unsaved(
        .cannotCreateDirectory(path: destination.path, reason: AtomicFile.reason(error)),
        folder: destination.path)
    }
  }

  /// A staging folder for `destination` holding a copy of folder `source` (a merge copies a
  /// shard's trial so, then commits it as the sweep commits a trial it ran), with the modes of
  /// files written fresh (`FreshCopy`), never a read-only shard's.
  init(destination: URL, copyOf source: URL) throws(PipelineError) {
    try self.init(destination: destination)
    do {
      try OwnTemporaries.filling(staging) {
        try FileManager.default.removeItem(at: staging)
        try FreshCopy.copy(source, to: staging)
      }
    } catch {
      discard()
      throw unsaved(.cannotWrite(path: destination.path, reason: AtomicFile.reason(error)))
    }
  }

  /// Writes `text` as `name` (a path relative to the results folder).
  mutating func write(_ text: String, as name: String) throws(PipelineError) {
    try write(bytes: Data(text.utf8), as: name)
  }

  /// Writes binary `bytes` (an `.npy` file, …) as `name`, a path relative to the results folder.
  mutating func write(bytes: Data, as name: String) throws(PipelineError) {
    let url = staging.appendingPathComponent(name)
    // Removed meanwhile (its results root or sweep folder deleted): stop, rather than create
    // the folders again around one file.
    var info = stat()
    guard stat(staging.path, &info) == 0 else {
      let parent = destination.deletingLastPathComponent()
      throw .folder(.removed(path: stat(parent.path, &info) == 0 ? staging.path : parent.path))
    }
    do {
      // Never made again once an interrupt removed it.
      try OwnTemporaries.creating(staging) {
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      }
    } catch {
      throw unsaved(.cannotWrite(path: url.path, reason: AtomicFile.reason(error)))
    }
    do { try AtomicFile.write(bytes, to: url) } catch { throw unsaved(error) }
    if !files.contains(name) { files.append(name) }
    hook.reach("run-write")
  }

  /// Writes a CSV table as `name`.
  mutating func write(_ table: CSVTable, as name: String) throws(PipelineError) {
    try write(table.rendered, as: name)
  }

  /// Moves the staged files into place, replacing an earlier run's folder as a whole, so that
  /// the folder holds the previous run or the new one at every moment, even under `kill -9`:
  /// the staged folder is renamed `<staging>-old`, then swapped with the previous folder in one
  /// `renameat2(RENAME_EXCHANGE)` (two renames where the system lacks it), and the previous
  /// run, now under the `-old` name, is retired (`RunLeftovers.retire`: removed, or kept in
  /// history when its spec differs or it holds files the runner did not write, if
  /// `keepHistory`). A kill in between is settled at the
  /// next start by `RunLeftovers.clean`. Returns a note on a run kept in history.
  /// The commit runs under `ResultsCommits`' lock, so an interrupt waits for it to end and can
  /// say what was saved. A single run's commit (`keepHistory`) first checks again what its start
  /// checked (`checkStillRunFolder`), and throws when that changed meanwhile, writing nothing
  /// there: the run's files are kept aside in `.history` and the error says where.
  @discardableResult
  func commit(keepHistory: Bool = false) throws(PipelineError) -> String? {
    let note = try ResultsCommits.shared.committing(destination) { () throws(PipelineError) in
      if keepHistory { try keepUnlessStillRunFolder() }
      let note = try swapIntoPlace(keepHistory: keepHistory)
      OwnTemporaries.forget(staging)
      return note
    }
    hook.reach("run-saved")
    return note
  }

  /// `checkStillRunFolder`, the finished run kept when it throws: its staged files are moved to
  /// `.history/<folder>/<UTC time>/` beside the folder (or kept beside it, `.history-<folder>-…`)
  /// and the refusal says where, never dropped (tester AY F9).
  private func keepUnlessStillRunFolder() throws(PipelineError) {
    do { try Self.checkStillRunFolder(destination) } catch {
      guard case .folder(let refusal) = error,
        let kept = RunLeftovers.moveToHistory(staging, of: destination)
          ?? RunLeftovers.keepBeside(staging, of: destination)
      else { throw error }
      OwnTemporaries.forget(staging)
      throw .folder(.resultsKept(refusal: refusal, kept: kept.path))
    }
  }

  /// Refuses a single run's `destination` that is no longer missing, empty or a run's folder
  /// (73), or that a live sweep writes (75): another command made it so while this run trained.
  static func checkStillRunFolder(_ destination: URL) throws(PipelineError) {
    do { try ResultsFolderKind.require(.run, at: destination, for: "runner run") } catch {
      throw .folder(error)
    }
    if let pid = SweepWriters.others(in: destination).first {
      throw .folder(.inUse(path: destination.path, pid: pid))
    }
  }

  private func swapIntoPlace(keepHistory: Bool) throws(PipelineError) -> String? {
    let fm = FileManager.default
    let old = staging.deletingLastPathComponent().appendingPathComponent(
      staging.lastPathComponent + "-old")
    do {
      guard fm.fileExists(atPath: destination.path) else {
        try fm.moveItem(at: staging, to: destination)
        return nil
      }
      try fm.moveItem(at: staging, to: old)
      hook.reach("run-commit")
      if !AtomicSwap.exchange(old, destination) {
        let previous = URL(fileURLWithPath: old.path + "-prev-old")
        try fm.moveItem(at: destination, to: previous)
        try fm.moveItem(at: old, to: destination)
        try fm.moveItem(at: previous, to: old)
      }
    } catch {
      throw unsaved(.cannotWrite(path: destination.path, reason: AtomicFile.reason(error)))
    }
    hook.reach("run-retire")
    return RunLeftovers.retire(old, replacedBy: destination, keepHistory: keepHistory)
  }

  /// A write that failed, as the user sees it: nothing was saved, and the file is named by its
  /// place in the results folder, not in the hidden staging folder that is removed.
  func unsaved(_ error: ResultsFileError) -> PipelineError {
    func visible(_ path: String) -> String {
      path.hasPrefix(staging.path) ? destination.path + path.dropFirst(staging.path.count) : path
    }
    let shown: ResultsFileError =
      switch error {
      case .cannotWrite(let path, let reason): .cannotWrite(path: visible(path), reason: reason)
      case .cannotCreateDirectory(let path, let reason):
        .cannotCreateDirectory(path: visible(path), reason: reason)
      default: error
      }
    return .unsaved(shown, folder: destination.path)
  }

  /// Removes the staging folder (after a failure that leaves nothing to keep).
  func discard() {
    try? FileManager.default.removeItem(at: staging)
    OwnTemporaries.forget(staging)
  }
}
