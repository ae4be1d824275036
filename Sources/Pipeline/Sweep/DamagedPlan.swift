import Conventions
import Foundation
import Reports
import Specs

/// A sweep's `plan.csv` damaged — deleted, emptied, other bytes, another first column, rows that
/// are no plan's, or rows that disagree with the folder's `summary.csv` — in the sweep's own
/// folder (or a rung's or bracket's). The plan is the sweep's to make: a grid's, a random
/// search's, successive halving's and Hyperband's from the spec and its seed (a rung's from the
/// results of the rung below), a bayes sweep's by replaying its batches from the spec, its seed
/// and the complete trials' results. So `runner sweep` writes it again, saying so, and keeps
/// every trial folder; a bayes plan whose replay suggests other trials than `batches.csv`
/// records is refused (`BayesRunner`). Whether it does is decided once (`verdict`), for the
/// sweep and for the commands that only name the damage (`runner report`, `runner merge`).
public enum DamagedPlan {
  /// What `runner sweep` does with the `plan.csv` of a folder.
  enum Verdict: Equatable {
    /// Nothing: the plan is whole, or the folder is none of a sweep's (the commands refuse it
    /// by its kind).
    case none
    /// Writes it again: it is damaged (`fault`) in the sweep's own folder.
    case rebuilt(fault: String)
    /// Refuses the folder, untouched: a plan of the runner's form, damaged (`fault`), beside
    /// complete trials that are not the sweep's, which make it a folder of other runs' results.
    case foreign(fault: String)
  }

  /// What `runner sweep` does with the `plan.csv` of `directory` (`Verdict`), given the trials
  /// that are the sweep's (`trials`: its plan's and those its own files record,
  /// `recordedTrials`) and what is wrong with a plan (`fault`: `fault(in:)`, or a method's
  /// own, which adds to it).
  static func verdict(
    _ directory: URL, trials: Set<String>, fault: (URL) -> String? = fault(in:)
  ) -> Verdict {
    verdict(directory, trials: trials, found: fault(directory))
  }

  /// `verdict` of `directory` whose plan's fault is `fault` (nil: whole), found already.
  static func verdict(_ directory: URL, trials: Set<String>, found fault: String?) -> Verdict {
    let kind = ResultsFolderKind.of(directory)
    guard kind == .sweep || kind == .foreign, let fault else { return .none }
    if isSweepsOwn(directory, trials: trials) { return .rebuilt(fault: fault) }
    return kind == .sweep ? .foreign(fault: fault) : .none
  }

  /// What is wrong with the `plan.csv` of `directory`: its form (`formFault`), else what it
  /// disagrees with `summary.csv` on (`disagreement`); nil when it is a whole plan.
  static func fault(in directory: URL) -> String? {
    switch formFault(in: directory) {
    case .failure(let fault): fault.text
    case .success(let plan): disagreement(plan, in: directory)
    }
  }

  /// A fault of a `plan.csv`, said after its path.
  struct Fault: Error {
    let text: String
  }

  /// The plan table of `directory`, or what is wrong with its form (`is missing`, `is empty`,
  /// `is not UTF-8 text`, `does not begin with the `trial` column of a plan`, `does not parse
  /// (…)`, `lists no trial`, …), whichever sweep's it is.
  static func formFault(in directory: URL) -> Result<CSVTable, Fault> {
    let plan = directory.appendingPathComponent(ResultsFile.plan)
    let fm = FileManager.default
    guard fm.fileExists(atPath: plan.path) else { return .failure(Fault(text: "is missing")) }
    guard let bytes = fm.contents(atPath: plan.path) else {
      return .failure(Fault(text: "cannot be read"))
    }
    if bytes.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) {
      return .failure(Fault(text: "is empty"))
    }
    guard let text = String(data: bytes, encoding: .utf8) else {
      return .failure(Fault(text: "is not UTF-8 text"))
    }
    guard text.hasPrefix("trial,") || text.hasPrefix("trial\n") || text.hasPrefix("trial\r")
    else { return .failure(Fault(text: "does not begin with the `trial` column of a plan")) }
    let table: CSVTable
    do { table = try CSVTable(parsing: text) } catch {
      return .failure(Fault(text: "does not parse (\(error))"))
    }
    guard !table.rows.isEmpty else {
      return .failure(Fault(text: "lists no trial (only its header line)"))
    }
    if let bad = table.rows.first(where: { !isTrialID($0[0]) }) {
      return .failure(
        Fault(text: "names a trial '\(bad[0])', which is no trial ID (12 hex digits)"))
    }
    return .success(table)
  }

  /// What the whole-looking plan `plan` of `directory` disagrees with the folder's
  /// `summary.csv` on, which the runner writes from the plan (its swept columns as the plan's):
  /// a complete trial it lists that the plan lacks (a row deleted), or a trial whose swept
  /// value differs (a value edited); nil when they agree, or when the summary is not of this
  /// plan's columns (the spec's axes changed since).
  /// `lacking: false` passes over the complete trials the plan lacks (a summary older than the
  /// runner's plan, written before the spec changed, lists them too: `summaryIsOlder`).
  static func disagreement(_ plan: CSVTable, in directory: URL, lacking: Bool = true) -> String? {
    let url = directory.appendingPathComponent(ResultsFile.summary)
    let axes = Array(plan.header.dropFirst())
    // A successive-halving or Hyperband sweep's summary has its rung (and bracket) first.
    guard let summary = try? CSVTable(contentsOf: url),
      let leading = summaryLeading.first(where: { summary.header.starts(with: $0 + axes) })
    else { return nil }
    let planned = Dictionary(plan.rows.map { ($0[0], Array($0.dropFirst())) }) { a, _ in a }
    let bracket = summary.columnIndex("bracket")
    for row in summary.rows where isTrialID(row[0]) {
      let listed = Array(row.dropFirst(leading.count).prefix(axes.count))
      guard let values = planned[row[0]] else {
        guard lacking else { continue }
        // Every trial of an adaptive sweep trains in its (bracket's) rung 0.
        let rung0 = leading.contains("rung") ? [HalvingRungs.folder(0)] : []
        let folder =
          (bracket.map { [AdaptiveSweep.bracketFolder(Int(row[$0]) ?? -1)] } ?? [])
          + rung0 + [row[0], ResultsFile.status]
        let marker = folder.reduce(directory) { $0.appendingPathComponent($1) }
        guard TrialStatus.marker(marker) != nil else { continue }
        return "lacks trial \(row[0]), which summary.csv lists (its folder is complete)"
      }
      if let i = axes.indices.first(where: { values[$0] != listed[$0] }) {
        return "gives trial \(row[0]) \(axes[i]) \(quoted(values[i])) where summary.csv "
          + "records \(quoted(listed[i]))"
      }
    }
    return nil
  }

  /// The columns before the swept keys in a `summary.csv`: a grid's (and every other
  /// non-adaptive method's), successive halving's, and Hyperband's (`rung` and `budget` only
  /// once a bracket has them).
  static let summaryLeading = [
    ["trial", "status"], ["trial", "status", "rung", "budget"],
    ["trial", "status", "bracket", "rung", "budget"], ["trial", "status", "bracket"],
  ]

  /// Whether the `summary.csv` of `directory` is older than its `plan.csv`, which the runner
  /// wrote: a sweep of a changed spec writes its plan, then its `sweep.csv`, then its summary
  /// (`SweepFile.startFolder`), so a summary older than such a plan may list the earlier plan's
  /// trials without the plan being damaged. A plan edited by hand is newer than `sweep.csv`.
  static func summaryIsOlder(in directory: URL) -> Bool {
    func modified(_ name: String) -> Date? {
      let path = directory.appendingPathComponent(name).path
      return (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate]
        as? Date
    }
    guard let summary = modified(ResultsFile.summary), let plan = modified(ResultsFile.plan),
      let settings = modified(ResultsFile.sweepSettings)
    else { return false }
    return summary < plan && plan <= settings
  }

  /// A plan cell as a message shows it: `'sigmoid'`, `an empty value`.
  private static func quoted(_ cell: String) -> String {
    cell.isEmpty ? "an empty value" : "'\(cell)'"
  }

  /// Whether `id` is a trial ID as the runner makes them: 12 lowercase hex digits.
  static func isTrialID(_ id: String) -> Bool {
    id.utf8.count == 12
      && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }

  /// The trials the runner's own files in `directory` record as the sweep's: those its
  /// `summary.csv` lists and those its `batches.csv` (a bayes sweep's) records.
  static func recordedTrials(in directory: URL) -> Set<String> {
    var trials = Set<String>()
    for (file, column) in [(ResultsFile.summary, "trial"), (ResultsFile.bayesBatches, "trial")] {
      guard
        let table = try? CSVTable(contentsOf: directory.appendingPathComponent(file)),
        let index = table.header.firstIndex(of: column)
      else { continue }
      trials.formUnion(table.rows.map { $0[index] }.filter(isTrialID))
    }
    return trials
  }

  /// Whether `directory`, its plan damaged, is the sweep's own folder, whose `plan.csv` the
  /// sweep may write again: it holds complete trial folders (or a rung's or bracket's,
  /// `isSubfolder`), every complete one a trial of `trials` (the sweep's), and beside them the
  /// sweep's `plan.csv` or `sweep.csv`, or nothing but the sweep's own files. A folder of other
  /// runs' results, or another sweep's trials beside a file of the user's (whatever its first
  /// column), is none of these.
  static func isSweepsOwn(_ directory: URL, trials: Set<String>) -> Bool {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
      .filter { !$0.hasPrefix(".") }
    let complete = names.filter {
      TrialStatus.marker(
        directory.appendingPathComponent($0).appendingPathComponent(ResultsFile.status)) != nil
    }
    let subfolders = names.filter { isSubfolder(directory.appendingPathComponent($0)) }
    guard !complete.isEmpty || !subfolders.isEmpty else { return false }
    // A complete trial folder of another plan (copied from another sweep) makes it no folder
    // of this sweep's, whatever files sit beside it.
    guard complete.allSatisfy(trials.contains) else { return false }
    if names.contains(ResultsFile.plan) || names.contains(ResultsFile.sweepSettings) {
      return true
    }
    return names.allSatisfy {
      SweepLayout.ownFiles.contains($0) || subfolders.contains($0) || complete.contains($0)
        || isUnstartedSubfolder(directory.appendingPathComponent($0))
    }
  }

  /// Whether `folder` is a rung's or bracket's folder by its name and by what it holds: its
  /// own `plan.csv` or `sweep.csv` (whatever their state), or a rung folder of its own (a
  /// bracket's). A folder of that name holding neither is not taken for one.
  static func isSubfolder(_ folder: URL) -> Bool {
    guard AdaptiveSweep.isRungOrBracketFolder(folder.lastPathComponent),
      PathEntry.isPlainDirectory(folder.path)
    else { return false }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.contains(ResultsFile.plan) || names.contains(ResultsFile.sweepSettings)
      || names.contains { isSubfolder(folder.appendingPathComponent($0)) }
  }

  /// Whether `folder` is a rung's or bracket's folder a killed run created but did not start:
  /// of that name, with nothing visible in it.
  private static func isUnstartedSubfolder(_ folder: URL) -> Bool {
    AdaptiveSweep.isRungOrBracketFolder(folder.lastPathComponent)
      && ResultsFolderKind.of(folder) == .empty
  }

  /// What is wrong with the `plan.csv` of `directory` when the folder is a sweep's own beside
  /// the runner's files and trials (those they record, and `planned`) but not a sweep folder by
  /// its plan (e.g. its plan emptied); nil otherwise. `runner sweep` writes such a plan again; a
  /// command that does not (`runner merge`) names it.
  static func damage(in directory: URL, planned: [String]) -> String? {
    guard ResultsFolderKind.of(directory) == .foreign,
      case .rebuilt(let fault) = verdict(
        directory, trials: recordedTrials(in: directory).union(planned))
    else { return nil }
    return fault
  }

  /// The remedy for a damaged plan that a command other than `runner sweep` meets.
  static let sweepRemedy =
    "the sweep's own command (`runner sweep` with the spec that wrote the folder) writes it "
    + "again and keeps every trial folder, or restore plan.csv"
}
