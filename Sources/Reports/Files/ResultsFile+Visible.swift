import Foundation

extension ResultsFile {
  /// Relative paths (`plots/train_loss.svg`) of the regular files below `folder`, recursively
  /// and sorted, leaving out everything hidden: a hidden file (`.summary.csv.tmp-…`) and all
  /// below a hidden folder (`.staging-…`, `.history/`) or a link to a folder (never followed, so
  /// a link out of the folder or back to its parent adds nothing). `folder` itself may be a link
  /// to a folder (`latest -> runs/x`): its files are listed. Nil when `folder` cannot be listed.
  public static func visibleFiles(below given: URL) -> [String]? {
    let fm = FileManager.default
    // Foundation lists nothing below a link given as the folder.
    let isLink = (try? fm.destinationOfSymbolicLink(atPath: given.path)) != nil
    let folder = isLink ? given.resolvingSymlinksInPath() : given
    guard let enumerator = fm.enumerator(atPath: folder.path) else { return nil }
    var files: [String] = []
    while let path = enumerator.nextObject() as? String {
      if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
        enumerator.skipDescendants()
        continue
      }
      var isDirectory: ObjCBool = false
      let full = folder.appendingPathComponent(path).path
      guard fm.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
      if !isDirectory.boolValue {
        files.append(path)
      } else if (try? fm.destinationOfSymbolicLink(atPath: full)) != nil {
        enumerator.skipDescendants()
      }
    }
    return files.sorted()
  }
}
