import Conventions
import Foundation
import Testing

@testable import Reports

/// The spec's `description` heads report.md and report.html, read back from the canonical
/// `spec.resolved.yaml` and shown as plain text.
@Suite("the spec's description in the report")
struct ReportDescriptionTests {
  /// A description with every character HTML and Markdown could take for markup.
  static let tricky =
    "Cats & <dogs> \"quoted\" 'single' *not bold* `code` [link](x)\n# not a heading\n1. not a list"

  @Test("the canonical writer's plain and double-quoted scalars are read back")
  func readsTheResolvedSpec() {
    let plain = "version: 1\nname: cat\ndescription: Cat vs non-cat (course)\nseed: 1\n"
    #expect(ResultsReport.description(ofResolvedSpec: plain) == "Cat vs non-cat (course)")
    let quoted =
      #"description: "Tab\there, \"quoted\", back\\slash,\nnew line, \u0007 bell, é""#
    #expect(
      ResultsReport.description(ofResolvedSpec: quoted)
        == "Tab\there, \"quoted\", back\\slash,\nnew line, \u{7} bell, é")
    #expect(ResultsReport.description(ofResolvedSpec: "name: x\n") == nil)
    // A nested `description:` (indented) is not the spec's.
    #expect(ResultsReport.description(ofResolvedSpec: "model:\n  description: x\n") == nil)
  }

  @Test("report.md and report.html show it, escaped; none when it is empty")
  func shownEscaped() throws {
    let directory = try temporaryDirectory().appendingPathComponent("cat")
    defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
    try writeSampleResults(to: directory)
    var quoted = "\""
    for c in Self.tricky.unicodeScalars {
      switch c {
      case "\"": quoted += "\\\""
      case "\n": quoted += "\\n"
      default: quoted.unicodeScalars.append(c)
      }
    }
    try "version: 1\nname: cat\ndescription: \(quoted)\"\nseed: 1\n".write(
      to: directory.appendingPathComponent("spec.resolved.yaml"), atomically: true, encoding: .utf8)
    try ResultsReport.rebuild(in: directory)
    let html = try AtomicFile.read(directory.appendingPathComponent("report.html"))
    #expect(
      html.contains(
        "<p class=\"description\">Cats &amp; &lt;dogs&gt; &quot;quoted&quot; &apos;single&apos; *not bold* `code` [link](x)<br>\n# not a heading<br>\n1. not a list</p>"
      ))
    #expect(!html.contains("<dogs>"))
    let markdown = try AtomicFile.read(directory.appendingPathComponent("report.md"))
    #expect(
      markdown.hasPrefix(
        "# Report: cat\n\nCats \\& \\<dogs\\> \"quoted\" 'single' \\*not bold\\* \\`code\\` \\[link\\](x)\\\n\\# not a heading\\\n1\\. not a list\n\n"
      ))

    try "version: 1\nname: cat\ndescription: \"\"\n".write(
      to: directory.appendingPathComponent("spec.resolved.yaml"), atomically: true, encoding: .utf8)
    try ResultsReport.rebuild(in: directory)
    let bare = try AtomicFile.read(directory.appendingPathComponent("report.html"))
    #expect(!bare.contains("class=\"description\""))
  }
}

/// Class names are user-given text: report.md shows them as they are, as it does the
/// description (`virginica <x>&` went into table cells raw, where `<x>` is an HTML tag).
@Suite struct ReportClassNameEscapeTests {
  @Test func classNamesInTableCellsAreEscaped() throws {
    let matrix = try ConfusionMatrix(
      classes: ["setosa", "virginica <x>&", "a_b *c*"], actual: [0, 1, 2], predicted: [0, 1, 1])
    let markdown = ResultsReport(name: "iris_3", confusionMatrix: matrix).markdown(plots: [])
    #expect(markdown.contains("| virginica \\<x\\>\\& |"), "\(markdown)")
    #expect(markdown.contains("| a_b \\*c\\* |"))
    #expect(!markdown.contains("<x>"))
    #expect(markdown.hasPrefix("# Report: iris_3\n"))
  }
}
