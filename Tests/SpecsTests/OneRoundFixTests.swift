import Testing

@testable import Specs

/// One mistake takes one edit-run round (tester BC F6a): a sigmoid unit with
/// binary_cross_entropy on three classes found in the data is told the loss and the output
/// layer at once, each with its fix-it, and the spec with both applied passes.
@Suite struct OneRoundFixTests {
  static let spec = """
    dataset: {file: iris.csv, target: target}
    model:
      type: mlp
      layers:
        - {units: 8, activation: relu}
        - {units: 1, activation: sigmoid}
    loss: binary_cross_entropy

    """

  static func checked(_ text: String, classes: Int = 3) throws -> [Diagnostic] {
    SpecLoader.check(try load(text).get(), against: DataFacts(classes: classes, targetColumns: 1))
  }

  @Test func theLossAndTheOutputLayerComeInOneRound() throws {
    let rendered = DiagnosticRenderer().render(try Self.checked(Self.spec))
    #expect(
      rendered == """
        spec.yaml:7:7: error: binary_cross_entropy with 3 classes in the data; a sigmoid output tells two classes apart
          7 | loss: binary_cross_entropy
            |       ^
        note: use cross_entropy with a softmax output layer of 3 units
        fix-it: loss: cross_entropy
        spec.yaml:6:7: error: cross_entropy needs a softmax output layer of 3 units, one per class in the data (the output layer is 1 sigmoid unit)
          6 |     - {units: 1, activation: sigmoid}
            |       ^
        note: softmax is fused with the log-likelihood for stability
        fix-it: {units: 3, activation: softmax}

        """)
    let fixed = Self.spec.replacingOccurrences(
      of: "{units: 1, activation: sigmoid}", with: "{units: 3, activation: softmax}"
    ).replacingOccurrences(of: "binary_cross_entropy", with: "cross_entropy")
    #expect(try Self.checked(fixed).isEmpty)
  }

  /// Only the loss applied: the layer's error is at the layer with its fix-it (it was at the
  /// loss with none, then `softmax needs at least 2 units`, then the units: three rounds).
  @Test func crossEntropyOnASigmoidUnitIsFixedAtTheLayerOnceTheClassesAreKnown() throws {
    let half = Self.spec.replacingOccurrences(of: "binary_cross_entropy", with: "cross_entropy")
    // The spec alone cannot tell the units: the data's check says them.
    #expect(try load(half).get().warnings.isEmpty)
    let rendered = DiagnosticRenderer().render(try Self.checked(half))
    #expect(
      rendered == """
        spec.yaml:6:7: error: cross_entropy needs a softmax output layer of 3 units, one per class in the data (the output layer is 1 sigmoid unit)
          6 |     - {units: 1, activation: sigmoid}
            |       ^
        note: softmax is fused with the log-likelihood for stability
        fix-it: {units: 3, activation: softmax}

        """)
  }
}
