import Foundation

/// Takes MLflow exports of one folder one at a time (tester BL-8: two exports of a sweep at
/// once each found nothing exported, and each sent every trial, under two parents). A run's
/// export, from looking its runs up to tagging its fingerprint, holds a lock of the folder it
/// belongs to (a trial's sweep folder, else its run folder): a hidden lock file beside that
/// folder, `.<name>.mlflow-export.lock`, removed as it is let go. An export started meanwhile
/// waits, saying so, then looks the runs up and finds them sent. Where no lock file can be made
/// (a read-only parent), or beside the gate's baselines, the export goes on without it.
enum MLflowExportQueue {
  /// The ending of the name the lock is taken under, after the folder's own.
  static let suffix = ".mlflow-export"

  /// The folder whose exports `run`'s belongs with: its sweep folder for a trial, else its own.
  static func folder(of run: ExportedRun) -> URL {
    (MLflowExport.sweepFolder(of: run) ?? run.folder).standardizedFileURL
  }

  /// The lock file the exports of `run`'s folder take.
  static func lockFile(of run: ExportedRun) -> URL {
    FolderLock.lockFile(of: pseudoFolder(folder(of: run)))
  }

  /// Takes the lock of `run`'s folder's exports, waiting for another export holding it;
  /// `waiting` is told once, before the wait. Nil where no lock file can be made; the no-op
  /// lock where this process holds it already.
  static func acquire(_ run: ExportedRun, waiting: @escaping ExportedRun.Waiting) -> FolderLock? {
    // Held by this process already (exports of one folder at once in one process): not
    // waited for, as a wait polling on a task's thread could starve the export holding it.
    let folder = folder(of: run)
    // Not beside the gate's baselines (a folder holding `gate.csv`), where only `runner gate
    // --record` writes: a kill -9 would leave the lock file there (tester BM-6).
    if ExportedRun.holdsGateBaselines(folder.deletingLastPathComponent()) { return nil }
    return FolderLock.acquireBriefly(pseudoFolder(folder)) { holder, _ in
      waiting("note: " + waitingLine(path: folder.path, holder: holder))
    }
  }

  /// The line an export says as it waits for another export of `path` by process `holder`.
  static func waitingLine(path: String, holder: Int32) -> String {
    let process = holder > 0 ? "process \(holder)" : "another process"
    return "waiting for \(path): \(process) is exporting it to MLflow; going on once it is "
      + "done, sending only what it did not (Ctrl-C to stop waiting)"
  }

  /// The name, beside `folder`, whose `FolderLock` lock file is the queue's.
  private static func pseudoFolder(_ folder: URL) -> URL {
    folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + suffix)
  }
}
