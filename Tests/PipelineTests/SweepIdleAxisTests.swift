import Specs
import Testing

@testable import Pipeline

/// A sweep axis whose key applies in none of the trials (`optimizer.momentum` on an adam spec)
/// changes nothing: refused at the axis with the reason the key written directly gets. An axis
/// that applies in some trials (beside an `optimizer.type` axis giving `momentum`) stays a note.
@Suite struct SweepIdleAxisTests {
  static let spec = """
    name: sw
    dataset: {generator: {type: moons, samples: 80, noise: 0.2}, split: {train: 0.7, dev: 0.3}}
    model: {type: mlp, layers: [{units: 6, activation: relu}, {units: 1, activation: sigmoid}]}
    optimizer: {type: adam, learning_rate: 0.01, epochs: 5, batch_size: 16}
    sweep:
      parameters:
        optimizer.momentum: [0.5, 0.9]

    """

  @Test func anAxisApplyingInNoTrialIsRefusedAtTheAxis() {
    #expect {
      _ = try SweepPlanner.plan(text: Self.spec, file: "sw.yaml")
    } throws: { error in
      let diagnostics = (error as! SpecError).diagnostics
      let d = diagnostics.first { $0.severity == .error }
      #expect(d?.location?.description == "sw.yaml:7:5")
      #expect(
        d?.message
          == "the sweep axis optimizer.momentum applies in none of the 2 trials, so it changes "
          + "nothing: 'momentum' is not allowed in optimizer: it does not apply to optimizer 'adam' "
          + "(it is for momentum, nesterov, rmsprop)", "\(diagnostics)")
      return true
    }
  }

  @Test func anAxisApplyingInSomeTrialsIsKept() throws {
    let text = Self.spec + "    optimizer.type: [adam, momentum]\n"
    let plan = try SweepPlanner.plan(text: text, file: "sw.yaml")
    #expect(plan.trials.count == 3)
  }
}
