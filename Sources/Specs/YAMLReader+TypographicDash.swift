import Foundation

/// A list item written with a typographic dash or a bullet (`– 8`, `— {units: 1}`,
/// `• accuracy`, Word's `·` and its Symbol-font bullet: what a word processor, a PDF or slides
/// paste for '-'), with an ASCII '-' followed by another space (a no-break or ideographic one),
/// or with Markdown's `* `: YAML reads each as text, not as a list item. Each such line is named
/// at its character, with the line written with an ASCII `- ` as its fix-it (in its list's
/// column when it is also indented past the list's dash), so that the fix-its together make the
/// list.
extension YAMLReader {
  /// The characters pasted in place of a list item's '-': the hyphens and dashes (en, em, minus
  /// sign, fullwidth) and the bullets.
  static let listDashLookAlikes: Set<UInt32> = Set<UInt32>([
    0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D,
  ]).union(listBullets)

  /// The bullets among `listDashLookAlikes`: Word's middle dot, its Symbol-font bullet (U+F0B7)
  /// and its Wingdings ones (square, arrowhead, diamond, check mark: private use, pasted as
  /// text), the round, triangular, hyphen, square, katakana, arrowhead, pointer and check-mark
  /// bullets. Unlike a dash (`–8` may be a value), a bullet glued to its text (`•{units: 1}`) is
  /// still a list item.
  static let listBullets: Set<UInt32> = [
    0x00B7, 0x2022, 0x2023, 0x2043, 0x2219, 0x25A0, 0x25AA, 0x25CB, 0x25CF, 0x25E6, 0x30FB, 0xF0B7,
    0xF0A7, 0xF0D8, 0xF076, 0xF0FC, 0x27A2, 0x25BA, 0x2713,
  ]

  /// The spaces besides ASCII's that a paste puts after a dash: no-break (a web page, macOS's
  /// Option+Space), the typographic widths, the narrow no-break and the ideographic space.
  static let pastedSpaces: Set<UInt32> = Set(0x2000...0x200A).union([
    0x00A0, 0x1680, 0x202F, 0x205F, 0x3000,
  ])

  /// The most lines named: a document of pasted dashes is not reported line by line beyond it.
  static let mostTypographicDashes = 100

  /// How a line starts a list item YAML does not read as one: its column (0-based), the
  /// character in the dash's place, and the pasted space after an ASCII '-'.
  struct PastedDash {
    var column: Int
    var scalar: Unicode.Scalar
    /// The space after an ASCII '-' that is not ' ': a pasted one or a TAB (nil for any other
    /// slip).
    var space: Unicode.Scalar? = nil
    /// Whether `scalar` is an invisible character before an ASCII '-' (`\u{200B}- f1`).
    var beforeDash = false
  }

  /// The characters that show as nothing and a web page or joined files leave before a list
  /// item's dash: the zero-width space, joiners and word joiner, and the byte order mark.
  static let invisibles: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]

  /// An error for each line that starts a list item with one of `listDashLookAlikes` followed
  /// by a space (or nothing, or a bullet's text), with '-' and a pasted space, or with `* `, in
  /// file order; none for such a character in a block scalar's text, a quoted text, a comment,
  /// a text running on from the line above (`description: a` then `  – note`), the value of a
  /// text key (`description:` then `  – note`), or a value (`learning_rate: −1`).
  func typographicListDashes() -> [Diagnostic] {
    guard placement == nil else { return [] }
    var found: [Diagnostic] = []
    var prose: Set<Int>? = nil  // the block scalars' lines, found at the first candidate
    var items: Set<Int>?? = nil  // the lines YAML starts items on, likewise (nil: no YAML)
    for index in lines.indices where found.count < Self.mostTypographicDashes {
      guard let dash = Self.pastedDash(lines[index]) else { continue }
      prose = prose ?? blockScalarLines(upTo: lines.count)
      items = items ?? itemLines()
      guard prose?.contains(index + 1) == false,
        let list = pastedDashList(index, column: dash.column, items: items ?? nil)
      else { continue }
      found.append(pastedDash(line: index + 1, dash, list: list))
    }
    return found
  }

  /// How `line` starts a list item YAML reads as text (`PastedDash`), when its text starts
  /// with a typographic dash or a bullet followed by a space (ASCII, pasted or TAB) or the
  /// line's end, a bullet glued to its text, an ASCII '-' followed by a pasted space or a TAB, or
  /// Markdown's '*' followed by a space; nil for any other line (`-0.5`, `–8`, `*alias`).
  static func pastedDash(_ line: String) -> PastedDash? {
    let scalars = line.unicodeScalars
    guard let first = scalars.firstIndex(where: { $0 != " " }) else { return nil }
    let column = scalars.distance(from: scalars.startIndex, to: first)
    let next = scalars.index(after: first)
    let after = next == scalars.endIndex ? nil : scalars[next]
    let spaced = after.map { $0 == " " || $0 == "\t" || pastedSpaces.contains($0.value) } ?? true
    switch scalars[first] {
    case "-":
      guard let after, pastedSpaces.contains(after.value) || after == "\t" else { return nil }
      return PastedDash(column: column, scalar: "-", space: after)
    case "*":
      return spaced ? PastedDash(column: column, scalar: "*") : nil
    // Word's second-level bullet pasted as text: 'o' and a TAB (a plain `o ` is a word).
    case "o":
      return after == "\t" ? PastedDash(column: column, scalar: "o") : nil
    // `\u{200B}- f1`: an invisible character, then the item.
    case let other where invisibles.contains(other.value):
      let dash = scalars[next...].drop { invisibles.contains($0.value) }
      guard dash.first == "-", dash.dropFirst().first.map({ $0 == " " || $0 == "\t" }) ?? true
      else { return nil }
      return PastedDash(column: column, scalar: other, beforeDash: true)
    case let other where listDashLookAlikes.contains(other.value):
      return spaced || listBullets.contains(other.value)
        ? PastedDash(column: column, scalar: other) : nil
    default: return nil
    }
  }

  /// The error at the pasted dash of line `number` of `list`: named, the line written with
  /// `- ` (in the list's column when its dash is not in it, with the item's lines below it that
  /// are off its key's column) as its fix-it.
  private func pastedDash(line number: Int, _ dash: PastedDash, list: PastedDashList) -> Diagnostic
  {
    let spaces: Set<Unicode.Scalar> = [" ", "\t", "\u{A0}", "\u{3000}"]
    let line = lines[number - 1].unicodeScalars
    // The item's text: after the character and (when it is before it) the dash.
    let after = line.dropFirst(dash.column + 1)
    let rest = String(
      String.UnicodeScalarView(
        (dash.beforeDash ? after.drop { Self.invisibles.contains($0.value) }.dropFirst() : after)
          .drop { spaces.contains($0) || Self.pastedSpaces.contains($0.value) }))
    let item = rest.isEmpty ? "-" : "- " + rest
    let written = String(String.UnicodeScalarView(line.dropFirst(dash.column)))
      .trimmingCharacters(in: .whitespaces)
    // A private-use bullet or a TAB shows as nothing: the line is named, not echoed.
    let unseen = dash.scalar.properties.generalCategory == .privateUse || written.contains("\t")
    let character: String
    let cause: String
    let what: String
    switch (dash.scalar, dash.space) {
    case (let hidden, _) where dash.beforeDash:
      character = "\(LookAlikes.describe(hidden)) before its '-'"
      cause = "a web page or files joined together leave a character that shows as nothing"
      what = "the line"
    case ("-", "\t"):
      character = "'-' followed by a TAB, not a space"
      cause = "YAML does not take a TAB after a list item's dash"
      what = "the line"
    case ("-", let space?):
      character = "'-' followed by \(LookAlikes.describe(space)), not a space"
      cause = "a web page or Option+Space pastes a no-break space, an input method a wide one"
      what = "the line"
    case ("*", _):
      character = "'*' (a Markdown list item), not '-'"
      cause = "Markdown's '*' is no list item in YAML"
      what = "`\(written)`"
    case ("o", _):
      character = "'o' and a TAB (Word's second-level bullet), not '-'"
      cause = "a word processor pastes its bullet as a letter and a TAB"
      what = "the line"
    default:
      character = "\(LookAlikes.describe(dash.scalar)), not '-'"
      cause = "a word processor, a PDF or slides paste a dash or a bullet in its place"
      what = unseen ? "the line" : "`\(written)`"
    }
    let side = dash.column > list.column ? "past" : "less than"
    let out = list.otherDash.map { ", and is indented \(side) the dash of line \($0 + 1)" }
    let column =
      out == nil
      ? "" : ", and the dashes of one list start in the same column (column \(list.column + 1))"
    // The item's lines below it (`  activation: relu`) that are off its key's new column.
    let below = itemLinesBelow(
      number - 1, listColumn: list.column, key: line.count - rest.unicodeScalars.count)
    let indent = String(repeating: " ", count: list.column)
    return Diagnostic(
      .error,
      at: location(line: number, column: dash.column + (dash.space == nil ? 1 : 2)),
      "invalid YAML: line \(number) starts with \(character)\(out ?? ""), so YAML "
        + (dash.space == "\t"
          ? "does not read it as a list item" : "reads \(what) as text, not as a list item"),
      note: "a list item starts with an ASCII '-' and a space (\(cause))\(column): `\(item)`"
        + (below.isEmpty ? "" : ", the item's lines below it lined up with its key"),
      fixIt: ([indent + item] + below).joined(separator: "\n"))
  }
}
