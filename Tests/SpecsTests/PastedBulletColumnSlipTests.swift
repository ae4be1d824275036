import Foundation
import Testing

@testable import Specs

/// The paste slips tester BO found past the second round (BO-1 to BO-4): Word's Wingdings
/// bullets and its second-level `o` and TAB, a pasted dash past the dash of a block-mapping
/// item or left of its list's dash, and an item's first line past its dash with its next line
/// in place. Each is named at its line with a fix-it that, pasted, makes the spec load.
@Suite struct PastedBulletColumnSlipTests {
  typealias Base = PastedListSlipTests

  /// `Base.spec` with `old` replaced by `new`.
  static func spec(_ old: String, _ new: String) throws -> String {
    try Base.spec(old, new)
  }

  /// The errors of `text`, whose fix-its pasted make it load.
  static func fixItsLoad(_ text: String) throws -> [Diagnostic] {
    try PastedSpaceAndBulletSlipTests.fixItsLoad(text)
  }

  /// Pasted dashes and bullets, each with the words its message names it by.
  static let slips = [
    ("\u{2013} ", "U+2013 EN DASH, not '-'"), ("\u{2022} ", "U+2022 BULLET, not '-'"),
    ("-\u{A0}", "'-' followed by U+00A0 NO-BREAK SPACE"), ("\u{F0B7}\t", "U+F0B7 (private use"),
  ]

  @Test func wordsWingdingsAndSecondLevelBulletsAreNamed() throws {
    for (bullet, name) in [
      ("\u{F0A7}\t", "U+F0A7 (private use: the square bullet of Word's Wingdings font)"),
      ("\u{F0D8}\t", "U+F0D8 (private use: the arrowhead bullet"), ("\u{F076}\t", "U+F076"),
      ("\u{F0FC}\t", "U+F0FC"), ("\u{27A2} ", "U+27A2"), ("\u{25BA} ", "U+25BA"),
      ("\u{2713} ", "U+2713 CHECK MARK"), ("o\t", "'o' and a TAB (Word's second-level bullet)"),
    ] {
      let metrics = try Self.fixItsLoad(Self.spec("  - f1", "  \(bullet)f1"))
      #expect(metrics.map(\.fixIt) == ["  - f1"], "\(bullet)")
      let message = try #require(metrics.first?.message)
      #expect(message.contains("line 19 starts with \(name)"), "\(message)")
      // What shows as nothing on screen is not echoed.
      #expect(!message.contains("\t") && !message.contains("\u{F0A7}"), "\(message)")
    }
    // A word `o` is no bullet, nor is 'o' and a TAB in a text.
    let word = Base.errors(try Self.spec("  - f1", "  o f1"))
    #expect(!word.isEmpty && !word.contains { $0.message.contains("second-level") })
    for text in ["description: Week 2\n  o\tcompare\n", "description: |\n  o\ta\n  \u{F0A7}\tb\n"] {
      #expect(Base.errors(try Self.spec("seed: 12\n", "seed: 12\n" + text)).isEmpty, "\(text)")
    }
  }

  @Test func anItemsFirstLinePastItsDashMovesAloneWhenItsNextLineIsInPlace() throws {
    let alone = try Self.fixItsLoad(
      Self.spec("    - {units: 1", "     - units: 4\n      activation: relu\n    - {units: 1"))
    #expect(alone.map(\.fixIt) == ["    - units: 4"])
    #expect(alone.first?.note?.contains("lines below it") == false)
    let whole = try Self.fixItsLoad(
      Self.spec("    - {units: 1", "     - units: 4\n       activation: relu\n    - {units: 1"))
    #expect(whole.map(\.fixIt) == ["    - units: 4\n      activation: relu"])
  }

  @Test func aPastedDashPastTheDashOfABlockMappingItemIsNamed() throws {
    for (slip, name) in Self.slips {
      for pad in [" ", "  "] {
        let flow = try Self.fixItsLoad(Self.spec("    - {units: 1", "    \(pad)\(slip){units: 1"))
        let message = try #require(flow.first?.message)
        #expect(message.contains("starts with \(name)"), "\(message)")
        #expect(message.contains("indented past the dash of line 9"), "\(message)")
        #expect(flow.map(\.fixIt) == ["    - {units: 1, activation: sigmoid}"])
        let whole = try Self.fixItsLoad(
          Self.spec(
            "    - {units: 1",
            "    \(pad)\(slip)units: 4\n    \(pad)  activation: relu\n    - {units: 1"
          ))
        #expect(whole.map(\.fixIt) == ["    - units: 4\n      activation: relu"], "\(slip)")
        let kept = try Self.fixItsLoad(
          Self.spec(
            "    - {units: 1", "    \(pad)\(slip)units: 4\n      activation: relu\n    - {units: 1")
        )
        #expect(kept.map(\.fixIt) == ["    - units: 4"], "\(slip)")
      }
    }
  }

  @Test func aPastedDashLeftOfItsListsDashIsNamed() throws {
    for (slip, name) in Self.slips {
      let metrics = try Self.fixItsLoad(Self.spec("  - f1", " \(slip)f1"))
      let message = try #require(metrics.first?.message)
      #expect(message.contains("line 19 starts with \(name)"), "\(message)")
      #expect(message.contains("indented less than the dash of line 18"), "\(message)")
      #expect(metrics.first?.note?.contains("same column (column 3)") == true)
      #expect(metrics.map(\.fixIt) == ["  - f1"])
      let values = try Self.fixItsLoad(Self.spec("      - 16", "     \(slip)16"))
      #expect(values.map(\.fixIt) == ["      - 16"])
      let layer = try Self.fixItsLoad(Self.spec("    - {units: 1", "   \(slip){units: 1"))
      #expect(layer.map(\.fixIt) == ["    - {units: 1, activation: sigmoid}"])
      let whole = try Self.fixItsLoad(
        Self.spec("    - {units: 1", "   \(slip)units: 4\n     activation: relu\n    - {units: 1"))
      #expect(whole.map(\.fixIt) == ["    - units: 4\n      activation: relu"], "\(slip)")
    }
  }

  @Test func textsAndQuotedTextsAboveStayText() throws {
    let text = "description: Week 2\n  \u{2022} try Adam\n \u{2022} compare\n  o\tplot\n"
    #expect(Base.errors(try Self.spec("seed: 12\n", "seed: 12\n" + text)).isEmpty)
    // A quoted text left open on an item's line holds the lines below it.
    let quoted = Base.errors(
      try Self.spec("      activation: relu\n", "      activation: \"relu\n     \u{2022} x\"\n"))
    #expect(!quoted.isEmpty && !quoted.contains { $0.message.contains("U+2022") }, "\(quoted)")
  }

  /// A text running over several lines, quoted or plain (`Steps:` only quoted: a plain one is
  /// a key), that holds a `- ` line and then a
  /// pasted dash or bullet line is text, as YAML reads it: never refused as a pasted list
  /// (tester BO-16: valid descriptions were refused, with a fix-it rewriting their prose).
  @Test func aTextsDashLineThenABulletLineStaysText() throws {
    for (open, close) in [("\"", "\""), ("'", "'"), ("", "")] {
      for (bullet, indent) in [
        ("\u{2022} ", "    "), ("\u{2022} ", "  "), ("\u{2013} ", "   "),
        ("-\u{A0}", "  "),
      ] {
        let text =
          "description: \(open)Steps\(open.isEmpty ? "" : ":")\n  - load the data\n\(indent)\(bullet)scale it\(close)\n"
        let errors = Base.errors(try Self.spec("seed: 12\n", "seed: 12\n" + text))
        #expect(errors.isEmpty, "\(text): \(errors)")
      }
    }
  }
}
