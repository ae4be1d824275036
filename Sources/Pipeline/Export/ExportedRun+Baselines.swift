import Foundation
import Reports

/// The regression gate's baselines inside a folder an export walks: reference results, left as
/// they are unless named themselves (an export of `results` is of the user's runs).
extension ExportedRun {
  /// Whether `folder` holds the regression gate's baselines: a `gate.csv` whose first line is
  /// the gate manifest's header (`GateManifest.holds(_:)`), as `results/baseline/` does.
  static func holdsGateBaselines(_ folder: URL) -> Bool {
    GateManifest.holds(folder.appendingPathComponent(GateManifest.file))
  }

  /// Whether `folder` lies inside the regression gate's baselines (a folder above it holds
  /// `gate.csv`), where only `runner gate --record` writes: an export reads it without a lock
  /// file (tester BO-9: a trial's `.<trial>.lock` was made and removed there).
  static func liesInGateBaselines(_ folder: URL) -> Bool {
    var parent = folder.standardizedFileURL.deletingLastPathComponent()
    while parent.pathComponents.count > 1 {
      if holdsGateBaselines(parent) { return true }
      parent = parent.deletingLastPathComponent()
    }
    return false
  }

  /// The gate baseline folder `folder` lies in below `root` (not `root` itself: a baseline
  /// folder named is exported), by its path relative to `root`; nil when none. `checked`
  /// remembers each folder's answer.
  static func gateBaselines(
    holding folder: URL, below root: URL, checked: inout [String: Bool]
  ) -> String? {
    let rootComponents = root.standardizedFileURL.pathComponents
    let components = folder.standardizedFileURL.pathComponents
    guard components.count > rootComponents.count + 1,
      Array(components.prefix(rootComponents.count)) == rootComponents
    else { return nil }
    // The outermost first: `results/baseline`, not a sweep inside it.
    for depth in (rootComponents.count + 1)..<components.count {
      let path = NSString.path(withComponents: Array(components.prefix(depth)))
      let holds = checked[path] ?? holdsGateBaselines(URL(fileURLWithPath: path))
      checked[path] = holds
      if holds { return components[rootComponents.count..<depth].joined(separator: "/") }
    }
    return nil
  }
}
