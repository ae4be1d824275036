import Foundation
import Testing

@testable import Specs

/// A key on its own line indented below a one-line flow mapping (`report: {bias_variance: {}}`
/// then `  validation_curve: {…}`) is named at the key, with the keys merged into the braces as
/// the fix-it, which loads (tester BK-14).
@Suite struct KeyBelowFlowMappingTests {
  static let spec = """
    name: s
    dataset:
      generator: {type: moons, samples: 100}
      split: {train: 0.5, dev: 0.5}
    model:
      type: mlp
      layers:
        - {units: 8, activation: relu, dropout: 0.2}
        - {units: 1, activation: sigmoid}
    loss: binary_cross_entropy
    optimizer: {type: adam, learning_rate: 0.01, epochs: 5}
    report: {bias_variance: {}}

    """

  /// The error `text` is refused with, or nil when it is read.
  static func refusal(_ text: String) -> Diagnostic? {
    if case .failure(let error) = YAMLReader(file: "t", text: text).read() {
      return error.diagnostic
    }
    return nil
  }

  @Test func aCurveBelowAFlowReportMergesIntoItsBraces() throws {
    let curve = "validation_curve: {parameter: 'model.layers[0].dropout', values: [0.1, 0.2]}"
    let text = Self.spec.replacingOccurrences(
      of: "report: {bias_variance: {}}\n", with: "report: {bias_variance: {}}\n  \(curve)\n")
    let error = try #require(Self.refusal(text))
    #expect(error.location?.line == 13)
    #expect(error.message.contains("'validation_curve' is indented below `report` (line 12)"))
    #expect(error.fixIt == "report: {bias_variance: {}, \(curve)}")
    let pasted = Self.spec.replacingOccurrences(
      of: "report: {bias_variance: {}}", with: error.fixIt ?? "")
    let loaded = try SpecLoader.load(text: pasted, file: "t.yaml")
    #expect(loaded.spec.report.validationCurve?.values.count == 2)
  }

  @Test func anyKeyOrListItemBelowItsFlowMappingIsNamed() throws {
    let split = try #require(Self.refusal("dataset:\n  split: {train: 0.5}\n    dev: 0.5\n"))
    #expect(split.location?.line == 3)
    #expect(split.fixIt == "  split: {train: 0.5, dev: 0.5}")
    #expect(split.note?.contains("move line 3 into them (the fix-it replaces line 2)") == true)
    // Two keys below: the note names both their lines (tester BM-1: "lines 3-3").
    let two = try #require(
      Self.refusal("dataset:\n  split: {train: 0.5}\n    dev: 0.3\n    test: 0.2\n"))
    #expect(two.fixIt == "  split: {train: 0.5, dev: 0.3, test: 0.2}")
    #expect(two.note?.contains("move lines 3-4 into them") == true, "\(two.note ?? "")")
    let item = try #require(
      Self.refusal("layers:\n  - {units: 8, activation: relu}\n    dropout: 0.2\n"))
    #expect(item.message.contains("below the list item of line 2"))
    #expect(item.fixIt == "  - {units: 8, activation: relu, dropout: 0.2}")
    // A key path holding '[' is quoted between the braces.
    let path = try #require(
      Self.refusal("sweep:\n  parameters: {seed: [1, 2]}\n    model.layers[0].units: [4, 8]\n"))
    #expect(path.fixIt == "  parameters: {seed: [1, 2], 'model.layers[0].units': [4, 8]}")
    // A key whose value is a block below it: named, no one-line fix-it.
    let block = try #require(
      Self.refusal("report: {bias_variance: {}}\n  validation_curve:\n    values: [1]\n"))
    #expect(block.message.contains("'validation_curve' is indented below `report`"))
    #expect(block.fixIt == nil)
  }

  @Test func aKeyTheFlowMappingDoesNotTakeIsMovedBesideIt() throws {
    let seed = try #require(
      Self.refusal("name: s\noptimizer: {type: gd, learning_rate: 0.1}\n  seed: 3\n"))
    #expect(seed.message.contains("'seed' is no key of optimizer"))
    #expect(seed.fixIt == "seed: 3")
  }
}
