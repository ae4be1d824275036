import Conventions
import Foundation
import Reports

extension RegressionGate {
  /// The gate whose baselines' folder is `folder` or holds it: the nearest project root above
  /// `folder` whose `results/baseline/` holds a gate manifest (`GateManifest.holds`, so that a
  /// project without a gate may still name a run `baseline`); nil when none does.
  public static func owning(_ folder: URL) -> RegressionGate? {
    let path = folder.standardizedFileURL.path
    var root = folder.standardizedFileURL
    while root.path != "/" {
      root = root.deletingLastPathComponent().standardizedFileURL
      let gate = RegressionGate(root: root)
      let baselines = gate.baselineRoot.path
      guard path == baselines || path.hasPrefix(baselines + "/") else { continue }
      let manifest = gate.baselineRoot.appendingPathComponent(GateEntry.manifestFile)
      if GateManifest.holds(manifest) { return gate }
    }
    return nil
  }

  /// The command that records the baseline of the entry named `entry` alone (without one,
  /// every entry's), as the user started the runner: `runner gate --record x7`, with `--root`
  /// when `root` is given.
  public static func recordCommand(_ entry: String?, root: String?) -> String {
    Invocation.commandLine(
      ["gate", "--record"] + (entry.map { [$0] } ?? []) + (root.map { ["--root", $0] } ?? []))
  }
}
