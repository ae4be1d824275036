import CZlib
import Foundation

/// A sequential reader over a plain or gzip-compressed file (zlib's `gzread` inflates
/// `.gz` files and passes other files through), reading straight into the caller's buffer.
///
/// Offsets in errors are positions in the uncompressed stream.
final class ByteStream {
  let path: String
  private let file: gzFile
  /// Uncompressed bytes consumed so far.
  private(set) var offset = 0

  /// The file's size on disk (compressed, for gzip files).
  let fileSize: Int

  /// Opens `path`; throws `fileNotFound` (66) or `unreadable` (66; also for anything but a
  /// regular file, which is never opened).
  init(path: String) throws {
    fileSize = try InputFile.checkRegular(path)
    guard let file = gzopen(path, "rb") else {
      throw DataError.unreadable(file: path, reason: String(cString: strerror(errno)))
    }
    gzbuffer(file, 1 << 17)
    self.path = path
    self.file = file
  }

  deinit { gzclose(file) }

  /// Checks, before any large allocation, that the file can hold `dataBytes` (uncompressed)
  /// bytes after offset `dataStart`: the file size for plain files; for gzip files, deflate's
  /// maximum expansion of the file size and the gzip trailer's size (mod 2³²).
  func checkTotalSize(dataStart: Int, dataBytes: Int, what: String) throws {
    let expected = dataStart + dataBytes
    let size = fileSize
    try HeaderBounds.checkArray(
      bytes: dataBytes, file: path, location: "offset \(dataStart)", what: what)
    if !isCompressed {
      if size < expected {
        throw DataError.malformed(
          file: path, location: "offset \(size)",
          reason:
            "truncated data: \(what) needs \(dataBytes) bytes from offset \(dataStart), only \(max(0, size - dataStart)) present"
        )
      }
      return
    }
    let most = HeaderBounds.maximumInflatedSize(ofCompressed: size)
    guard expected <= most else {
      throw DataError.malformed(
        file: path, location: "offset \(dataStart)",
        reason: "\(what) needs \(expected) uncompressed bytes, but a \(size)-byte gzip file "
          + "inflates to at most \(most) (damaged or hostile header)")
    }
    // The last four bytes of a gzip member hold the uncompressed size modulo 2³².
    guard size >= 18, let handle = FileHandle(forReadingAtPath: path) else { return }
    defer { try? handle.close() }
    handle.seek(toFileOffset: UInt64(size - 4))
    let trailer = [UInt8](handle.readData(ofLength: 4))
    guard trailer.count == 4 else { return }
    let stored = trailer.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    if stored != expected & 0xFFFF_FFFF {
      throw DataError.malformed(
        file: path, location: "gzip trailer",
        reason: "\(what) needs \(expected) uncompressed bytes, but the gzip stream holds \(stored) "
          + "(truncated or damaged file)")
    }
  }

  /// Whether the file is gzip-compressed.
  var isCompressed: Bool { gzdirect(file) == 0 }

  /// Reads up to `buffer.count` bytes; returns how many were read (fewer only at the end).
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    var total = 0
    while total < buffer.count {
      let want = UInt32(min(buffer.count - total, 1 << 30))
      let got = gzread(file, buffer.baseAddress! + total, want)
      if got < 0 { throw streamError() }
      if got == 0 {
        // End of data: distinguish a clean end from a truncated or corrupt gzip stream.
        var code: Int32 = 0
        _ = gzerror(file, &code)
        if code != Z_OK { throw streamError() }
        break
      }
      total += Int(got)
    }
    offset += total
    return total
  }

  /// Reads exactly `buffer.count` bytes; a short file is an error naming `what` and the offset.
  func readExactly(into buffer: UnsafeMutableRawBufferPointer, what: String) throws {
    let start = offset
    let got = try read(into: buffer)
    if got < buffer.count {
      throw DataError.malformed(
        file: path, location: "offset \(start + got)",
        reason:
          "truncated \(isCompressed ? "(uncompressed) " : "")data: \(what) needs \(buffer.count) bytes from offset \(start), only \(got) present"
      )
    }
  }

  /// `count` bytes as an array.
  func readBytes(_ count: Int, what: String) throws -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    try bytes.withUnsafeMutableBytes { try readExactly(into: $0, what: what) }
    return bytes
  }

  /// Whether any byte remains.
  func atEnd() throws -> Bool {
    var probe: UInt8 = 0
    let got = try withUnsafeMutableBytes(of: &probe) { try read(into: $0) }
    return got == 0
  }

  private func streamError() -> DataError {
    var code: Int32 = 0
    let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
    let reason =
      code == Z_BUF_ERROR
      ? "truncated gzip stream (\(message))" : "corrupt gzip stream (\(message))"
    return .malformed(file: path, location: "uncompressed offset \(offset)", reason: reason)
  }
}
