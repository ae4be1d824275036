import Foundation
import Testing

@testable import Specs

/// A list item's dash without its space, a stray or misaligned dash, and U+3000 indentation:
/// each named at its line with a fix-it that reads; negative values are no slip.
@Suite struct ListDashSlipTests {
  /// The error `text` is refused with, or nil when it is read.
  static func refusal(_ text: String) -> Diagnostic? {
    if case .failure(let error) = YAMLReader(file: "t", text: text).read() {
      return error.diagnostic
    }
    return nil
  }

  @Test func negativeValuesAreNoSlip() {
    #expect(Self.refusal("a:\n  - -0.5\n  - 0.3\nb: -1\nc:\n  -1\n") == nil)
    #expect(Self.refusal("a: [-8, -16]\nb:\n- -2\n- -3\n") == nil)
  }

  @Test func foldedDashesAreNamedAtTheDashWithoutItsSpace() throws {
    let folded = try #require(Self.refusal("axis:\n  -8\n  - 16\n"))
    #expect(folded.message.contains("`-8` has no space after its '-'"))
    #expect(folded.message.contains("('-8 - 16')"))
    #expect(folded.location?.line == 2)
    #expect(folded.fixIt == "  - 8")
    let item = try #require(Self.refusal("metrics:\n- accuracy\n -f1\n"))
    #expect(item.location?.line == 3)
    #expect(item.fixIt == "- f1")
    #expect(item.note?.contains("start in the same column (column 1)") == true)
  }

  @Test func aLaterItemWithoutItsSpaceIsNoKey() throws {
    let value = try #require(Self.refusal("axis:\n  - 0.1\n  -0.01\n"))
    #expect(value.message.contains("`-0.01` has no space after its '-'"))
    #expect(value.fixIt == "  - 0.01")
    let flow = try #require(Self.refusal("layers:\n  -{units: 8, activation: relu}\n"))
    #expect(flow.fixIt == "  - {units: 8, activation: relu}")
  }

  @Test func aMisalignedDashIsToldToLineUp() throws {
    let dash = try #require(Self.refusal("p:\n  axis:\n    - 0.1\n  - 0.01\n"))
    #expect(dash.location?.line == 4)
    #expect(dash.note?.hasPrefix("the items of one list start in the same column") == true)
    #expect(dash.fixIt == "    - 0.01")
  }

  @Test func aMisalignedItemOfSeveralLinesMovesEveryLine() throws {
    let layers = "model:\n  layers:\n    - units: 8\n      activation: relu\n"
    for (item, line) in [
      ("  - units: 1\n    activation: sigmoid\n", 5),
      ("      - units: 1\n        activation: sigmoid\n", 5),
      ("   - units: 1\n     # output\n     activation: sigmoid\n", 5),
    ] {
      let dash = try #require(Self.refusal(layers + item + "loss: mse\n"))
      #expect(dash.location?.line == line)
      let moved = try #require(dash.fixIt)
      #expect(moved.hasPrefix("    - units: 1\n"))
      #expect(moved.hasSuffix("\n      activation: sigmoid"))
      #expect(Self.refusal(layers + moved + "\nloss: mse\n") == nil)
    }
    // Up to the list's next item in its column, not into it.
    let next = try #require(
      Self.refusal(layers + "   - units: 4\n     activation: relu\n    - units: 1\n"))
    #expect(next.fixIt == "    - units: 4\n      activation: relu")
  }

  @Test func ideographicIndentationIsNamedAtItsLine() throws {
    let indent = try #require(
      Self.refusal(
        "model:\n  layers:\n    - units: 8\n\u{3000}\u{3000}\u{3000}activation: relu\n"
          + "    - units: 1\n"))
    #expect(indent.location?.line == 4)
    #expect(indent.message.contains("U+3000 IDEOGRAPHIC SPACE"))
    #expect(indent.fixIt == "      activation: relu")
    let colon = try #require(
      Self.refusal("layers:\n  - units: 8\n    activation:\u{3000}relu\n  - units: 1\n"))
    #expect(colon.fixIt == "    activation: relu")
  }

  @Test func aStrayDashSplittingALayerIsNamed() throws {
    let text = """
      name: s
      dataset:
        generator: {type: moons, samples: 100}
      model:
        type: mlp
        layers:
          - units: 8
          - activation: relu
          - units: 1
            activation: sigmoid
      loss: binary_cross_entropy
      optimizer: {type: adam, learning_rate: 0.01, epochs: 5}

      """
    var errors: [Diagnostic] = []
    do {
      _ = try SpecLoader.load(text: text, file: "t.yaml")
    } catch {
      errors = error.diagnostics.filter { $0.severity == .error }
    }
    #expect(errors.count == 1)
    #expect(errors.first?.message.hasPrefix("'activation' has its own dash") == true)
    #expect(errors.first?.fixIt == "      activation: relu")
  }
}
