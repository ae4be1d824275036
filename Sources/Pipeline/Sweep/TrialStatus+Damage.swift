import Conventions
import Foundation
import Reports
import Vocabulary

extension TrialStatus {
  /// Why the trial folder of the marker at `url`, a trial marked ok, is not whole, naming the
  /// file: its own `summary.csv` cannot be ranked (`summaryDamage`), or another file every ok
  /// trial writes and the sweep, its report or `runner predict` reads — `metrics.csv`,
  /// `spec.resolved.yaml`, the parameters under `params/` — is missing or unreadable
  /// (`TrialFiles`); nil when it is whole.
  static func damage(beside url: URL) -> String? {
    let folder = url.deletingLastPathComponent()
    return summaryDamage(in: folder) ?? TrialFiles.damage(in: folder)
  }

  /// Why the trial's `summary.csv` in `folder` cannot be ranked: missing, cut short (the runner
  /// ends every line with `\n`), holding NUL bytes, not a CSV table, not exactly one row, or a
  /// final figure (`dev_loss`, …) that is neither empty nor a number; nil when it is whole.
  static func summaryDamage(in folder: URL) -> String? {
    let file = folder.appendingPathComponent(ResultsFile.summary)
    let table: CSVTable
    switch TrialFiles.wholeText(file) {
    case .failure(let damage): return damage.text
    case .success(let text):
      do { table = try CSVTable(parsing: text) } catch {
        return "\(file.path) does not parse (\(error))"
      }
    }
    guard table.rows.count == 1 else {
      return "\(file.path) holds \(table.rows.count) result rows, not 1"
    }
    for (name, value) in zip(table.header, table.rows[0])
    where Objective.parts(name).split != nil && !value.isEmpty
      && CSVCell.number(from: value) == nil
    {
      return "\(file.path) gives \(name) '\(value)', which is not a number"
    }
    return nil
  }

  /// One line per trial of `ids` in `layout` marked ok whose folder is not whole (`damage`):
  /// the trial, the file and what is wrong with it.
  static func damaged(_ ids: [String], in layout: SweepLayout) -> [String] {
    ids.compactMap { id in
      let marker = layout.marker(id)
      guard TrialStatus.marker(marker)?.failed == false, let damage = damage(beside: marker)
      else { return nil }
      return "trial \(id) is marked ok but \(damage): it is not counted as complete"
    }
  }
}

extension SweepLayout {
  /// The trials of the folder's plan that are marked ok but not whole (a file of theirs is
  /// missing or damaged), and of its rung folders' (successive halving, each Hyperband
  /// bracket's), where those trials are: each trial's folder and one line naming the file;
  /// empty when none is.
  public func damagedTrials() -> [(folder: URL, line: String)] {
    let own =
      (try? SweepPlanFile.read(self)).map { plan in
        SweepPlanFile.trialIDs(plan).compactMap { id in
          TrialStatus.damaged([id], in: self).first.map { (trialDirectory(id), $0) }
        }
      } ?? []
    let brackets = SweepFolderProgress.numbered(in: directory, prefix: "bracket-").sorted().map {
      directory.appendingPathComponent(AdaptiveSweep.bracketFolder($0))
    }
    let rungs = ([directory] + brackets).flatMap { folder in
      SweepFolderProgress.numbered(in: folder, prefix: "rung-").sorted().map {
        folder.appendingPathComponent(AdaptiveSweep.rungFolder($0))
      }
    }
    return own + rungs.flatMap { SweepLayout(directory: $0).damagedTrials() }
  }
}
