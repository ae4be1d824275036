import Conventions
import Foundation
import Reports

extension DamagedPlan {
  /// Writes the plan `make` gives (told the fault) as the `plan.csv` of `layout`'s folder when
  /// `runner sweep` writes it again there (`verdict`: damaged in the sweep's own folder, every
  /// complete trial one of the made plan's or of those the folder's own files record), under
  /// the locks a sweep starts under (`SweepFile.withStartLocks`); returns the note saying so
  /// (`how`: how the plan is made, e.g. `from the spec and its seed`), else nil, the folder
  /// left as it is. A plan of the runner's form, damaged beside complete trials that are not
  /// the sweep's, is refused (`.wrongKind`), untouched. `fault` is what is wrong with a plan
  /// (`fault(in:)`, or a method's own). A plan on disk that is the made plan's bytes is not
  /// damaged: it is `summary.csv` that is stale (a sweep of a changed spec stopped before
  /// rewriting it), written again from `summary` (the made plan's summary; nil: left to the
  /// sweep), with no note and no copy kept. `root`, the results root when known, words a live
  /// writer's refusal (`SweepFile.withStartLocks`).
  static func rebuild(
    _ layout: SweepLayout, root: URL? = nil, how: String, fault: (URL) -> String? = fault(in:),
    summary: (() -> String)? = nil,
    plan make: (String) throws(SweepError) -> CSVTable
  ) throws(SweepError) -> String? {
    guard fault(layout.directory) != nil else { return nil }
    return try SweepFile.withStartLocks(layout, root: root) { () throws(SweepError) -> String? in
      guard let found = fault(layout.directory) else { return nil }
      let plan = try make(found)
      let trials = recordedTrials(in: layout.directory).union(SweepPlanFile.trialIDs(plan))
      switch verdict(layout.directory, trials: trials, found: found) {
      case .none: return nil
      case .rebuilt(let fault):
        guard (try? AtomicFile.read(layout.plan)) != plan.rendered else {
          if let summary {
            do throws(ResultsFileError) {
              try SweepFile.writeSummary(summary(), to: layout.summary, hook: .disarmed)
            } catch { throw .results(error) }
          }
          return nil
        }
        return try replace(layout, with: plan.rendered, fault: fault, how: how)
      case .foreign:
        throw .folder(
          .wrongKind(path: layout.directory.path, found: .foreign, command: "runner sweep"))
      }
    }
  }

  /// Writes `plan` over the damaged `plan.csv` of `layout` (`fault`), the caller holding the
  /// locks a sweep starts under; the damaged bytes are kept first in the folder's
  /// `.history/<name>/<UTC time>/`, as a replaced file of the user's is (`RunLeftovers`), and
  /// nothing is written when they cannot be. Refused (`.otherSweep`) while another live sweep
  /// writes the folder. Returns the note saying so.
  private static func replace(
    _ layout: SweepLayout, with plan: String, fault: String, how: String
  ) throws(SweepError) -> String {
    if let pid = SweepWriters.others(in: layout.directory).first {
      throw .folder(.otherSweep(path: layout.directory.path, pid: pid))
    }
    var kept: URL?
    if PathEntry.isPlainFile(layout.plan.path),
      FileManager.default.contents(atPath: layout.plan.path)?.isEmpty == false
    {
      do {
        kept = try RunLeftovers.keepCopies(
          of: [ResultsFile.plan], from: layout.directory,
          in: RunLeftovers.historyFolder(of: layout.directory))
      } catch { throw .results(error) }
    }
    do { try AtomicFile.write(Data(plan.utf8), to: layout.plan, durable: true) } catch {
      throw .results(error)
    }
    return note(layout, fault: fault, how: how)
      + (kept.map { "; its damaged bytes are kept in \($0.path)" } ?? "")
  }

  /// The note on the plan of `layout` written again: `note: results/x/plan.csv is empty: written
  /// again from the spec and its seed; every trial folder there is kept`.
  static func note(_ layout: SweepLayout, fault: String, how: String) -> String {
    "note: \(layout.plan.path) \(fault): written again \(how); every trial folder there is kept"
  }
}

extension DamagedPlan {
  /// For `runner report` of `directory`: the refusal of a damaged `plan.csv` there or in one of
  /// its rung or bracket folders (the report is made from them), as `runner sweep` decides it
  /// (`verdict`, the trials being those the folder's own files record): in the sweep's own
  /// folder, naming the file and the command that writes it again (`.damagedPlan`, with the
  /// `--shard i/n` of a shard's folder: `ShardRecord`); beside other runs' trials, the folder
  /// refused as theirs (`.wrongKind`); nil when every plan is whole or it is no sweep's.
  public static func reportRefusal(_ directory: URL) -> FolderError? {
    switch damagedFolder(directory) {
    case .none: return nil
    case .rebuilt(let folder, let fault):
      return .damagedPlan(
        path: folder.path, damage: fault,
        remedy: "the report is made from it: `\(ShardRecord.sweepCommand(for: directory))` "
          + "with the spec that wrote \(directory.path) writes it again, keeping every trial "
          + "folder there, and rebuilds the report (the report is as it was)")
    case .foreign(let folder):
      return .wrongKind(path: folder.path, found: .foreign, command: "runner report")
    }
  }

  /// For `runner merge` of the shard folder `directory`, or (`into`) of the folder merged into
  /// that is none of the shards given: the refusal of a `plan.csv` damaged in the sweep's own
  /// folder (there or in a rung or bracket folder; `verdict`, as `runner report` takes it),
  /// naming what is wrong — not another sweep's plan: a plan that disagrees with the folder's
  /// `summary.csv` was edited there — and what writes it again: the shard's own command
  /// (`ShardRecord.sweepCommand`) for a shard's folder; for the folder merged into, plan.csv
  /// restored or a merge into a new folder; nil otherwise (a folder of other runs' results is
  /// refused as merging finds it).
  static func mergeRefusal(_ directory: URL, into: Bool = false) -> FolderError? {
    guard case .rebuilt(let folder, let fault) = damagedFolder(directory) else { return nil }
    let remedy =
      into
      ? "restore plan.csv, or merge every shard folder into a new folder (`runner merge SHARDS "
        + "--into NEW`), which takes the plan from them"
      : "`\(ShardRecord.sweepCommand(for: directory))` with the spec that wrote "
        + "\(directory.path) writes it again, keeping every trial folder there (or restore "
        + "plan.csv), then merge again"
    return .damagedPlan(
      path: folder.path, damage: fault,
      remedy: "the plan was damaged there, it is not another sweep's: \(remedy) (nothing was "
        + "merged)")
  }

  /// A folder whose plan `runner sweep` would write again (`rebuilt`), or refuses beside other
  /// runs' trials (`foreign`).
  private enum Damaged {
    case none
    case rebuilt(URL, fault: String)
    case foreign(URL)
  }

  /// The first of `directory` and its rung and bracket folders whose plan is damaged.
  private static func damagedFolder(_ directory: URL) -> Damaged {
    for folder in reportedFolders(directory) {
      switch verdict(folder, trials: recordedTrials(in: folder), fault: reportFault(in:)) {
      case .none: continue
      case .rebuilt(let fault): return .rebuilt(folder, fault: fault)
      case .foreign: return .foreign(folder)
      }
    }
    return .none
  }

  /// `fault(in:)` as `runner report` takes it: a complete trial the plan lacks is no damage
  /// while `summary.csv` is older than the plan (`staleSummaryNotes` says it).
  static func reportFault(in directory: URL) -> String? {
    switch formFault(in: directory) {
    case .failure(let fault): fault.text
    case .success(let plan):
      disagreement(plan, in: directory, lacking: !summaryIsOlder(in: directory))
    }
  }

  /// For `runner report` of `directory`: a note for each `summary.csv` there (or in a rung or
  /// bracket folder) older than its `plan.csv` and listing complete trials the plan lacks —
  /// the spec changed and its sweep stopped before rewriting the summary — naming the command
  /// that brings it up to date. The report is made as the folder is.
  public static func staleSummaryNotes(_ directory: URL) -> [String] {
    return reportedFolders(directory).compactMap { folder in
      guard summaryIsOlder(in: folder), case .success(let plan) = formFault(in: folder),
        let lack = disagreement(plan, in: folder)
      else { return nil }
      return "note: \(folder.appendingPathComponent(ResultsFile.plan).path) \(lack), and "
        + "summary.csv is older than it (was the spec changed?): "
        + "`\(ShardRecord.sweepCommand(for: directory))` with the spec that wrote "
        + "\(directory.path) brings summary.csv and the report up to date"
    }
  }

  /// `directory` and its rung and bracket folders, at any depth (a report is made from them).
  private static func reportedFolders(_ directory: URL) -> [URL] {
    var folders = [directory]
    var index = 0
    while index < folders.count {
      let folder = folders[index]
      index += 1
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      folders += names.sorted().map { folder.appendingPathComponent($0) }.filter(isSubfolder)
    }
    return folders
  }
}
