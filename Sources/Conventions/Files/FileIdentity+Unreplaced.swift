/// Reading folders that a run may replace (rename another in its place) meanwhile.
extension FileIdentity {
  /// How many times `unreplaced` reads by default before it gives up.
  public static let rereads = 3

  /// What `read` gives when no path of `paths` was replaced (its device and inode changed)
  /// while it read them, trying at most `times` times; nil when every reading met a
  /// replacement. So the files read of one folder are all of one run. An error `read` throws
  /// while a path was replaced (a file gone between two renames) counts as such a reading.
  public static func unreplaced<T, E: Error>(
    _ paths: [String], times: Int = rereads, _ read: () throws(E) -> T
  ) throws(E) -> T? {
    for _ in 0..<times {
      let before = paths.map { FileIdentity(path: $0)?.file }
      let result = Result { () throws(E) -> T in try read() }
      let replaced = paths.map({ FileIdentity(path: $0)?.file }) != before
      switch result {
      case .success(let value) where !replaced: return value
      case .failure(let error) where !replaced: throw error
      default: continue
      }
    }
    return nil
  }
}
