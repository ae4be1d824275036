import Foundation

/// Whole-file reads with the module's error conventions.
enum FileBytes {
  /// The bytes of the file at `path` (memory-mapped when possible).
  static func read(_ path: String) throws -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw DataError.fileNotFound(name: path, searched: [path])
    }
    if isDirectory.boolValue {
      throw DataError.unreadable(file: path, reason: "is a directory")
    }
    do {
      return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
    } catch {
      throw DataError.unreadable(file: path, reason: error.localizedDescription)
    }
  }
}

/// Shape arithmetic that refuses overflow (hostile headers can claim absurd extents).
enum ShapeMath {
  /// The product of `shape`, or nil on overflow or a negative extent.
  static func elementCount(_ shape: [Int]) -> Int? {
    var n = 1
    for d in shape {
      guard d >= 0 else { return nil }
      let (p, overflow) = n.multipliedReportingOverflow(by: d)
      if overflow { return nil }
      n = p
    }
    return n
  }
}
