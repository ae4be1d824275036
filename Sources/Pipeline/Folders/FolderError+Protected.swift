import Foundation
import Reports

extension FolderError {
  /// The refusal of `path`, a results folder (or an entry of one) the runner may not write:
  /// `.unusable` when it lies on a read-only file system (`readOnly`), where neither `chmod`
  /// nor another `output` beside it helps, as the results root there is refused; else
  /// `.writeProtected`, the user's own protection, left as it is.
  static func protected(
    _ path: String, readOnly: (String) -> Bool = ReadOnlyMount.contains
  ) -> FolderError {
    readOnly(path)
      ? .unusable(path: path, reason: ReadOnlyMount.reason) : .writeProtected(path: path)
  }
}
