import Specs
import Testing

@testable import Reports

/// The validation curve a remedy asks for loads when pasted under `report:`: a key path with an
/// index (`model.layers[0].dropout`) cannot stand unquoted in a flow mapping (tester BJ-2).
@Suite struct CurveAdvicePastesTests {
  @Test func everyCurveToTryLoadsUnderReport() throws {
    let spec = """
      dataset:
        generator: {type: moons, samples: 60}
        split: {train: 0.8, dev: 0.2}
        preprocessing: [{polynomial: 2}]
      model:
        type: mlp
        layers: [{units: 4, activation: relu, dropout: 0.1}, {units: 1, activation: sigmoid}]
      loss: binary_cross_entropy
      regularization: {l2: 0.01}
      optimizer: {type: adam, epochs: 2}

      """
    let curves = [
      ("model.layers[0].dropout", ["0.05", "0.1", "0.2"]),
      ("dataset.preprocessing[0].polynomial", ["1", "2", "3"]),
      ("regularization.l2", ["0", "0.01", "0.1"]),
    ]
    for (key, values) in curves {
      let advice = BiasVarianceDiagnosis.curveToTry(key, values: values)
      let pasted = try #require(advice.split(separator: "`").first.map(String.init))
      do {
        _ = try SpecLoader.load(text: spec + "report:\n  " + pasted + "\n", file: "s.yaml")
      } catch {
        Issue.record("\(advice): \(error.diagnostics)")
      }
    }
  }
}
