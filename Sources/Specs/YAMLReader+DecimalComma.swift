import Yams

/// Decimals written with a comma (`0,01`), which YAML reads as two values.
extension YAMLReader {
  /// `{learning_rate: 0,01}`, read as `{learning_rate: 0, 01: null}`: a number, a comma and
  /// digits without a value, together a decimal written with a comma (only in flow style can
  /// the two entries touch).
  func decimalComma(in pairs: [(key: Node, value: Node)]) -> Diagnostic? {
    for (_, value) in pairs {
      if let list = value.sequence, let comma = decimalComma(in: list) {
        return comma
      }
    }
    for (a, b) in zip(pairs, pairs.dropFirst()) {
      guard a.key.scalar != nil, let number = a.value.scalar, let digits = b.key.scalar,
        number.style == .plain, digits.style == .plain, b.value.scalar?.string == "",
        let mark = number.mark, lines.indices.contains(mark.line - 1)
      else { continue }
      let written = "\(number.string),\(digits.string)"
      guard let point = SpecDecoder.decimalComma(written),
        lines[mark.line - 1].unicodeScalars.dropFirst(mark.column - 1)
          .starts(with: written.unicodeScalars)
      else { continue }
      let start = mark.column - 1
      return Diagnostic(
        .error, at: location(mark),
        "'\(written)' inside { } reads as \(number.string) and a key '\(digits.string)'",
        note: "write decimals with a point, not a comma",
        fixIt: mended(
          line: mark.line, [(start..<start + written.unicodeScalars.count, point)]))
    }
    return nil
  }

  /// `key: [0,1, 0,01]`, read as four numbers: in a list on one line, numbers joined by a bare
  /// comma where others are separated by ", ", or where the second has a leading zero (`0,01`),
  /// are decimals written with a comma when the first has one digit. `[1,2]`, `[16,32,64]` and
  /// `[16,32, 64]` are lists.
  func decimalComma(in list: Node.Sequence) -> Diagnostic? {
    let items = list.compactMap { node -> (text: String, mark: Mark)? in
      guard let s = node.scalar, s.style == .plain, let mark = s.mark,
        s.string.drop(while: { $0 == "-" }).allSatisfy(\.isNumber), s.string.last?.isNumber == true
      else { return nil }
      return (s.string, mark)
    }
    guard items.count == list.count, let line = items.first?.mark.line,
      items.allSatisfy({ $0.mark.line == line }), lines.indices.contains(line - 1)
    else { return nil }
    let text = Array(lines[line - 1].unicodeScalars)
    let bare = zip(items, items.dropFirst()).map { a, b in
      let end = a.mark.column - 1 + a.text.unicodeScalars.count
      return b.mark.column - 1 == end + 1 && text.indices.contains(end) && text[end] == ","
    }
    let leadingZero = zip(bare, items.dropFirst()).contains {
      $0 && $1.text.count > 1 && $1.text.hasPrefix("0")
    }
    guard let first = bare.firstIndex(of: true), bare.contains(false) || leadingZero else {
      return nil
    }
    var points: [(Range<Int>, String)] = []
    var i = 0
    while i < items.count {
      guard i < bare.count, bare[i] else {
        i += 1
        continue
      }
      // `1,2,3`, `1,-2`, `1,000` (thousands) and `16,32` (a whole part of two digits, in a list
      // of integers spaced carelessly) are no decimals.
      guard i + 1 == bare.count || !bare[i + 1], !items[i + 1].text.hasPrefix("-"),
        items[i].text.drop(while: { $0 == "-" }).count == 1,
        let point = SpecDecoder.decimalComma("\(items[i].text),\(items[i + 1].text)")
      else { return nil }
      let start = items[i].mark.column - 1
      let end = items[i + 1].mark.column - 1 + items[i + 1].text.unicodeScalars.count
      points.append((start..<end, point))
      i += 2
    }
    let (a, b) = (items[first].text, items[first + 1].text)
    return Diagnostic(
      .error, at: location(items[first].mark),
      "'\(a),\(b)' inside [ ] reads as two numbers, \(a) and \(b)",
      note: "write decimals with a point, not a comma", fixIt: mended(line: line, points))
  }

  /// Line `number` (1-based) with each range of its characters replaced by its decimal with a
  /// point, without its indentation: the whole line, so the fix-it keeps the other keys of a
  /// `{ }` on it (and a `--set` built from it keeps the whole value).
  private func mended(line number: Int, _ points: [(Range<Int>, String)]) -> String {
    var text = Array(lines[number - 1].unicodeScalars)
    for (range, point) in points.sorted(by: { $0.0.lowerBound > $1.0.lowerBound })
    where range.upperBound <= text.count {
      text.replaceSubrange(range, with: point.unicodeScalars)
    }
    return Self.keepingIndent(String(String.UnicodeScalarView(text)))
  }
}
