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
      if !ByteText.isUTF8(folder) {
        return
          "error: the working folder '\(ByteText.shown(folder))' is not valid UTF-8, and a path "
          + "read as text would name another folder\n"
          + "help: run from a folder whose path is UTF-8, with absolute paths"
      }
    }
    for name in pathVariables {
      guard let value = getenv(name) else { continue }
      let text = bytes(of: value)
      if !ByteText.isUTF8(text) {
        return
          "error: the environment variable \(name)='\(ByteText.shown(text))' is not valid UTF-8, "
          + "and a path read as text would name another folder\n" + remedy
      }
    }
    return nil
  }

  /// The refusal of the first of `arguments` (the bytes of each, the command's name left out)
  /// that is not valid UTF-8, naming it: the option it is the value of, else its position.
  static func notUTF8Refusal(arguments: [[UInt8]]) -> String? {
    guard let index = arguments.firstIndex(where: { !ByteText.isUTF8($0) }) else { return nil }
    var argument = arguments[index]
    let dash = UInt8(ascii: "-")
    var subject = "argument \(index + 1)"
    var option: [UInt8] = []
    if let equals = argument.firstIndex(of: UInt8(ascii: "=")), argument.starts(with: [dash, dash])
    {
      option = Array(argument[..<equals])
      argument = Array(argument[(equals + 1)...])
    } else if index > 0, arguments[index - 1].starts(with: [dash, dash]),
      arguments[index - 1].count > 2,
      !arguments[index - 1].contains(UInt8(ascii: "="))
    {
      option = arguments[index - 1]
    }
    if !option.isEmpty { subject = "the value of \(ByteText.shown(option))" }
    if textOptions.contains(String(decoding: option, as: UTF8.self)) {
      // A spec value or a filter, not a path: nothing to rename.
      return
        "error: \(subject), '\(ByteText.shown(argument))', is not valid UTF-8: the runner reads "
        + "its arguments as UTF-8 text, and would use another value than the one given\n"
        + "help: write it in UTF-8 (a shell in a UTF-8 locale types it so; for Latin-1 text: "
        + "`iconv -f latin1 -t utf8`)"
    }
    return
      "error: \(subject), '\(ByteText.shown(argument))', is not valid UTF-8: the runner "
      + "reads paths as UTF-8 text, and would use another path than the one given\n" + remedy
  }

  /// The options whose values are text, not paths: a spec's values (`--set`), `runner ls`'s
  /// filters (`--where`).
  static let textOptions: Set<String> = ["--set", "--where"]

  /// What to do about a path that is not UTF-8.
  static let remedy =
    "help: rename it to a UTF-8 name (for a Latin-1 name: `convmv -f latin1 -t utf8 --notest "
    + "PATH`), or give a link with a UTF-8 name to it"

  /// The bytes of a C string.
  static func bytes(of text: UnsafePointer<CChar>) -> [UInt8] {
    Array(UnsafeBufferPointer(start: text, count: strlen(text))).map { UInt8(bitPattern: $0) }
  }
}
