import Datasets
import Foundation
import Testing

/// The named datasets the project does not bundle (deeplearning.ai's cat files, MNIST,
/// Fashion-MNIST): the tests that need them run when they are on the runner's data path here
/// (`RUNNER_DATA_PATH`, `../shared/datasets` beside the project, or the download cache, e.g.
/// after `runner data fetch catvnoncat`) and are skipped, saying so, on an offline clone without.
enum CourseData {
  /// Whether every file of the named dataset (`catvnoncat`, `mnist`, `fashion-mnist`) is found.
  static func has(_ name: String, root: URL) -> Bool {
    let shared = root.deletingLastPathComponent().appendingPathComponent("shared/datasets").path
    let locator = DataLocator.standard(
      specDirectory: nil,
      projectDataPath: [root.appendingPathComponent("experiments/data").path, shared])
    return Inventory(locator: locator).has(name)
  }

  /// The cat-vs-non-cat files are here.
  static let cat = has("catvnoncat", root: TestProject.root)
  /// MNIST is here.
  static let mnist = has("mnist", root: TestProject.root)
  /// Fashion-MNIST is here.
  static let fashion = has("fashion-mnist", root: TestProject.root)
  /// The reason a test that needs `name` is skipped.
  static func missing(_ name: String) -> Comment {
    "needs the \(name) files: ../shared/datasets, RUNNER_DATA_PATH or `runner data fetch \(name)`"
  }
}
