import Foundation
import Testing

/// A fresh temporary directory per test, removed when the value is dropped.
final class TemporaryDirectory {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "datasets-tests-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `bytes` to `name` inside the directory (creating subdirectories) and returns the path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) -> String {
    let file = path + "/" + name
    try? FileManager.default.createDirectory(
      atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    #expect(
      FileManager.default.createFile(atPath: file, contents: Data(bytes)), "cannot write \(file)")
    return file
  }

  @discardableResult
  func write(_ name: String, text: String) -> String { write(name, Array(text.utf8)) }
}

/// The shared real datasets (read-only), when present on this machine.
enum SharedData {
  /// `../shared/datasets` beside the project (as in a clone here), else `/work/shared/datasets`.
  static let directory: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let beside = root.appendingPathComponent("../shared/datasets").standardizedFileURL.path
    return FileManager.default.fileExists(atPath: beside + "/README.md")
      ? beside : "/work/shared/datasets"
  }()
  static func path(_ name: String) -> String { directory + "/" + name }
  static var available: Bool { FileManager.default.fileExists(atPath: directory + "/README.md") }
}

extension Trait where Self == ConditionTrait {
  /// Runs the test only when the shared datasets folder is there, else skips it saying why.
  static var needsSharedData: Self {
    .enabled(
      if: SharedData.available,
      "needs the shared datasets folder (../shared/datasets beside the project), absent here")
  }
}
