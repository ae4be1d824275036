import Foundation
import Yams

/// A preprocessing step written below a step that takes no value, without its own dash
/// (`- flatten` then `  scale: 1/16`): YAML reads the two lines as one text and refuses the
/// second's ':' (or, a comment after `flatten`, the second line). The second line is the slip,
/// not `flatten`'s missing ':'; so is each dash-less step below it.
extension YAMLReader {
  /// The step on the line of `mark` (where libyaml refused it) that continues the bare step
  /// of the list item above it: named at its key, given a dash in that item's column as the
  /// fix-it; nil for any other line.
  func stepWithoutDash(at mark: Mark) -> Diagnostic? {
    stepsWithoutDash(fromLine: mark.line).first
  }

  /// The steps without a dash from line `number` (1-based) on, below the bare step of the
  /// list item above it (comments and blank lines between aside), each named with its fix-it;
  /// empty when line `number` is no such step. The first is `stepWithoutDash`'s.
  func stepsWithoutDash(fromLine number: Int) -> [Diagnostic] {
    let isContent = { (line: String) in (line.first { $0 != " " } ?? "#") != "#" }
    guard lines.indices.contains(number - 1), let first = stepLine(number - 1),
      let above = lines[..<(number - 1)].lastIndex(where: isContent),
      // Quoted as some course files quote every text; a TAB before its comment or at its end.
      let item = lines[above].wholeMatch(of: /([ ]*)-[ ]+((["']?)([A-Za-z_]\w*)\3)[ \t]*(?:#.*)?/),
      let step = Schema.steps.first(where: { $0.key == item.output.4 }),
      case .step = step.bare, item.output.1.count < first.indent
    else { return [] }
    let dashColumn = item.output.1.count
    // The steps in its column below it, up to the first other line.
    var steps = [(number - 1, first)]
    for index in lines.indices.dropFirst(number) where isContent(lines[index]) {
      guard let next = stepLine(index), next.indent == first.indent else { break }
      steps.append((index, next))
    }
    return steps.map { index, step in
      Diagnostic(
        .error, at: location(line: index + 1, column: step.indent + 1),
        "invalid YAML: the step `\(step.code)` on line \(index + 1) has no dash of its own, so "
          + "YAML reads it as part of the step `- \(item.output.2)` of line \(above + 1), which "
          + "takes no value",
        note: "each preprocessing step is its own list item, its dash in the column of the "
          + "others (column \(dashColumn + 1)): `- \(step.code)`",
        fixIt: String(repeating: " ", count: dashColumn) + "- "
          + lines[index].dropFirst(step.indent).trimmingCharacters(in: .whitespaces))
    }
  }

  /// Line `index` (0-based) as a step written without a dash (`scale: 1/16`): its
  /// indentation and its text without a comment (after a space or a TAB); nil for any other
  /// line.
  private func stepLine(_ index: Int) -> (indent: Int, code: String)? {
    let line = lines[index]
    let indent = line.prefix { $0 == " " }.count
    let code = String(line.dropFirst(indent).split(separator: /[ \t]#/).first ?? "")
      .trimmingCharacters(in: .whitespaces)
    guard let key = code.prefixMatch(of: /([A-Za-z_]\w*)[ ]*:(?:[ ]|$)/)?.output.1,
      Schema.steps.contains(where: { $0.key == key })
    else { return nil }
    return (indent, code)
  }
}
