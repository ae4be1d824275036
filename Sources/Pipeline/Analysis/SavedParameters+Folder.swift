import Foundation

/// Which folder a parameters path names, for `runner predict --params` and `model.init.from`
/// alike: a folder of saved arrays as it is; a run's folder (no arrays of its own, a `params/`
/// folder inside) as its `params/`; a folder of runs (a sweep, a results folder: runs'
/// `params/` a level down) refused, naming some.
extension SavedParameters {
  /// Why a parameters path was refused: it names a folder of runs, not one run (exit 65).
  public struct FolderOfRuns: Error, Sendable {
    /// The path as given.
    public var path: String
    /// Some of the `params/` folders under it, as they would be given.
    public var candidates: [String]
    /// How many there are.
    public var count: Int

    /// `what` (`--params results`, `model.init.from 'results'`) is a folder of runs, with the
    /// runs it holds and what to give instead.
    public func message(_ what: String) -> String {
      let shown = candidates.joined(separator: ", ") + (count > candidates.count ? ", …" : "")
      return "\(what) is a folder of runs, not a run's folder: it holds the parameters of "
        + "\(count) run\(count == 1 ? "" : "s") (\(shown)); give one run's folder or its "
        + "params/ folder"
    }
  }

  /// The parameters path to read for `path` (the spec at `specFile` anchors a relative path as
  /// `locate` does): a run's folder's `params/`, else `path` itself (also when it is no folder:
  /// `locate` says so).
  public static func resolve(_ path: String, specFile: String) throws(FolderOfRuns) -> String {
    guard let folder = try? locate(path, specFile: specFile), !holdsArrays(folder) else {
      return path
    }
    let joined = { (name: String) in path.hasSuffix("/") ? path + name : path + "/" + name }
    if isFolder(folder.appendingPathComponent(Self.folder)) { return joined(Self.folder) }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { !$0.hasPrefix(".") }.sorted()
    let runs = names.filter {
      let params = folder.appendingPathComponent($0).appendingPathComponent(Self.folder)
      return isFolder(params) && holdsArrays(params)
    }
    guard !runs.isEmpty else { return path }
    throw FolderOfRuns(
      path: path, candidates: runs.prefix(3).map { joined($0 + "/" + Self.folder) },
      count: runs.count)
  }

  /// Whether `url` is a folder (a link to one counts).
  static func isFolder(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// Whether `folder` holds saved arrays (`.npy` files) of its own.
  static func holdsArrays(_ folder: URL) -> Bool {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains {
      $0.hasSuffix(".npy")
    }
  }
}
