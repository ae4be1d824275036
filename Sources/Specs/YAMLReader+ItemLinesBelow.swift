import Foundation

/// The lines of a list item below its dash's line, for a fix-it that moves the item into its
/// list's column: those that are off its key's new column move, the others stay (tester BO-2).
extension YAMLReader {
  /// The lines below the list item of line `index` (0-based) that are its own (deeper than its
  /// line's text, up to its list's next item), re-indented for the item's dash to move into
  /// column `listColumn` (0-based), its key from column `key` into the column after `- `:
  /// lined up with the key, or, when the key holds its value below it (`- units:`), deeper
  /// than it; blank lines and comments between kept. Empty when there are none, or they are in
  /// place already (`     - units: 4` above `      activation: relu` under line 9's keys).
  func itemLinesBelow(_ index: Int, listColumn: Int, key: Int) -> [String] {
    let isContent = { (line: String) in (line.first { $0 != " " } ?? "#") != "#" }
    let indent = { (line: String) in line.prefix { $0 == " " }.count }
    let start = indent(lines[index])
    let own = lines[(index + 1)...].prefix { line in
      guard isContent(line) else { return true }
      let depth = indent(line)
      let dashed = line.dropFirst(depth).hasPrefix("-") || Self.pastedDash(line) != nil
      return depth > start && !(dashed && depth <= listColumn)
    }
    let written = own.dropLast(own.reversed().prefix { !isContent($0) }.count)
    guard let least = written.filter(isContent).map(indent).min() else { return [] }
    let target = listColumn + 2
    let code = (lines[index].split(separator: " #", maxSplits: 1).first ?? "")
      .trimmingCharacters(in: .whitespaces)
    // `– params:` with its keys below: they stay deeper than the key, as far as they were.
    let nested = code.hasSuffix(":")
    let shift =
      nested ? (least > target ? 0 : target + max(1, least - key) - least) : target - least
    guard shift != 0 else { return [] }
    return written.map { line in
      guard isContent(line) else { return line }
      return shift > 0
        ? String(repeating: " ", count: shift) + line : String(line.dropFirst(-shift))
    }
  }
}
