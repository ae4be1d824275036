import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The files `runner export` adds to a run folder, which are not the run's results: DVC's
/// `summary.json` and TensorBoard's event files. A rerun keeps no history for them, and a merge
/// does not compare them.
enum ExportedFiles {
  /// The prefix of a TensorBoard event file's name (its suffix is `TensorBoardExport.suffix`).
  static let eventPrefix = "events.out.tfevents."

  /// Whether a file named `name` may be one `runner export` wrote (by its name alone).
  static func contains(_ name: String) -> Bool {
    name == DVCExport.fileName || isEventFile(name)
  }

  /// Whether the file at `path` (relative) in run folder `folder` is one `runner export` wrote:
  /// an event file of this runner, or a top-level `summary.json` as DVC's export writes it
  /// (`DVCExport.isExported`), not a file of the user's that happens to have the name.
  static func isExported(_ path: String, in folder: URL) -> Bool {
    let name = (path as NSString).lastPathComponent
    if isEventFile(name) { return true }
    return path == DVCExport.fileName && DVCExport.isExported(in: folder)
  }

  /// Whether `name` is a TensorBoard event file this runner wrote.
  static func isEventFile(_ name: String) -> Bool {
    name.hasPrefix(eventPrefix) && name.hasSuffix(TensorBoardExport.suffix)
  }

  /// Removes from `directory` the temporaries of `runner export`'s own files
  /// (`.<event file or summary.json>.tmp-<pid>-…`) whose writer is gone: a killed export's, so
  /// that the next export leaves what an uninterrupted one does.
  static func removeStaleTemporaries(in directory: URL) {
    OwnedOutput.removeStaleTemporaries(in: directory, of: contains)
  }
}
