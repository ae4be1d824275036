import Conventions
import Foundation
import Reports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folders under a results folder whose names are not valid UTF-8 (made by another tool,
/// or moved with a Latin-1 name): the runner's paths are text, so it cannot read the results
/// in them, yet `runner ls` lists them, their names escaped (`caf\xE9`, `ByteText.shown`),
/// rather than skip a run silently. Read by their bytes; links are not followed.
enum NotUTF8Folders {
  /// The names, as `ByteText.shown` escapes them, of the visible subfolders of `folder` whose
  /// names are not UTF-8 and that hold a run's or a sweep's files, in them or in a subfolder at
  /// most `depth` levels below; sorted by their bytes.
  static func holdingResults(in folder: URL, depth: Int) -> [String] {
    let path = Array(folder.path.utf8)
    return entries(path).filter { !ByteText.isUTF8($0) }.sorted { $0.lexicographicallyPrecedes($1) }
      .filter { name in
        let child = path + [UInt8(ascii: "/")] + name
        return isPlainDirectory(child) && holdsResults(child, depth: depth)
      }
      .map(ByteText.shown)
  }

  /// What `runner ls` says of such a folder at `path` (its name escaped).
  static func problem(_ path: String) -> String {
    "\(path): its name is not valid UTF-8 (\\xNN is a byte that is not), so the runner cannot "
      + "read the results in it; rename it with a UTF-8 name (e.g. mv $'\(path)' NEW-NAME)"
  }

  /// The names of a run's or a sweep's files, by which a folder is recognized.
  private static let resultsFiles = [
    ResultsFile.resolvedSpec, ResultsFile.summary, ResultsFile.plan,
  ]
  .map { Array($0.utf8) }

  /// Whether the folder at `path` holds a run's or a sweep's files, or a subfolder at most
  /// `depth` levels below does.
  private static func holdsResults(_ path: [UInt8], depth: Int) -> Bool {
    let names = entries(path)
    if names.contains(where: resultsFiles.contains) { return true }
    guard depth > 0 else { return false }
    return names.contains { name in
      let child = path + [UInt8(ascii: "/")] + name
      return isPlainDirectory(child) && holdsResults(child, depth: depth - 1)
    }
  }

  /// The names of the visible entries of the folder at `path`, as bytes; none when it cannot
  /// be read.
  private static func entries(_ path: [UInt8]) -> [[UInt8]] {
    guard let directory = withCPath(path, { opendir($0) }) else { return [] }
    defer { closedir(directory) }
    var names: [[UInt8]] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        Array(raw.prefix { $0 != 0 })
      }
      if let first = name.first, first != UInt8(ascii: ".") { names.append(name) }
    }
    return names
  }

  /// Whether `path` is itself a folder, not a link to one.
  private static func isPlainDirectory(_ path: [UInt8]) -> Bool {
    var info = stat()
    return withCPath(path) { lstat($0, &info) } == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  /// `body` given `path` as a C string.
  private static func withCPath<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
    (path + [0]).withUnsafeBufferPointer { bytes in
      bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
    }
  }
}
