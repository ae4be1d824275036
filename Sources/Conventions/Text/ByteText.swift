import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Bytes that may not be UTF-8 (an argument, a path, an environment variable's value) as a
/// message shows them: each byte outside valid UTF-8 written `\xE9`, not as the U+FFFD that
/// decoding puts in its place.
public enum ByteText {
  /// Whether `bytes` are valid UTF-8.
  public static func isUTF8(_ bytes: [UInt8]) -> Bool {
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid: continue
      case .error: return false
      case .emptyInput: return true
      }
    }
  }

  /// `bytes` as text, each byte outside valid UTF-8 written `\xE9`, control characters too.
  public static func shown(_ bytes: [UInt8]) -> String {
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    var (text, offset) = ("", 0)
    func escaped(_ range: Range<Int>) -> String {
      bytes[range].map { "\\x" + hex($0) }.joined()
    }
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        let scalar = Unicode.UTF8.decode(encoded)
        text +=
          scalar.properties.generalCategory == .control
          ? escaped(offset..<offset + encoded.count) : String(scalar)
        offset += encoded.count
      case .error(let length):
        text += escaped(offset..<offset + length)
        offset += length
      case .emptyInput:
        return text
      }
    }
  }

  /// The value `decoded` of environment variable `name` as a message shows it: the process's
  /// own bytes of `name` (`shown`) when they are not UTF-8 and decode to `decoded`, else
  /// `decoded` (a value a test passes, or one that is not this process's).
  public static func environmentValue(_ name: String, _ decoded: String) -> String {
    guard decoded.unicodeScalars.contains("\u{FFFD}"), let raw = getenv(name) else {
      return decoded
    }
    let bytes = Array(UnsafeBufferPointer(start: raw, count: strlen(raw))).map {
      UInt8(bitPattern: $0)
    }
    guard !isUTF8(bytes), String(decoding: bytes, as: UTF8.self) == decoded else { return decoded }
    return shown(bytes)
  }

  /// `byte` as two uppercase hexadecimal digits.
  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count < 2 ? "0" + digits : digits
  }
}
