import Foundation
import Specs

/// A run's or a sweep's folder at or below the regression gate's baselines
/// (`--set output=baseline/iris` under `results/`): only `runner gate --record` writes there,
/// after its checks (the project's kernel policy), replacing only the files the gate records; a
/// run would record a baseline past them, with its `.history`, parameters, plots and report
/// (tester BF F9). `runner run`, `runner sweep` and `runner validate` refuse it before anything
/// runs, at the key that gives the folder (exit 65), naming the command that records it.
public enum GateBaselineOutput {
  /// Refuses `destination`, the folder `loaded` writes in the results folder `root`, when it is
  /// a gate's baselines' folder (`RegressionGate.owning`) or inside it.
  public static func check(_ loaded: LoadedSpec, destination: URL, root: URL) throws(SpecError) {
    guard let (gate, found) = RegressionGate.owning(destination) else { return }
    let baselines = gate.baselineRoot
    let inside = found.path.dropFirst(baselines.path.count)
    let folder = inside.split(separator: "/").first.map(String.init)
    // The entry is named only when gate.csv has one for that folder.
    let entry = folder.flatMap { name in (try? gate.entries())?.first { $0.name == name } }
    let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
    let record = RegressionGate.recordCommand(
      entry?.name, root: gate.root == here ? nil : gate.root.path)
    let fix =
      (entry.map { "record baseline \($0.name) with `\(record)` (gate.csv line \($0.line))" }
        ?? "the gate records the baselines its gate.csv lists, with `\(record)`")
    let reason =
      "\(baselines.path) holds the regression gate's baselines (\(GateEntry.manifestFile)), "
      + "which only `runner gate --record` writes (after its checks, such as the project's BLAS "
      + "kernel policy, and only the files the gate compares)"
    // A results folder inside the baselines puts every run there: no key to point at.
    if RegressionGate.owning(root)?.gate.root == gate.root {
      throw .invalid([
        Diagnostic(
          .error, at: nil,
          "the results folder \(root.path) is inside \(reason)",
          note: "\(fix); choose another --results-dir (or `results_dir` in runner.yaml)")
      ])
    }
    let key = loaded.outputFromName ? "name" : "output"
    let origin = loaded.sourceMap.origin(of: SpecPath([.key(key)]))
    throw .invalid([
      Diagnostic(
        .error, at: origin?.location,
        "\(key) '\(loaded.spec.output)' would write \(destination.path): \(reason)",
        note: "\(fix); give this \(loaded.spec.sweep == nil ? "run" : "sweep") another `\(key)`")
    ])
  }
}
