import Foundation

/// A list item's key written in the column of its dash after the list's last item (`- units: 1`
/// then `activation: sigmoid` under the dash): YAML reads it as a key of the section holding
/// the list, which would be refused as misplaced; named as the slip it is.
extension SpecDecoder {
  /// Reports `entry` of `mapping` (at `path`) when it starts in the column of the dash of the
  /// last item of the list just above it and is a key of that list's items, and notes it in
  /// `keysBelowTheirItem` (the item's missing key is this slip, not another error); false
  /// otherwise.
  mutating func reportsKeyBelowListItem(
    _ entry: SpecNode.Pair, in mapping: SpecNode.Mapping, _ path: SpecPath
  ) -> Bool {
    guard case .file = entry.keyLocation.source,
      let index = mapping.entries.firstIndex(where: { $0.keyLocation == entry.keyLocation }),
      index > 0, case .sequence(let list) = mapping.entries[index - 1].value,
      case .mapping(let item)? = list.items.last, let first = item.entries.first,
      case .file = first.keyLocation.source, let line = first.keyLocation.lineText
    else { return false }
    let listPath = path.appending(mapping.entries[index - 1].key)
    let keyColumn = first.keyLocation.column - 1
    let before = Array(line.unicodeScalars.prefix(keyColumn))
    guard let dash = before.lastIndex(of: "-"), before[(dash + 1)...].allSatisfy({ $0 == " " }),
      entry.keyLocation.column - 1 == dash, entry.keyLocation.line > first.keyLocation.line,
      Schema.children(of: listPath.appending(index: 0).schemaPattern).contains(entry.key),
      let written = entry.keyLocation.lineText
    else { return false }
    let shift = keyColumn - dash
    let itemPath = listPath.appending(index: list.items.count - 1)
    keysBelowTheirItem.insert("\(itemPath.appending(entry.key))")
    diagnostics.append(
      Diagnostic(
        .error, at: entry.keyLocation,
        "'\(entry.key)' starts in the column of the dash of line \(first.keyLocation.line), so YAML "
          + "reads it as a key of \(path.components.isEmpty ? "the spec" : "\(path)"), not of \(itemPath)",
        note: "a list item's keys start in the same column: line it up with `\(first.key)` "
          + "(\(shift) column\(shift == 1 ? "" : "s") right)",
        fixIt: String(repeating: " ", count: keyColumn)
          + written.trimmingCharacters(in: .whitespaces)))
    return true
  }
}
