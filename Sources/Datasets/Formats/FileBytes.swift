import Conventions
import Foundation

/// Whole-file reads with the module's error conventions.
enum FileBytes {
  /// The bytes of the file at `path` (memory-mapped when possible).
  static func read(_ path: String) throws -> Data {
    try InputFile.checkRegular(path)
    do {
      return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
    } catch {
      throw DataError.unreadable(file: path, reason: reason(error, reading: path))
    }
  }

  /// Why reading `path` failed, in the system's words (`Permission denied`, with what to do)
  /// where Foundation says "The operation could not be completed. You don’t have permission."
  /// An error without a system code (`NSCocoaErrorDomain error 256`, as for a full table of
  /// open files) takes the code of opening the file again.
  static func reason(_ error: any Error, reading path: String? = nil) -> String {
    let error = error as NSError
    let code =
      OSErrorText.code(of: error) ?? (error.code == NSFileReadNoPermissionError ? EACCES : nil)
      ?? path.flatMap(OSErrorText.openingCode)
    guard let code else { return error.localizedDescription }
    let words = OSErrorText.of(code)
    return code == EACCES ? words + " (make it readable by this user, or copy it)" : words
  }

  /// gzip's magic number.
  static let gzipMagic: [UInt8] = [0x1F, 0x8B]

  /// The bytes of the file at `path`, inflated when the file starts with gzip's magic number.
  ///
  /// The memory check before a run counts a gzip table's inflated size (`InflatedSize`); read
  /// without that count, its size is taken from its trailer (the last member's uncompressed
  /// size, modulo 2³²). A stream that inflates to more than twice the size known (and 64 MiB
  /// past it) is refused before it is held: a forged trailer, or a file grown since it was
  /// counted, would otherwise let a small file inflate a thousandfold past the check.
  static func readInflating(_ path: String) throws -> Data {
    let raw = try read(path)
    guard raw.starts(with: gzipMagic) else { return raw }
    let stream = try ByteStream(path: path)
    let claimed = stream.trailerSize ?? 0
    let counted = InflatedSize.known(path)
    let assumed = max(raw.count, counted ?? claimed)
    let limit = max(2 * assumed, assumed + (64 << 20))
    var out = Data()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
      if n == 0 { break }
      out.append(contentsOf: chunk[0..<n])
      if out.count > limit {
        throw DataError.malformed(
          file: path, location: "uncompressed offset \(out.count)",
          reason: counted.map {
            "the gzip stream inflates to more than \(limit) bytes, but to \($0) when the memory "
              + "check counted it (the file changed while it was read)"
          }
            ?? "the gzip stream inflates to more than \(limit) bytes, but its size trailer "
            + "claims \(claimed), which the memory check trusted (a forged trailer, or several "
            + "members: recompress it as one, `gunzip -c FILE | gzip > NEW`)")
      }
    }
    return out
  }
}

/// Shape arithmetic that refuses overflow (hostile headers can claim absurd extents).
enum ShapeMath {
  /// The product of `shape`, or nil on overflow or a negative extent.
  static func elementCount(_ shape: [Int]) -> Int? {
    var n = 1
    for d in shape {
      guard d >= 0 else { return nil }
      let (p, overflow) = n.multipliedReportingOverflow(by: d)
      if overflow { return nil }
      n = p
    }
    return n
  }
}
