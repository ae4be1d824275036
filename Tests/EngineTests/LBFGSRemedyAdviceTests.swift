import Engine
import Testing

/// What L-BFGS's warning tells a learner to change (tester BB F11, F12 and the nit on
/// `1000000000000.0`).
@Suite struct LBFGSRemedyAdviceTests {
  static let budget = StopReason.notConverged(iterations: 30, gradient: 2.4, tolerance: 1e-6)
  static let search = StopReason.searchFailed(iteration: 26, gradient: 0.1, tolerance: 1e-6)

  /// F11: a spent budget offers scaled features exactly when the failed search does, in the
  /// same words.
  @Test func aSpentBudgetOffersScaledFeaturesAsAFailedSearchDoes() {
    for scaled in [false, true] {
      let inEffect = LBFGSInEffect(learningRate: 1, dtype: .float64, scaled: scaled)
      let budget = Self.budget.remedy(inEffect) ?? ""
      let search = Self.search.remedy(inEffect) ?? ""
      #expect(budget.contains("standardize the features") == !scaled, "\(budget)")
      #expect(search.contains("standardize the features") == !scaled, "\(search)")
      #expect(budget.hasPrefix("raise optimizer.iterations"), "\(budget)")
    }
    let raw = LBFGSInEffect(learningRate: 1, dtype: .float64, scaled: false)
    #expect(
      Self.budget.remedy(raw)
        == "raise optimizer.iterations, standardize the features or raise optimizer.tolerance")
    let scaled = LBFGSInEffect(learningRate: 1, dtype: .float64, scaled: true)
    #expect(Self.budget.remedy(scaled) == "raise optimizer.iterations or optimizer.tolerance")
  }

  /// F12: on a kinked loss the remedy is the cause, for either way of stopping short; no
  /// tolerance or budget is offered (they only label an arbitrary point converged).
  @Test func aKinkedLossIsTheOneRemedy() {
    for loss in LossKind.allCases {
      let inEffect = LBFGSInEffect(learningRate: 0.01, dtype: .float32, scaled: false, loss: loss)
      for reason in [Self.budget, Self.search] {
        let remedy = reason.remedy(inEffect) ?? ""
        #expect(remedy.hasPrefix("L-BFGS needs a smooth loss") == !loss.isSmooth, "\(remedy)")
        #expect(remedy.contains("tolerance") == loss.isSmooth, "\(remedy)")
      }
    }
    let expected: String =
      "L-BFGS needs a smooth loss (mae has kinks, so its gradient never vanishes): use huber or "
      + "mse, or a first-order optimizer such as adam for mae"
    #expect(StopReason.smoothLossRemedy(.mae) == expected)
    #expect(!LossKind.mae.isSmooth && LossKind.huber.isSmooth && LossKind.mse.isSmooth)
  }

  /// The nit: a large first step is named as it would be written, not `1000000000000.0`.
  @Test(arguments: [
    (1e12, "1e+12"), (1e-12, "1e-12"), (0.01, "0.01"), (0.0123456789, "0.0123456789"),
  ])
  func theFirstStepIsNamedAsWritten(_ rate: Double, _ text: String) {
    let remedy =
      Self.search.remedy(LBFGSInEffect(learningRate: rate, dtype: .float64, scaled: true)) ?? ""
    #expect(remedy.contains("optimizer.learning_rate 1 instead of \(text) ("), "\(remedy)")
  }
}
