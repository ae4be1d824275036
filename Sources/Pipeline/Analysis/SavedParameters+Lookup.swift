import Foundation
import Specs

/// Where a relative `model.init.from` is found: the working folder first, then the spec's
/// folder (`locate`). When both hold it, the run depends on where the command is typed: said
/// as a warning, and recorded in `data_files.csv` by the folder it was found in.
extension SavedParameters {
  /// The two folders a relative `path` names when the working folder and the spec's folder (of
  /// `specFile`, the data anchor) both hold it and they are not the same folder: the one used
  /// (the working folder's) and the other; nil otherwise.
  static func ambiguousFolders(_ path: String, specFile: String) -> (used: URL, other: URL)? {
    guard !path.hasPrefix("/") else { return nil }
    let fromWorkingFolder = workingFolderCandidate(path)
    let fromSpecFolder = specFolder(of: specFile).appendingPathComponent(path).standardizedFileURL
    guard isFolder(fromWorkingFolder), isFolder(fromSpecFolder),
      fromWorkingFolder.resolvingSymlinksInPath().path
        != fromSpecFolder.resolvingSymlinksInPath().path
    else { return nil }
    return (fromWorkingFolder, fromSpecFolder)
  }

  /// The name `data_files.csv` gives the folder `directory` that `resolved` (a relative or
  /// absolute `model.init.from`, with `params/` when given a run's folder) was found at, for
  /// the spec at `specFile`: as written when absolute or found in the spec's folder; found in
  /// the working folder instead, its path from the spec's folder (`../results/cat/params`),
  /// or its absolute path when the two share no folder but `/`. Two working folders that give
  /// two starts so give two names, and one project cloned elsewhere gives the same.
  static func recordedName(of directory: URL, resolved: String, specFile: String) -> String {
    let fromWorkingFolder = workingFolderCandidate(resolved)
    guard !resolved.hasPrefix("/"), directory.path == fromWorkingFolder.path,
      fromWorkingFolder.resolvingSymlinksInPath().path
        != specFolder(of: specFile).appendingPathComponent(resolved).standardizedFileURL
        .resolvingSymlinksInPath().path
    else { return resolved }
    let base = specFolder(of: specFile).resolvingSymlinksInPath().pathComponents
    let target = fromWorkingFolder.resolvingSymlinksInPath().pathComponents
    let shared = zip(base, target).prefix { $0 == $1 }.count
    guard shared > 1 else { return fromWorkingFolder.resolvingSymlinksInPath().path }
    let up = Array(repeating: "..", count: base.count - shared)
    return (up + target[shared...]).joined(separator: "/")
  }

  /// The folder `path` names from the working folder.
  static func workingFolderCandidate(_ path: String) -> URL {
    URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
      .standardizedFileURL
  }

  /// The folder a relative `model.init.from` is found from after the working folder.
  static func specFolder(of specFile: String) -> URL {
    ProjectContext.specFolder(of: URL(fileURLWithPath: specFile).standardizedFileURL)
  }
}

extension LoadedSpec {
  /// The warning at `model.init.from` when the relative folder it names is in both the working
  /// folder and the spec's folder (`SavedParameters.ambiguousFolders`); nil otherwise.
  var initFromAmbiguity: Diagnostic? {
    guard case .from(let path) = spec.model.initialization,
      let (used, other) = SavedParameters.ambiguousFolders(
        path, specFile: TrainedSpec.dataAnchor(file))
    else { return nil }
    return sourceMap.diagnostic(
      .warning, at: SpecPath("model.init.from"),
      "model.init.from '\(path)' is in the working folder (\(used.path)) and in the spec's "
        + "folder (\(other.path)): the working folder's is used, so the run's results depend "
        + "on where the command is typed",
      note: "write an absolute path (`from: \(used.path)` or `from: \(other.path)`), or "
        + "remove one of the two folders")
  }
}
