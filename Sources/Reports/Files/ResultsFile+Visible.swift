import Foundation

extension ResultsFile {
  /// Relative paths (`plots/train_loss.svg`) of the regular files below `folder`, recursively
  /// and sorted, leaving out everything hidden: a hidden file (`.summary.csv.tmp-…`) and all
  /// below a hidden folder (`.staging-…`, `.history/`). Nil when `folder` cannot be listed.
  public static func visibleFiles(below folder: URL) -> [String]? {
    let fm = FileManager.default
    guard let enumerator = fm.enumerator(atPath: folder.path) else { return nil }
    var files: [String] = []
    while let path = enumerator.nextObject() as? String {
      if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
        enumerator.skipDescendants()
        continue
      }
      var isDirectory: ObjCBool = false
      let full = folder.appendingPathComponent(path).path
      if fm.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
        files.append(path)
      }
    }
    return files.sorted()
  }
}
