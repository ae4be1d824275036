import Testing

@testable import Reports

/// `runner ls` escaped control characters in the name column only: a description (or a
/// parameter) holding a line break or a tab broke its row of the table.
@Suite struct ListingControlCharacterTests {
  @Test func everyColumnHoldingTextIsEscaped() throws {
    let run = ListedRun(
      name: "m", kind: .run, path: "/r/m", when: "2026-11-30T10:00:00Z",
      description: "two\nlines\tand\u{0}nul",
      parameters: [.init("optimizer.type", "gd\tx")], metrics: [.init("train_loss", "0.5")])
    var other = run
    other.name = "n"
    other.parameters = [.init("optimizer.type", "adam")]
    let table = try RunListing(runs: [run, other]).rendered(.table)
    let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 3, "\(table)")
    #expect(table.contains(#"two\x0Alines\x09and\x00nul"#), "\(table)")
    #expect(table.contains(#"gd\x09x"#), "\(table)")
    #expect(!table.contains("\t") && !table.contains("\0"), "\(table)")
  }
}
