#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `stat` says of a file: which file a path names (device and inode), its size, and its
/// modification and status-change times to the nanosecond. A file written, truncated, touched or
/// replaced under its name (`cp`, `mv`, even `cp -p`, which keeps the modification time but not
/// the change time) has another identity, so two equal identities taken before and after a
/// read say that the bytes read are the file's, without reading it again.
public struct FileIdentity: Hashable, Sendable {
  /// The device and inode of the file the path names.
  public var file: [UInt64]
  /// The size in bytes.
  public var size: Int
  /// The modification time: seconds and nanoseconds.
  public var modified: [Int]
  /// The status-change time: seconds and nanoseconds.
  public var changed: [Int]

  /// The identity of the file at `path` (symbolic links followed); nil when it cannot be
  /// examined.
  public init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    self.init(
      file: [UInt64(info.st_dev), UInt64(info.st_ino)], size: Int(info.st_size),
      modified: [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)],
      changed: [Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec)])
  }

  /// An identity of the given parts.
  public init(file: [UInt64], size: Int, modified: [Int], changed: [Int]) {
    self.file = file
    self.size = size
    self.modified = modified
    self.changed = changed
  }

  /// What differs in `later`, the same path's identity taken later, in words: `replaced by
  /// another file`, `size and modification time differ`, `change time differs` (said only when
  /// nothing else does: every write changes it), `removed`; nil when nothing differs.
  public func change(to later: FileIdentity?) -> String? {
    guard let later else { return "removed" }
    if later.file != file { return "replaced by another file" }
    switch (size != later.size, modified != later.modified) {
    case (true, true): return "size and modification time differ"
    case (true, false): return "size differs"
    case (false, true): return "modification time differs"
    case (false, false): return changed != later.changed ? "change time differs" : nil
    }
  }
}
