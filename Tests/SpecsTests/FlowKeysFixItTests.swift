import Testing

@testable import Specs

/// The fix-it of a flow mapping key without the space after its ':' mends every such key of the
/// line, and leaves quoted text alone.
@Suite struct FlowKeysFixItTests {
  @Test func everyKeyOfTheLineIsSpaced() {
    #expect(
      YAMLReader.spacedFlowKeys("layers: [{units: 4, activation:relu}, {units:1}]")
        == "layers: [{units: 4, activation: relu}, {units: 1}]")
  }

  @Test func keyPathsAreSpacedToo() {
    #expect(
      YAMLReader.spacedFlowKeys("parameters: {seed:[1,2], optimizer.learning_rate:[0.1,0.01]}")
        == "parameters: {seed: [1,2], optimizer.learning_rate: [0.1,0.01]}")
    #expect(
      YAMLReader.spacedFlowKeys("parameters: {seed: [1], model.layers[0].units:[4,8]}")
        == "parameters: {seed: [1], model.layers[0].units: [4,8]}")
  }

  @Test func aLineWithQuotesIsLeftAsItIs() {
    let line = #"dataset: {file: "a,b:c.csv", target:y}"#
    #expect(YAMLReader.spacedFlowKeys(line) == line)
  }
}
