import Foundation
import Specs
import Testing

@testable import Pipeline

/// `one_minus_log_uniform`: an axis whose `1 − value` is log-uniform, as momentum's
/// β = 1 − 10^r with r uniform in [−3, −1].
@Suite struct OneMinusLogUniformTests {
  static func spec(_ axis: String, method: String = "grid") -> String {
    """
    name: beta
    dataset: {generator: {type: moons, samples: 40}, split: {train: 0.75, dev: 0.25}}
    model: {type: logreg}
    optimizer: {type: momentum, iterations: 5}
    sweep:
      method: \(method)\(method == "grid" ? "" : "\n  trials: 400")
      parameters: {optimizer.momentum: \(axis)}
    """
  }

  @Test func aGridSpacesOneMinusTheValueGeometrically() throws {
    let plan = try SweepPlanner.plan(
      text: Self.spec("{one_minus_log_uniform: [0.9, 0.999], num: 3}"), file: "b.yaml")
    // Trials are listed by id (a hash of each trial's spec), so the values are compared sorted.
    #expect(
      plan.trials.map { $0.spec.optimizer.rule.settings.momentum }.sorted() == [0.9, 0.99, 0.999])
  }

  @Test func randomDrawsPutHalfTheTrialsAbove099() throws {
    let plan = try SweepPlanner.plan(
      text: Self.spec("{one_minus_log_uniform: [0.9, 0.999]}", method: "random"), file: "b.yaml")
    let betas = plan.trials.map { $0.spec.optimizer.rule.settings.momentum }
    #expect(betas.count == 400 && betas.allSatisfy { (0.9...0.999).contains($0) })
    // log10(1 − β) uniform in [−3, −1]: P(β < 0.95) = (log10 0.05 + 1)/−2 ≈ 15%, P(β > 0.99) = 50%.
    let below = Double(betas.filter { $0 < 0.95 }.count) / 400
    let above = Double(betas.filter { $0 > 0.99 }.count) / 400
    #expect(abs(below - 0.1505) < 0.05 && abs(above - 0.5) < 0.07, "\(below) \(above)")
  }

  @Test func theSpecWritesTheAxisBackAsItWasRead() throws {
    let text = Self.spec("{one_minus_log_uniform: [0.9, 0.999], num: 4}")
    let loaded = try SpecLoader.load(text: text, file: "b.yaml")
    let canonical = SpecWriter.canonical(loaded.spec)
    #expect(canonical.contains("{one_minus_log_uniform: [0.9, 0.999], num: 4}"), "\(canonical)")
    #expect(try SpecLoader.load(text: canonical, file: "b.yaml").spec == loaded.spec)
  }

  @Test func tpeModelsTheAxisInLogOfOneMinusTheValue() throws {
    let axis = SweepAxis(
      path: "optimizer.momentum", domain: .oneMinusLogUniform(low: 0.9, high: 0.999, count: nil))
    let model = TPEAxis(axis)
    #expect(model.point(.number(0.99)) == Foundation.log(0.01))
    #expect(model.value(Foundation.log(0.001)) == .number(0.999))
    #expect(model.value(0) == .number(0.9))
    #expect(model.point(.number(1)) == nil)
  }
}
