import Foundation
import Specs

/// Which project configuration (`runner.yaml`) a spec gets, said where a user sees it: a
/// `runner.yaml` far above the spec (a stray `/tmp/runner.yaml`) changes the BLAS kernel, the
/// results folder and the data path with nothing in the spec to show it.
extension ProjectContext {
  /// The notes `runner run` and `runner sweep` print: each `runner.yaml` passed over (another
  /// user's, `ProjectConfig.distrust`), and the one that applies when it is outside the spec's
  /// project (`outsideProject`).
  public var configurationNotes: [String] {
    let folder = Self.specFolder(of: specAnchor)
    return ProjectConfig.passedOverNotes(from: folder.path)
      + [configurationFile.flatMap { Self.outsideProject($0, specFolder: folder) }].compactMap {
        $0
      } + [resolvedSpecNote].compactMap { $0 }
  }

  /// The note when a run's `spec.resolved.yaml` gets the `runner.yaml` of the spec that run was
  /// made from, not the one its own folder would: its results go to that project's folder.
  var resolvedSpecNote: String? {
    guard let resolvedSpec, let configurationFile,
      ProjectConfig.find(from: Self.specFolder(of: resolvedSpec).path) != configurationFile
    else { return nil }
    return "note: \(resolvedSpec.path) is the resolved spec of a run of \(specAnchor.path), "
      + "so that spec's \(configurationFile) applies: its data_path, blas_kernel and, "
      + "unless --results-dir is given, results_dir"
  }

  /// The project configuration as `runner validate` and `runner explain` name it:
  /// `runner.yaml: /p/runner.yaml`, or `runner.yaml: none`.
  public static func configurationFact(specPath: String) -> String {
    let anchor = URL(fileURLWithPath: TrainedSpec.dataAnchor(specPath)).standardizedFileURL
    let file = ProjectConfig.find(from: specFolder(of: anchor).path)
    return "\(ProjectConfig.fileName): " + (file ?? "none")
  }

  /// The notes for each `runner.yaml` the spec at `specPath` passes over (another user's), as
  /// `configurationNotes` gives them: `runner explain` names these beside the one that applies.
  public static func passedOverNotes(specPath: String) -> [String] {
    let anchor = URL(fileURLWithPath: TrainedSpec.dataAnchor(specPath)).standardizedFileURL
    return ProjectConfig.passedOverNotes(from: specFolder(of: anchor).path)
  }

  /// The note when `file`, the `runner.yaml` a spec in `specFolder` gets, is outside the spec's
  /// project: outside the git work tree holding the spec, or, in none, above the spec's folder
  /// and its parent (a project's `runner.yaml` beside its `experiments/`); nil inside it.
  static func outsideProject(_ file: String, specFolder: URL) -> String? {
    let holder = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL
    let folder = specFolder.standardizedFileURL
    let within = { (root: URL) in
      holder.path == root.path || holder.path.hasPrefix(root.path == "/" ? "/" : root.path + "/")
    }
    if let tree = workTree(holding: folder) {
      if within(tree) { return nil }
      return "note: using \(file), outside the git repository holding the spec "
        + "(\(tree.path)): its results_dir, data_path and blas_kernel apply"
    }
    if holder.path == folder.path || holder.path == folder.deletingLastPathComponent().path {
      return nil
    }
    return "note: using \(file), \(levels(from: folder, to: holder)) folders above the spec: its "
      + "results_dir, data_path and blas_kernel apply"
  }

  /// The nearest folder at or above `folder` holding `.git` (a folder, or a file in a linked
  /// work tree), nil when none does.
  static func workTree(holding folder: URL) -> URL? {
    var current = folder
    while true {
      if FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path) {
        return current
      }
      let parent = current.deletingLastPathComponent()
      if parent.path == current.path || current.path == "/" { return nil }
      current = parent
    }
  }

  /// How many folders `holder` is above `folder` (which it holds).
  static func levels(from folder: URL, to holder: URL) -> Int {
    folder.pathComponents.count - holder.pathComponents.count
  }
}
