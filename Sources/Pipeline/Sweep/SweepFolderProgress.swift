import Conventions
import Foundation
import Reports

/// The complete trials of a sweep folder, read from its folders alone (a `status.csv` written),
/// against the plans there: the folder's own `plan.csv`, or for successive halving and Hyperband
/// the plan of each rung started (`rung-<r>/`, `bracket-<s>/rung-<r>/`, recognised by what they
/// hold: `DamagedPlan.isSubfolder`). What `runner report` and `runner ls` read of a sweep stopped
/// (Ctrl-C, `kill -9`) before it wrote its `summary.csv`.
public struct SweepFolderProgress: Sendable, Equatable {
  /// One plan's trials: the sweep's own, or a rung's.
  public struct PlanProgress: Sendable, Equatable {
    /// Its bracket (`bracket-<s>/`, Hyperband), nil elsewhere.
    public var bracket: Int?
    /// Its rung (`rung-<r>/`), nil for the sweep's own plan.
    public var rung: Int?
    /// The complete trials of its plan, in the plan's (trial-ID) order.
    public var complete: [String]
    /// How many trials its plan lists.
    public var planned: Int

    /// Its folder inside the sweep folder: ``, `rung-1`, `bracket-2/rung-0`.
    public var folder: String {
      [bracket.map(AdaptiveSweep.bracketFolder), rung.map(AdaptiveSweep.rungFolder)]
        .compactMap { $0 }.joined(separator: "/")
    }

    /// How far its trials trained, in rungs below the full budget (negative): Hyperband's
    /// bracket `s` trains its rung `s` to the full budget, each rung below to `1/eta` of the next.
    /// A successive-halving rung's is its number, which orders them as well.
    var height: Int { (rung ?? 0) - (bracket ?? 0) }

    /// The epochs or iterations its complete trials trained to, as the first of them that
    /// recorded it in its `spec.resolved.yaml` gives it (a rung's trials all train to its
    /// budget: `RungBudgetCheck`), in the sweep folder `sweep`; nil when none recorded it.
    func budget(in sweep: URL) -> Int? {
      let layout = SweepLayout(
        directory: folder.isEmpty ? sweep : sweep.appendingPathComponent(folder))
      return complete.lazy.compactMap {
        RungBudgetCheck.recordedBudget(
          layout.trialDirectory($0).appendingPathComponent(ResultsFile.resolvedSpec))
      }.first
    }

    /// `rung 1`, `bracket 2 rung 0`; empty for the sweep's own plan.
    var label: String {
      [bracket.map { "bracket \($0)" }, rung.map { "rung \($0)" }].compactMap { $0 }
        .joined(separator: " ")
    }
  }

  /// The plans, the sweep's own alone, or its rungs (Hyperband's brackets in run order, the
  /// largest first; rungs from 0).
  public let parts: [PlanProgress]

  /// The progress of the sweep folder `directory`; nil when none of its trials is complete
  /// (unless `noneComplete`: a sweep stopped before its first trial ended), or with `rungsOnly`
  /// when it has no rung folders (its own plan is then not read).
  public init?(directory: URL, rungsOnly: Bool = false, noneComplete: Bool = false) {
    var parts: [PlanProgress] = []
    let brackets = Self.numbered(in: directory, prefix: "bracket-")
    if !brackets.isEmpty {
      for s in brackets.sorted(by: >) {
        let bracket = directory.appendingPathComponent(AdaptiveSweep.bracketFolder(s))
        parts += Self.rungs(in: bracket, bracket: s)
      }
    } else {
      parts = Self.rungs(in: directory, bracket: nil)
    }
    if parts.isEmpty, !rungsOnly, let own = Self.part(directory, bracket: nil, rung: nil) {
      parts = [own]
    }
    guard parts.contains(where: { !$0.complete.isEmpty }) || (noneComplete && !parts.isEmpty)
    else { return nil }
    self.parts = parts
  }

  /// The rungs of a sweep or bracket folder `folder`, from rung 0.
  private static func rungs(in folder: URL, bracket: Int?) -> [PlanProgress] {
    numbered(in: folder, prefix: "rung-").sorted().compactMap {
      part(folder.appendingPathComponent(AdaptiveSweep.rungFolder($0)), bracket: bracket, rung: $0)
    }
  }

  /// The numbers `n` of the rung or bracket folders `<prefix><n>` in `folder` (of that name and
  /// holding what one holds).
  static func numbered(in folder: URL, prefix: String) -> [Int] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.compactMap { name in
      guard name.hasPrefix(prefix), let n = Int(name.dropFirst(prefix.count)),
        DamagedPlan.isSubfolder(folder.appendingPathComponent(name))
      else { return nil }
      return n
    }
  }

  /// The plan of `folder` and its complete trials; nil when it has no readable plan.
  private static func part(_ folder: URL, bracket: Int?, rung: Int?) -> PlanProgress? {
    let layout = SweepLayout(directory: folder)
    guard let plan = try? CSVTable(contentsOf: layout.plan) else { return nil }
    let trials = plan.rows.compactMap(\.first).filter(ResultsFile.isPlainFolderName)
    let complete = trials.filter {
      FileManager.default.fileExists(atPath: layout.marker($0).path)
    }
    return PlanProgress(bracket: bracket, rung: rung, complete: complete, planned: plan.rows.count)
  }

  /// What is complete: `12 of 12 trials complete`; for rungs, `rung 0: 9 of 9 trials complete,
  /// rung 1: 1 of 3`.
  public var text: String {
    guard parts.count > 1 || parts.first?.rung != nil else {
      return "\(parts[0].complete.count) of \(parts[0].planned) trials complete"
    }
    return parts.enumerated().map { index, part in
      "\(part.label): \(part.complete.count) of \(part.planned)\(index == 0 ? " trials complete" : "")"
    }.joined(separator: ", ")
  }

  /// Each complete trial once, at the rung where it trained longest (Hyperband: the largest
  /// budget, a rung's being the larger the fewer rungs follow it in its bracket; then the
  /// bracket run first), with its folder inside the sweep folder; in trial-ID order.
  public var reached: [(trial: String, folder: String, part: PlanProgress)] {
    var best: [String: PlanProgress] = [:]
    for part in parts {
      for trial in part.complete where best[trial].map({ $0.height < part.height }) ?? true {
        best[trial] = part
      }
    }
    return best.keys.sorted().map { trial in
      let part = best[trial]!
      return (trial, part.folder.isEmpty ? trial : part.folder + "/" + trial, part)
    }
  }

  /// The complete trials whose rung folders hold them complete above the rung where the sweep's
  /// `summary.csv` (`summary`) lists them, or which it does not list: a sweep killed after a
  /// rung's trial completed, before it wrote its CSV files again (a resume brings them up to
  /// date). In trial-ID order; empty when the summary is up to date.
  public func ahead(of summary: CSVTable) -> [(trial: String, folder: String, part: PlanProgress)] {
    let rung = summary.columnIndex("rung")
    let bracket = summary.columnIndex("bracket")
    var listed: [String: Int] = [:]
    for row in summary.rows {
      guard let r = rung.flatMap({ Int(row[$0]) }) else { continue }
      listed[row[0]] = r - (bracket.flatMap { Int(row[$0]) } ?? 0)
    }
    return reached.filter { found in listed[found.trial].map { $0 < found.part.height } ?? true }
  }

  /// `trial 506616a1850c complete in bracket-2/rung-2/, which summary.csv lists at rung 1` (and
  /// how many more): what `ahead` found, for a note.
  public static func aheadText(
    _ ahead: [(trial: String, folder: String, part: PlanProgress)], summary: CSVTable
  ) -> String? {
    guard let first = ahead.first else { return nil }
    let row = summary.rows.first { $0.first == first.trial }
    let at = row.flatMap { row in
      summary.columnIndex("rung").map { "at rung \(row[$0])" }.map { rung in
        summary.columnIndex("bracket").map { "\(rung) of bracket \(row[$0])" } ?? rung
      }
    }
    let more = ahead.count > 1 ? " (and \(ahead.count - 1) more)" : ""
    return "trial \(first.trial) is complete in \(first.folder)/, which summary.csv "
      + (at.map { "lists \($0)" } ?? "does not list") + more
  }
}
