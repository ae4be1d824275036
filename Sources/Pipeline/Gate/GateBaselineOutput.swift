import Foundation
import Specs

/// A run's or a sweep's folder at or below the regression gate's baselines
/// (`--set output=baseline/iris` under `results/`): only `runner gate --record` writes there,
/// after its checks (the project's kernel policy), replacing only the files the gate records; a
/// run would record a baseline past them, with its `.history`, parameters, plots and report
/// (tester BF F9). `runner run`, `runner sweep` and `runner validate` refuse it before anything
/// runs, at the key that gives the folder (exit 65), naming the command that records it; every
/// other command that writes files (`merge`, `compare`, `report`, `predict`, `data export`,
/// `export tensorboard` and `dvc`) refuses it the same way, at the option naming the place.
public enum GateBaselineOutput {
  /// Refuses `destination`, the folder `loaded` writes in the results folder `root`, when it is
  /// a gate's baselines' folder (`RegressionGate.owning`) or inside it.
  public static func check(_ loaded: LoadedSpec, destination: URL, root: URL) throws(SpecError) {
    guard let refusal = refusal(destination) else { return }
    // A results folder inside the baselines puts every run there: no key to point at.
    if RegressionGate.owning(root)?.gate.root == refusal.gate.root {
      throw .invalid([
        Diagnostic(
          .error, at: nil,
          "the results folder \(root.path) is at or below the gate's baselines: \(refusal.reason)",
          note: "\(refusal.fix); choose another --results-dir (or `results_dir` in runner.yaml)")
      ])
    }
    let key = loaded.outputFromName ? "name" : "output"
    let origin = loaded.sourceMap.origin(of: SpecPath([.key(key)]))
    throw .invalid([
      Diagnostic(
        .error, at: origin?.location,
        "\(key) '\(loaded.spec.output)' would write \(destination.path): \(refusal.reason)",
        note:
          "\(refusal.fix); give this \(loaded.spec.sweep == nil ? "run" : "sweep") another `\(key)`"
      )
    ])
  }

  /// Refuses (65) a command's write to `destination`, a file or folder at or below a gate's
  /// baselines, said of `subject` (the option and value that name it, e.g. `--into 'x'`), with
  /// `instead` (what to do rather). Not the command that records the baseline: an export or a
  /// merge makes none, and re-recording would replace what the gate compares against.
  public static func check(writing destination: URL, subject: String, instead: String)
    throws(SpecError)
  {
    guard let refusal = refusal(destination) else { return }
    throw .invalid([
      Diagnostic(
        .error, at: nil,
        "\(subject) would write \(refusal.found.path): \(refusal.reason)", note: instead)
    ])
  }

  /// The gate owning `destination` (`RegressionGate.owning`), with the refusal's reason and
  /// the fix naming the command that records the entry; nil when no gate's baselines hold it.
  static func refusal(_ destination: URL)
    -> (gate: RegressionGate, found: URL, reason: String, fix: String)?
  {
    guard let (gate, found) = RegressionGate.owning(destination) else { return nil }
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
    return (gate, found, reason, fix)
  }
}
