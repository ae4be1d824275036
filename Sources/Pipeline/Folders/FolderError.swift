import Conventions
import Foundation
import Reports
import Specs

/// Why a command refused a results folder: it is of the other kind, the runner did not write
/// it, it cannot be created or written, another process is writing it, or a sweep file names a
/// path outside the sweep.
public enum FolderError: UserFacingError, Equatable {
  /// `runner run` was given a spec with `sweep:`, in the file or by one of its `--set`s (`sets`,
  /// kept in the `runner sweep` command it is told to run, with the run's other `options`:
  /// `--results-dir D`, `--strict`…).
  case sweepSpec(spec: String, sets: [String] = [], options: [String] = [])
  /// The folder holds the other kind of results (or files the runner did not write).
  case wrongKind(path: String, found: ResultsFolderKind, command: String)
  /// A rung or bracket folder of the sweep's own folder, left without its plan by a killed
  /// run, holds `entries` (the user's) of names the sweep writes there.
  case inTheWay(path: String, entries: [String], command: String)
  /// The folder that would hold the results (`path`) cannot be created or written (`reason`).
  case unusable(path: String, reason: String)
  /// As `unusable`, for the folder `runner merge --into` names.
  case unusableInto(path: String, reason: String)
  /// An earlier run's folder the user made read-only: left as it is.
  case writeProtected(path: String)
  /// Another live process holds the folder's lock.
  case inUse(path: String, pid: Int32)
  /// Another live process is writing a folder enclosing `path`, or one inside it (`writer`):
  /// the later of the two would be refused at its commit, its work lost.
  case nestedInUse(path: String, writer: FolderLock.NestedWriter)
  /// A run's commit was refused (`refusal`: its folder changed meanwhile); its finished
  /// results were moved to `kept` instead of being dropped.
  indirect case resultsKept(refusal: FolderError, kept: String)
  /// A live sweep (process `pid`) is writing sweep folder `path` with another plan.
  case otherSweep(path: String, pid: Int32)
  /// A `plan.csv` or `status.csv` row names something that is not a trial folder of the sweep.
  case unsafeTrial(file: String, id: String)
  /// The sweep's own folder `path`, whose `plan.csv` is damaged (`damage`: `is empty`, …) and
  /// not written again (a bayes plan its replay cannot give, a merge's target); `remedy` says
  /// why and what to do. The folder is left untouched.
  case damagedPlan(path: String, damage: String, remedy: String)
  /// A results root in a kernel pseudo-filesystem (`/proc`, `/sys`, `/dev`; `reason` says which).
  case systemFolder(path: String, reason: String)
  /// The folder a command was writing into was removed (or moved) meanwhile, by someone else.
  case removed(path: String)
  /// `runner run` would write inside the sweep folder `sweep`, where only `runner sweep` writes
  /// (a trial's `spec.resolved.yaml` run again keeps its `output`).
  case insideSweep(path: String, sweep: String)
  /// `runner run` would write inside the run folder `run`, which a rerun of that run moves to
  /// `.history` with everything in it.
  /// `beside`: the same name beside the run, relative to the results folder.
  case insideRun(path: String, run: String, beside: String)
  /// The sweep folder `command` would write (`path`) is a symbolic link to `target` (the folder
  /// it names, resolved): never written through.
  case linkedSweep(path: String, target: String, command: String)
  /// The results folder `runner report` would rewrite (`path`, as given) is a symbolic link to
  /// `target` (resolved): never written through, as `run` and `sweep` never write through one.
  case linkedReport(path: String, target: String)
  /// The `plots` folder of a folder `command` writes into (`path`) is a symbolic link to
  /// `target`: its plots would be written, and the user's replaced, outside the results.
  case linkedPlots(path: String, target: String, command: String)

  /// 64 for a sweep spec given to `runner run`, 73 for a folder of the other kind, one that
  /// cannot be written or is write-protected, a system folder, one removed while written or one inside a sweep or a run, a sweep folder (or one `runner report` rewrites) that is a link, 75 for a folder in use, 65 for a trial ID that is not a plain folder name or a sweep's damaged plan.csv.
  public var exitCode: ExitStatus {
    switch self {
    case .sweepSpec: .usage
    case .wrongKind, .inTheWay, .unusable, .unusableInto, .systemFolder, .removed, .insideSweep,
      .insideRun,
      .writeProtected, .linkedSweep, .linkedReport, .linkedPlots:
      .cannotCreate
    case .inUse, .otherSweep, .nestedInUse: .temporaryFailure
    case .resultsKept(let refusal, _): refusal.exitCode
    case .unsafeTrial, .damagedPlan: .dataError
    }
  }

  /// The message for the user, starting `error:`, with what to do instead.
  public var description: String {
    switch self {
    case .sweepSpec(let spec, let sets, let options):
      "error: \(Self.sweepGiver(spec, sets)) declares `sweep:`; run it with "
        + "`\(Invocation.commandLine(["sweep", spec] + sets.flatMap { ["--set", $0] } + options))` "
        + "(a single run never writes a sweep's folder)"
    case .wrongKind(let path, let found, let command):
      "error: \(path) is \(Self.kind(path, found)); `\(command)` writes only "
        + "into folders it created, "
        + "so it leaves \(found == .file ? "it" : "this one") untouched "
        + "(\(Self.remedy(command, found: found)))"
    case .inTheWay(let path, let entries, let command):
      "error: \(path) is a folder of this sweep's plan that a stopped run created but did not "
        + "start (it has no plan.csv); `\(command)` writes there beside your files, but "
        + "\(entries.joined(separator: ", ")) \(entries.count == 1 ? "has the name" : "have names") "
        + "of what it writes there, and it never overwrites what it did not write: move just "
        + "\(entries.count == 1 ? "that entry" : "those entries") out of the folder and run the "
        + "same command again (the sweep resumes)"
    case .unusable(let path, let reason):
      "error: cannot write results in \(path): \(reason); choose a writable --results-dir "
        + "(or `results_dir` in runner.yaml, or the spec's `output`)"
    case .unusableInto(let path, let reason):
      "error: cannot write results in \(path): \(reason); choose a writable --into folder "
        + "(without --into, the merge writes into the first folder given)"
    case .writeProtected(let path):
      "error: \(path) is write-protected; the runner leaves it as it is: choose another "
        + "`output` (--set output=NAME), or make it writable (chmod -R u+w \(path))"
    case .inUse(let path, let pid):
      "error: \(path) is in use by pid \(pid) (another runner writing the same results); "
        + "wait for it to finish, or stop it"
    case .nestedInUse(let path, let writer):
      writer.encloses
        ? "error: \(path) lies inside \(writer.folder), which is in use by pid \(writer.pid) "
          + "(another runner writing its results there, which this folder would make it refuse "
          + "at its end); wait for it to finish, or "
          + (writer.holdsResultsRoot
            ? "give this one a results folder outside it (--results-dir DIR, DIR not inside "
              + "\(writer.folder))"
            : "give this one an `output` outside it (--set output=NAME)")
        : "error: \(path) holds \(writer.folder), which is in use by pid \(writer.pid) "
          + "(another runner writing its results there); a run's folder holds no other "
          + "results, so this one would be refused at its end: wait for it to finish, or "
          + "choose another `output` (--set output=NAME)"
    case .resultsKept(let refusal, let kept):
      "\(refusal.description); this run's finished results are kept in \(kept) (move them "
        + "where you want them)"
    case .otherSweep(let path, let pid):
      "error: \(path) is being written by another sweep (pid \(pid)) with a different plan "
        + "(another spec, seed or --set); no trial was run: wait for it to finish, or give this "
        + "sweep another `output` (--set output=NAME)"
    case .unsafeTrial(let file, let id):
      "error: \(file) names trial '\(id)', which is not a folder inside the sweep "
        + "(a trial ID is one plain folder name); refusing to read or write outside the sweep"
    case .damagedPlan(let path, let damage, let remedy):
      "error: \(path)/\(ResultsFile.plan) \(damage), though the folder holds this sweep's own "
        + "files and complete trials (it is no folder of other runs' results); "
        + "\(remedy). The folder is left untouched"
    case .systemFolder(let path, let reason):
      "error: \(path) is no results folder: \(reason); the runner neither lists, exports nor "
        + "writes results there (name a results folder, e.g. results)"
    case .removed(let path):
      "error: \(path) was removed while the runner was writing into it; nothing more was "
        + "written (not re-created piecemeal): run the command again to write it anew"
    case .insideRun(let path, let run, let beside):
      "error: \(path) is inside the run folder \(run); a rerun of that run would move its folder, "
        + "this one included, to .history: give this one an `output` beside it (e.g. \(beside))"
    case .linkedSweep(let path, let target, let command):
      "error: \(path) is a symbolic link to \(target); `\(command)` never writes through a link "
        + "(nor replaces it with a folder of its own, which would train every trial again), so "
        + "it leaves both untouched: "
        + (command == "runner merge"
          ? "merge into the folder it names (--into \(target)), or remove the link"
          : "sweep into the folder it names (--results-dir "
            + "\((target as NSString).deletingLastPathComponent)), or remove the link")
    case .linkedPlots(let path, let target, let command):
      "error: \(path) is a symbolic link to \(target); `\(command)` never writes through a link, "
        + "so it leaves both untouched: remove the link (or put a copy of the folder in its place, "
        + "which it then writes over)"
    case .linkedReport(let path, let target):
      "error: \(path) is a symbolic link to \(target); `runner report` never writes through a "
        + "link (as `runner run` and `runner sweep` do not, and `runner ls` lists no folder "
        + "behind one), so it leaves both untouched: report the folder it names (`"
        + Invocation.commandLine(["report", target]) + "`), or remove the link"
    case .insideSweep(let path, let sweep):
      "error: \(path) is inside the sweep folder \(sweep), where only `runner sweep` writes (a "
        + "run of its own there is no trial, and `runner ls` would not list it); a trial's "
        + "spec.resolved.yaml keeps the trial's `output`: give another with --set output=NAME "
        + "(removing the line writes to results/<name>, and a trial's name is its sweep's)"
    }
  }

  /// `found` as a phrase, said more closely for a folder the runner did not write: a run's
  /// folder missing one of the two files that make it one (`…, which a run's folder holds both
  /// of`), or a folder holding other runs' or sweeps' folders (`a folder of other results: a, b`).
  static func kind(_ path: String, _ found: ResultsFolderKind) -> String {
    // A pipe or a device is named for what it is, as everywhere (not "a file").
    if found == .file { return PathEntry.of(path).insteadOfFolder ?? found.description }
    guard found == .foreign else { return found.description }
    let folder = URL(fileURLWithPath: path)
    if let missingFile = ResultsFolderKind.incompleteRun(folder) {
      return "\(found) (\(missingFile))"
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    let results = entries.filter { !$0.hasPrefix(".") }.sorted().filter {
      [.run, .sweep].contains(ResultsFolderKind.of(folder.appendingPathComponent($0)))
    }
    return results.isEmpty
      ? found.description
      : "a folder of other runs' results (\(results.joined(separator: ", "))), not a run's own"
  }

  /// What to do instead of writing into a folder of the wrong kind (or a file, `found`), for
  /// `command`.
  private static func remedy(_ command: String, found: ResultsFolderKind) -> String {
    let thing = found == .file ? "file" : "folder"
    switch command {
    case "runner report":
      return "name a run's or a sweep's results folder, e.g. results/cat; "
        + "`\(Invocation.commandLine(["ls"]))` lists them"
    // `runner merge` and `runner compare` name the folder they write with --into.
    case "runner compare", "runner merge": return "choose another --into, or move the \(thing) away"
    default: return "choose another `output` or --results-dir, or move the \(thing) away"
    }
  }

  /// Whether `id` is one plain folder name (no `/`, not `.` or `..`, not hidden, no NUL).
  public static func isSafeTrialID(_ id: String) -> Bool {
    ResultsFile.isPlainFolderName(id)
  }

  /// What gave `spec` its `sweep:` section: the first of `sets` that writes inside `sweep`
  /// (`--set sweep.parameters.x=[1, 2]`), else the spec.
  private static func sweepGiver(_ spec: String, _ sets: [String]) -> String {
    let giver = sets.first { text in
      (try? Override(parsing: text)).map { !$0.removes && $0.path.isWithin("sweep") } ?? false
    }
    return giver.map { "--set \($0.shellQuoted)" } ?? spec
  }
}
