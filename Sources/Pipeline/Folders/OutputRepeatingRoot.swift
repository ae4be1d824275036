import Foundation
import Specs

/// An `output` that starts with the name of the results folder it is relative to
/// (`output: results/xor` under `results/`): it would write `results/results/xor`, almost surely
/// a path written from the project root, as dvc.yaml's `outs:` are. A `name` that is the results
/// folder's name, with no `output`, names the same folder. `runner run`, `runner sweep` and
/// `runner validate` refuse either at the key that gives the folder (exit 65), with the path
/// meant.
public enum OutputRepeatingRoot {
  /// Refuses `loaded`'s written `output` (in the file or by `--set`) whose first folder is the
  /// name of the results folder `root`, or, without `output`, its `name` when it is that name.
  public static func check(_ loaded: LoadedSpec, root: URL) throws(SpecError) {
    let output = loaded.spec.output
    guard !output.hasPrefix("/") else { return }
    let root = root.standardizedFileURL
    let parts = output.split(separator: "/").map(String.init)
    guard let first = parts.first, first == root.lastPathComponent else { return }
    // Without `output` the folder is the name's: refused where the name is given.
    let key = loaded.outputFromName ? "name" : "output"
    let origin = loaded.sourceMap.origin(of: SpecPath([.key(key)]))
    let written = root.appendingPathComponent(output).path
    let rest = parts.dropFirst().joined(separator: "/")
    let fix =
      rest.isEmpty
      ? nil : origin?.isOverride == true ? "--set output=\(rest)" : "output: \(rest)"
    // What leaving the key out would name instead: the name for `output`, the file's base name
    // for `name`.
    let instead = key == "name" ? SpecLoader.defaultName(forFile: loaded.file) : loaded.spec.name
    // A name not written is the file's base name: no line to point at, so the file is named.
    let fromFile = key == "name" && origin?.location == nil
    throw .invalid([
      Diagnostic(
        .error, at: origin?.location,
        "\(key) '\(output)'\(fromFile ? ", the base name of \(loaded.file)," : "") "
          + (rest.isEmpty ? "is the name" : "starts with '\(first)', the name")
          + " of the results folder it is relative to (\(root.path)): it would write \(written)",
        note: rest.isEmpty
          ? (fromFile
            ? "give the run a folder name of its own: write `name:` (or `output:`) in the spec"
            : instead == first
              ? "give the run a folder name of its own"
              : "leave `\(key)` out to write \(root.appendingPathComponent(instead).path)")
          : "`output` names a folder inside the results folder (set by `results_dir` in "
            + "runner.yaml or --results-dir)",
        fixIt: fix)
    ])
  }
}
