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

  /// A key written beside a kind an axis sets is checked in the trials (`momentum` beside
  /// `type: adam` with an axis `[adam, momentum]` is the momentum trial's), but one that applies
  /// in none of them (`[adam, adamw]`) changes nothing: refused at the key, as an idle axis is.
  @Test func aKeyBesideASweptKindApplyingInNoTrialIsRefusedAtTheKey() throws {
    let written = Self.spec.replacingOccurrences(
      of: "batch_size: 16}", with: "batch_size: 16, momentum: 0.9}")
    let taken = written.replacingOccurrences(
      of: "optimizer.momentum: [0.5, 0.9]", with: "optimizer.type: [adam, momentum]")
    let plan = try SweepPlanner.plan(text: taken, file: "sw.yaml")
    #expect(
      plan.trials.filter { SpecWriter.writes(["optimizer.momentum"], in: $0.spec)[0] }.count == 1)
    let idle = written.replacingOccurrences(
      of: "optimizer.momentum: [0.5, 0.9]", with: "optimizer.type: [adam, adamw]")
    #expect {
      _ = try SweepPlanner.plan(text: idle, file: "sw.yaml")
    } throws: { error in
      let diagnostics = (error as! SpecError).diagnostics
      let d = diagnostics.first { $0.severity == .error }
      #expect(d?.location?.description == "sw.yaml:4:73", "\(diagnostics)")
      #expect(
        d?.message.hasPrefix(
          "optimizer.momentum applies in none of the 2 trials, so it changes nothing: "
            + "'momentum' is not allowed in optimizer: it does not apply to optimizer 'adam'")
          == true, "\(diagnostics)")
      return true
    }
  }

  /// A bayes sweep's later trials are drawn from the same values: an axis that no combination
  /// of the listed values makes apply is refused beside another axis too (tester O4), and one a
  /// listed value of another axis makes apply is kept, drawn or not in the random start.
  @Test func aBayesAxisApplyingInNoCombinationIsRefused() throws {
    let bayes = Self.spec.replacingOccurrences(
      of: "    optimizer.momentum: [0.5, 0.9]\n",
      with: "    optimizer.momentum: {uniform: [0.1, 0.9]}\n"
        + "    optimizer.learning_rate: {log_uniform: [0.001, 0.1]}\n"
    ).replacingOccurrences(of: "sweep:\n", with: "sweep:\n  method: bayes\n  trials: 12\n")
    #expect {
      _ = try SweepPlanner.plan(text: bayes, file: "sw.yaml")
    } throws: { error in
      (error as? SpecError)?.diagnostics.first?.message.hasPrefix(
        "the sweep axis optimizer.momentum applies in none of the 12 trials, so it changes "
          + "nothing: 'momentum' is not allowed in optimizer") == true
    }
    // One startup trial, drawn adam: momentum applies only with a type TPE may choose later.
    let typed =
      bayes.replacingOccurrences(of: "  trials: 12\n", with: "  trials: 12\n  startup: 1\n")
      + "    optimizer.type: [adam, momentum]\n"
    let plan = try SweepPlanner.plan(text: typed, file: "sw.yaml")
    #expect(plan.trials.count == 1)
  }

  @Test func anAxisApplyingInSomeTrialsIsKept() throws {
    let text = Self.spec + "    optimizer.type: [adam, momentum]\n"
    let plan = try SweepPlanner.plan(text: text, file: "sw.yaml")
    #expect(plan.trials.count == 3)
  }
}
