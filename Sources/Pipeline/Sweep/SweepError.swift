import Conventions
import Foundation
import Reports
import Specs

/// Why a sweep or a merge could not go on, with the exit code it maps to. A trial that fails
/// (e.g. diverges) is not an error of the sweep: it is recorded as failed and the sweep goes on.
public enum SweepError: UserFacingError {
  /// The spec did not load or its sweep did not expand (diagnostics located by `Specs`).
  case spec(SpecError)
  /// A bad `--shard`, `RUNNER_SHARD`, Slurm or Kubernetes shard setting.
  case badShard(String)
  /// A bad command-line value (e.g. `--jobs 0`).
  case usage(String)
  /// The limit on open files is too low for the trials run at once (the refusal, naming the
  /// limit and the jobs; exit 71).
  case openFiles(String)
  /// Trials asking for different BLAS thread counts cannot share one process.
  case mixedThreads([Int])
  /// Something stops every trial (the BLAS thread count, an unwritable results folder).
  case aborted(trial: String, PipelineError)
  /// The data every trial reads (not swept) is missing or broken: refused before any trial.
  case data(PipelineError)
  /// A sweep file could not be written or read.
  case results(ResultsFileError)
  /// A folder given to `runner merge` is not a sweep's results folder.
  case notASweep(path: String)
  /// The folder given does not exist (exit 66).
  case noFolder(path: String)
  /// What is at the folder's path is no folder (`why`: `is a symbolic link loop (…), not a
  /// folder`, `PathEntry.notAFolder`; exit 66).
  case notAFolder(path: String, why: String)
  /// Folders given to `runner merge` hold different sweeps.
  case differentSweeps(String, String, file: String = SweepLayout.planFile)
  /// A shard folder's copy `damaged` of a file every shard writes the same differs from
  /// another shard's copy `intact` by damage (`fault`, `ShardFileDamage`), not by another
  /// sweep; unless `known`, either copy may be the damaged one.
  case damagedShardFile(damaged: String, intact: String, fault: String, known: Bool)
  /// The same trial has different results in two folders given to `runner merge`: `file`
  /// differs, or is only in the copy in folder `onlyIn` (a note of yours, say).
  case conflictingTrial(id: String, first: String, second: String, file: String, onlyIn: String?)
  /// The same trial has other bytes in two folders given to `runner merge` whose copies were made
  /// in different numeric environments (`environments`: the first copy's, the second's, what
  /// differs): neither copy is wrong.
  case trialFromTwoEnvironments(
    id: String, first: String, second: String, file: String,
    environments: (first: String, second: String, differ: String))
  /// Complete trials in folders given to `runner merge` recorded different SHA-256 digests of
  /// one data file (`data_files.csv`): they trained on different data.
  case differentData(
    key: String, file: String, first: (trial: String, folder: String, sha256: String),
    second: (trial: String, folder: String, sha256: String))
  /// A folder was refused: of the other kind, not the runner's, in use, or outside the sweep.
  case folder(FolderError)
  /// Complete trials of rung `rung` (in `folder`, of the sweep folder `sweep`) trained to
  /// another budget than this plan gives the rung: `sweep.budget` changed since.
  case changedBudget(
    folder: String, sweep: String, trials: Int, trained: Int, planned: Int, rung: Int,
    unit: String)
  /// A successive-halving or Hyperband `folder` an earlier version made (`EarlierTieRule`).
  case earlierTieRule(folder: String)
  /// The sweep stopped with `error`, and its `summary.csv` (at `summary`) could not be
  /// rewritten then: it lists `listed` of the `complete` trials kept.
  indirect case summaryBehind(SweepError, summary: String, listed: Int, complete: Int)
  /// A file or folder `runner merge` would write or replace (`entry`, in or beside the merged
  /// folder `into`) is write-protected: refused before anything is written.
  case mergeProtected(entry: String, into: String)
  /// A file of `runner merge` could not be written (a full disk): the trials copied so far are
  /// whole, and the merge goes on from them when run again.
  case mergeWrite(ResultsFileError)

  /// The status the sweep exits with: the spec's or aborting trial's own; 64 for a bad shard or
  /// usage; 65 for mixed threads, different sweeps or a sweep file that is malformed or
  /// unreadable; 66 for a folder that is no sweep; 73 for results that cannot be written (a
  /// full disk, a folder that takes no files); 1 for conflicting trials or data.
  public var exitCode: ExitStatus {
    switch self {
    case .spec(let e): e.exitCode
    case .badShard, .usage: .usage
    case .openFiles: .osError
    case .mixedThreads: .dataError
    case .aborted(_, let e), .data(let e): e.exitCode
    case .results(.malformedCSV), .results(.cannotRead): .dataError
    case .results(.cannotWrite), .results(.cannotCreateDirectory): .cannotCreate
    case .results: .failure
    case .notASweep, .noFolder, .notAFolder: .noInput
    case .differentSweeps, .damagedShardFile, .changedBudget, .earlierTieRule: .dataError
    case .conflictingTrial, .trialFromTwoEnvironments, .differentData: .failure
    case .folder(let e): e.exitCode
    case .summaryBehind(let e, _, _, _): e.exitCode
    case .mergeProtected: .cannotCreate
    case .mergeWrite(let e): Self.results(e).exitCode
    }
  }

  /// `n` epochs (or iterations): `1 epoch`, `3 epochs`.
  static func count(_ n: Int, _ unit: String) -> String {
    "\(n) \(n == 1 ? String(unit.dropLast()) : unit)"
  }

  /// What a write that failed leaves, and what to do: every trial completed so far is whole on
  /// disk, and the same command goes on from there.
  static func resumable(_ reason: String) -> String {
    "the trials completed are kept: \(WriteFailureAdvice.action(reason: reason)), then run the "
      + "same command again to resume"
  }

  /// What a trial folder protected while the sweep ran (`TrialExecutor`) leaves, and what to do.
  static func protectedResumable(_ path: String) -> String {
    "the trials completed are kept: make it writable (chmod -R u+w \(path)), then run the same "
      + "command again to resume"
  }

  /// What a merge's failed write leaves, and what to do: the trials copied so far are whole,
  /// and the same merge goes on from them.
  static func mergeResumable(_ reason: String) -> String {
    "the trials copied so far are kept whole and nothing half-written is left: "
      + "\(WriteFailureAdvice.action(reason: reason)), then run the merge again to finish it"
  }

  /// Located diagnostics when the spec was at fault.
  public var diagnostics: [Diagnostic]? {
    if case .spec(let e) = self { return e.diagnostics }
    if case .aborted(_, let e) = self { return e.diagnostics }
    if case .data(let e) = self { return e.diagnostics }
    if case .summaryBehind(let e, _, _, _) = self, let inner = e.diagnostics {
      return inner + [Diagnostic(.note, at: nil, behindNote)]
    }
    return nil
  }

  /// What a stop left in `summary.csv`, when it could not be rewritten, and how to update it.
  private var behindNote: String {
    guard case .summaryBehind(_, let summary, let listed, let complete) = self else { return "" }
    let rows = listed == 1 ? "1 row" : "\(listed) rows"
    return "\(summary) could not be rewritten when the sweep stopped: it lists \(rows) for the "
      + "\(complete) complete trials kept (the \(complete - listed) that finished last "
      + "\(complete - listed == 1 ? "is" : "are") missing), and the sweep's report is as old; "
      + "run the same command again to resume, which rewrites both"
  }

  /// The message for the user: the spec's diagnostics, or an `error:` line with what to do.
  public var description: String {
    switch self {
    case .spec(let e): e.description
    case .badShard(let m): "error: \(m)"
    case .usage(let m): "error: \(m)"
    case .openFiles(let m): m
    case .mixedThreads(let counts):
      "error: the trials ask for different `threads` (\(counts.map(String.init).joined(separator: ", "))); one sweep process sets the BLAS thread count once, so do not sweep `threads` (run one sweep per thread count)"
    case .aborted(let trial, .unsaved(let e, _)):
      "error: trial \(trial) stopped the sweep: \(e) (this trial was not saved); "
        + Self.resumable("\(e)")
    case .aborted(let trial, .folder(.writeProtected(let path))):
      "error: trial \(trial) stopped the sweep: \(path) is write-protected, and the runner "
        + "leaves it as it is; \(Self.protectedResumable(path))"
    case .aborted(let trial, let e):
      "error: trial \(trial) stopped the sweep: "
        + (e.description.hasPrefix("error: ")
          ? String(e.description.dropFirst("error: ".count)) : e.description)
    case .data(let e): e.description
    case .results(.cannotWrite(let path, let reason)):
      "error: cannot write \(path): \(reason); \(Self.resumable(reason))"
    case .results(.cannotCreateDirectory(let path, let reason)):
      "error: cannot create directory \(path): \(reason); \(Self.resumable(reason))"
    case .results(let e): "error: \(e)"
    case .noFolder(let path):
      "error: \(path): no such folder; give the folders `runner sweep` wrote, e.g. results/<name>"
    case .notAFolder(let path, let why):
      "error: \(path) \(why); give the folders `runner sweep` wrote, e.g. results/<name>"
    case .notASweep(let path):
      "error: \(path) is not a sweep results folder (no \(SweepLayout.planFile)); give the folders `runner sweep` wrote, e.g. results/<name>"
    case .differentSweeps(let a, let b, let file):
      "error: \(a) and \(b) hold different sweeps (their \(file) differ); merge only shards of one spec"
    case .damagedShardFile(let damaged, let intact, let fault, true):
      "error: \(damaged) \(fault), though the folders hold shards of one sweep (the rest of the "
        + "file is \(intact)'s): the file was damaged, it is not another sweep's; copy the intact "
        + "one over it (`cp \(intact.shellQuoted) \(damaged.shellQuoted)`), then merge again "
        + "(nothing was merged)"
    case .damagedShardFile(let first, let second, let fault, false):
      "error: \(first) and \(second) differ, though the folders hold shards of one sweep (the "
        + "rest of the files agree): \(fault); either one was damaged (copy the intact one over "
        + "the other with `cp`), or the spec changed between the shards' runs (a swept value "
        + "added or edited: run every shard again with the spec as it is now), then merge again "
        + "(nothing was merged)"
    case .conflictingTrial(let id, let first, let second, let file, nil):
      "error: trial \(id) has different results in \(first) and \(second) (\(file) differs); remove the wrong one and merge again"
    case .trialFromTwoEnvironments(let id, let first, let second, let file, let environments):
      "error: trial \(id) has different results in \(first) and \(second) (\(file) differs), "
        + "made in different numeric environments ('\(environments.first)' and "
        + "'\(environments.second)', \(environments.differ)), so their figures can differ and "
        + "neither copy is wrong; keep the copy from the environment the rest of the sweep ran "
        + "in, remove the other, and merge again"
    case .conflictingTrial(let id, let first, let second, let file, let holder?):
      "error: trial \(id) has different files in \(first) and \(second): \(file) is only in \(holder)/\(id); move it out of the trial folder if it is yours, else remove the wrong copy of the trial, and merge again"
    case .differentData(let key, let file, let a, let b):
      "error: trials \(a.trial) (in \(a.folder)) and \(b.trial) (in \(b.folder)) were trained on "
        + "different data: their data_files.csv record other SHA-256 digests of \(file) (\(key): "
        + "\(RecordedDataFile.short(a.sha256)) and \(RecordedDataFile.short(b.sha256))), so one summary would "
        + "rank results of two datasets together; nothing was written: re-run the shards that "
        + "read the wrong data into a new folder (--results-dir), then merge again"
    case .folder(let e): e.description
    case .changedBudget(
      let folder, let sweep, let trials, let trained, let planned, let rung, let unit):
      "error: \(folder) holds \(trials) complete trial\(trials == 1 ? "" : "s") trained to "
        + "\(Self.count(trained, unit)) by another plan of this sweep; this plan trains rung "
        + "\(rung) to \(Self.count(planned, unit)) (sweep.budget, eta or the swept values "
        + "changed?), so \(trials == 1 ? "it is not one of its results" : "they are not its results"): "
        + "sweep into a new folder (--results-dir, or another name or output), or move \(sweep) "
        + "away, then run again"
    case .earlierTieRule(let folder):
      "error: \(folder) holds rungs of a successive-halving or Hyperband sweep made by an earlier "
        + "runner version, whose trial IDs depended on optimizer.epochs (which the rungs replace) "
        + "and whose rungs promoted tied trials by trial ID; this version ranks ties by the swept "
        + "values, so going on from those rungs would mix two plans: sweep into a new folder "
        + "(--results-dir, or another name or output), or move \(folder) away, then run again "
        + "(or finish it with the version that started it)"
    case .summaryBehind(let e, _, _, _): e.description + "\nnote: " + behindNote
    case .mergeProtected(let entry, let into):
      "error: cannot merge into \(into): \(entry) is write-protected (its owner may not write "
        + "it); the runner leaves it as it is, and nothing was merged: make it writable (chmod "
        + "-R u+w \(entry.shellQuoted)) or remove it, or merge into another folder (--into)"
    case .mergeWrite(.cannotWrite(let path, let reason)):
      "error: cannot write \(path): \(reason); \(Self.mergeResumable(reason))"
    case .mergeWrite(.cannotCreateDirectory(let path, let reason)):
      "error: cannot create directory \(path): \(reason); \(Self.mergeResumable(reason))"
    case .mergeWrite(let e): "error: \(e)"
    }
  }
}
