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

  @Test func aLineWithQuotesIsLeftAsItIs() {
    let line = #"dataset: {file: "a,b:c.csv", target:y}"#
    #expect(YAMLReader.spacedFlowKeys(line) == line)
  }
}
