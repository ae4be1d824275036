import Foundation

/// One list item split in two by a stray dash (`- units: 8` then `- activation: relu`, or
/// `- dropout: 0.2` below a whole layer): YAML reads two items, each without the other's keys;
/// named at the stray dash as the slip it is.
extension SpecDecoder {
  /// Reports each item of `items` (the list at `path`, of `item`s) that a stray dash split from
  /// the item above it: the two hold no key in common, and each lacks one of `required` while
  /// together they hold all, or the one above holds all and the split one none; their missing
  /// keys are noted in `keysBelowTheirItem` (this slip is the error).
  mutating func reportSplitItems(
    _ items: [SpecNode], _ path: SpecPath, required: [String], item: String
  ) {
    var index = 0
    while index + 1 < items.count {
      defer { index += 1 }
      guard case .mapping(let above) = items[index], case .mapping(let split) = items[index + 1],
        let top = above.entries.first, let first = split.entries.first,
        case .file = first.keyLocation.source, let line = first.keyLocation.lineText
      else { continue }
      let (keys, splitKeys) = (Set(above.entries.map(\.key)), Set(split.entries.map(\.key)))
      let needed = Set(required)
      // Split between its required keys, or a complete item's other key given a dash of its own
      // (`- dropout: 0.2` below a whole layer, which no layer is without units).
      let shared =
        needed.isSubset(of: keys.union(splitKeys)) && !needed.isSubset(of: keys)
        && !needed.isSubset(of: splitKeys)
      let modifier = needed.isSubset(of: keys) && splitKeys.isDisjoint(with: needed)
      guard keys.isDisjoint(with: splitKeys), shared || modifier else { continue }
      // Both dashes in one column, each right before its item's first key.
      guard let dash = Self.dashColumn(first.keyLocation),
        dash == Self.dashColumn(top.keyLocation)
      else { continue }
      for key in needed.subtracting(keys) {
        keysBelowTheirItem.insert("\(path.appending(index: index).appending(key))")
      }
      for key in needed.subtracting(splitKeys) {
        keysBelowTheirItem.insert("\(path.appending(index: index + 1).appending(key))")
      }
      let keyColumn = top.keyLocation.column - 1
      var at = first.keyLocation
      at.column = dash + 1
      diagnostics.append(
        Diagnostic(
          .error, at: at,
          "'\(first.key)' has its own dash, so it starts a new \(item) "
            + "(\(path.appending(index: index + 1))) instead of being a key of "
            + "\(path.appending(index: index)) (line \(top.keyLocation.line))",
          note: "the keys of one \(item) share its dash: remove the '-' before '\(first.key)' "
            + "and line it up with `\(top.key)`",
          fixIt: String(repeating: " ", count: keyColumn)
            + String(String.UnicodeScalarView(line.unicodeScalars.dropFirst(dash + 1)))
            .trimmingCharacters(in: .whitespaces)))
      index += 1
    }
  }

  /// The column (0-based) of the dash right before the key at `location`, spaces between; nil
  /// when no dash is.
  private static func dashColumn(_ location: SourceLocation) -> Int? {
    guard let line = location.lineText else { return nil }
    let before = Array(line.unicodeScalars.prefix(location.column - 1))
    guard let dash = before.lastIndex(of: "-"), before[(dash + 1)...].allSatisfy({ $0 == " " })
    else { return nil }
    return dash
  }
}
