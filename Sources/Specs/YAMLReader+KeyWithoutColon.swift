import Foundation
import Yams

/// The first key of a file or section written without its colon (`name; moons1`, `name
/// moons1`) or without the space after it (`name:moons1`): YAML reads it with the lines below as one multi-line text and refuses only the
/// next line's correct ':'. The error is named at the key's own line.
extension YAMLReader {
  /// The key YAML read, with the lines down to `mark` (where it refused a ':'), as one text;
  /// nil when the text did not begin on an earlier line as a key of its own.
  func keyWithoutColon(before mark: Mark) -> Diagnostic? {
    guard lines.indices.contains(mark.line - 1) else { return nil }
    let column = Self.contentColumn(lines[mark.line - 1])
    // The lines above, up to the first that holds a key, a comment, or starts elsewhere.
    var start: Int? = nil
    for index in (0..<(mark.line - 1)).reversed() {
      let line = lines[index]
      if line.allSatisfy({ $0 == " " }) { continue }
      let content = line.drop { $0 == " " || $0 == "-" }
      guard Self.contentColumn(line) == column, !content.hasPrefix("#"),
        !content.contains(": "), !content.hasSuffix(":")
      else { break }
      start = index
      if line.drop(while: { $0 == " " }).hasPrefix("-") { break }  // a list item's first key
    }
    guard let start else { return nil }
    // A value above (`description: a long`) that the lines continue is no key's.
    let above = lines[..<start].last { ($0.first { $0 != " " } ?? "#") != "#" }
    if let above, Self.contentColumn(above) < column {
      let code = above.split(separator: " #", maxSplits: 1).first ?? ""
      guard code.hasSuffix(":") || code.drop(while: { $0 == " " }) == "-" else { return nil }
    }
    return keyWithoutColon(line: start + 1, through: mark.line)
  }

  /// The key of line `number` that libyaml scanned as a key and found no ':' after (`seed:21`
  /// or `seed 21` below the first key: "could not find expected ':'" at the next line); nil
  /// when that line holds a key's ': ' or a comment.
  func keyWithoutColon(at number: Int) -> Diagnostic? {
    guard lines.indices.contains(number - 1) else { return nil }
    let content = Self.code(lines[number - 1]).drop { $0 == " " || $0 == "-" }
    guard !content.isEmpty, !content.hasPrefix("#"), !content.contains(": "),
      !content.hasSuffix(":")
    else { return nil }
    return keyWithoutColon(line: number, through: number)
  }

  /// The error at the key of line `number`, read with the lines through `last` as one text:
  /// at the character after its name (a `;`, a space, another sign), with its line mended as
  /// the fix-it when the mending is clear.
  private func keyWithoutColon(line number: Int, through last: Int) -> Diagnostic {
    let scalars = Array(lines[number - 1].unicodeScalars)
    let indent = Self.contentColumn(lines[number - 1])
    let content = String(String.UnicodeScalarView(scalars[indent...]))
    let name = content.prefixMatch(of: /[A-Za-z_][\w.\[\]-]*/).map { String($0.output) } ?? ""
    let at = indent + name.unicodeScalars.count
    // The sign after the name; a space for none (the name ends the line).
    let sign: Unicode.Scalar? =
      name.isEmpty ? nil : scalars.indices.contains(at) ? scalars[at] : " "
    let known = Schema.keys.contains { $0.path.split(separator: ".").last == Substring(name) }
    var note = Self.keyValueForm
    switch sign {
    case ";": note = "';' is not ':': " + note
    case ":" where scalars.indices.contains(at + 1) && scalars[at + 1].value == 0x3000:
      note =
        "'\(name):' is followed by \(LookAlikes.describe(scalars[at + 1])), not an ASCII space, "
        + "so YAML reads it as text: " + note
    case ":": note = "'\(name):' has no space after it, so YAML reads it as text: " + note
    case " ": note = "'\(name)' has no ':' after it: " + note
    case let sign?:
      note =
        "'\(name)' is followed by \(sign.isASCII ? "'\(sign)'" : LookAlikes.describe(sign)), "
        + "not ':': " + note
    case nil: break
    }
    var fixIt: String? = nil
    if sign == ";" || sign == ":" || (sign == " " && known) {
      let rest = String(
        String.UnicodeScalarView(scalars.dropFirst(at + 1).drop { $0 == " " || $0.value == 0x3000 })
      )
      fixIt =
        Self.keepingIndent(String(String.UnicodeScalarView(scalars[..<at])))
        + (rest.isEmpty ? ":" : ": " + rest)
    }
    return Diagnostic(
      .error, at: location(line: number, column: (sign == nil ? indent : at) + 1),
      "invalid YAML: the key on line \(number) (`\(Self.code(content))`) has no "
        + (sign == ":" ? "space after its ':'" : "':'")
        + (last > number ? " — YAML read lines \(number)-\(last) as one text" : ""),
      note: note, fixIt: fixIt)
  }

  /// How a key and its value are written, the end of each note on a key without its ':'.
  static let keyValueForm =
    "a key and its value are written `key: value`, the key's ':' followed by a space"

  /// A key of a flow mapping without the space after its ':' (`{units:4}`), which YAML reads
  /// as one key `units:4` without a value: named at its colon, with the line mended as the
  /// fix-it (the value as written, not the key's default).
  func colonWithoutSpace(key: Node.Scalar, value: Node) -> Diagnostic? {
    guard key.style == .plain || key.style == .any, !key.string.hasSuffix(":"),
      let empty = value.scalar, empty.string.isEmpty, empty.style == .plain || empty.style == .any,
      let mark = key.mark, lines.indices.contains(mark.line - 1)
    else { return nil }
    let line = Array(lines[mark.line - 1].unicodeScalars)
    let ascii = Set([UInt32(UInt8(ascii: ":"))])
    guard let index = Self.keyColon(of: key.string, at: mark.column, in: line, colons: ascii)
    else { return nil }
    let after = Self.ideographicSpace(after: index, in: line).map {
      "\($0) after its ':', not an ASCII space"
    }
    return colonWithoutSpace(
      line: mark.line, at: index,
      "'\(key.string)' has \(after ?? "no space after its ':'"), so YAML reads it as "
        + "one key without a value")
  }

  /// `U+3000 IDEOGRAPHIC SPACE` when the character after scalar `index` of `line` is that
  /// space (an input method's, after a key's ':'), which YAML does not read as a space.
  static func ideographicSpace(after index: Int, in line: [Unicode.Scalar]) -> String? {
    guard line.indices.contains(index + 1), line[index + 1].value == 0x3000 else { return nil }
    return LookAlikes.describe(line[index + 1])
  }

  /// A key of a flow mapping without the space after its ':' before a list or mapping
  /// (`{values:[0.1, 0.2]}`, `{values:{a: 1}}`), which libyaml refuses at that colon ("found
  /// unexpected ':'"): named as `{units:4}` is, at the colon, the line mended as the fix-it.
  func colonWithoutSpace(at mark: Mark) -> Diagnostic? {
    guard lines.indices.contains(mark.line - 1) else { return nil }
    let line = Array(lines[mark.line - 1].unicodeScalars)
    let index = mark.column - 1
    guard line.indices.contains(index + 1), line[index] == ":",
      "[{".unicodeScalars.contains(line[index + 1]),
      let key = String(String.UnicodeScalarView(line[..<index]))
        .firstMatch(of: /[{,][ ]*([A-Za-z_][\w.\[\]-]*)$/)?.output.1
    else { return nil }
    return colonWithoutSpace(
      line: mark.line, at: index,
      "'\(key):\(line[index + 1])' has no space after the key's ':', "
        + "so YAML does not read it as a key")
  }

  /// The error `message` at the colon at scalar `index` of line `number`, a flow mapping's key
  /// without the space after it, with the line mended as the fix-it.
  private func colonWithoutSpace(line number: Int, at index: Int, _ message: String) -> Diagnostic {
    let line = Array(lines[number - 1].unicodeScalars)
    let before = String(String.UnicodeScalarView(line[..<index]))
    let name = before.firstMatch(of: /[A-Za-z_][\w.\[\]-]*[ ]*$/).map { String($0.output) } ?? ""
    let after = Self.ideographicSpace(after: index, in: line)
    return Diagnostic(
      .error, at: location(line: number, column: index + 1), "invalid YAML: " + message,
      note: "'\(name.trimmingCharacters(in: .whitespaces)):' "
        + (after.map { "is followed by \($0), not an ASCII space" } ?? "has no space after it")
        + ": " + Self.keyValueForm,
      fixIt: Self.spacedFlowKeys(Self.mended(line, colonAt: index)))
  }

  /// `line` with every other flow mapping key that has no space after its ':' spaced too
  /// (`{units: 4, activation:relu}`: `activation: relu`), so the fix-it mends the whole line: a
  /// key right after `{` or `,` (a key path too: `optimizer.learning_rate`) whose ':' is
  /// followed by its value. A line with quotes before
  /// its comment is left as it is (a quoted `a,b:c` is text, not a key).
  static func spacedFlowKeys(_ line: String) -> String {
    let code = line.split(separator: " #", maxSplits: 1).first ?? ""
    if code.contains("\"") || code.contains("'") { return line }
    // An input method's U+3000 after a key's ':' (`activation:　relu`) is its space.
    return line.replacing(/([{,][ ]*[A-Za-z_][\w.\[\]-]*):(?:\u{3000}|(?=[^\s:\/\]},]))/) {
      "\($0.output.1): "
    }
  }

  /// A line's text before its comment (`seed 21  # the usual` is `seed 21`).
  private static func code(_ line: String) -> String {
    String(line.split(separator: " #", maxSplits: 1).first ?? "").trimmingCharacters(
      in: .whitespaces)
  }

  /// `line` trimmed of spaces but its indentation: a fix-it is the whole line it replaces.
  static func keepingIndent(_ line: String) -> String {
    String(line.prefix { $0 == " " }) + line.trimmingCharacters(in: .whitespaces)
  }

  /// The column (0-based) where a line's text starts, after its indentation and any `- `.
  static func contentColumn(_ line: String) -> Int {
    line.prefixMatch(of: /[ ]*(?:-[ ]+)*/).map { $0.output.unicodeScalars.count } ?? 0
  }
}
