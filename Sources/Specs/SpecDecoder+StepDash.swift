/// The fix-it of a preprocessing step written in the column of the step above it without a
/// dash of its own (`- scale: 1/16` then `  polynomial: 2`): its line with a dash in the
/// column of the item's.
extension SpecDecoder {
  /// The column (0-based) of the dash of the list item whose first key is `m`'s first, when
  /// that key follows its dash on its line (`    - scale: 1/16`); nil otherwise.
  func stepDashColumn(_ m: SpecNode.Mapping) -> Int? {
    guard let first = m.entries.first, case .file = first.keyLocation.source,
      let line = first.keyLocation.lineText
    else { return nil }
    let before = String(line.unicodeScalars.prefix(first.keyLocation.column - 1))
    guard let lead = before.wholeMatch(of: /([ ]*)-[ ]+/) else { return nil }
    return lead.output.1.count
  }

  /// The line of `entry`, a key alone on its line, given a dash in `dashColumn`; nil when the
  /// key shares its line with another.
  func stepFixIt(_ entry: SpecNode.Pair, dashColumn: Int) -> String? {
    guard case .file = entry.keyLocation.source, let line = entry.keyLocation.lineText else {
      return nil
    }
    let indent = entry.keyLocation.column - 1
    guard line.unicodeScalars.prefix(indent).allSatisfy({ $0 == " " }) else { return nil }
    let text = String(String.UnicodeScalarView(line.unicodeScalars.dropFirst(indent)))
    return String(repeating: " ", count: dashColumn) + "- "
      + text.trimmingCharacters(in: .whitespaces)
  }
}
