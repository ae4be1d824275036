import CZlib
import Conventions
import Foundation

/// A sequential reader over a plain or gzip-compressed file (recognized by gzip's magic
/// number), reading straight into the caller's buffer.
///
/// gzip is read as Python's `gzip` module (and so numpy) reads it: members one after another
/// (a multi-member file is one stream), NUL padding after a member skipped, each member's
/// CRC-32 and length checked; a stream that ends inside a member is truncated, and bytes after
/// a member that are neither padding nor another member are refused (zlib's `gzread` drops
/// them silently, `gzip -d` warns). Offsets in errors are positions in the uncompressed stream.
final class ByteStream {
  let path: String
  private let descriptor: Int32
  /// Uncompressed bytes consumed so far.
  private(set) var offset = 0

  /// The file's size on disk (compressed, for gzip files).
  let fileSize: Int
  /// Whether the file is gzip-compressed.
  let isCompressed: Bool

  /// The inflater (allocated once: zlib keeps a pointer back to it).
  private let inflater = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
  /// Compressed bytes read from the file and not yet inflated start at `inflater.next_in`.
  private let input = UnsafeMutablePointer<UInt8>.allocate(capacity: ByteStream.inputSize)
  private static let inputSize = 1 << 17
  /// Compressed bytes read from the file so far.
  private var filePosition = 0
  /// The last member has ended and only padding followed it.
  private var ended = false

  /// Opens `path`; throws `fileNotFound` (66) or `unreadable` (66; also for anything but a
  /// regular file, which is never opened).
  init(path: String) throws {
    fileSize = try InputFile.checkRegular(path)
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw DataError.unreadable(file: path, reason: OSErrorText.last)
    }
    var magic: [UInt8] = [0, 0]
    let got = pread(descriptor, &magic, 2, 0)
    self.path = path
    self.descriptor = descriptor
    isCompressed = got == 2 && magic == FileBytes.gzipMagic
    inflater.initialize(to: z_stream())
    if isCompressed {
      // 15 + 16: a gzip wrapper only, with its CRC-32 and length checked at each member's end.
      guard
        inflateInit2_(inflater, MAX_WBITS + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
          == Z_OK
      else {
        throw DataError.unreadable(file: path, reason: "zlib could not start inflating")
      }
    }
  }

  deinit {
    if isCompressed { inflateEnd(inflater) }
    inflater.deallocate()
    input.deallocate()
    close(descriptor)
  }

  /// Checks, before any large allocation, that the file can hold `dataBytes` (uncompressed)
  /// bytes after offset `dataStart` (nil: more bytes than an `Int` counts): the file size for
  /// plain files; for gzip files, deflate's maximum expansion of the file size and the gzip
  /// trailer's size (mod 2³²). What the file cannot hold is said before what memory cannot.
  func checkTotalSize(dataStart: Int, dataBytes: Int?, what: String) throws {
    let size = fileSize
    // Where the data ends, uncompressed; nil when no `Int` counts it.
    let end = dataBytes.flatMap {
      dataStart.addingReportingOverflow($0).overflow ? nil : dataStart + $0
    }
    let most = isCompressed ? HeaderBounds.maximumInflatedSize(ofCompressed: size) : size
    guard let dataBytes, let expected = end, expected <= most else {
      let huge = "more than \(Int.max)"
      throw DataError.malformed(
        file: path, location: "offset \(isCompressed ? dataStart : size)",
        reason: isCompressed
          ? "\(what) needs \(end.map(String.init) ?? huge) uncompressed bytes, but a \(size)-byte "
            + "gzip file inflates to at most \(most) (damaged or hostile header)"
          : "truncated data: \(what) needs \(dataBytes.map(String.init) ?? huge) bytes from offset "
            + "\(dataStart), only \(max(0, size - dataStart)) present")
    }
    try HeaderBounds.checkArray(
      bytes: dataBytes, file: path, location: "offset \(dataStart)", what: what)
    guard let stored = trailerSize, stored != expected & 0xFFFF_FFFF else { return }
    // The trailer is the last member's: several members (or NUL padding) are counted whole,
    // at most one byte past the size the header needs.
    let counter = try ByteStream(path: path)
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var held = 0
    while held <= expected {
      let got = try chunk.withUnsafeMutableBytes { try counter.read(into: $0) }
      if got == 0 { break }
      held += got
    }
    if held != expected {
      throw DataError.malformed(
        file: path, location: "gzip trailer",
        reason: "\(what) needs \(expected) uncompressed bytes, but the gzip stream holds "
          + "\(held > expected ? "more" : "\(held)") (truncated or damaged file)")
    }
  }

  /// The uncompressed size a gzip file's trailer gives: its last four bytes, the last member's
  /// size modulo 2³² (a hint only: a forged trailer lies); nil for a plain file or one shorter
  /// than a gzip member (18 bytes).
  var trailerSize: Int? {
    guard isCompressed, fileSize >= 18 else { return nil }
    var trailer: [UInt8] = [0, 0, 0, 0]
    guard pread(descriptor, &trailer, 4, off_t(fileSize - 4)) == 4 else { return nil }
    return trailer.reversed().reduce(0) { $0 << 8 | Int($1) }
  }

  /// Reads up to `buffer.count` bytes; returns how many were read (fewer only at the end).
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
    var total = 0
    defer { offset += total }
    if !isCompressed {
      while total < buffer.count {
        let got = try readFile(into: base + total, count: buffer.count - total)
        if got == 0 { break }
        total += got
      }
      return total
    }
    let z = inflater
    while total < buffer.count && !ended {
      if z.pointee.avail_in == 0, try refill() == 0 {
        throw gzipError(
          total,
          "truncated gzip stream: the file ends inside a member (at compressed byte "
            + "\(filePosition)); it was cut short")
      }
      let room = min(buffer.count - total, Int(UInt32.max))
      z.pointee.next_out = (base + total).assumingMemoryBound(to: Bytef.self)
      z.pointee.avail_out = uInt(room)
      let status = CZlib.inflate(z, Z_NO_FLUSH)
      total += room - Int(z.pointee.avail_out)
      switch status {
      case Z_OK: continue
      case Z_BUF_ERROR where z.pointee.avail_in == 0: continue
      case Z_STREAM_END: try endMember(total)
      default:
        let message = z.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
        throw gzipError(total, "corrupt gzip stream (\(message))")
      }
    }
    return total
  }

  /// After a member: skips NUL padding, then starts the next member, or ends the stream at
  /// the end of the file; anything else is trailing data that is refused.
  private func endMember(_ total: Int) throws {
    let z = inflater
    while true {
      while z.pointee.avail_in > 0, z.pointee.next_in.pointee == 0 {
        z.pointee.next_in += 1
        z.pointee.avail_in -= 1
      }
      if z.pointee.avail_in > 0 { break }
      if try refill() == 0 {
        ended = true
        return
      }
    }
    if z.pointee.avail_in < 2 { _ = try refill() }
    let at = filePosition - Int(z.pointee.avail_in)
    guard z.pointee.avail_in >= 2, z.pointee.next_in[0] == 0x1F, z.pointee.next_in[1] == 0x8B
    else {
      throw gzipError(
        total,
        "\(fileSize - at) bytes of trailing data after the gzip stream, at compressed byte "
          + "\(at) (neither another gzip member nor NUL padding); the file is damaged or two "
          + "files were joined: recompress it")
    }
    inflateReset(z)
  }

  /// Moves the unread compressed bytes to the front of the input buffer and reads more after
  /// them; returns how many were read (0 at the end of the file).
  private func refill() throws -> Int {
    let z = inflater
    let kept = Int(z.pointee.avail_in)
    if kept > 0, let next = z.pointee.next_in, next != input { memmove(input, next, kept) }
    let got = try readFile(
      into: UnsafeMutableRawPointer(input + kept), count: Self.inputSize - kept)
    z.pointee.next_in = input
    z.pointee.avail_in = uInt(kept + got)
    return got
  }

  /// `read(2)` of up to `count` bytes, retried when interrupted.
  private func readFile(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
    while true {
      let got = Foundation.read(descriptor, buffer, min(count, 1 << 30))
      if got >= 0 {
        filePosition += got
        return got
      }
      if errno != EINTR {
        throw DataError.unreadable(file: path, reason: OSErrorText.last)
      }
    }
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

  private func gzipError(_ total: Int, _ reason: String) -> DataError {
    .malformed(file: path, location: "uncompressed offset \(offset + total)", reason: reason)
  }
}
