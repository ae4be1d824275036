import Testing

@testable import Specs

@Suite struct DiagnosticRendererTests {
  let location = SourceLocation(
    source: .file("experiments/iris.yaml"), line: 7, column: 18, lineText: "  learning_rate: -0.1")

  @Test func rendersLikeACompiler() {
    let d = Diagnostic(
      .error, at: location, "learning_rate must be > 0 (got -0.1)", note: "a note",
      fixIt: "learning_rate: 0.1")
    #expect(
      DiagnosticRenderer().render(d) == """
        experiments/iris.yaml:7:18: error: learning_rate must be > 0 (got -0.1)
          7 |   learning_rate: -0.1
            |                  ^
        note: a note
        fix-it: learning_rate: 0.1
        """)
  }

  @Test func colourIsOptInAndOnlyDecorates() {
    let d = Diagnostic(.warning, at: location, "suspicious")
    let plain = DiagnosticRenderer().render(d)
    let coloured = DiagnosticRenderer(color: true).render(d)
    #expect(!plain.contains("\u{1B}"))
    #expect(coloured.contains("\u{1B}[1;35mwarning:\u{1B}[0m"))
    let stripped = coloured.replacing(/\x1B\[[0-9;]*m/, with: "")
    #expect(stripped == plain)
  }

  /// A hostile spec's escape sequences are shown, not sent to the terminal; the caret still
  /// points at the value.
  @Test func controlCharactersAreEscaped() {
    let line = SourceLocation(
      source: .file("f"), line: 1, column: 8, lineText: "a: \"\u{1B}[2J\" x")
    let rendered = DiagnosticRenderer().render(
      Diagnostic(.error, at: line, "unknown type '\u{1B}[2J'", note: "\u{202E}x"))
    #expect(
      rendered == """
        f:1:8: error: unknown type '\\u{1B}[2J'
          1 | a: "\\u{1B}[2J" x
            |             ^
        note: \\u{202E}x
        """)
  }

  @Test func caretFollowsTabsAndWideCharactersAndLineEnds() {
    let tab = SourceLocation(source: .file("f"), line: 1, column: 3, lineText: "\tx: é")
    #expect(
      DiagnosticRenderer().render(Diagnostic(.error, at: tab, "m")).hasSuffix(
        "  1 | \tx: é\n    | \t ^"))
    // A CJK character takes two cells: the caret under `x`, not one cell short of it.
    let wide = SourceLocation(source: .file("f"), line: 3, column: 8, lineText: "{猫: 1, x: 2}")
    #expect(
      DiagnosticRenderer().render(Diagnostic(.error, at: wide, "m")).hasSuffix(
        "  3 | {猫: 1, x: 2}\n    |         ^"))
    let past = SourceLocation(source: .file("f"), line: 2, column: 6, lineText: "ab")
    #expect(
      DiagnosticRenderer().render(Diagnostic(.error, at: past, "m")).hasSuffix(
        "  2 | ab\n    |      ^"))
    #expect(
      DiagnosticRenderer().render(Diagnostic(.error, at: nil, "no place")) == "error: no place")
  }

  /// A 30 000-character line is shown as a window of 120 characters around the column, `…`
  /// marking each cut, with the caret still under the column; short lines are shown whole.
  @Test func longLinesAreClippedAroundTheColumn() {
    let line = "metrics: [" + String(repeating: "accuracy, ", count: 3000) + "accurcy]"
    let column = line.count - 7
    let rendered = DiagnosticRenderer().render(
      Diagnostic(
        .error, at: SourceLocation(source: .file("f"), line: 1, column: column, lineText: line),
        "unknown metric 'accurcy'"))
    let lines = rendered.split(separator: "\n").map(String.init)
    #expect(lines[1] == "  1 | …" + line.suffix(120))
    #expect(lines[2] == "    | " + String(repeating: " ", count: 113) + "^")
    let middle = String(repeating: "a", count: 100) + "X" + String(repeating: "b", count: 200)
    let clipped = DiagnosticRenderer.clip(middle, around: 100)
    #expect(
      clipped.text == "…" + String(repeating: "a", count: 60) + "X"
        + String(repeating: "b", count: 59) + "…")
    #expect(Array(clipped.text)[clipped.column] == "X")
    #expect(DiagnosticRenderer.clip("short", around: 3) == ("short", 3))
    let start = DiagnosticRenderer.clip(middle, around: 2)
    #expect(start.column == 2 && start.text.hasPrefix("aaa") && start.text.hasSuffix("…"))
  }

  @Test func diagnosticsSortByFileThenPosition() {
    func at(_ line: Int, _ column: Int) -> Diagnostic {
      Diagnostic(
        .error, at: SourceLocation(source: .file("a"), line: line, column: column),
        "\(line):\(column)")
    }
    let override = Diagnostic(
      .error, at: SourceLocation(source: .override("x=1"), line: 1, column: 3), "o")
    let sorted = Diagnostic.sortedByLocation([
      override, at(3, 1), Diagnostic(.error, at: nil, "none"), at(1, 9), at(1, 2),
    ])
    #expect(sorted.map(\.message) == ["1:2", "1:9", "3:1", "o", "none"])
  }
}

@Suite struct TextTests {
  @Test(arguments: [
    "plain", "with space", "sepal length (cm)", "true", "yes", "null", "~", "1.5", "42", "-3",
    "a: b", "x #y",
    "[list]", "{map}", "quote\"inside", "back\\slash", "new\nline", "tab\tchar", "", " lead",
    "trail ", "é-ü",
    "*alias", "&anchor", "!tag", "%percent", "@at", "`tick", "- dash", "?q", ":colon", "0x10",
    ".inf", "1/255", "bell\u{7}", "del\u{7F}", "next line\u{85}",
  ])
  func stringsRoundTripThroughYAML(_ text: String) throws {
    let written = YAMLText.string(text)
    let node = try YAMLReader(file: "t", text: "k: " + written).read().get()
    guard case .mapping(let m) = node, case .scalar(let s)? = m["k"] else {
      Issue.record("not a scalar: \(written)")
      return
    }
    #expect(s.text == text, "\(written)")
    // Anything that could be read as another type is quoted.
    if ScalarSyntax.double(text) != nil || ScalarSyntax.bool(text) != nil || text == "null" {
      #expect(!s.isPlain)
    }
  }

  @Test func controlCharactersAreEscapedNotWrittenRaw() {
    #expect(YAMLText.string("a\u{7}b\u{7F}c\u{85}\t\"") == #""a\u0007b\u007fc\u0085\t\"""#)
  }

  @Test func numbersAreShortestRoundTrip() {
    for value in [0.005, 1e-5, 2.0, 0.1 + 0.2, 1.0 / 255, 1e300, -0.0, 123456789.125] {
      let text = YAMLText.number(value)
      #expect(ScalarSyntax.double(text) == (value == 0 ? 0 : value), "\(text)")
    }
    #expect(YAMLText.number(2) == "2.0")
    #expect(YAMLText.number(-0.0) == "0.0")
    #expect(YAMLText.clean(0.7 + 0.2 + 0.2) == "1.1")
  }

  @Test func scalarSyntaxIsStrict() {
    #expect(ScalarSyntax.integer("+7") == 7)
    // YAML 1.2 core: 0o and 0x integers, unsigned.
    #expect(ScalarSyntax.integer("0x10") == 16)
    #expect(ScalarSyntax.integer("0o17") == 15)
    #expect(ScalarSyntax.integer("0x") == nil)
    #expect(ScalarSyntax.integer("0o8") == nil)
    #expect(ScalarSyntax.integer("-0x10") == nil)
    #expect(ScalarSyntax.integer("99999999999999999999") == nil)
    #expect(ScalarSyntax.double(".5") == 0.5)
    #expect(ScalarSyntax.double("inf") == nil)
    #expect(ScalarSyntax.double("1e999") == nil)
    #expect(ScalarSyntax.quotient("1 / 255") == 1.0 / 255)
    #expect(ScalarSyntax.quotient("1/0") == nil)
    #expect(ScalarSyntax.bool("yes") == nil)
  }

  @Test func suggestionsFindTyposAndSynonyms() {
    let keys = Schema.children(of: "optimizer")
    #expect(Suggestions.best(for: "lr", among: keys) == "learning_rate")
    #expect(Suggestions.best(for: "learnig_rate", among: keys) == "learning_rate")
    #expect(Suggestions.best(for: "Momentum", among: keys) == "momentum")
    #expect(Suggestions.best(for: "epoch", among: keys) == "epochs")
    #expect(Suggestions.best(for: "banana", among: keys) == nil)
    #expect("ab".editDistance(to: "ba") == 1)
    #expect(Schema.home(ofKey: "learning_rate") == "optimizer")
  }
}
