/// When training failed, so the diagnosis judges no bias or variance: the loss no lower than a
/// model that ignores its inputs, short of least squares, stalled, or unstable.
extension BiasVarianceDiagnosis {
  /// True when training failed: the training error is not below predicting the training mean
  /// (`noBetterThanMean`), a classifier network's loss stalled at its prior or barely moved
  /// (`networkStalled`), the loss made no progress, or it rose a lot (above
  /// `TrainingProgress.riseFactor` times its start: unstable) and the model underfits, overfits
  /// or bias cannot be judged (a regression without a base error: the rise alone fails it); the
  /// gaps of an unstable run say little of bias and variance, and only one that fit well (low
  /// bias and variance) is judged as usual.
  public var trainingFailed: Bool {
    if context.trainingLength == 0 { return false }  // nothing trained: the model as given
    if noBetterThanMean || missedLeastSquares || networkStalled { return true }
    guard let progress else { return false }
    return progress.madeNoProgress
      || (progress.roseALot && (biasExceedsThreshold || varianceExceedsThreshold || !judgesBias))
  }

  /// True when a gradient-descent linear regression's final training objective is above the
  /// least-squares optimum of the same objective on the same rows (`context.leastSquares`) by
  /// more than `leastSquaresTolerance` of it, and by more than a thousandth of predicting the
  /// targets' mean (so a noise-free fit's last digits do not count): it stopped short of the
  /// fit the model can reach, and its gaps say little of bias or variance (primer 000's bmi at
  /// learning rate 0.001: training loss 5776 after 10 000 iterations, least squares 3955).
  public var missedLeastSquares: Bool {
    guard let reach = context.leastSquares else { return false }
    let gap = reach.reached - reach.optimum
    return gap > Self.leastSquaresTolerance * reach.optimum
      && gap > 1e-3 * (context.meanPredictionError ?? 0)
  }

  /// How far above the least-squares optimum, as a fraction of it, a linear regression's final
  /// training objective may end and still count as converged: 1%, the figures' first two
  /// digits (scikit-learn's SGDRegressor stops on a 0.001 absolute tolerance, which says
  /// nothing of the targets' units).
  public static let leastSquaresTolerance = 0.01

  /// True when a regression's training error is not below the loss of predicting the training
  /// targets' mean (`DiagnosisContext.isNoBetterThanMean`; for mse, a train R² at or below 0),
  /// and its penalty does not explain it.
  public var noBetterThanMean: Bool { context.isNoBetterThanMean(trainError) }

  /// True when a classifier network (hidden layers, or a ReLU output: `TrainingProgress.network`)
  /// whose weights no penalty holds (no `l2`, `l1` or `weight_decay`) has its training error above
  /// the base error by more than the threshold, and its training loss either ended at its prior
  /// loss (`DiagnosisContext.isAt(.prior)`) or barely moved from a random start
  /// (`TrainingProgress.barelyMoved`: by less than 1% of it, never rising): it did not train, so
  /// the learning rate (or the optimizer), not its size, is what to change. At its prior it
  /// learned next to nothing beyond the class frequencies, which a network of any size can
  /// (tester AF11: 8 ReLU units on moons at learning rate 1e-5 went 0.75396 → 0.75384 in 30
  /// epochs, above the prior's 0.693, and were told "a bigger network"); a random init can start
  /// it a few % below the prior, and a loss that then does not move says the same (tester AJ3:
  /// the same network at seed 4 went 0.647199 → 0.647137, 7% below ln 2, its accuracy unchanged).
  /// The classifier twin of `noBetterThanMean`. A linear or logistic model is judged as usual: its
  /// convex objective's optimum can be the prior itself (logistic regression on XOR, ln 2); so is
  /// a network under a penalty, which can be what holds it there (`penaltyHoldsBack`), and one
  /// started from given weights (`model.init` values or `from`), which may have trained already.
  public var networkStalled: Bool {
    guard let progress, progress.network, !progress.penalized, !context.hasPenalty,
      context.priorLoss != nil, biasExceedsThreshold
    else { return false }
    return context.isAt(.prior, loss: progress.end)
      || (progress.barelyMoved && !context.fixedInit)
  }
}
