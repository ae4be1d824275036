import Foundation

/// A list item written with a typographic dash or a bullet (`– 8`, `— {units: 1}`,
/// `• accuracy`: what a word processor, a PDF or slides paste for '-'), which YAML reads as
/// text, not as a list item: each such line named at its character, with the line written with
/// an ASCII `- ` as its fix-it, so that the fix-its together make the list.
extension YAMLReader {
  /// The characters pasted in place of a list item's '-': the hyphens and dashes (en, em, minus
  /// sign, fullwidth) and the bullets.
  static let listDashLookAlikes: Set<UInt32> = [
    0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D, 0x2022, 0x2023,
    0x2043, 0x25AA, 0x25CF, 0x25E6, 0x30FB,
  ]

  /// The most lines named: a document of pasted dashes is not reported line by line beyond it.
  static let mostTypographicDashes = 100

  /// An error for each line that starts a list item with one of `listDashLookAlikes` followed
  /// by a space (or nothing), in file order; none for such a character in a block scalar's
  /// text, a quoted text, a comment, a text running on from the line above (`description: a`
  /// then `  – note`), the value of a text key (`description:` then `  – note`), or a value
  /// (`learning_rate: −1`).
  func typographicListDashes() -> [Diagnostic] {
    guard placement == nil else { return [] }
    var found: [Diagnostic] = []
    var prose: Set<Int>? = nil  // the block scalars' lines, found at the first candidate
    for index in lines.indices where found.count < Self.mostTypographicDashes {
      guard let dash = Self.typographicDash(lines[index]) else { continue }
      prose = prose ?? blockScalarLines(upTo: lines.count)
      guard prose?.contains(index + 1) == false, startsListItem(index, column: dash.column)
      else { continue }
      found.append(typographicDash(line: index + 1, dash))
    }
    return found
  }

  /// The column (0-based) and character of `line`'s typographic dash when it starts the line's
  /// text and a space (ASCII, no-break or ideographic) or the line's end follows it.
  static func typographicDash(_ line: String) -> (column: Int, scalar: Unicode.Scalar)? {
    let scalars = line.unicodeScalars
    guard let first = scalars.firstIndex(where: { $0 != " " }),
      listDashLookAlikes.contains(scalars[first].value)
    else { return nil }
    let next = scalars.index(after: first)
    guard next == scalars.endIndex || [" ", "\t", "\u{A0}", "\u{3000}"].contains(scalars[next])
    else { return nil }
    return (scalars.distance(from: scalars.startIndex, to: first), scalars[first])
  }

  /// Whether line `index` (0-based), its text at `column`, is an item of a list by the lines
  /// above it: the nearest line not deeper than it (blank lines, comments and other such lines
  /// in its column aside) is an item in its column, or the line right above is a key alone
  /// (`metrics:`), not a text key.
  private func startsListItem(_ index: Int, column: Int) -> Bool {
    let isContent = { (line: String) in (line.first { $0 != " " } ?? "#") != "#" }
    let indent = { (line: String) in line.prefix { $0 == " " }.count }
    var deeper = false
    for above in lines[..<index].indices.reversed() where isContent(lines[above]) {
      let line = lines[above]
      if indent(line) > column {
        deeper = true
        continue
      }
      let text = line.dropFirst(indent(line))
      if indent(line) == column, text == "-" || text.hasPrefix("- ") || text.hasPrefix("-\t") {
        return true
      }
      // Another such line: what holds them both decides (a text's continuation lines, tester
      // BM-3: `description: Week 2 lab` then `  • try Adam` / `  • compare`).
      if indent(line) == column, Self.typographicDash(line) != nil { continue }
      let code = (line.split(separator: " #", maxSplits: 1).first ?? "")
        .trimmingCharacters(in: .whitespaces)
      // A key alone (`metrics:`, `- units:`), not a text running on (`description: "a:`).
      guard !deeper, code.hasSuffix(":"), !code.contains(": ") else { return false }
      // `description:` then `  – a note`: a text key's value is text.
      let key = code.dropLast().split(separator: " ").last.map(String.init) ?? ""
      return !Schema.keys.contains {
        $0.type == "string" && ($0.path == key || $0.path.hasSuffix("." + key))
      }
    }
    return false
  }

  /// The error at the typographic dash of line `number`: named, the line written with `- `.
  private func typographicDash(line number: Int, _ dash: (column: Int, scalar: Unicode.Scalar))
    -> Diagnostic
  {
    let rest = String(
      String.UnicodeScalarView(
        lines[number - 1].unicodeScalars.dropFirst(dash.column + 1)
          .drop { [" ", "\t", "\u{A0}", "\u{3000}"].contains($0) }))
    let item = rest.isEmpty ? "-" : "- " + rest
    let written = String(
      String.UnicodeScalarView(lines[number - 1].unicodeScalars.dropFirst(dash.column))
    ).trimmingCharacters(in: .whitespaces)
    return Diagnostic(
      .error, at: location(line: number, column: dash.column + 1),
      "invalid YAML: line \(number) starts with \(LookAlikes.describe(dash.scalar)), not '-', "
        + "so YAML reads `\(written)` as text, not as a list item",
      note: "a list item starts with an ASCII '-' and a space (a word processor, a PDF or "
        + "slides paste a dash or a bullet in its place): `\(item)`",
      fixIt: item)
  }
}
