import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The hidden files by which the gate proves a folder its own before removing it.
enum GateMark {
  /// Whether `folder` is a folder (not a link to one) holding the file `mark` (not a link).
  static func holds(_ folder: URL, _ mark: String) -> Bool {
    type(of: folder) == .typeDirectory
      && type(of: folder.appendingPathComponent(mark)) == .typeRegular
  }

  /// The type of the entry at `url` itself (a link is a link), nil when there is none.
  static func type(of url: URL) -> FileAttributeType? {
    (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
  }

  /// Removes `folder` when it is an empty folder (not a link): nothing is lost, so no mark is
  /// needed (one made by a gate killed before it could mark it). False when it is not removed.
  static func removeIfEmpty(_ folder: URL) -> Bool {
    type(of: folder) == .typeDirectory && rmdir(folder.path) == 0
  }

  /// Removes `folder`, which must hold `mark`: its other entries first, the mark last, so that
  /// a removal cut short (a kill, a file written into it meanwhile) leaves it marked.
  static func remove(_ folder: URL, _ mark: String) throws {
    guard holds(folder, mark) else { throw POSIXError(.EPERM) }
    let fm = FileManager.default
    let file = folder.appendingPathComponent(mark)
    for name in try fm.contentsOfDirectory(atPath: folder.path) where name != mark {
      try fm.removeItem(at: folder.appendingPathComponent(name))
    }
    let text = fm.contents(atPath: file.path) ?? Data()
    try fm.removeItem(at: file)
    guard rmdir(folder.path) != 0 else { return }
    let code = POSIXErrorCode(rawValue: errno) ?? .EIO
    try? text.write(to: file)
    throw POSIXError(code)
  }
}
