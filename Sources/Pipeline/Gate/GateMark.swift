import Foundation

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
}
