import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Takes MLflow exports of one folder one at a time (tester BL-8: two exports of a sweep at
/// once each found nothing exported, and each sent every trial, under two parents). A run's
/// export, from looking its runs up to tagging its fingerprint, holds a lock of the folder it
/// belongs to (a trial's sweep folder, else its run folder): a hidden lock file beside that
/// folder, `.<name>.mlflow-export.lock`, removed as it is let go. Where none can be made beside
/// it (a read-only parent, tester BM-15), or beside the gate's baselines, where only `runner
/// gate --record` writes (tester BM-6), the lock file goes in this user's private folder in
/// TMPDIR, `runner-mlflow-export-user-<uid>/.<device>-<inode>.mlflow-export.lock`, named by the
/// folder's device and inode; where neither can be made, the export goes on unguarded and says
/// so once. An export started meanwhile waits, saying so, then looks the runs up and finds
/// them sent.
enum MLflowExportQueue {
  /// The ending of the name the lock is taken under, after the folder's own.
  static let suffix = ".mlflow-export"

  /// The folders this process said it exports unguarded, so that it says so once each.
  nonisolated(unsafe) private static var unguarded: Set<String> = []
  private static let registry = NSLock()

  /// The folder whose exports `run`'s belongs with: its sweep folder for a trial, else its own.
  static func folder(of run: ExportedRun) -> URL {
    (MLflowExport.sweepFolder(of: run) ?? run.folder).standardizedFileURL
  }

  /// The lock file the exports of `run`'s folder take beside it.
  static func lockFile(of run: ExportedRun) -> URL {
    FolderLock.lockFile(of: pseudoFolder(folder(of: run)))
  }

  /// The lock file the exports of `folder` take in `temporary` when none can be made beside it;
  /// nil when the folder cannot be examined or no private folder can be had there.
  static func temporaryLockFile(of folder: URL, in temporary: URL) -> URL? {
    temporaryPseudoFolder(folder, in: temporary).map(FolderLock.lockFile(of:))
  }

  /// Takes the lock of `run`'s folder's exports, waiting for another export holding it;
  /// `waiting` is told once, before the wait, and once per folder where no lock can be made
  /// (the exports then go on unguarded). Nil where no lock file can be made; the no-op lock
  /// where this process holds it already.
  static func acquire(
    _ run: ExportedRun, waiting: @escaping ExportedRun.Waiting,
    temporary: URL = FileManager.default.temporaryDirectory
  ) -> FolderLock? {
    // Held by this process already (exports of one folder at once in one process): not
    // waited for, as a wait polling on a task's thread could starve the export holding it.
    let folder = folder(of: run)
    let wait = { (holder: Int32, _: Bool) in
      waiting("note: " + waitingLine(path: folder.path, holder: holder))
    }
    // Not beside the gate's baselines (a folder holding `gate.csv`), where only `runner gate
    // --record` writes: a kill -9 would leave the lock file there (tester BM-6).
    if !ExportedRun.holdsGateBaselines(folder.deletingLastPathComponent()),
      let lock = FolderLock.acquireBriefly(pseudoFolder(folder), waiting: wait)
    {
      return lock
    }
    if let pseudo = temporaryPseudoFolder(folder, in: temporary),
      let lock = FolderLock.acquireBriefly(pseudo, waiting: wait)
    {
      return lock
    }
    if registry.withLock({ unguarded.insert(folder.path).inserted }) {
      waiting("note: " + unguardedLine(path: folder.path))
    }
    return nil
  }

  /// The line an export says as it waits for another export of `path` by process `holder`.
  static func waitingLine(path: String, holder: Int32) -> String {
    let process = holder > 0 ? "process \(holder)" : "another process"
    return "waiting for \(path): \(process) is exporting it to MLflow; going on once it is "
      + "done, sending only what it did not (Ctrl-C to stop waiting)"
  }

  /// The line an export says once where no lock of `path`'s exports can be made.
  static func unguardedLine(path: String) -> String {
    "concurrent MLflow exports of \(path) are not guarded (no lock file can be made beside it "
      + "or in TMPDIR): run one export of it at a time, or set TMPDIR to a writable folder"
  }

  /// The name, beside `folder`, whose `FolderLock` lock file is the queue's.
  private static func pseudoFolder(_ folder: URL) -> URL {
    folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + suffix)
  }

  /// The name, in this user's private folder in `temporary`, whose `FolderLock` lock file is
  /// the queue's for `folder`: its device and inode, so that every path to it takes one lock.
  private static func temporaryPseudoFolder(_ folder: URL, in temporary: URL) -> URL? {
    var info = stat()
    guard stat(folder.path, &info) == 0,
      let parent = GateWorkFolder.privateFolder(
        in: temporary, named: "runner-mlflow-export-user-\(geteuid())")
    else { return nil }
    return parent.appendingPathComponent("\(info.st_dev)-\(info.st_ino)" + suffix)
  }
}
