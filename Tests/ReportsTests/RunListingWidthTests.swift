import Conventions
import Testing

@testable import Reports

/// Tester findings m5 and m10: `runner ls --columns …` ignored the terminal's width (a wide
/// table wrapped), and names in Chinese, Japanese or Korean misaligned the columns (padded by
/// characters, while each takes two cells of a terminal).
@Suite("runner ls: chosen columns and wide characters fit the terminal")
struct RunListingWidthTests {
  static func run(_ name: String, lr: String, description: String = "") -> ListedRun {
    ListedRun(
      name: name, kind: .run, path: "/r/" + name, when: "2026-11-30T10:00:00Z",
      description: description, status: "",
      parameters: [.init("optimizer.learning_rate", lr)],
      metrics: [.init("train_loss", "0.5"), .init("dev_accuracy", "0.9")])
  }

  @Test("--columns fits the width: the last chosen columns left out and named")
  func chosenColumnsFitTheWidth() throws {
    let listing = RunListing(runs: [
      Self.run("a", lr: "0.1", description: "a long description of this run"),
      Self.run("b", lr: "0.01"),
    ])
    let chosen = ["name", "optimizer.learning_rate", "when", "train_loss", "description"]
    let lines = try listing.rendered(.table, columns: chosen, width: 50).split(separator: "\n")
    #expect(lines.allSatisfy { $0.displayWidth <= 50 }, "\(lines)")
    #expect(lines[0].split(separator: " ") == ["name", "optimizer.learning_rate"], "\(lines)")
    let note = lines.drop { !$0.hasPrefix("(") }.joined(separator: "\n")
    #expect(
      note.replacingOccurrences(of: "\n ", with: " ")
        == "(3 more columns past 50 characters: when, train_loss, description; choose fewer "
        + "with --columns, or --wide for all)", "\(lines)")
    // Without a width (--wide, a pipe given a huge COLUMNS) every chosen column is shown.
    let wide = try listing.rendered(.table, columns: chosen).split(separator: "\n")
    #expect(wide[0].split(separator: " ") == chosen.map { Substring($0) })
  }

  @Test("names of wide characters keep the columns aligned, measured in cells")
  func wideCharactersAlign() throws {
    let listing = RunListing(runs: [
      Self.run("実験", lr: "0.1"), Self.run("ab", lr: "0.01"), Self.run("모델-학습", lr: "0.2"),
    ])
    let lines = try listing.rendered(.table, width: 120).split(separator: "\n").map(String.init)
    // Every row's second column starts at the same cell as the header's.
    let header = lines[0]
    let start = try #require(header.range(of: "when")).lowerBound
    let cell = String(header[..<start]).displayWidth
    #expect(cell == "모델-학습".displayWidth + 2)
    for line in lines.dropFirst() {
      let second = try #require(line.range(of: "2026-")).lowerBound
      #expect(String(line[..<second]).displayWidth == cell, "\(lines)")
    }
  }

  @Test("a long name of wide characters is shortened in its middle to the width, in cells")
  func wideNamesShortenedByCells() {
    let name = String(repeating: "実", count: 30) + "-" + String(repeating: "験", count: 30)
    let short = TerminalTable.shortened(name, middle: 24)
    #expect(short.displayWidth <= 24 && short.displayWidth >= 22, "\(short)")
    #expect(short.hasPrefix("実") && short.hasSuffix("験") && short.contains("…"))
    #expect(
      TerminalTable.shortened("日本語の説明" + String(repeating: "文", count: 30)).displayWidth <= 40)
  }
}
