import Foundation

/// A learning rate far too small, told from the pace the loss fell at when the run ended.
extension BiasVarianceDiagnosis {
  /// How many more steps the full-batch objective, falling at its last tenth's pace
  /// (`TrainingProgress.latePace`), takes to reach the baseline of a model that ignores its
  /// inputs (the mean's loss, a classifier's prior); nil when it ended at or below it, or the
  /// pace is not known.
  var stepsToBaseline: Double? {
    guard let progress, let pace = progress.latePace,
      let baseline = context.meanPredictionError ?? context.priorLoss, baseline > 0,
      progress.end > baseline
    else { return nil }
    return log(progress.end / baseline) / pace
  }

  /// The power of ten the learning rate is raised by when, at the pace the loss ended at, even
  /// a doubled budget would not bring it down to the baseline (`stepsToBaseline` over the run's
  /// steps): the rate, not the length, is what is wrong (tester BC 10: gd at 5e-05 on
  /// standardized inputs fell 0.03% a step, and three doublings of the iterations were advised
  /// before the rate). Nil otherwise, without a rate (L-BFGS), or on large unscaled inputs
  /// (`DiagnosisContext.featureScale`): there a weight may be at its stability limit while
  /// the bias crawls, and a larger rate diverges (primer 004's raw dial); standardizing comes
  /// first.
  var rateFactor: Double? {
    guard context.learningRate != nil, context.featureScale == nil, let steps = context.steps,
      steps > 0,
      let needed = stepsToBaseline, needed > Double(steps)
    else { return nil }
    return pow(10, max(1, (log10(needed / Double(steps))).rounded(.up)))
  }

  /// `a larger learning rate: …` when `rateFactor` says the rate is far too small; nil
  /// otherwise.
  var slowRateAdvice: String? {
    guard let factor = rateFactor, let rate = context.learningRate, let progress,
      let pace = progress.latePace, let needed = stepsToBaseline,
      let baseline = context.meanPredictionError ?? context.priorLoss
    else { return nil }
    let what = progress.penalized ? "the training cost" : "the training loss"
    let model =
      context.meanPredictionError == nil
      ? "predicting the class frequencies" : "predicting the mean"
    return "a larger learning rate: \(what) fell only \(Self.percent(1 - exp(-pace))) per step at "
      + "the end of the run, so it would take about \(Int((min(needed, 1e15) / 100).rounded(.up)) * 100) more steps "
      + "to reach \(model) (\(Self.short(baseline))): raise `optimizer.learning_rate` from "
      + "\(Self.spec(rate)) to \(Self.advised(rate * factor)) (if the loss then rises, halve it)"
  }
}
