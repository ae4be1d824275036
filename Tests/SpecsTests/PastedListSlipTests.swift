import Foundation
import Testing

@testable import Specs

/// Slips a paste makes in a spec's lists (tester BK-5, BK-11, BK-12, BK-19): each is named at
/// its line, and its fix-it, pasted over that line, makes the spec load; negative values,
/// quoted texts, block scalars and comments holding a dash are no slip.
@Suite struct PastedListSlipTests {
  static let spec = """
    name: base
    seed: 12
    dataset:
      generator: {type: moons, samples: 100, noise: 0.2}
      split: {train: 0.7, dev: 0.3}
    model:
      type: mlp
      layers:
        - units: 8
          activation: relu
        - {units: 1, activation: sigmoid}
    loss: binary_cross_entropy
    optimizer:
      type: adam
      learning_rate: 0.01
      epochs: 2
    metrics:
      - accuracy
      - f1
    sweep:
      method: grid
      parameters:
        model.layers[0].units:
          - 8
          - 16

    """

  /// `spec` with `old` replaced by `new` (which must be there).
  static func spec(_ old: String, _ new: String) throws -> String {
    #expect(spec.contains(old), "\(old)")
    return spec.replacingOccurrences(of: old, with: new)
  }

  /// The errors `text` is refused with; none when it loads.
  static func errors(_ text: String) -> [Diagnostic] {
    do {
      _ = try SpecLoader.load(text: text, file: "spec.yaml")
      return []
    } catch {
      return error.diagnostics.filter { $0.severity == .error }
    }
  }

  /// `text` with each error's fix-it pasted over its line: a fix-it is the whole line,
  /// indentation included (tester BO-15).
  static func pasted(_ errors: [Diagnostic], into text: String) throws -> String {
    var lines = text.components(separatedBy: "\n")
    for error in errors {
      let fixIt = try #require(error.fixIt, "\(error.message)")
      let line = try #require(error.location?.line) - 1
      lines[line] = fixIt
    }
    return lines.joined(separator: "\n")
  }

  /// The errors of `text` (there are some), whose fix-its pasted make it load.
  static func fixItsLoad(_ text: String) throws -> [Diagnostic] {
    let refused = errors(text)
    #expect(!refused.isEmpty, "\(text) loaded")
    let fixed = try pasted(refused, into: text)
    #expect(errors(fixed).isEmpty, "\(fixed)\n\(errors(fixed))")
    return refused
  }

  @Test func specLoads() {
    #expect(Self.errors(Self.spec).isEmpty)
  }

  @Test func typographicDashesAreNamedAtEachLine() throws {
    let both = try Self.fixItsLoad(Self.spec("      - 8\n      - 16", "      – 8\n      – 16"))
    #expect(both.map(\.location?.line) == [24, 25])
    #expect(both.map(\.fixIt) == ["      - 8", "      - 16"])
    #expect(
      both[0].message
        == "invalid YAML: line 24 starts with U+2013 EN DASH, not '-', so YAML reads `– 8` as "
        + "text, not as a list item")
    let bullet = try Self.fixItsLoad(Self.spec("      - 8\n", "      • 8\n"))
    #expect(bullet.count == 1)
    #expect(bullet[0].message.contains("U+2022 BULLET"))
    let later = try Self.fixItsLoad(Self.spec("      - 16", "      – 16"))
    #expect(later.map(\.location?.line) == [25])
    let layer = try Self.fixItsLoad(
      Self.spec("    - {units: 1", "    \u{2014}\u{A0}{units: 1"))
    #expect(layer.first?.message.contains("U+2014 EM DASH") == true)
    #expect(layer.first?.fixIt == "    - {units: 1, activation: sigmoid}")
    let keys = try Self.fixItsLoad(Self.spec("    - units: 8", "    – units: 8"))
    #expect(keys.first?.location?.column == 5)
    let metrics = try Self.fixItsLoad(Self.spec("  - accuracy\n  - f1", "  • accuracy\n  • f1"))
    #expect(metrics.count == 2)
    let afterComment = try Self.fixItsLoad(
      Self.spec("      - 8\n      - 16", "      – 8\n      # more\n\n      – 16"))
    #expect(afterComment.map(\.location?.line) == [24, 27])
    let preprocessing = try Self.fixItsLoad(
      Self.spec("  split:", "  preprocessing:\n    – standardize\n  split:"))
    #expect(preprocessing.first?.location?.line == 6)
  }

  @Test func dashesInTextsCommentsAndValuesAreNoSlip() throws {
    for text in [
      "description: \"– a note\"\n", "description: a list\n  – of notes\n",
      "description: |\n  – a note\n  • another\n", "description:\n  – a note\n",
      "description: >-\n  — a note\n", "description: \"a list:\n  – of notes\"\n",
      // Several such lines continuing a text (tester BM-3: the second was taken for an item).
      "description: Week 2 lab\n  • try Adam\n  • compare with SGD\n",
      "description: \"Week 2 lab\n  • try Adam\n  • compare with SGD\"\n",
      "description: 'Week 2 lab:\n  – try Adam\n  – compare'\n",
      "description:\n  – try Adam\n  – compare\n  • and more\n",
    ] {
      #expect(Self.errors(try Self.spec("seed: 12\n", "seed: 12\n" + text)).isEmpty, "\(text)")
    }
    let comments = try Self.spec(
      "  - accuracy\n  - f1", "  - accuracy  # – main\n  # • the second\n  - f1")
    #expect(Self.errors(comments).isEmpty)
    #expect(ListDashSlipTests.refusal("a:\n  - -0.5\n  - \u{2212}1\nb: –1\nc: [–8, -16]\n") == nil)
    #expect(ListDashSlipTests.refusal("a:\n  –8\n  −0.5\n") == nil)
  }

  @Test func anItemIndentedPastItsDashAfterACommentOrBlankLineIsNamed() throws {
    for between in ["      # more\n", "\n", "      # more\n\n"] {
      let items = try Self.fixItsLoad(
        Self.spec("      - 8\n      - 16", "      - 8\n" + between + "        - 16"))
      #expect(items.count == 1)
      #expect(items.first?.message.contains("`- 16` is indented past the dash of line 24") == true)
      #expect(items.first?.message.contains("\n- 16") == false, "no line break in the message")
      #expect(
        items.first?.note == "the dashes of one list start in the same column (column 7): `- 16`")
      #expect(items.first?.fixIt == "      - 16")
    }
    let metrics = try Self.fixItsLoad(
      Self.spec("  - accuracy\n  - f1", "  - accuracy\n  # the second\n   - f1"))
    #expect(metrics.first?.location?.line == 20)
    #expect(metrics.first?.fixIt == "  - f1")
  }

  @Test func aStepWrittenBelowABareStepGetsItsOwnDash() throws {
    let steps = try Self.fixItsLoad(
      Self.spec("  split:", "  preprocessing:\n    - standardize\n      scale: 1/16\n  split:"))
    #expect(steps.count == 1)
    #expect(steps.first?.location?.line == 7)
    #expect(steps.first?.message.contains("the step `scale: 1/16` on line 7 has no dash") == true)
    #expect(steps.first?.fixIt == "    - scale: 1/16")
  }

  @Test func anIdeographicSpaceAfterAFlowKeysColonIsMadeASCII() throws {
    let layer = try Self.fixItsLoad(
      Self.spec("{units: 1, activation: sigmoid}", "{units:\u{3000}1, activation:\u{3000}sigmoid}"))
    #expect(layer.count == 1)
    #expect(layer.first?.fixIt == "    - {units: 1, activation: sigmoid}")
    #expect(layer.first?.note?.contains("followed by U+3000 IDEOGRAPHIC SPACE") == true)
  }
}
