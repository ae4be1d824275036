import Foundation

/// The terminal tables of `runner ls`, `compare` and `diff` are for reading: decimals rounded
/// to 5 significant digits (as `dvc exp show`; CSV and JSON keep every digit), long
/// descriptions shortened, and the columns past the terminal's width left out and named. Widths
/// are terminal cells (`displayWidth`: a CJK character takes two), not characters.
enum TerminalTable {
  /// The widest description in a terminal table, in cells.
  static let descriptionWidth = 40

  /// A decimal or exponent number as 5 significant digits (`0.99043`, `1.2346e-05`); an integer,
  /// `nan`, `inf`, text and a number that has no more digits (`0.90`) as written.
  static func readable(_ cell: String) -> String {
    guard cell.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
      let value = Double(cell), value.isFinite
    else { return cell }
    let short = String(format: "%.5g", value)
    return Double(short) == value ? cell : short
  }

  /// `text` cut to `descriptionWidth` cells, the last one an ellipsis.
  static func shortened(_ text: String) -> String {
    text.displayWidth > descriptionWidth
      ? String(text.leading(cells: descriptionWidth - 1)) + "…" : text
  }

  /// Two texts that differ, each cut to `descriptionWidth` cells around their first
  /// difference (a few shared characters before it), an ellipsis where text is left out:
  /// `…to 20…` and `…to 24…`, not two long cells with the same start.
  static func aroundDifference(_ a: String, _ b: String) -> [String] {
    let shared = zip(a, b).prefix { $0 == $1 }.count
    let start = max(0, shared - descriptionWidth / 4)
    return [a, b].map { text in
      let rest = text.dropFirst(start)
      let lead = start > 0 ? "…" : ""
      let room = descriptionWidth - lead.count
      let whole = String(rest)
      return lead
        + (whole.displayWidth > room ? String(whole.leading(cells: room - 1)) + "…" : whole)
    }
  }

  /// `text` cut to `width` cells by an ellipsis in its middle, its start and end kept
  /// (`xor-mlp@dataset.split=…optimizer.type=adam`); as it is when it fits.
  static func shortened(_ text: String, middle width: Int) -> String {
    guard text.displayWidth > width, width >= 3 else { return text }
    let tail = (width - 1) / 2
    return String(text.leading(cells: width - 1 - tail)) + "…"
      + String(text.trailing(cells: tail))
  }

  /// The least width from `width` on at which `shortened(_:middle:)` keeps every two of `texts`
  /// that differ apart (two runs' folders never read as one, `cat@a=1,…,c=3` twice); `width`
  /// when it does already.
  static func telling(_ texts: [String], from width: Int) -> Int {
    let distinct = Set(texts).count
    let longest = texts.map(\.displayWidth).max() ?? 0
    var telling = width
    while telling < longest, Set(texts.map { shortened($0, middle: telling) }).count < distinct {
      telling += 1
    }
    return telling
  }

  /// Of the columns `priority` (most wanted first; the first is always kept), the leading ones
  /// that fit in `width` cells two spaces apart, each as wide as its widest cell in
  /// `cells(column)` (its header included); and the ones left out.
  static func fit(_ priority: [Int], width: Int, cells: (Int) -> [String]) -> (
    fitting: [Int], left: [Int]
  ) {
    var used = 0
    let fitting = priority.enumerated().prefix { n, i in
      used += (n == 0 ? 0 : 2) + (cells(i).map(\.displayWidth).max() ?? 0)
      return n == 0 || used <= width
    }.map(\.element)
    return (fitting, Array(priority.dropFirst(fitting.count)))
  }

  /// The last lines naming the `left` columns (the first three past four), e.g. `(2 more
  /// columns past 80 characters: a, b; choose them with --columns)`, `noun` for "column",
  /// wrapped at spaces to `width` (the later lines indented by one).
  static func note(left: [String], noun: String = "column", width: Int, hint: String) -> String {
    let names =
      left.count > 4 ? left.prefix(3).joined(separator: ", ") + ", …" : left.joined(separator: ", ")
    let text =
      "(\(left.count) more \(noun)\(left.count == 1 ? "" : "s") past \(width) characters: "
      + "\(names); \(hint))"
    var lines = [""]
    for word in text.split(separator: " ") {
      let line = lines[lines.count - 1]
      if !line.isEmpty, line.displayWidth + 1 + String(word).displayWidth > width {
        lines.append(" ")
      }
      lines[lines.count - 1] +=
        (lines[lines.count - 1].trimmingPrefix(" ").isEmpty ? "" : " ") + word
    }
    return lines.joined(separator: "\n")
  }
}
