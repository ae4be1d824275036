import Foundation
import Reports

extension SweepRunner {
  /// Refuses (exit 73) the folder `prepared` writes into as the sweep refuses it before
  /// writing: a symbolic link, or a folder of another kind (a single run's, one the runner did
  /// not write), unless it is the sweep's own folder whose damaged plan the sweep writes again.
  /// `runner sweep --dry-run` reports the refusal the sweep would meet (tester AY F3), except a
  /// protection: it writes nothing, so it lists a protected folder, and the protected entry is
  /// returned for its note (tester BD F-m).
  static func checkFolder(_ prepared: PreparedSweep) throws(SweepError) -> URL? {
    let directory = prepared.layout.directory
    do { try ResultsFolderKind.refuseLink(directory, for: "runner sweep") } catch {
      throw .folder(error)
    }
    let protected = prepared.layout.protectedEntry()
    let trials = DamagedPlan.recordedTrials(in: directory).union(
      SweepPlanFile.trialIDs(prepared.planTable))
    if case .rebuilt = DamagedPlan.verdict(directory, trials: trials) { return protected }
    do {
      try UnstartedSubfolder.requireSweepFolder(
        directory, plannedTrials: prepared.plannedSubfolderTrials, for: "runner sweep")
    } catch { throw .folder(error) }
    return protected
  }

  /// The note `runner sweep --dry-run` lists for the write-protected `entry` the sweep itself
  /// would refuse (exit 73) before writing anything.
  /// On a read-only file system, where no `chmod` helps, it says so.
  static func protectedNote(_ entry: URL, readOnly: (String) -> Bool = ReadOnlyMount.contains)
    -> String
  {
    guard !readOnly(entry.path) else {
      return "note: \(entry.path) is on a read-only file system: this listing writes nothing, "
        + "but running the sweep would be refused (exit 73) with nothing changed; to run it, "
        + "choose a writable --results-dir"
    }
    return "note: \(entry.path) is write-protected: this listing writes nothing, but running the "
      + "sweep would be refused (exit 73) with nothing changed; to run it, make it writable "
      + "(chmod -R u+w \(entry.path))"
  }
}
