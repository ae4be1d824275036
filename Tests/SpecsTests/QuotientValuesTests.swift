import Testing

@testable import Specs

/// A key that reads a quotient (`scale: 1/16`) reads it as a sweep axis's value and as a
/// validation curve's, as in the file and in `--set` (tester BK-18: "got the string "1/16"…
/// remove the quotes", with no quotes written).
@Suite struct QuotientValuesTests {
  static let spec = """
    name: q
    dataset:
      generator: {type: linear, samples: 40}
      split: {train: 0.5, dev: 0.5}
      preprocessing: [{scale: 1/16}]
    model: {type: linreg, solver: exact}

    """

  @Test func aSweepAxisOfQuotientsLoads() throws {
    let text =
      Self.spec + "sweep:\n  parameters:\n    dataset.preprocessing[0].scale: [1/16, 0.5]\n"
    let loaded = try SpecLoader.load(text: text, file: "q.yaml")
    let axis = try #require(loaded.spec.sweep?.axes.first)
    var warnings: [Diagnostic] = []
    let trials = try SpecLoader.resolve(
      SpecLoader.trialTree(text: text, file: "q.yaml", options: .init()),
      combos: (axis.values ?? []).map { [(axis, $0)] }, file: "q.yaml", options: .init(),
      warnings: &warnings)
    #expect(trials.count == 2 && trials.allSatisfy { $0 != nil })
    let steps = "\(trials.map { $0?.spec.dataset.preprocessing })"
    #expect(steps.contains("0.0625"), "\(trials)")
  }

  @Test func aValidationCurveOfQuotientsLoadsAsTheirValues() throws {
    let text =
      Self.spec
      + "report:\n  validation_curve: {parameter: 'dataset.preprocessing[0].scale', "
      + "values: [1/16, 1/8]}\n"
    let loaded = try SpecLoader.load(text: text, file: "q.yaml")
    #expect(loaded.spec.report.validationCurve?.values == [.number(1.0 / 16), .number(1.0 / 8)])
  }

  /// A quoted quotient stays a string, refused as every quoted number is.
  @Test func aQuotedQuotientInTheFileIsStillAString() {
    let text = Self.spec.replacingOccurrences(of: "scale: 1/16", with: "scale: '1/16'")
    #expect(throws: SpecError.self) { try SpecLoader.load(text: text, file: "q.yaml") }
  }
}
