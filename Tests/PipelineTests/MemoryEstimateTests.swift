import Foundation
import Specs
import Testing

@testable import Pipeline

/// The memory estimate's terms that the measured peaks of `MemoryPeakTests` do not reach.
@Suite struct MemoryEstimateTests {
  /// A successive-halving trial holds its checkpoint's copies: parameters, early stopping's best,
  /// the optimizer's state and the row order, in 8-byte values and encoded,
  /// 16·((2 + state)·P + N) bytes.
  @Test func aCheckpointAddsItsCopies() throws {
    let text = """
      dataset: {generator: {type: moons, samples: 200}}
      model:
        type: mlp
        layers: [{units: 8, activation: relu}, {units: 1, activation: sigmoid}]
      optimizer: {type: adam, epochs: 3}

      """
    let loaded = try SpecLoader.load(text: text, file: "spec.yaml")
    let context = try ProjectContext(specPath: "spec.yaml", environment: [:], resultsRoot: "/tmp")
    let plain = MemoryEstimate.of(loaded, context: context)
    let saving = MemoryEstimate.of(loaded, context: context, checkpoint: true)
    // P = (2 + 1)·8 + (8 + 1)·1 = 33 parameters; Adam keeps 3 vectors of state; 200 rows.
    #expect(plain.checkpoint == 0 && saving.checkpoint == 16 * ((2 + 3) * 33 + 200))
    #expect(saving.needed == plain.needed + saving.checkpoint)
    #expect(
      saving.breakdown.contains("checkpoint 5.7 KB") && !plain.breakdown.contains("checkpoint"))
  }
}
