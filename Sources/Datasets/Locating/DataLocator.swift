import Conventions
import Foundation

/// Resolves the data file names a spec gives to paths on disk.
///
/// Absolute paths (and `~/…`) are used as they are. A relative name is tried against each
/// search directory in order and the first existing file wins. A file may be stored
/// gzip-compressed beside its name (`digits.csv.gz` for `digits.csv`, as the bundled data in
/// `experiments/data` is): in each directory the plain file is tried first, then the `.gz`
/// copy. The Pipeline builds the list with `standard(specDirectory:environment:projectDataPath:)`:
/// the spec file's directory, then the `RUNNER_DATA_PATH` entries (colon-separated), then
/// `data_path` from `runner.yaml` (already made absolute relative to that file), then the
/// download cache.
public struct DataLocator: Sendable, Equatable {
  /// Directories searched for relative names, in order.
  public var searchDirectories: [String]

  /// A locator over the given directories, searched in this order, each once (`predict
  /// --data` run from the spec's folder listed it twice in "looked in").
  public init(searchDirectories: [String]) {
    var seen = Set<String>()
    self.searchDirectories = searchDirectories.filter {
      seen.insert(Self.standardized($0)).inserted
    }
  }

  /// The runner's standard search order: spec directory, `RUNNER_DATA_PATH`, the project's
  /// `data_path`, and the user download cache (`DataCache.directory`) last.
  public static func standard(
    specDirectory: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
    projectDataPath: [String]
  ) -> DataLocator {
    var directories: [String] = []
    if let specDirectory { directories.append(specDirectory) }
    directories += environmentPath(environment)
    directories += projectDataPath
    directories.append(DataCache.directory(environment: environment))
    return DataLocator(searchDirectories: directories)
  }

  /// The entries of `RUNNER_DATA_PATH` (colon-separated; empty entries ignored).
  public static func environmentPath(_ environment: [String: String]) -> [String] {
    (environment["RUNNER_DATA_PATH"] ?? "").split(separator: ":").map(String.init).filter {
      !$0.isEmpty
    }
  }

  /// Every path `name` would be tried at, in order.
  public func candidates(for name: String) -> [String] {
    let expanded = DataLocator.expandTilde(name)
    if expanded.hasPrefix("/") { return [expanded] }
    return searchDirectories.map {
      DataLocator.standardized(DataLocator.expandTilde($0) + "/" + expanded)
    }
  }

  /// The first existing regular file for `name` (or its `.gz` copy); throws
  /// `DataError.fileNotFound` listing every place searched (exit code 66), or, when a
  /// candidate holds something else (a directory, a FIFO, a device, a link loop, a link to
  /// nothing), `unreadable` naming what it is.
  public func resolve(_ name: String) throws -> String {
    let tried = candidates(for: name)
    if let found = tried.lazy.compactMap(DataLocator.existingFile).first { return found }
    for candidate in tried {
      if let refusal = InputFile.refusal(at: candidate) { throw refusal }
    }
    throw DataError.fileNotFound(name: name, searched: tried)
  }

  /// The file name closest to missing `name` in the folders of `searched` (the paths it was
  /// tried at), with `name`'s own folders, as a spec would write it: `diabetes.csv` for a typed
  /// `diabetis.csv` beside the bundled `diabetes.csv.gz`; nil when no name is close.
  public static func nearestName(to name: String, searched: [String]) -> String? {
    let file = (name as NSString).lastPathComponent
    var names = Set<String>()
    for folder in Set(searched.map { PathText.folder(of: $0) }) {
      // Sorted before the cap: a folder lists its entries in no fixed order.
      let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
      for entry in entries.prefix(10_000) where existingFile(folder + "/" + entry) != nil {
        names.insert(
          entry.hasSuffix(".gz") && !file.hasSuffix(".gz") ? String(entry.dropLast(3)) : entry)
      }
    }
    names.remove(file)
    return file.likelyMeant(among: names.sorted()).map { String(name.dropLast(file.count)) + $0 }
  }

  /// `candidate` when it is a regular file, else its gzip-compressed copy `candidate.gz` when
  /// that is one, else nil.
  public static func existingFile(_ candidate: String) -> String? {
    func isFile(_ path: String) -> Bool {
      if case .regular = PathEntry.of(path) { return true }
      return false
    }
    if isFile(candidate) { return candidate }
    if !candidate.hasSuffix(".gz"), isFile(candidate + ".gz") { return candidate + ".gz" }
    return nil
  }

  /// The first existing path for `name`, or nil.
  public func find(_ name: String) -> String? { try? resolve(name) }

  static func expandTilde(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/") else { return path }
    let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
    return home + path.dropFirst()
  }

  static func standardized(_ path: String) -> String {
    (path as NSString).standardizingPath
  }
}
