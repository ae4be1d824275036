import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Files the kernel writes as they are read (`/proc/self/maps`), read to their end. They report
/// a size of 0, and Foundation's `String(contentsOfFile:)` stops after the first read of one, a
/// page: 4 KB of a runner's 40 KB of maps, so the mappings past it went uncounted.
public enum KernelFile {
  /// The whole text of the file at `path`, nil when it cannot be opened or read.
  public static func text(_ path: String) -> String? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else { return nil }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
