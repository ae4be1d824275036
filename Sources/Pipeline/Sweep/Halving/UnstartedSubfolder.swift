import Foundation
import Reports

/// A rung or bracket folder inside the runner's own sweep folder, which the sweep's plan made
/// but a killed run left without its `plan.csv` (created, then killed): the runner's, even once
/// a file of the user's sits there. A resume writes into it as into a new folder, beside the
/// user's files, which it never deletes or overwrites; only an entry of the name of a file
/// the sweep writes there is in the way, and is named, to be moved alone.
enum UnstartedSubfolder {
  /// Refuses what `command` may not write into as a sweep's folder `directory`: as a rung or
  /// bracket folder of `trials` (`require(_:trials:for:)`) when the sweep is one, else as a sweep
  /// folder of its own (`ResultsFolderKind.require`).
  static func requireSweepFolder(
    _ directory: URL, plannedTrials trials: [String]?, for command: String
  )
    throws(FolderError)
  {
    if let trials {
      try require(directory, trials: trials, for: command)
    } else {
      try ResultsFolderKind.require(.sweep, at: directory, for: command)
    }
  }

  /// Refuses (`FolderError`) what `command` may not write into as the rung or bracket folder
  /// `directory` of trials `trials`: a file, another run's results, a plan-less folder holding
  /// a trial's folder (its plan lost), or one holding an entry of a name the sweep writes there
  /// (`.inTheWay`). A folder missing, empty, a sweep's, or plan-less with only other entries is
  /// accepted.
  static func require(_ directory: URL, trials: [String], for command: String)
    throws(FolderError)
  {
    // Its own trials beside a damaged plan that `runner sweep` did not write again (a merge):
    // the sweep's folder, said so.
    if let damage = DamagedPlan.damage(in: directory, planned: trials) {
      throw .damagedPlan(path: directory.path, damage: damage, remedy: DamagedPlan.sweepRemedy)
    }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
      .filter { !$0.hasPrefix(".") }
    // A trial's folder there comes after the plan: one without it lost its plan, not unstarted.
    guard ResultsFolderKind.of(directory) == .foreign,
      !FileManager.default.fileExists(
        atPath: directory.appendingPathComponent(ResultsFile.plan).path),
      Set(names).isDisjoint(with: trials)
    else {
      try ResultsFolderKind.require(.sweep, at: directory, for: command)
      return
    }
    let inTheWay = names.filter {
      SweepLayout.ownFiles.contains($0) || AdaptiveSweep.isRungOrBracketFolder($0)
    }
    if !inTheWay.isEmpty {
      throw .inTheWay(path: directory.path, entries: inTheWay.sorted(), command: command)
    }
  }
}

extension PreparedSweep {
  /// For a rung's or bracket's sweep, the IDs of its plan's trials (names its folder holds),
  /// which `UnstartedSubfolder` checks it by; nil for a sweep folder of its own.
  var plannedSubfolderTrials: [String]? {
    isPlannedSubfolder ? plan.trials.map(\.id) : nil
  }
}
