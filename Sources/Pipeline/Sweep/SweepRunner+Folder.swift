import Foundation

extension SweepRunner {
  /// Refuses (exit 73) the folder `prepared` writes into as the sweep refuses it before
  /// writing: a symbolic link, a folder or own file its owner write-protected
  /// (`SweepLayout.protectedEntry`), or a folder of another kind (a single run's, one the runner did
  /// not write), unless it is the sweep's own folder whose damaged plan the sweep writes again.
  /// `runner sweep --dry-run` reports the refusal the sweep would meet (tester AY F3).
  static func checkFolder(_ prepared: PreparedSweep) throws(SweepError) {
    let directory = prepared.layout.directory
    do {
      try ResultsFolderKind.refuseLink(directory, for: "runner sweep")
      try prepared.layout.refuseProtected()
    } catch {
      throw .folder(error)
    }
    let trials = DamagedPlan.recordedTrials(in: directory).union(
      SweepPlanFile.trialIDs(prepared.planTable))
    if case .rebuilt = DamagedPlan.verdict(directory, trials: trials) { return }
    do {
      try UnstartedSubfolder.requireSweepFolder(
        directory, plannedTrials: prepared.plannedSubfolderTrials, for: "runner sweep")
    } catch { throw .folder(error) }
  }
}
