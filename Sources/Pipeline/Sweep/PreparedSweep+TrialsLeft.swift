import Foundation

extension PreparedSweep {
  /// Whether a run of this sweep with `options` trains any trial: one not complete (or failed,
  /// with `retryFailed`) in a grid's or random search's shard, a rung or bracket not complete,
  /// a Bayes batch not complete or still to come. True when it cannot tell (and whenever a
  /// sweep other than a grid or random search retries failed trials): "nothing runs" is said
  /// only when sure.
  func hasTrialsLeft(_ options: SweepOptions) -> Bool {
    let method = plan.base.spec.sweep?.method
    if options.retryFailed, method == .bayes || method?.isAdaptive == true || halving != nil {
      return true
    }
    if method == .bayes {
      // The last batch is reached only once the ones before it are complete.
      guard let state = try? BayesRunner.replay(self, options: options) else { return true }
      return !state.isComplete || state.batch + 1 < state.plan.sizes.count
    }
    if method == .hyperband {
      guard let brackets = try? bracketProgress() else { return true }
      return brackets.contains { Self.rungsLeft($0.plan, $0.complete) }
    }
    if let rungs = halving {
      guard let complete = try? HalvingRunner.progress(self, rungs) else { return true }
      return Self.rungsLeft(rungs, complete)
    }
    return shardTrials.contains { shouldRun($0, retryFailed: options.retryFailed) }
  }

  /// Whether a rung of `rungs` is not known complete: its trials not chosen yet (`nil`), or
  /// fewer complete than it plans.
  private static func rungsLeft(_ rungs: HalvingRungs, _ complete: [Int?]) -> Bool {
    zip(rungs.rungs, complete).contains { rung, done in (done ?? -1) < rung.trials }
      || complete.count < rungs.rungs.count
  }
}
