import Foundation
import Pipeline

/// `runner predict --params PATH` as the predictor reads it: a folder of saved arrays as it is;
/// a run's folder (no arrays of its own, a `params/` folder inside) as its `params/`; a folder
/// of runs (a sweep, a results folder: runs' `params/` a level down) refused, naming some.
enum PredictParameters {
  /// Why `--params` was refused: it names a folder of runs, not one run (exit 65).
  struct Ambiguous: Error, CustomStringConvertible {
    /// `--params` as given.
    var path: String
    /// Some of the `params/` folders under it, as they would be given.
    var candidates: [String]
    /// How many there are.
    var count: Int

    /// The message, starting `error:`, with the option to give instead.
    var description: String {
      let shown = candidates.joined(separator: ", ") + (count > candidates.count ? ", …" : "")
      return "error: --params \(path) is a folder of runs, not a run's folder: it holds the "
        + "parameters of \(count) run\(count == 1 ? "" : "s") (\(shown)); give one run's folder "
        + "or its params/ folder, e.g. --params \(candidates[0])"
    }
  }

  /// The `--params` path to read for `path` (the spec at `specFile` anchors a relative path
  /// as the predictor does); `path` itself when it is not a folder (the predictor says so).
  static func resolve(_ path: String, specFile: String) throws(Ambiguous) -> String {
    guard let folder = try? SavedParameters.locate(path, specFile: specFile),
      !holdsArrays(folder)
    else { return path }
    let joined = { (name: String) in path.hasSuffix("/") ? path + name : path + "/" + name }
    if isFolder(folder.appendingPathComponent("params")) { return joined("params") }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { !$0.hasPrefix(".") }.sorted()
    let runs = names.filter {
      let params = folder.appendingPathComponent($0).appendingPathComponent("params")
      return isFolder(params) && holdsArrays(params)
    }
    guard !runs.isEmpty else { return path }
    throw Ambiguous(
      path: path, candidates: runs.prefix(3).map { joined($0 + "/params") }, count: runs.count)
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
