import Foundation
import Testing

@testable import Specs

/// An mlp's output layer written without `units` gets the units its loss and the data take
/// (tester BK-8), and a hidden layer's key split off by a stray dash below a flow layer or the
/// output layer is named as that slip; each fix-it, pasted, loads.
@Suite struct OutputUnitsFixItTests {
  /// A moons (or `dataset`) spec whose layers are `layers` (lines at column 5) and loss `loss`.
  static func spec(
    _ layers: String, loss: String = "binary_cross_entropy",
    dataset: String = "generator: {type: moons, samples: 100}"
  ) -> String {
    """
    name: s
    dataset:
      \(dataset)
      split: {train: 0.8, dev: 0.2}
    model:
      type: mlp
      layers:
    \(layers)
    loss: \(loss)
    optimizer: {type: adam, learning_rate: 0.01, epochs: 5}

    """
  }

  /// The errors loading `text` gives.
  static func errors(_ text: String) -> [Diagnostic] {
    do {
      _ = try SpecLoader.load(text: text, file: "t.yaml")
      return []
    } catch {
      return error.diagnostics.filter { $0.severity == .error }
    }
  }

  @Test func aBinaryOutputLayerGetsOneUnit() throws {
    let layers = "    - {units: 8, activation: relu}\n    - activation: sigmoid"
    let error = try #require(Self.errors(Self.spec(layers)).first)
    #expect(error.message == "model.layers[1] has no 'units'")
    #expect(error.fixIt == "units: 1")
    let pasted = layers + "\n      " + (error.fixIt ?? "")
    #expect(Self.errors(Self.spec(pasted)).isEmpty)
  }

  @Test func aSoftmaxOutputLayerGetsTheClassesTheSpecShows() throws {
    let layers = "    - {units: 8, activation: relu}\n    - activation: softmax"
    let iris = try #require(
      Self.errors(Self.spec(layers, loss: "cross_entropy", dataset: "name: iris")).first)
    #expect(iris.fixIt == "units: 3")
    #expect(iris.note?.contains("3 classes of iris") == true)
    let pasted = layers + "\n      " + (iris.fixIt ?? "")
    #expect(Self.errors(Self.spec(pasted, loss: "cross_entropy", dataset: "name: iris")).isEmpty)
    // Only the data tells a file's classes: said in words, no number that may fail.
    let file = "file: data.csv\n  target: y"
    let csv = try #require(
      Self.errors(Self.spec(layers, loss: "cross_entropy", dataset: file)).first)
    #expect(csv.fixIt == nil)
    #expect(csv.note?.contains("the number of classes in the data") == true)
    // The key it misses, not its wording, tells the commands which layer the data sizes.
    #expect(csv.missingKey == "model.layers[1].units")
    #expect(SpecLoader.outputUnitsLeftToData([csv]) == 1)
    var reworded = csv
    reworded.message = "the output layer has no unit count"
    #expect(SpecLoader.outputUnitsLeftToData([reworded]) == 1)
    reworded.missingKey = "model.layers[1].activation"
    #expect(SpecLoader.outputUnitsLeftToData([reworded]) == nil)
  }

  @Test func aRegressionOutputLayerGetsOneUnitPerTargetColumn() throws {
    let layers = "    - {units: 8, activation: tanh}\n    - activation: identity"
    let data = "file: data.csv\n  target: [y1, y2]"
    let error = try #require(Self.errors(Self.spec(layers, loss: "mse", dataset: data)).first)
    #expect(error.fixIt == "units: 2")
    // A hidden layer keeps its example.
    let hidden = try #require(
      Self.errors(Self.spec("    - activation: relu\n    - {units: 1, activation: sigmoid}"))
        .first)
    #expect(hidden.fixIt == "units: 16")
  }

  @Test func aKeySplitOffAFlowLayerGoesBetweenItsBraces() throws {
    let layers =
      "    - {units: 8, activation: relu}\n    - dropout: 0.2\n"
      + "    - {units: 1, activation: sigmoid}"
    let error = try #require(Self.errors(Self.spec(layers)).first)
    #expect(error.message.hasPrefix("'dropout' has its own dash"))
    #expect(error.fixIt == "    - {units: 8, activation: relu, dropout: 0.2}")
    let pasted = (error.fixIt ?? "") + "\n    - {units: 1, activation: sigmoid}"
    #expect(Self.errors(Self.spec(pasted)).isEmpty)
  }

  @Test func dropoutSplitOffTheOutputLayerIsNamedWithoutAFixIt() throws {
    let flow = "    - {units: 8, activation: relu}\n    - {units: 1, activation: sigmoid}"
    for layers in [
      flow + "\n    - dropout: 0.2",
      "    - {units: 8, activation: relu}\n    - units: 1\n      activation: sigmoid\n"
        + "    - dropout: 0.2",
    ] {
      let errors = Self.errors(Self.spec(layers))
      #expect(errors.count == 1)
      #expect(errors.first?.message.hasPrefix("'dropout' has its own dash") == true)
      #expect(errors.first?.note?.contains("dropout applies to hidden layers") == true)
      #expect(errors.first?.fixIt == nil)
    }
  }
}
