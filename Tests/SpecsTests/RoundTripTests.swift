import Foundation
import Testing

@testable import Specs

@Suite struct RoundTripTests {
  @Test(arguments: experimentSpecs())
  func explainOutputResolvesToTheSameSpec(_ path: String) throws {
    let loaded = try SpecLoader.load(file: path.relativeToRoot)
    let explained = SpecWriter.explain(loaded)
    let again = try SpecLoader.load(text: explained, file: path.relativeToRoot)
    #expect(again.spec == loaded.spec)
    // And the canonical text is a fixed point.
    #expect(SpecWriter.canonical(again.spec) == SpecWriter.canonical(loaded.spec))
  }

  @Test func catExplainShowsOrigins() throws {
    let loaded = try SpecLoader.load(
      text: String(contentsOfFile: "experiments/cat.yaml".relativeToRoot, encoding: .utf8),
      file: "experiments/cat.yaml",
      options: SpecOptions(overrides: ["optimizer.learning_rate=0.01"]))
    let text = SpecWriter.explain(loaded)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(
      lines.contains {
        $0.hasPrefix("dtype: float64 ") && $0.hasSuffix("# experiments/cat.yaml:10")
      })
    // Nothing in cat.yaml is random: its seed changes nothing, so it is left out.
    #expect(!lines.contains { $0.hasPrefix("seed:") })
    #expect(
      lines.contains {
        $0.hasPrefix("  learning_rate: 0.01 ")
          && $0.hasSuffix("# --set optimizer.learning_rate=0.01")
      })
    #expect(lines.contains { $0.hasPrefix("  l2: 0.0 ") && $0.hasSuffix("# default") })
  }

  /// A `--set` value written over two lines is commented on one: the output stays a spec.
  @Test func explainOfAMultiLineOverrideResolvesToTheSameSpec() throws {
    let loaded = try SpecLoader.load(
      text: "dataset: {generator: {type: moons}}\nmodel: {type: logreg}", file: "m.yaml",
      options: SpecOptions(overrides: ["optimizer={type: adam,\nlearning_rate: 0.5}"]))
    let again = try SpecLoader.load(text: SpecWriter.explain(loaded), file: "m.yaml")
    #expect(again.spec == loaded.spec)
  }
}
