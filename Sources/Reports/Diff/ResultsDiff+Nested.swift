import Foundation

/// One side of a comparison inside the other: `runner diff results/baseline results`, the
/// documented baseline-against-fresh-results case in a project whose baseline is kept in its
/// results root. The folder of B that is A is A's own files again, not B's results.
extension ResultsDiff {
  /// The path of folder `inner` relative to folder `outer` when it lies strictly below it
  /// (symbolic links resolved); nil otherwise.
  static func relativePath(of inner: URL, inside outer: URL) -> String? {
    let resolve = { (url: URL) in url.standardizedFileURL.resolvingSymlinksInPath().path }
    let (inside, root) = (resolve(inner), resolve(outer))
    let prefix = root.hasSuffix("/") ? root : root + "/"
    guard inside.hasPrefix(prefix), inside.count > prefix.count else { return nil }
    return String(inside.dropFirst(prefix.count))
  }

  /// Whether relative path `name` lies in folder `folder` (a relative path); false for nil.
  static func isBelow(_ name: String, _ folder: String?) -> Bool {
    guard let folder else { return false }
    return name.hasPrefix(folder + "/")
  }

  /// The lines saying which folder of one side is the other side itself, left out.
  var nestedLines: [String] {
    [("B", "A", aInsideB), ("A", "B", bInsideA)].compactMap { holder, side, folder in
      folder.map {
        "\($0)/: \(side) itself, inside \(holder): left out of \(holder), not compared"
      }
    }
  }
}
