import Foundation
import Pipeline
import Reports
import Testing

/// Tester BH F6: a learner's ReLU output on 0/1 blobs with mse. With seed 3 it dies after its
/// loss moved (it then predicts 0 for every row), and the advice names that first; trained at a
/// lower rate it lives, and the advice first says how to judge its classes.
@Suite struct ReluClassOutputTests {
  static let spec = """
    name: relu_output
    seed: 3
    dataset: {generator: {type: blobs, means: [[3, 4], [7, 6]], sizes: [50, 100], seed: 3}, split: {test: 0.2}}
    model: {type: mlp, layers: [{units: 16, activation: relu}, {units: 1, activation: relu}]}
    """

  func advice(_ overrides: [String]) throws -> [String] {
    let directory = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(Self.spec, in: directory)
    let folder = try TestProject.run(
      spec, resultsRoot: directory.appendingPathComponent("results"), overrides: overrides
    ).directory
    let row = try TestProject.row(folder, "bias_variance.csv")
    return (row["recommendations"] ?? "").components(
      separatedBy: BiasVarianceDiagnosis.recommendationSeparator)
  }

  @Test func anOutputThatDiedAfterMovingIsNamedFirst() throws {
    let advice = try advice([])
    #expect(
      advice.first?.hasPrefix(
        "an output that cannot die: the ReLU output gives 0 for every training row (it died "
          + "during training") == true, "\(advice)")
    #expect(
      advice.first?.hasSuffix("`activation: sigmoid` (the targets are 0/1: two classes)") == true)
  }

  @Test func aLiveReluOutputIsToldToJudgeClassesFirst() throws {
    let advice = try advice(["optimizer.learning_rate=0.001"])
    #expect(
      advice.first?.hasPrefix("to judge classes: the relu output fits 0/1 targets") == true,
      "\(advice)")
    // One sentence: its "; list `accuracy`" once split it in two at the separator.
    #expect(advice.first?.contains("give the output layer `activation: sigmoid`") == true)
  }
}
