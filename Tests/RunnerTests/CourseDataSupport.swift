import Datasets
import Foundation
import Testing

/// The named datasets the project does not bundle (deeplearning.ai's cat files, Fashion-MNIST): the
/// binary tests that need them run when they are on the runner's data path here
/// (`RUNNER_DATA_PATH`, `../shared/datasets` beside the project, or the download cache) and are
/// skipped, saying so, on an offline clone without them.
enum CourseDataSupport {
  /// Whether every file of the named dataset is on the runner's standard search path.
  static func has(_ name: String) -> Bool {
    let root = SweepBinary.root
    let locator = DataLocator.standard(
      specDirectory: nil,
      projectDataPath: [
        root.appendingPathComponent("experiments/data").path,
        root.deletingLastPathComponent().appendingPathComponent("shared/datasets").path,
      ])
    return Inventory(locator: locator).has(name)
  }

  /// The cat-vs-non-cat files are here.
  static let cat = has("catvnoncat")
  /// Fashion-MNIST is here.
  static let fashion = has("fashion-mnist")
  /// The reason a test that needs `name` is skipped.
  static func missing(_ name: String) -> Comment {
    "needs the \(name) files: ../shared/datasets, RUNNER_DATA_PATH or `runner data fetch \(name)`"
  }
}
