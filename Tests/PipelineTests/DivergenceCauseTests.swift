import Foundation
import Testing

@testable import Pipeline

/// A divergence's help names what to change before the learning rate: a penalty that alone
/// overshoots (lr·l2 ≥ 2 with gd, lr·weight_decay ≥ 2 with adamw), and inputs still large after
/// a `scale` step (it counted as scaling them, whatever its factor).
@Suite struct DivergenceCauseTests {
  /// The help line of the run of `spec` (which must diverge).
  static func help(_ spec: String) throws -> String {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var csv = "x,y\n"
    for i in 0..<20 { csv += "\(i * 12),\(Double(i) / 10)\n" }
    try csv.write(
      to: directory.appendingPathComponent("pixels.csv"), atomically: true, encoding: .utf8)
    let path = try TestProject.writeSpec(spec, in: directory)
    let error = #expect(throws: PipelineError.self) {
      try TestProject.run(path, resultsRoot: directory)
    }
    return error?.description.split(separator: "\n").last.map(String.init) ?? ""
  }

  @Test func anOvershootingPenaltyIsNamed() throws {
    let l2 = try Self.help(
      """
      name: l2
      dataset: {generator: {type: linear, samples: 40, noise: 0.1}}
      model: {type: linreg}
      optimizer: {type: gd, learning_rate: 0.01, iterations: 50}
      regularization: {l2: 300}
      """)
    #expect(
      l2.hasPrefix(
        "help: `regularization.l2` (300) times the learning rate (0.01) is 3, at least 2, so the "
          + "penalty alone overshoots: each step multiplies the weights by 1 − 3 = -2; lower "
          + "`regularization.l2` (scikit-learn's C is l2 = 1/(C·m)); if it still diverges, lower "
          + "`optimizer.learning_rate`"), "\(l2)")
    let decay = try Self.help(
      """
      name: wd
      dataset: {generator: {type: linear, samples: 40, noise: 0.1}}
      model: {type: linreg}
      optimizer: {type: adamw, learning_rate: 0.01, epochs: 20, weight_decay: 300}
      """)
    #expect(
      decay.hasPrefix(
        "help: `optimizer.weight_decay` (300) times the learning rate (0.01) is 3, at least 2, so "
          + "the penalty alone overshoots: each step multiplies the weights by 1 − 3 = -2; lower "
          + "`optimizer.weight_decay`; if it still diverges"), "\(decay)")
  }

  @Test func inputsStillLargeAfterAScaleStepAreNamed() throws {
    let help = try Self.help(
      """
      name: doubled
      dataset:
        file: pixels.csv
        target: y
        preprocessing: [{scale: 2}]
      model: {type: linreg}
      optimizer: {type: gd, learning_rate: 0.1, iterations: 20}
      """)
    #expect(
      help.hasPrefix(
        "help: the inputs reach 456 after dataset.preprocessing's `scale: 2`: add "
          + "`- standardize`, or scale them to about ±1; if it still diverges, lower "
          + "`optimizer.learning_rate`"), "\(help)")
  }
}
