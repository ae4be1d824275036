import Conventions
import Foundation
import Reports

/// A sweep folder whose `plan.csv` was deleted or emptied: without it the folder reads as one
/// holding other runs' results, and the sweep refused it, naming its own trials as "other
/// runs'". When every entry is a complete trial folder of this sweep's plan or a file the sweep
/// writes, the folder is this sweep's: its plan is written back and the trials are kept.
enum LostPlan {
  /// The files and folders a sweep writes beside its trial folders.
  private static let sweepFiles: Set<String> = [
    ResultsFile.plan, ResultsFile.summary, ResultsFile.sweepSettings, ResultsFile.reportMarkdown,
    ResultsFile.reportHTML, ResultsFile.plots,
  ]

  /// Writes `plan` back into `layout`'s folder when it has no `plan.csv` (or an empty one) and
  /// holds only complete trial folders of `plan` and the sweep's own files; returns the note
  /// saying so, else nil (the folder is left as it is).
  static func restore(_ layout: SweepLayout, plan: CSVTable) -> String? {
    guard ResultsFolderKind.of(layout.directory) == .foreign else { return nil }
    let text = (try? AtomicFile.read(layout.plan)) ?? ""
    guard text.allSatisfy(\.isWhitespace) else { return nil }
    let ids = Set(SweepPlanFile.trialIDs(plan))
    let names =
      ((try? FileManager.default.contentsOfDirectory(atPath: layout.directory.path)) ?? [])
      .filter { !$0.hasPrefix(".") }
    let trials = names.filter(ids.contains)
    guard !trials.isEmpty,
      names.allSatisfy({
        sweepFiles.contains($0)
          || (ids.contains($0) && TrialStatus.marker(layout.marker($0)) != nil)
      })
    else { return nil }
    do { try AtomicFile.write(plan.rendered, to: layout.plan, durable: true) } catch {
      return nil
    }
    return "note: \(layout.directory.path) had no plan.csv (deleted or emptied?) but holds "
      + "\(trials.count) complete trial folder\(trials.count == 1 ? "" : "s") of this sweep: "
      + "plan.csv is written again and they are kept"
  }
}
