import Foundation
import Testing

@testable import Specs

/// The paste slips tester BM found past the first round (BM-7 to BM-11): a '-' followed by a
/// no-break or ideographic space, Word's bullets, a bullet glued to its text, Markdown's `* `,
/// a pasted dash on an item also indented past its list's dash, a comment on a bare step, and
/// a two-line item one column right of its dash. Each is named at its line with a fix-it that,
/// pasted, makes the spec load; texts, comments, block scalars and negatives stay no slip.
@Suite struct PastedSpaceAndBulletSlipTests {
  typealias Base = PastedListSlipTests

  /// `Base.spec` with `old` replaced by `new`.
  static func spec(_ old: String, _ new: String) throws -> String {
    try Base.spec(old, new)
  }

  /// `text` with each error's fix-it pasted over its line, whole, indentation included (a
  /// fix-it of several lines over as many lines), and the errors: the spec must load after.
  static func fixItsLoad(_ text: String) throws -> [Diagnostic] {
    let refused = Base.errors(text)
    #expect(!refused.isEmpty, "\(text) loaded")
    var lines = text.components(separatedBy: "\n")
    for error in refused.reversed() {
      let fixIt = try #require(error.fixIt, "\(error.message)")
      let line = try #require(error.location?.line) - 1
      let new = fixIt.components(separatedBy: "\n")
      lines.replaceSubrange(line..<(line + new.count), with: new)
    }
    let fixed = lines.joined(separator: "\n")
    #expect(Base.errors(fixed).isEmpty, "\(fixed)\n\(Base.errors(fixed))")
    return refused
  }

  @Test func aDashFollowedByAPastedSpaceIsNamedAtItsLine() throws {
    for (space, name) in [("\u{A0}", "U+00A0 NO-BREAK SPACE"), ("\u{3000}", "U+3000 IDEOGRAPHIC")] {
      let metrics = try Self.fixItsLoad(Self.spec("  - accuracy\n", "  -\(space)accuracy\n"))
      #expect(metrics.count == 1)
      #expect(metrics.first?.location?.line == 18)
      #expect(metrics.first?.message.contains("starts with '-' followed by \(name)") == true)
      #expect(metrics.first?.fixIt == "  - accuracy")
      let layer = try Self.fixItsLoad(Self.spec("    - units: 8", "    -\(space)units: 8"))
      #expect(layer.map(\.location?.line) == [9])
      #expect(layer.first?.fixIt == "    - units: 8")
      let flow = try Self.fixItsLoad(Self.spec("    - {units: 1", "    -\(space){units: 1"))
      #expect(flow.first?.fixIt == "    - {units: 1, activation: sigmoid}")
      let step = try Self.fixItsLoad(
        Self.spec(
          "  split:", "  preprocessing:\n    -\(space)standardize\n    - polynomial: 2\n  split:"))
      #expect(step.map(\.location?.line) == [6])
      #expect(step.first?.fixIt == "    - standardize")
    }
  }

  @Test func aPastedDashIndentedPastItsListsDashIsNamedForBoth() throws {
    for between in ["\n", "      # c\n", ""] {
      let items = try Self.fixItsLoad(
        Self.spec("      - 8\n      - 16", "      - 8\n" + between + "        • 16"))
      #expect(items.count == 1)
      let message = try #require(items.first?.message)
      #expect(message.contains("U+2022 BULLET, not '-', and is indented past the dash of line 24"))
      #expect(items.first?.fixIt == "      - 16")
      #expect(items.first?.note?.contains("same column (column 7)") == true)
    }
    let metrics = try Self.fixItsLoad(Self.spec("  - f1", "    – f1"))
    #expect(metrics.first?.location?.line == 19)
    #expect(metrics.first?.fixIt == "  - f1")
    let two = try Self.fixItsLoad(Self.spec("      - 16", "        – 16\n        – 32"))
    #expect(two.map(\.fixIt) == ["      - 16", "      - 32"])
  }

  @Test func aTextFoldedOverLinesIsQuotedOnOneLine() throws {
    let rate = failure(try Self.spec("  learning_rate: 0.01", "  learning_rate: 0.01\n\n   x"))
    #expect(rate.contains("(got '0.01\\nx')"), "\(rate)")
    let metric = failure(try Self.spec("  - f1", "  - f1\n\n    f2"))
    #expect(metric.contains("unknown metric 'f1\\nf2'"), "\(metric)")
  }

  @Test func wordsBulletsAndMarkdownsAsteriskAreNamed() throws {
    for bullet in ["\u{B7} ", "\u{B7}\t", "\u{F0B7}\t", "\u{2219} ", "\u{25CB} ", "\u{25A0} "] {
      let metrics = try Self.fixItsLoad(
        Self.spec("  - accuracy\n  - f1", "  \(bullet)accuracy\n  \(bullet)f1"))
      #expect(metrics.map(\.fixIt) == ["  - accuracy", "  - f1"], "\(bullet)")
    }
    let layers = try Self.fixItsLoad(
      Self.spec(
        "    - units: 8\n      activation: relu\n    - {",
        "    \u{B7}\tunits: 8\n      activation: relu\n    \u{B7}\t{"))
    #expect(layers.map(\.location?.line) == [9, 11])
    let symbol = try Self.fixItsLoad(Self.spec("  - accuracy", "  \u{F0B7} accuracy"))
    #expect(symbol.first?.message.contains("U+F0B7 (private use: the bullet of Word") == true)
    let glued = try Self.fixItsLoad(Self.spec("    - {units: 1", "    \u{2022}{units: 1"))
    #expect(glued.first?.fixIt == "    - {units: 1, activation: sigmoid}")
    let markdown = try Self.fixItsLoad(Self.spec("  - accuracy\n  - f1", "  * accuracy\n  * f1"))
    #expect(markdown.count == 2)
    #expect(markdown.first?.message.contains("starts with '*' (a Markdown list item)") == true)
  }

  @Test func negativesTextsBlockScalarsAndCommentsStayUntouched() throws {
    for text in [
      "description: |\n  -\u{A0}a note\n  \u{B7} another\n  * and more\n",
      "description: >-\n  \u{F0B7} a note\n  -\u{3000}b\n",
      "description: \"a list:\n  \u{B7} of notes\n  * more\"\n",
      "description: Week 2\n  \u{B7} try Adam\n  \u{B7} compare\n",
      "description: \"-\u{A0}a, \u{B7} b, * c\"\n", "description:\n  -\u{A0}a note\n  - b\n",
    ] {
      #expect(Base.errors(try Self.spec("seed: 12\n", "seed: 12\n" + text)).isEmpty, "\(text)")
    }
    let comments = try Self.spec(
      "  - accuracy\n  - f1", "  - accuracy  # \u{B7} main\n  # -\u{A0}the second\n  # * x\n  - f1")
    #expect(Base.errors(comments).isEmpty)
    let negatives = try Self.spec("      - 8\n      - 16", "      - -0.5\n      - -1")
    #expect(!Base.errors(negatives).contains { $0.message.contains("invalid YAML") })
  }
}
