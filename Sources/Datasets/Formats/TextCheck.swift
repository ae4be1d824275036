import Conventions
import Foundation

/// Checks that a CSV file is text: valid UTF-8 without NUL bytes.
enum TextCheck {
  /// Throws `malformed` at the line (and byte offset) of the first NUL byte or invalid UTF-8
  /// sequence in `bytes`.
  static func check(_ bytes: UnsafeRawBufferPointer, origin: String) throws {
    func fail(_ offset: Int, _ reason: String, _ remedy: String = "") -> DataError {
      let line = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
      return .malformed(
        file: origin, location: "line \(line), byte offset \(offset)",
        reason: reason + " (a CSV table is UTF-8 text)" + remedy)
    }
    if bytes.starts(with: [0x1F, 0x8B]) {
      throw DataError.malformed(
        file: origin, location: "offset 0",
        reason:
          "inflated, it starts with gzip's magic number 1f 8b: compressed twice? gunzip it once")
    }
    if let image = FileFormat.image(Array(bytes.prefix(10))) {
      throw DataError.image(file: origin, format: image)
    }
    if let reason = notUTF8Text(Array(bytes.prefix(8))) {
      throw DataError.malformed(file: origin, location: "offset 0", reason: reason)
    }
    if let base = bytes.baseAddress, let nul = memchr(base, 0, bytes.count) {
      throw fail(base.distance(to: UnsafeRawPointer(nul)), "NUL byte: binary data, not text")
    }
    // The standard library's validation is the fast path; the decoder below finds the offset.
    if String(validating: bytes, as: UTF8.self) != nil { return }
    var offset = 0
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): offset += UTF8.width(scalar)
      case .emptyInput: return
      case .error:
        let encoding = LegacyEncoding.guess(bytes.prefix(1 << 20))
        throw fail(
          offset, "invalid UTF-8",
          ": \(encoding.fileDescription) converts with `iconv -f \(encoding.iconvName) -t utf-8 "
            + "FILE > FILE-utf8.csv`")
      }
    }
  }

  /// What a file starting with `head` is when it is not UTF-8 text although read as a CSV
  /// table: UTF-16 (its byte-order mark) or an array file a magic number names; nil otherwise.
  static func notUTF8Text(_ head: [UInt8]) -> String? {
    if let encoding = UnicodeMark.encoding(of: head) {
      let writers =
        encoding == "UTF-16" ? "; Excel's \"Unicode Text\" and PowerShell's `>` write it" : ""
      return "\(encoding) text (it starts with a \(encoding) byte-order mark\(writers)), not "
        + "UTF-8: convert it with `iconv -f \(encoding.lowercased()) -t utf-8 FILE > FILE-utf8.csv`"
    }
    if let format = FileFormat.recognized(head) {
      return "this is \(format.description), not a CSV table (its magic number says so): set "
        + "`format: \(format.rawValue)` in the spec's dataset, or rename the file"
    }
    return nil
  }
}
