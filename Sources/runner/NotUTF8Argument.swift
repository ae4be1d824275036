import Conventions
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Runner {
  /// The environment variables the runner reads as paths.
  static let pathVariables = ["RUNNER_DATA_PATH", "XDG_CACHE_HOME", "HOME"]

  /// The refusal (exit 64) of a command-line argument, the working folder or a path variable
  /// (`pathVariables`) whose bytes are not valid UTF-8, checked on the bytes before anything
  /// decodes them: decoded, their invalid bytes become U+FFFD, another path, and the runner
  /// would read, write or list another folder than the one named (a Latin-1 `caf\xE9`).
  static func notUTF8Refusal() -> String? {
    let arguments = (0..<Int(CommandLine.argc)).map { index in
      CommandLine.unsafeArgv[index].map { bytes(of: $0) } ?? []
    }
    if let refusal = notUTF8Refusal(arguments: Array(arguments.dropFirst())) { return refusal }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    if getcwd(&buffer, buffer.count) != nil {
      let folder = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
      if !isUTF8(folder) {
        return "error: the working folder '\(shown(folder))' is not valid UTF-8, and a path "
          + "read as text would name another folder\n"
          + "help: run from a folder whose path is UTF-8, with absolute paths"
      }
    }
    for name in pathVariables {
      guard let value = getenv(name) else { continue }
      let text = bytes(of: value)
      if !isUTF8(text) {
        return "error: the environment variable \(name)='\(shown(text))' is not valid UTF-8, "
          + "and a path read as text would name another folder\n" + remedy
      }
    }
    return nil
  }

  /// The refusal of the first of `arguments` (the bytes of each, the command's name left out)
  /// that is not valid UTF-8, naming it: the option it is the value of, else its position.
  static func notUTF8Refusal(arguments: [[UInt8]]) -> String? {
    guard let index = arguments.firstIndex(where: { !isUTF8($0) }) else { return nil }
    var argument = arguments[index]
    let dash = UInt8(ascii: "-")
    var subject = "argument \(index + 1)"
    if let equals = argument.firstIndex(of: UInt8(ascii: "=")), argument.starts(with: [dash, dash])
    {
      subject = "the value of \(shown(Array(argument[..<equals])))"
      argument = Array(argument[(equals + 1)...])
    } else if index > 0, arguments[index - 1].starts(with: [dash, dash]),
      arguments[index - 1].count > 2,
      !arguments[index - 1].contains(UInt8(ascii: "="))
    {
      subject = "the value of \(shown(arguments[index - 1]))"
    }
    return "error: \(subject), '\(shown(argument))', is not valid UTF-8: the runner reads paths "
      + "as UTF-8 text, and would use another path than the one given\n" + remedy
  }

  /// What to do about a path that is not UTF-8.
  static let remedy =
    "help: rename it to a UTF-8 name (for a Latin-1 name: `convmv -f latin1 -t utf8 --notest "
    + "PATH`), or give a link with a UTF-8 name to it"

  /// The bytes of a C string.
  static func bytes(of text: UnsafePointer<CChar>) -> [UInt8] {
    Array(UnsafeBufferPointer(start: text, count: strlen(text))).map { UInt8(bitPattern: $0) }
  }

  /// Whether `bytes` are valid UTF-8.
  static func isUTF8(_ bytes: [UInt8]) -> Bool {
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
  static func shown(_ bytes: [UInt8]) -> String {
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    var (text, offset) = ("", 0)
    func escaped(_ range: Range<Int>) -> String {
      bytes[range].map { "\\x" + String($0, radix: 16, uppercase: true).leftPadded(2) }.joined()
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
}

extension String {
  /// The string with `0`s before it up to `width` characters.
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: Swift.max(0, width - count)) + self
  }
}
