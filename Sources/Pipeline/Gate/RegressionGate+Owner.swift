import Conventions
import Foundation
import Reports

extension RegressionGate {
  /// The gate whose baselines' folder is `folder` or holds it, and `folder` as found below it
  /// (its links resolved when only that path leads there): the nearest project root above
  /// `folder` whose `results/baseline/` holds a gate manifest (`GateManifest.holds`, so that a
  /// project without a gate may still name a run `baseline`); nil when none does.
  public static func owning(_ folder: URL) -> (gate: RegressionGate, folder: URL)? {
    let given = folder.standardizedFileURL
    for candidate in [given, resolved(given)] {
      var root = candidate
      while root.path != "/" {
        root = root.deletingLastPathComponent().standardizedFileURL
        let gate = RegressionGate(root: root)
        let baselines = gate.baselineRoot.path
        guard candidate.path == baselines || candidate.path.hasPrefix(baselines + "/") else {
          continue
        }
        let manifest = gate.baselineRoot.appendingPathComponent(GateEntry.manifestFile)
        if GateManifest.holds(manifest) { return (gate, candidate) }
      }
    }
    return nil
  }

  /// `folder` with the links of its nearest existing ancestor resolved, the rest (not made
  /// yet) appended as it is.
  static func resolved(_ folder: URL) -> URL {
    var existing = folder
    var rest: [String] = []
    while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
      rest.insert(existing.lastPathComponent, at: 0)
      existing = existing.deletingLastPathComponent().standardizedFileURL
    }
    return rest.reduce(existing.resolvingSymlinksInPath()) { $0.appendingPathComponent($1) }
  }

  /// The command that records the baseline of the entry named `entry` alone (without one,
  /// every entry's), as the user started the runner: `runner gate --record x7`, with `--root`
  /// when `root` is given.
  public static func recordCommand(_ entry: String?, root: String?) -> String {
    Invocation.commandLine(
      ["gate", "--record"] + (entry.map { [$0] } ?? []) + (root.map { ["--root", $0] } ?? []))
  }
}
