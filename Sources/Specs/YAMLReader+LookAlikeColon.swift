import Foundation
import Yams

/// A key written with a look-alike colon (`seed：21`, the fullwidth colon of a CJK keyboard),
/// which YAML does not read as one: wherever it stands (the first key of the file or of a
/// section, inside { }, a list item's mapping) and whatever YAML then reads or refuses, the
/// character is named, located at itself, with the user's own line made right as the fix-it.
extension YAMLReader {
  /// The look-alike colon of a key on a line up to the YAML error at `mark`, the nearest
  /// first: a key written so is read as a plain scalar running on until YAML refuses something,
  /// often a correct line below it.
  func lookAlikeColon(before mark: Mark) -> Diagnostic? {
    let last = min(mark.line, lines.count)
    guard last >= 1 else { return nil }
    let text = blockScalarLines(upTo: last)
    for number in (1...last).reversed() where !text.contains(number) {
      if let index = keyColon(in: Array(lines[number - 1].unicodeScalars)) {
        return lookAlikeColon(line: number, index: index)
      }
    }
    return nil
  }

  /// The look-alike colon of a key YAML read whole as the plain scalar `scalar` (a key of a
  /// flow mapping, `{generator： moons}`, or a list item, `- units： 12`), when its text up to
  /// that colon is a key's name.
  func lookAlikeColon(in scalar: Node.Scalar) -> Diagnostic? {
    // The scalar's own text first: its line is copied only when it holds a look-alike (every
    // item of a flow list 100 000 numbers long on one line copied it, quadratic: minutes).
    guard scalar.style == .plain || scalar.style == .any, let mark = scalar.mark,
      lines.indices.contains(mark.line - 1),
      scalar.string.unicodeScalars.contains(where: { LookAlikes.colons.contains($0.value) })
    else { return nil }
    let line = Array(lines[mark.line - 1].unicodeScalars)
    guard let index = Self.keyColon(of: scalar.string, at: mark.column, in: line) else {
      return nil
    }
    return lookAlikeColon(line: mark.line, index: index)
  }

  /// The index in `line` of the look-alike colon (one of `colons`) of a key that a plain scalar
  /// `text`, written there from `column`, holds whole: its text up to that colon is a key's name.
  static func keyColon(
    of text: String, at column: Int, in line: [Unicode.Scalar],
    colons: Set<UInt32> = LookAlikes.colons
  ) -> Int? {
    let text = Array(text.unicodeScalars)
    guard let at = text.firstIndex(where: { colons.contains($0.value) }),
      String(String.UnicodeScalarView(text[..<at])).wholeMatch(of: /[A-Za-z_][\w.\[\]-]*[ ]*/)
        != nil
    else { return nil }
    let index = column - 1 + at
    return line.indices.contains(index) && line[index] == text[at] ? index : nil
  }

  /// `line` with its look-alike colon at `index` made ASCII, followed by a space (`epochs：7`
  /// is `epochs: 7`), without its indentation; an input method's U+3000 after it is that space.
  static func mended(_ line: [Unicode.Scalar], colonAt index: Int) -> String {
    let next = line.indices.contains(index + 1) ? line[index + 1] : nil
    let spaced = next == " " || next?.value == 0x3000
    var repaired = String.UnicodeScalarView(line[..<index])
    repaired.append(contentsOf: ": ".unicodeScalars)
    repaired.append(contentsOf: line[(index + (spaced ? 2 : 1))...])
    return keepingIndent(String(repaired))
  }

  /// The 1-based numbers of the lines up to `last` that are the text of a block scalar (the
  /// more-indented lines after `key: |` or `- >-`): a look-alike colon there is prose
  /// (`  Note： see below`), not a key's.
  func blockScalarLines(upTo last: Int) -> Set<Int> {
    var inside = Set<Int>()
    var blockIndent: Int? = nil
    for number in 1...last {
      let line = lines[number - 1]
      let indent = line.prefix { $0 == " " }.count
      if let parent = blockIndent {
        if line.allSatisfy({ $0 == " " }) || indent > parent {
          inside.insert(number)
          continue
        }
        blockIndent = nil
      }
      if line.firstMatch(of: /(?::|^[ ]*-)[ ]+[|>][-+0-9]*[ ]*(?:#.*)?$/) != nil {
        blockIndent = indent
      }
    }
    return inside
  }

  /// The index of the first look-alike colon of `line` that ends a key's name: at the start
  /// of the line (after its indentation and any `- `), or after `{` or `,` (a flow mapping's
  /// key). One inside a value (`description: 時間：3`) is not a key's.
  private func keyColon(in line: [Unicode.Scalar]) -> Int? {
    line.indices.first { index in
      guard LookAlikes.colons.contains(line[index].value) else { return false }
      let before = String(String.UnicodeScalarView(line[..<index]))
      return before.wholeMatch(of: /[ ]*(?:-[ ]+)*[A-Za-z_][\w.\[\]-]*[ ]*/) != nil
        || before.firstMatch(of: /[{,][ ]*[A-Za-z_][\w.\[\]-]*[ ]*$/) != nil
    }
  }

  /// The error at the look-alike colon at scalar `index` of line `number`, named, with the
  /// user's own line with an ASCII colon as the fix-it (`epochs：7` is `epochs: 7`).
  private func lookAlikeColon(line number: Int, index: Int) -> Diagnostic {
    let scalars = Array(lines[number - 1].unicodeScalars)
    return Diagnostic(
      .error, at: location(line: number, column: index + 1),
      "invalid YAML: this key's colon is \(LookAlikes.describe(scalars[index])), which YAML "
        + "does not read as ':'",
      note: "write an ASCII colon followed by a space",
      fixIt: Self.mended(scalars, colonAt: index))
  }
}
