import Conventions
import Foundation
import Reports
import Vocabulary

extension TrialStatus {
  /// Why the `summary.csv` beside the marker at `url`, of a trial marked ok, cannot be ranked
  /// (the file named): missing, cut short (the runner ends every line with `\n`), not a CSV
  /// table, not exactly one row, or a final figure (`dev_loss`, …) that is neither empty nor a
  /// number; nil when it is whole.
  static func damage(beside url: URL) -> String? {
    let file = url.deletingLastPathComponent().appendingPathComponent(ResultsFile.summary)
    let table: CSVTable
    do {
      let text = try AtomicFile.read(file)
      // The last scalar: CRLF text (through git's autocrlf) is whole too ("\r\n" is one Character).
      guard text.unicodeScalars.last == "\n" else {
        return "\(file.path) is cut short (no final line end)"
      }
      table = try CSVTable(parsing: text)
    } catch let error as ResultsFileError {
      switch error {
      case .missing: return "\(file.path) is missing"
      case .cannotRead(_, let reason): return "\(file.path) cannot be read (\(reason))"
      default: return "\(error)"
      }
    } catch {
      return "\(file.path) does not parse (\(error))"
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

  /// One line per trial of `ids` in `layout` marked ok whose own `summary.csv` is damaged:
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
  /// Why trials of the folder's plan that are marked ok cannot be ranked (their own
  /// `summary.csv` is damaged), one line each naming the file; empty when none is.
  public func damagedTrials() -> [String] {
    guard let plan = try? SweepPlanFile.read(self) else { return [] }
    return TrialStatus.damaged(SweepPlanFile.trialIDs(plan), in: self)
  }
}
