import Foundation
import Yams

/// The slips of a block list of mappings (`layers:` with `- units: 16` items) that libyaml
/// refuses elsewhere: a list item's second key written in its dash's column (refused at the
/// next item's dash), and a dash without its space (`-units: 16`, read as a key `-units`).
extension YAMLReader {
  /// A key written in the column of the dash of the list item above it (`- units: 16` then
  /// `activation: relu` under the dash), when libyaml refused the line at `mark` for it (the
  /// next item's dash, or that key itself): named at the first such key, to line up with the
  /// item's first key; nil otherwise.
  func keyInDashColumn(at mark: Mark) -> Diagnostic? {
    guard lines.indices.contains(mark.line - 1) else { return nil }
    let column = mark.column - 1
    let isContent = { (line: String) in (line.first { $0 != " " } ?? "#") != "#" }
    let indent = { (line: String) in line.prefix { $0 == " " }.count }
    let isDash = { (line: String) in line.dropFirst(column).hasPrefix("- ") }
    guard indent(lines[mark.line - 1]) == column else { return nil }
    // The keys in the dash's column between the item above and the line refused.
    var keys: [Int] = []
    var index = mark.line - 1
    if isDash(lines[index]) { index -= 1 }
    while index >= 0 {
      let line = lines[index]
      if !isContent(line) || indent(line) > column {
        index -= 1
        continue
      }
      guard indent(line) == column else { return nil }
      if isDash(line) { break }
      guard line.dropFirst(column).firstMatch(of: /^[A-Za-z_][\w.]*[ ]*:(?:[ ]|$)/) != nil
      else { return nil }
      keys.insert(index, at: 0)
      index -= 1
    }
    guard index >= 0, let first = keys.first,
      let item = lines[index].dropFirst(column).firstMatch(of: /^-[ ]+([A-Za-z_][\w.]*)[ ]*:/)
    else { return nil }
    let keyColumn = Self.contentColumn(lines[index])
    let key = lines[first].dropFirst(column).prefix { $0 != ":" && $0 != " " }
    // A key no list item takes (`init` after `layers:`) is the section's, the dash below astray.
    guard Schema.keys.contains(where: { $0.path.hasSuffix("[].\(key)") }) else { return nil }
    let shift = keyColumn - column
    let others = keys.count > 1 ? " (and the keys below it, down to line \(keys.last! + 1))" : ""
    return Diagnostic(
      .error, at: location(line: first + 1, column: column + 1),
      "invalid YAML: '\(key)' starts in the column of the dash of line \(index + 1), so YAML "
        + "does not read it as a key of that list item",
      note: "a list item's keys start in the same column: line it up with `\(item.output.1)` "
        + "(\(shift) column\(shift == 1 ? "" : "s") right)\(others)",
      fixIt: String(repeating: " ", count: keyColumn)
        + lines[first].trimmingCharacters(in: .whitespaces))
  }

  /// The list item of line `number` written without the space after its dash (`-units: 16`,
  /// which YAML reads as a key `-units`): named at the dash, mended; nil for any other line.
  func dashWithoutSpace(at number: Int) -> Diagnostic? {
    guard lines.indices.contains(number - 1) else { return nil }
    let line = lines[number - 1]
    let indent = line.prefix { $0 == " " }.count
    let rest = line.dropFirst(indent).trimmingCharacters(in: .whitespaces)
    guard let key = rest.firstMatch(of: /^-([A-Za-z_][\w.]*[ ]*):/) else { return nil }
    // `-units:8`: the colon's missing space mended too, so the fix-it reads when pasted.
    let value = rest.dropFirst(key.output.0.count)
    let mended =
      "- \(key.output.1):" + (value.isEmpty || value.hasPrefix(" ") ? value : " " + value)
    return Diagnostic(
      .error, at: location(line: number, column: indent + 1),
      "invalid YAML: `\(rest)` has no space after its '-', so YAML reads "
        + "'\(rest.prefix { $0 != ":" })' as a key, not as a list item",
      note: "a list item's dash needs a space after it: `\(mended)`", fixIt: mended)
  }
}
