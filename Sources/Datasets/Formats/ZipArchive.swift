import CZlib
import Foundation

/// A read-only ZIP archive (what numpy's `.npz` files are): the central directory lists the
/// members; each is stored (method 0) or deflated (method 8, inflated through zlib) and its
/// CRC-32 is checked.
struct ZipArchive {
  struct Entry {
    var name: String
    var method: UInt16
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var localHeaderOffset: Int
    /// The general-purpose flags; bit 0 marks an encrypted member.
    var flags: UInt16 = 0
  }

  let path: String
  let data: Data
  let entries: [Entry]

  init(path: String) throws {
    self.path = path
    data = try FileBytes.read(path)
    entries = try data.withUnsafeBytes { try ZipArchive.centralDirectory($0, path: path) }
  }

  /// The error about `entry` at `offset` of the archive.
  private func failure(_ entry: Entry, _ offset: Int, _ reason: String) -> DataError {
    .malformed(file: path, location: "member '\(entry.name)', offset \(offset)", reason: reason)
  }

  /// The stored (compressed) bytes of `entry` in `bytes`, once its local header is checked and
  /// the archive holds them all, and where they start.
  private func stored(_ entry: Entry, in bytes: UnsafeRawBufferPointer) throws -> (
    raw: UnsafeRawBufferPointer, start: Int
  ) {
    let at = entry.localHeaderOffset
    guard at + 30 <= bytes.count, bytes.le32(at) == 0x0403_4B50 else {
      throw failure(entry, at, "bad local file header")
    }
    let start = at + 30 + Int(bytes.le16(at + 26)) + Int(bytes.le16(at + 28))
    guard start + entry.compressedSize <= bytes.count else {
      throw failure(
        entry, start,
        "truncated member: \(entry.compressedSize) bytes announced, \(max(0, bytes.count - start)) present"
      )
    }
    guard entry.flags & 1 == 0 else {
      throw failure(
        entry, at,
        "encrypted member (a password-protected archive), which np.load cannot read "
          + "either: save the arrays again with np.savez")
    }
    switch entry.method {
    case 0: break
    case 8:
      // Deflate expands at most ~1032:1; a larger claimed size is a damaged or hostile header.
      guard entry.size <= entry.compressedSize * 1032 + 1024 else {
        throw failure(
          entry, at,
          "claims \(entry.size) bytes from \(entry.compressedSize) compressed bytes (damaged header)"
        )
      }
    default:
      let name = [12: " (bzip2)", 14: " (LZMA)", 93: " (Zstandard)"][Int(entry.method)] ?? ""
      throw failure(
        entry, at,
        "unsupported compression method \(entry.method)\(name) (stored and deflated are "
          + "read, as np.savez and np.savez_compressed write them): save the arrays again "
          + "with np.savez_compressed")
    }
    return (UnsafeRawBufferPointer(rebasing: bytes[start..<(start + entry.compressedSize)]), start)
  }

  /// At most the first `count` uncompressed bytes of `entry`, inflating no more than that: an
  /// NPZ member's `.npy` header, read to check its shape before the member is inflated.
  func head(of entry: Entry, count: Int) throws -> [UInt8] {
    try data.withUnsafeBytes { bytes -> [UInt8] in
      let (raw, start) = try stored(entry, in: bytes)
      guard entry.method == 8 else { return Array(raw.prefix(count)) }
      return try Inflater.inflateRaw(raw, prefix: min(count, entry.size)) {
        failure(entry, start, $0)
      }
    }
  }

  /// The uncompressed bytes of `entry`.
  func contents(of entry: Entry) throws -> [UInt8] {
    try data.withUnsafeBytes { bytes -> [UInt8] in
      func fail(_ offset: Int, _ reason: String) -> DataError { failure(entry, offset, reason) }
      let (raw, start) = try stored(entry, in: bytes)
      let out =
        entry.method == 0
        ? Array(raw) : try Inflater.inflateRaw(raw, expectedSize: entry.size) { fail(start, $0) }
      guard out.count == entry.size else {
        throw fail(start, "member is \(out.count) bytes, header says \(entry.size)")
      }
      let crc = out.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
      guard crc == entry.crc else { throw fail(start, "CRC-32 mismatch (damaged archive)") }
      return out
    }
  }

  static func centralDirectory(_ bytes: UnsafeRawBufferPointer, path: String) throws -> [Entry] {
    // The end-of-central-directory record is in the last 22 + 65535 bytes.
    guard bytes.count >= 22 else {
      throw DataError.malformed(
        file: path, location: "offset 0", reason: "not a ZIP/NPZ archive (too short)")
    }
    guard bytes.le32(0) == 0x0403_4B50 || bytes.le32(0) == 0x0605_4B50 else {
      throw DataError.malformed(
        file: path, location: "offset 0",
        reason: "not a ZIP/NPZ archive (bad magic; expected PK\\x03\\x04)")
    }
    var eocd = -1
    var p = bytes.count - 22
    while p >= max(0, bytes.count - 22 - 65535) {
      if bytes.le32(p) == 0x0605_4B50 {
        eocd = p
        break
      }
      p -= 1
    }
    guard eocd >= 0 else {
      throw DataError.malformed(
        file: path, location: "end of file",
        reason: "no end-of-central-directory record (truncated archive)")
    }
    let count = Int(bytes.le16(eocd + 10))
    var at = Int(bytes.le32(eocd + 16))
    var entries: [Entry] = []
    for _ in 0..<count {
      guard at + 46 <= bytes.count, bytes.le32(at) == 0x0201_4B50 else {
        throw DataError.malformed(
          file: path, location: "offset \(at)", reason: "bad central directory entry")
      }
      let nameLength = Int(bytes.le16(at + 28))
      let extra = Int(bytes.le16(at + 30))
      let comment = Int(bytes.le16(at + 32))
      guard at + 46 + nameLength <= bytes.count else {
        throw DataError.malformed(
          file: path, location: "offset \(at)", reason: "truncated central directory")
      }
      let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
      let sizes = (bytes.le32(at + 20), bytes.le32(at + 24), bytes.le32(at + 42))
      if sizes.0 == 0xFFFF_FFFF || sizes.1 == 0xFFFF_FFFF || sizes.2 == 0xFFFF_FFFF {
        throw DataError.malformed(
          file: path, location: "member '\(name)'",
          reason: "ZIP64 members (over 4 GB) are not supported")
      }
      entries.append(
        Entry(
          name: name, method: bytes.le16(at + 10), crc: bytes.le32(at + 16),
          compressedSize: Int(sizes.0),
          size: Int(sizes.1), localHeaderOffset: Int(sizes.2), flags: bytes.le16(at + 8)))
      at += 46 + nameLength + extra + comment
    }
    return entries
  }
}

extension UnsafeRawBufferPointer {
  func le16(_ at: Int) -> UInt16 {
    UInt16(littleEndian: loadUnaligned(fromByteOffset: at, as: UInt16.self))
  }
  func le32(_ at: Int) -> UInt32 {
    UInt32(littleEndian: loadUnaligned(fromByteOffset: at, as: UInt32.self))
  }
}

/// zlib inflate/deflate of raw deflate streams (ZIP members).
enum Inflater {
  static func inflateRaw(
    _ input: UnsafeRawBufferPointer, expectedSize: Int, error: (String) -> DataError
  ) throws -> [UInt8] {
    let (out, status, _) = try inflate(input, into: expectedSize, flush: Z_FINISH, error: error)
    guard status == Z_STREAM_END else {
      throw error(
        status == Z_BUF_ERROR
          ? "truncated or oversized deflate stream"
          : "corrupt deflate stream (zlib status \(status))")
    }
    return out
  }

  /// The first `prefix` bytes `input` inflates to (fewer when it holds fewer), inflating no
  /// more.
  static func inflateRaw(
    _ input: UnsafeRawBufferPointer, prefix: Int, error: (String) -> DataError
  ) throws -> [UInt8] {
    let (out, status, left) = try inflate(input, into: prefix, flush: Z_SYNC_FLUSH, error: error)
    guard [Z_OK, Z_STREAM_END, Z_BUF_ERROR].contains(status) else {
      throw error("corrupt deflate stream (zlib status \(status))")
    }
    return Array(out.prefix(prefix - left))
  }

  /// Inflates raw deflate `input` into `size` bytes with zlib's `flush`; the bytes, zlib's
  /// status and the room left unfilled.
  private static func inflate(
    _ input: UnsafeRawBufferPointer, into size: Int, flush: Int32, error: (String) -> DataError
  ) throws -> (out: [UInt8], status: Int32, left: Int) {
    var stream = z_stream()
    guard
      inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else {
      throw error("zlib could not start inflating")
    }
    defer { inflateEnd(&stream) }
    var out = [UInt8](repeating: 0, count: size)
    let status = out.withUnsafeMutableBufferPointer { dst -> Int32 in
      stream.next_in = UnsafeMutablePointer(
        mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
      stream.avail_in = uInt(input.count)
      stream.next_out = dst.baseAddress
      stream.avail_out = uInt(dst.count)
      return CZlib.inflate(&stream, flush)
    }
    return (out, status, Int(stream.avail_out))
  }

  /// Raw deflate of `input` (for writing NPZ fixtures), or a whole gzip member when `gzip`.
  static func compress(_ input: [UInt8], gzip: Bool = false) -> [UInt8] {
    var stream = z_stream()
    deflateInit2_(
      &stream, 6, Z_DEFLATED, gzip ? MAX_WBITS + 16 : -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
      zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    defer { deflateEnd(&stream) }
    var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
    var input = input
    let produced = input.withUnsafeMutableBufferPointer { src in
      out.withUnsafeMutableBufferPointer { dst -> Int in
        stream.next_in = src.baseAddress
        stream.avail_in = uInt(src.count)
        stream.next_out = dst.baseAddress
        stream.avail_out = uInt(dst.count)
        deflate(&stream, Z_FINISH)
        return dst.count - Int(stream.avail_out)
      }
    }
    return Array(out[0..<produced])
  }
}
