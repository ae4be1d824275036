import Crypto
import Foundation

/// SHA-256 hex digests (FIPS 180-4) of bytes, of a file and of a file's content, computed by
/// swift-crypto (BoringSSL's assembly where the CPU has SHA extensions): the catalog's checksums
/// and the data files a run records.
public enum SHA256Digest {
  /// The hex digest of `bytes`.
  public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    var hasher = Crypto.SHA256()
    hasher.update(data: Array(bytes))
    return text(hasher.finalize())
  }

  /// The hex digest of the file at `path`, read in 1 MiB chunks.
  public static func hex(ofFile path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw DataError.fileNotFound(name: path, searched: [path])
    }
    defer { try? handle.close() }
    var hasher = Crypto.SHA256()
    while true {
      let chunk = handle.readData(ofLength: 1 << 20)
      if chunk.isEmpty { break }
      hasher.update(data: chunk)
    }
    return text(hasher.finalize())
  }

  /// The hex digest of the uncompressed content of the file at `path` (a gzip file is
  /// inflated through zlib; any other file is hashed as it is).
  public static func hex(ofContent path: String) throws -> String {
    try content(ofFile: path).sha256
  }

  /// The size and hex digest of the uncompressed content of the file at `path` (`hex(ofContent:)`):
  /// a file and its gzip copy give the same.
  public static func content(ofFile path: String) throws -> (bytes: Int, sha256: String) {
    let stream = try ByteStream(path: path)
    var hasher = Crypto.SHA256()
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var bytes = 0
    while true {
      let n = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
      if n == 0 { break }
      bytes += n
      chunk.withUnsafeBytes {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n]))
      }
    }
    return (bytes, text(hasher.finalize()))
  }

  /// A digest as 64 lower-case hex characters.
  private static func text(_ digest: Crypto.SHA256.Digest) -> String {
    digest.map { String($0, radix: 16).leftPadded(2) }.joined()
  }
}
