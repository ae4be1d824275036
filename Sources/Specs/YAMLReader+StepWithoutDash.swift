import Foundation
import Yams

/// A preprocessing step written below a step that takes no value, without its own dash
/// (`- flatten` then `  scale: 1/16`): YAML reads the two lines as one text and refuses the
/// second's ':'. The second line is the slip, not `flatten`'s missing ':'.
extension YAMLReader {
  /// The step on the line of `mark` (where libyaml refused its ':') that continues the bare
  /// step of the list item above it: named at its key, given a dash in that item's column as
  /// the fix-it; nil for any other line.
  func stepWithoutDash(at mark: Mark) -> Diagnostic? {
    guard lines.indices.contains(mark.line - 1) else { return nil }
    let line = lines[mark.line - 1]
    let indent = line.prefix { $0 == " " }.count
    let code = String(line.dropFirst(indent).split(separator: " #").first ?? "")
      .trimmingCharacters(in: .whitespaces)
    guard let key = code.prefixMatch(of: /([A-Za-z_]\w*)[ ]*:(?:[ ]|$)/)?.output.1,
      Schema.steps.contains(where: { $0.key == key }),
      let above = lines[..<(mark.line - 1)].lastIndex(where: {
        ($0.first { $0 != " " } ?? "#") != "#"
      }),
      let item = lines[above].wholeMatch(of: /([ ]*)-[ ]+([A-Za-z_]\w*)[ ]*(?:#.*)?/),
      let step = Schema.steps.first(where: { $0.key == item.output.2 }),
      case .step = step.bare, item.output.1.count < indent
    else { return nil }
    let dashColumn = item.output.1.count
    let fixIt =
      String(repeating: " ", count: dashColumn) + "- "
      + line.dropFirst(indent).trimmingCharacters(in: .whitespaces)
    return Diagnostic(
      .error, at: location(line: mark.line, column: indent + 1),
      "invalid YAML: the step `\(code)` on line \(mark.line) has no dash of its own, so YAML "
        + "reads it as part of the step `- \(item.output.2)` of line \(above + 1), which takes "
        + "no value",
      note: "each preprocessing step is its own list item, its dash in the column of the "
        + "others (column \(dashColumn + 1)): `- \(code)`",
      fixIt: fixIt)
  }
}
