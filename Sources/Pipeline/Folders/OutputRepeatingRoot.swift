import Foundation
import Specs

/// An `output` that starts with the name of the results folder it is relative to
/// (`output: results/xor` under `results/`): it would write `results/results/xor`, almost surely
/// a path written from the project root, as dvc.yaml's `outs:` are. `runner run`, `runner sweep`
/// and `runner validate` refuse it at `output` (exit 65), with the path meant.
public enum OutputRepeatingRoot {
  /// Refuses `loaded`'s written `output` (in the file or by `--set`) whose first folder is the
  /// name of the results folder `root`; an `output` taken from the name is left alone.
  public static func check(_ loaded: LoadedSpec, root: URL) throws(SpecError) {
    let output = loaded.spec.output
    guard !loaded.outputFromName, !output.hasPrefix("/") else { return }
    let root = root.standardizedFileURL
    let parts = output.split(separator: "/").map(String.init)
    guard let first = parts.first, first == root.lastPathComponent else { return }
    let origin = loaded.sourceMap.origin(of: "output")
    let written = root.appendingPathComponent(output).path
    let rest = parts.dropFirst().joined(separator: "/")
    let fix =
      rest.isEmpty
      ? nil : origin?.isOverride == true ? "--set output=\(rest)" : "output: \(rest)"
    throw .invalid([
      Diagnostic(
        .error, at: origin?.location,
        "output '\(output)' "
          + (rest.isEmpty ? "is the name" : "starts with '\(first)', the name")
          + " of the results folder it is relative to (\(root.path)): it would write \(written)",
        note: rest.isEmpty
          ? (loaded.spec.name == first
            ? "give the run a folder name of its own"
            : "leave `output` out to write \(root.appendingPathComponent(loaded.spec.name).path)")
          : "`output` names a folder inside the results folder (set by `results_dir` in "
            + "runner.yaml or --results-dir)",
        fixIt: fix)
    ])
  }
}
