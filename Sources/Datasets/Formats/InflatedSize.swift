import Conventions
import Foundation

/// The bytes a gzip file inflates to, counted by inflating it to its end with nothing kept: its
/// size trailer is only the last member's size modulo 2³², and a `cat`-ed or bgzip file's last
/// member may be empty. Counted once per version of a file (path, inode, size and modification
/// time) in a process, so a sweep's trials and the loader after the memory check reuse it.
enum InflatedSize {
  /// A file's version: its path and identity (a file replaced or rewritten is counted again).
  private struct Version: Hashable {
    var path: String
    var identity: FileIdentity
  }

  /// A count made: `bytes`, or at least that many when `capped`.
  private struct Count {
    var bytes: Int
    var capped: Bool
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var counted: [Version: Count] = [:]

  /// The bytes the gzip file at `path` inflates to, counted up to `cap` (a count of `cap`
  /// means at least that); nil for a plain file, or a stream that cannot be read to its end
  /// (the loader names why).
  static func of(_ path: String, cap: Int) -> Int? {
    guard let version = version(path) else { return nil }
    if let known = lock.withLock({ counted[version] }), !known.capped || known.bytes >= cap {
      return min(known.bytes, cap)
    }
    guard let stream = try? ByteStream(path: path), stream.isCompressed else { return nil }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var total = 0
    while total < cap {
      guard let got = try? chunk.withUnsafeMutableBytes({ try stream.read(into: $0) }) else {
        return nil
      }
      if got == 0 { break }
      total += got
    }
    let count = Count(bytes: min(total, cap), capped: total >= cap)
    lock.withLock { counted[version] = count }
    return count.bytes
  }

  /// The count already made of `path` as it is now (at least that many bytes), if any.
  static func known(_ path: String) -> Int? {
    guard let version = version(path) else { return nil }
    return lock.withLock { counted[version]?.bytes }
  }

  /// The version of the file `path` names (a link followed); nil when it cannot be stat'ed.
  private static func version(_ path: String) -> Version? {
    FileIdentity(path: path).map { Version(path: path, identity: $0) }
  }
}
