import Foundation
import Testing

@testable import Specs

/// Paste slips tester BO found in the third round: an invisible character before a list item's
/// dash (BO-13), a quoted bare step or a TAB after one above a dash-less step (BO-10), and
/// every line fix-it written as the whole line, indentation included (BO-15). Each fix-it,
/// pasted over its line, makes the spec load.
@Suite struct PastedSlipWholeLineTests {
  typealias Base = PastedListSlipTests

  /// The errors of `text`, whose fix-its pasted as whole lines make it load.
  static func fixItsLoad(_ text: String) throws -> [Diagnostic] {
    try PastedSpaceAndBulletSlipTests.fixItsLoad(text)
  }

  @Test func anInvisibleCharacterBeforeADashIsNamed() throws {
    for (character, name) in [
      ("\u{200B}", "U+200B ZERO WIDTH SPACE"), ("\u{FEFF}", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ] {
      let metrics = try Self.fixItsLoad(Base.spec("  - f1", "  \(character)- f1"))
      #expect(metrics.map(\.fixIt) == ["  - f1"])
      #expect(metrics.first?.message.contains("line 19 starts with \(name) before its '-'") == true)
      let layer = try Self.fixItsLoad(Base.spec("    - {units: 1", "    \(character)- {units: 1"))
      #expect(layer.map(\.fixIt) == ["    - {units: 1, activation: sigmoid}"])
      let step = try Self.fixItsLoad(
        Base.spec(
          "  split:",
          "  preprocessing:\n    - standardize\n    \(character)- polynomial: 2\n  split:"
        ))
      #expect(step.map(\.fixIt) == ["    - polynomial: 2"])
    }
    // In a text, a block scalar or a comment it is no slip.
    for text in [
      "description: Notes\n  \u{200B}- b\n", "description: |\n  a\n  \u{200B}- b\n",
      "description: \"A\n  - a\n  \u{FEFF}- b\"\n",
    ] {
      #expect(Base.errors(try Base.spec("seed: 12\n", "seed: 12\n" + text)).isEmpty, "\(text)")
    }
    #expect(Base.errors(try Base.spec("  - f1", "  - f1  # \u{200B}- x")).isEmpty)
  }

  @Test func aQuotedBareStepOrATabAfterOneIsABareStep() throws {
    for step in ["- \"standardize\"", "- 'standardize'", "- standardize\t# c", "- standardize\t"] {
      let errors = try Self.fixItsLoad(
        Base.spec("  split:", "  preprocessing:\n    \(step)\n      polynomial: 2\n  split:"))
      #expect(errors.map(\.fixIt) == ["    - polynomial: 2"], "\(step)")
      #expect(errors.first?.message.contains("has no dash of its own") == true, "\(step)")
    }
    // A TAB before the comment of the step without its dash: the comment is no part of it.
    let commented = try #require(
      Base.errors(
        Base.spec("  split:", "  preprocessing:\n    - standardize\n      scale: 2\t# c\n  split:")
      ).first)
    #expect(commented.message.contains("the step `scale: 2` on line 7"), "\(commented.message)")
  }

  @Test func everyLineFixItIsTheWholeLine() throws {
    // A no-break space after the dash: in its list's column, not column 1.
    let spaced = try Self.fixItsLoad(Base.spec("  - f1", "  -\u{A0}f1"))
    #expect(spaced.map(\.fixIt) == ["  - f1"])
    // A dash without its space, a key without its colon, a look-alike colon: indented.
    let dash = try Self.fixItsLoad(Base.spec("  - f1", "  -f1"))
    #expect(dash.map(\.fixIt) == ["  - f1"])
    let colon = try Self.fixItsLoad(Base.spec("  epochs: 2", "  epochs\u{FF1A} 2"))
    #expect(colon.map(\.fixIt) == ["  epochs: 2"])
    // In column 1: the fix-it starts there, whatever the line's indentation.
    let base = Base.spec.replacingOccurrences(of: "  - accuracy\n  - f1", with: "- accuracy\n- f1")
    let left = try Self.fixItsLoad(
      base.replacingOccurrences(of: "- accuracy\n- f1", with: "- accuracy\n \u{2013} f1"))
    #expect(left.map(\.fixIt) == ["- f1"])
  }

  @Test func aPastedFirstItemOutOfItsListsColumnMovesIntoItInOneRound() throws {
    for first in [" \u{2013} accuracy", "   \u{2022} accuracy"] {
      let metrics = try Self.fixItsLoad(Base.spec("  - accuracy", first))
      #expect(metrics.map(\.fixIt) == ["  - accuracy"], "\(first)")
      #expect(metrics.first?.message.contains("the dash of line 19") == true)
    }
  }

  @Test func aTabAfterADashIsNamed() throws {
    for (old, new) in [("  - f1", "  -\tf1"), ("  - accuracy", "  -\taccuracy")] {
      let metrics = try Self.fixItsLoad(Base.spec(old, new))
      #expect(metrics.map(\.fixIt) == [old])
      #expect(metrics.first?.message.contains("starts with '-' followed by a TAB") == true)
    }
    #expect(Base.errors(try Base.spec("  - f1", "  - f1  # -\tx")).isEmpty)
    // In a text or a block scalar it is no slip.
    for text in [
      "description: Notes\n  -\tb\n", "description: |\n  a\n  -\tb\n",
      "description: \"A\n  - a\n  -\tb\"\n", "description: \"A\n  -\tb\"\n",
    ] {
      #expect(Base.errors(try Base.spec("seed: 12\n", "seed: 12\n" + text)).isEmpty, "\(text)")
    }
  }
}
