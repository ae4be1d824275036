import Foundation

extension RegressionGate {
  /// Refuses, before any entry runs, a manifest row whose spec is missing (exit 66) or whose
  /// command is not the spec's (exit 65: `run` for a spec that declares `sweep:`, `sweep` for
  /// one that does not), at its line of gate.csv, naming the column to correct: a manifest
  /// mistake, not a regression (tester BF F8). A spec that is there but does not load is left to
  /// its run, whose failure says why.
  public func checkSpecs(_ entries: [GateEntry]) throws(GateError) {
    let manifest = baselineRoot.appendingPathComponent(GateEntry.manifestFile).path
    for entry in entries {
      let spec = root.appendingPathComponent(entry.spec)
      guard FileManager.default.fileExists(atPath: spec.path) else {
        throw .missingSpec(
          path: manifest, line: entry.line, spec: entry.spec, resolved: spec.path)
      }
      guard let loaded = try? ExperimentRunner.load(specPath: spec.path) else { continue }
      let sweeps = loaded.spec.sweep != nil
      guard sweeps != (entry.command == "sweep") else { continue }
      throw .row(
        path: manifest, line: entry.line,
        reason: sweeps
          ? "command 'run' for \(entry.spec), which declares `sweep:` (the gate runs a sweep "
            + "with `runner sweep`): write sweep in the command column"
          : "command 'sweep' for \(entry.spec), which has no `sweep:` section (a single run): "
            + "write run in the command column")
    }
  }
}
