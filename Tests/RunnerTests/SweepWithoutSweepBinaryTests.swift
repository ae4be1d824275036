import Foundation
import Testing

/// `runner sweep` on a spec without a `sweep:` section is refused before anything runs (it ran
/// the spec as one trial, then refused the run's results folder as not a sweep's).
@Suite struct SweepWithoutSweepBinaryTests {
  @Test(arguments: [[], ["--dry-run"]])
  func aSpecWithoutSweepIsRefusedUpFront(_ extra: [String]) throws {
    let root = SweepBinary.temporaryDirectory("no sweep \(extra.count)")
    let spec = root.appendingPathComponent("line.yaml")
    try """
    dataset:
      generator: {type: linear, samples: 32, weights: [2], bias: 0.5, noise: 0.1}
    model: {type: linreg}
    loss: mse
    optimizer: {type: gd, learning_rate: 0.1, iterations: 5}
    """.write(to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results")
    let result = try SweepBinary.run(
      ["sweep", spec.path, "--results-dir", results.path] + extra)
    #expect(result.status == 64, "\(result.error)")
    // The command as the user ran it (here a SwiftPM build folder's: `swift run … runner`).
    #expect(
      result.error.contains("has no sweep: section, so there is nothing to sweep: run it with `"),
      "\(result.error)")
    #expect(result.error.contains("swift run "), "\(result.error)")
    #expect(result.error.contains(" runner run "), "\(result.error)")
    #expect(!result.output.contains("trial"), "\(result.output)")
    #expect(!FileManager.default.fileExists(atPath: results.path))
  }
}
