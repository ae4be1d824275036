import Conventions
import Foundation
import Reports
import Specs

/// A sweep's `plan.csv` damaged — deleted, emptied, other bytes, another first column, rows that
/// are no plan's — in the sweep's own folder (or a rung's or bracket's). The plan is the
/// sweep's to make: a grid's, a random search's, successive halving's and Hyperband's from the
/// spec and its seed (a rung's from the results of the rung below), a bayes sweep's by
/// replaying its batches from the spec, its seed and the complete trials' results. So
/// `runner sweep` writes it again, saying so, and keeps every trial folder; a bayes plan whose
/// replay suggests other trials than `batches.csv` records is refused (`BayesRunner`).
public enum DamagedPlan {
  /// What is wrong with the `plan.csv` of `directory` (`is missing`, `is empty`, `is not UTF-8
  /// text`, `does not begin with the `trial` column of a plan`, `does not parse (…)`, `lists no
  /// trial`, …); nil when it is a plan, whichever sweep's.
  static func fault(in directory: URL) -> String? {
    let plan = directory.appendingPathComponent(ResultsFile.plan)
    let fm = FileManager.default
    guard fm.fileExists(atPath: plan.path) else { return "is missing" }
    guard let bytes = fm.contents(atPath: plan.path) else { return "cannot be read" }
    if bytes.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) { return "is empty" }
    guard let text = String(data: bytes, encoding: .utf8) else { return "is not UTF-8 text" }
    guard text.hasPrefix("trial,") || text.hasPrefix("trial\n") || text.hasPrefix("trial\r")
    else { return "does not begin with the `trial` column of a plan" }
    let table: CSVTable
    do { table = try CSVTable(parsing: text) } catch { return "does not parse (\(error))" }
    guard !table.rows.isEmpty else { return "lists no trial (only its header line)" }
    if let bad = table.rows.first(where: { !isTrialID($0[0]) }) {
      return "names a trial '\(bad[0])', which is no trial ID (12 hex digits)"
    }
    return nil
  }

  /// Whether `id` is a trial ID as the runner makes them: 12 lowercase hex digits.
  static func isTrialID(_ id: String) -> Bool {
    id.utf8.count == 12
      && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }

  /// Whether `directory`, its plan damaged, is the sweep's own folder, whose `plan.csv` the
  /// sweep may write again: it holds complete trial folders (or a rung's or bracket's), every
  /// complete one a trial of `trials` (the plan's), and beside them a `plan.csv` that begins
  /// with the `trial` column (the runner's), the sweep's `plan.csv` or `sweep.csv`, or nothing
  /// but the sweep's own files. A folder of other runs' results, or another sweep's trials
  /// beside a file of the user's, is none of these. `trials` nil (a command that only names
  /// the damage, or a bayes sweep beside its own `sweep.csv`): any trials, where the sweep's
  /// `plan.csv` or `sweep.csv` sits beside them.
  static func isSweepsOwn(_ directory: URL, trials: Set<String>?) -> Bool {
    switch ResultsFolderKind.of(directory) {
    case .sweep: return true
    case .foreign: break
    default: return false
    }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
      .filter { !$0.hasPrefix(".") }
    let complete = names.filter {
      TrialStatus.marker(
        directory.appendingPathComponent($0).appendingPathComponent(ResultsFile.status)) != nil
    }
    let subfolders = names.filter {
      AdaptiveSweep.isRungOrBracketFolder($0)
        && PathEntry.isPlainDirectory(directory.appendingPathComponent($0).path)
    }
    guard !complete.isEmpty || !subfolders.isEmpty else { return false }
    // A complete trial folder of another plan (copied from another sweep) makes it no folder
    // of this sweep's, whatever files sit beside it.
    if let trials, !complete.allSatisfy(trials.contains) { return false }
    if names.contains(ResultsFile.plan) || names.contains(ResultsFile.sweepSettings) {
      return true
    }
    return names.allSatisfy {
      SweepLayout.ownFiles.contains($0) || subfolders.contains($0)
        || ((trials ?? []).contains($0) && complete.contains($0))
    }
  }

  /// Writes `plan` as the `plan.csv` of `layout`'s folder when the one there is damaged
  /// (`fault`) and the folder is the sweep's own (`isSweepsOwn`, its complete trials the
  /// plan's), under the locks a sweep starts under (`SweepFile.withStartLocks`); returns the
  /// note saying so (`how`: how the plan is made, e.g. `from the spec and its seed`), else
  /// nil, the folder left as it is.
  static func rebuild(
    _ layout: SweepLayout, plan: CSVTable, how: String
  ) throws(SweepError) -> String? {
    let trials = Set(SweepPlanFile.trialIDs(plan))
    guard fault(in: layout.directory) != nil else { return nil }
    return try SweepFile.withStartLocks(layout) { () throws(SweepError) -> String? in
      guard let fault = fault(in: layout.directory),
        isSweepsOwn(layout.directory, trials: trials)
      else { return nil }
      return try replace(layout, with: plan.rendered, fault: fault, how: how)
    }
  }

  /// Writes `plan` over the damaged `plan.csv` of `layout` (`fault`), the caller holding the
  /// locks a sweep starts under; the damaged bytes are kept first in the folder's
  /// `.history/<name>/<UTC time>/`, as a replaced file of the user's is (`RunLeftovers`), and
  /// nothing is written when they cannot be. Refused (`.otherSweep`) while another live sweep
  /// writes the folder. Returns the note saying so.
  static func replace(
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

  /// What is wrong with the `plan.csv` of `directory` when the folder is a sweep's own beside
  /// the runner's files and trials but not a sweep folder by its plan (`isSweepsOwn`, e.g. its
  /// plan emptied); nil otherwise. `runner sweep` writes such a plan again; a command that
  /// does not (`runner merge`, `runner report`) names it.
  static func damage(in directory: URL) -> String? {
    guard ResultsFolderKind.of(directory) == .foreign, isSweepsOwn(directory, trials: nil),
      let fault = fault(in: directory)
    else { return nil }
    return fault
  }

  /// The remedy for a damaged plan that a command other than `runner sweep` meets.
  static let sweepRemedy =
    "the sweep's own command (`runner sweep` with the spec that wrote the folder) writes it "
    + "again and keeps every trial folder, or restore plan.csv"
}

extension DamagedPlan {
  /// For `runner report` of `directory`: the error (after `error: `) naming its damaged `plan.csv` (`fault`) in
  /// a folder the runner wrote as a sweep's, and the command that writes it again; nil when
  /// its plan is whole or it is no sweep's.
  public static func reportRefusal(_ directory: URL) -> String? {
    guard isSweepsOwn(directory, trials: nil), let fault = fault(in: directory) else {
      return nil
    }
    let plan = directory.appendingPathComponent(ResultsFile.plan).path
    return "\(plan) \(fault), and the report is made from it: "
      + "`\(Invocation.commandLine(["sweep", "SPEC"]))` with the spec that wrote "
      + "\(directory.path) writes it again, keeping every trial folder there, and rebuilds the "
      + "report (the report is as it was)"
  }
}
