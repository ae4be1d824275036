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
      let text = String(String.UnicodeScalarView(line.unicodeScalars.dropFirst(dash + 1)))
        .trimmingCharacters(in: .whitespaces)
      // Above, `- {units: 1, activation: sigmoid}`: the key goes between its braces.
      let braces = Self.flowItemLine(top.keyLocation)
      // A hidden layer's key split off the output layer belongs to no layer it could join.
      let hiddenOnly = split.entries.map(\.key).filter(LayerSpec.hiddenOnlyKeys.contains)
      let output = index + 2 == items.count && !hiddenOnly.isEmpty
      var fixIt: String? = String(repeating: " ", count: keyColumn) + text
      if let braces { fixIt = split.entries.count == 1 ? "\(braces.dropLast()), \(text)}" : nil }
      if output { fixIt = nil }
      let join =
        braces == nil
        ? "remove the '-' before '\(first.key)' and line it up with `\(top.key)`"
        : "write '\(first.key)' between the braces of line \(top.keyLocation.line)"
      diagnostics.append(
        Diagnostic(
          .error, at: at,
          "'\(first.key)' has its own dash, so it starts a new \(item) "
            + "(\(path.appending(index: index + 1))) instead of being a key of "
            + "\(path.appending(index: index)) (line \(top.keyLocation.line))",
          note: output
            ? "\(hiddenOnly.joined(separator: " and ")) applies to hidden layers, not the "
              + "output (last) layer: remove that line, or write it in a hidden layer"
            : "the keys of one \(item) share its dash: " + join,
          fixIt: fixIt))
      index += 1
    }
  }

  /// The column (0-based) of the dash right before the key at `location`, spaces (and the
  /// brace of a flow mapping) between; nil when no dash is.
  private static func dashColumn(_ location: SourceLocation) -> Int? {
    guard let line = location.lineText else { return nil }
    var before = Array(line.unicodeScalars.prefix(location.column - 1))
    while before.last == " " { before.removeLast() }
    if before.last == "{", flowItemLine(location) != nil { before.removeLast() }
    guard let dash = before.lastIndex(of: "-"), before[(dash + 1)...].allSatisfy({ $0 == " " })
    else { return nil }
    return dash
  }

  /// The line of the key at `location` when it is the first key of a list item written as a
  /// flow mapping on that one line (`    - {units: 1, activation: sigmoid}`), without what
  /// follows its '}'; nil otherwise.
  private static func flowItemLine(_ location: SourceLocation) -> String? {
    guard let line = location.lineText,
      let item = line.wholeMatch(of: /(?<item> *- *\{[^{}#]*\}) *(?:#.*)?/),
      item.output.item.unicodeScalars.count > location.column - 1
    else { return nil }
    let before = line.unicodeScalars.prefix(location.column - 1)
    return before.filter { $0 != " " }.last == "{" ? String(item.output.item) : nil
  }
}
