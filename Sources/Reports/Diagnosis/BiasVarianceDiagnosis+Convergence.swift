import Conventions
import Foundation

/// The advice for training that failed (`trainingFailed`): what makes the training loss go
/// down, Andrew Ng's first step, before any remedy of bias or variance.
extension BiasVarianceDiagnosis {
  /// What makes a failed training's loss go down, as it applies to the spec: a random init for
  /// a network started symmetric, scaled features when they are large (first: at a rate that
  /// suits scaled inputs, lowering it only slows the same failure), a lower learning rate when
  /// the loss rose (naming how far when it rose a lot) or stopped falling above predicting the
  /// mean (or a classifier network stalled: at its prior loss, or barely moved from its start,
  /// `networkStalled`), training longer when it was
  /// still falling there (at any pace in full batches, never above its start), and a rate
  /// tenfold either way when it fell but little without rising (`crawlFraction`); a larger
  /// rate before training longer when even twice the run would not reach the baseline at the
  /// pace it ended at (`slowRateAdvice`); a schedule that froze the steps (`scheduleAdvice`)
  /// instead of training longer.
  var convergenceAdvice: [String] {
    if verdict == .predictsMean { return meanSolveAdvice }
    if missedLeastSquares, !noBetterThanMean, progress?.rose != true { return leastSquaresAdvice }
    // No better than a model that ignores its inputs (the mean's loss, the prior's), or a
    // network that barely moved from its start.
    let atBaseline = noBetterThanMean || networkStalled
    var advice: [String] = []
    // An output that died after the loss moved: the cause the other advice would hide.
    if context.deadOutput, let progress, progress.end != progress.start {
      advice.append(diedOutputAdvice)
    }
    if let random = randomInitAdvice { advice.append(random.text) }
    if let scale = context.featureScale {
      advice.append(
        "standardize the features: add `- standardize` to `dataset.preprocessing` (inputs reach \(Self.short(scale)), and gradient descent wants them near −1…1)"
      )
    }
    // A schedule that froze the steps, unless the loss rose (a rate too large, which the
    // schedule only lowered): no longer run moves the weights (`trainingAdvice` says none).
    let frozen = progress?.rose != true ? scheduleAdvice : nil
    if let frozen { advice.append(frozen.text) }
    // Still falling: known from the records, or (too few records to tell) it ended below its start.
    let fell = context.training == .unknown && progress.map { $0.end < $0.start } == true
    let falling = atBaseline && (context.training == .stillImproving || fell)
    let rate = context.learningRate.map(Self.spec)
    // Fell but little, never above its start: a rate too small for every weight, or too large
    // for some (they swing back and forth while the others crawl), both do that.
    let crawled = progress.flatMap { p in
      !p.rose && p.end < p.start && p.start > 0 ? (p.start - p.end) / p.start : nil
    }.flatMap { $0 < Self.crawlFraction ? $0 : nil }
    // Fell a lot, never rose, and full batches still lowered it over the last tenth, however
    // slowly: a lower rate only slows it (primer 004's dial at 2.5e-05 ended worse at 2.5e-06).
    let slowing =
      atBaseline && !falling && crawled == nil
      && progress.map { !$0.rose && $0.fellLate } == true
    // Falling too slowly for a longer run to reach the baseline: the rate first (`rateFactor`).
    if falling, frozen == nil, let slow = slowRateAdvice { advice.append(slow) }
    if falling || slowing {
      advice += trainingAdvice(falling ? context.training : .stillImproving).map(\.text)
    }
    // A network whose loss never moved at all passes no gradient: no rate changes that.
    if let progress, progress.network, progress.end == progress.start, randomInitAdvice == nil {
      advice.append(Self.stuckAdvice(output: context.outputActivation))
    } else if frozen != nil {
      // The schedule, not the rate, stopped it: a lower or another rate would freeze alike.
    } else if let rate, let crawled, atBaseline, !falling, let value = context.learningRate {
      let what = progress?.penalized == true ? "the training cost" : "the training loss"
      advice.append(
        "another learning rate: \(what) fell by only \(Self.percent(crawled)) of its "
          + "start without ever rising, as a rate too small (slow steps) or too large for some "
          + "weights (they swing back and forth) both make it, so try `optimizer.learning_rate` "
          + "at \(Self.advised(value / 10)) and at \(Self.advised(value * 10)) instead of \(rate)")
    } else if let rate, let lower = context.learningRate.map({ Self.advised($0 / 10) }),
      progress?.rose ?? true || (atBaseline && !falling && !slowing)
    {
      advice.append(
        "a lower learning rate\(riseText): lower `optimizer.learning_rate` from \(rate) to \(lower)"
      )
    }
    // A stalled network without a learning rate (L-BFGS out of iterations): more of them.
    if advice.isEmpty, networkStalled, context.learningRate == nil {
      advice += trainingAdvice(.unknown).map(\.text)
    }
    if advice.isEmpty, let rate {
      advice.append(
        "check `optimizer.learning_rate` (\(rate)): the loss did not move, so raise it tenfold and look at `metrics.csv`"
      )
    }
    return advice
  }

  /// What brings a linear regression that stopped short of least squares (`missedLeastSquares`)
  /// there: standardized inputs when their scales are far from 1 or apart (`inputSpread`: a
  /// weight's gradient grows with its input's variance, so one learning rate that suits the bias
  /// leaves a weight on a tiny input crawling; primer 000's bmi, standard deviation 0.0476,
  /// reaches least squares in the same 10 000 iterations once standardized), else a larger
  /// learning rate or a longer run; then the exact solver, which needs no steps. A schedule
  /// that froze the steps (`scheduleAdvice`) comes first, instead of the larger rate or the
  /// longer run (tester BR-4).
  var leastSquaresAdvice: [String] {
    var advice: [String] = []
    // Frozen by its schedule, no larger rate or longer run gets there: the schedule first.
    if let schedule = scheduleAdvice { advice.append(schedule.text) }
    if let spread = context.inputSpread {
      advice.append(
        "standardize the features: add `- standardize` to `dataset.preprocessing` (\(Self.scales(spread)), "
          + "far from 1: a weight's gradient grows with its input's variance, so at a learning "
          + "rate that suits the bias the weights of small inputs crawl)")
    } else if scheduleAdvice == nil {
      let length =
        context.trainingLength.map { "`\(context.trainingLengthKey)` from \($0) to \($0 * 10)" }
        ?? "`\(context.trainingLengthKey)`"
      let rate =
        context.learningRate.map {
          "raise `optimizer.learning_rate` from \(Self.spec($0)) to \(Self.advised($0 * 10)) (if the loss then rises, halve it) or "
        } ?? "raise "
      advice.append(
        "a larger learning rate or a longer run: gradient descent stopped short of least squares, so \(rate)\(length)"
      )
    }
    advice.append(
      "the exact solver: `model.solver: exact`, with `optimizer` and `record_every` removed, solves least squares directly (no learning rate, no steps)"
    )
    return advice
  }

  /// The inputs' standard deviation (the same for all), or the range of them, each named.
  static func scales(_ spread: DiagnosisContext.InputSpread) -> String {
    func named(_ input: (name: String?, deviation: Double)) -> String {
      input.name.map { "\(short(input.deviation)) (\($0))" } ?? short(input.deviation)
    }
    return spread.smallest == spread.largest
      || spread.smallest.deviation == spread.largest.deviation
      ? "the inputs' standard deviation is \(named(spread.smallest))"
      : "the inputs' standard deviations range from \(named(spread.smallest)) to \(named(spread.largest))"
  }

  /// What to do for a network whose loss stayed exactly at its start (its units started apart):
  /// no gradient reaches its weights, so a learning rate does not matter.
  static func stuckAdvice(output: String?) -> String {
    let why =
      output == "relu"
      ? "the ReLU output gives 0 for every row (its inputs are all negative) and passes no "
        + "gradient: give the output layer `activation: identity` (a regression) or `sigmoid` "
        + "(two classes)"
      : "its units are dead (ReLU) or saturated (sigmoid, tanh on large inputs): standardize the "
        + "features, or start from another `model.init`"
    return "units that pass a gradient: the training loss never moved from its start, which no "
      + "learning rate changes, as \(why)"
  }

  /// What to do for a network whose ReLU output died during training (`deadOutput`) after its
  /// loss moved: an output layer that cannot die, `sigmoid` for 0/1 targets.
  var diedOutputAdvice: String {
    let output =
      context.unscoredClassOutput != nil
      ? "`activation: sigmoid` (the targets are 0/1: two classes)"
      : "`activation: identity` (a regression) or `sigmoid` (two classes)"
    return "an output that cannot die: the ReLU output gives 0 for every training row (it died "
      + "during training: the loss moved, then stayed where outputs of 0 put it) and passes no "
      + "gradient, so give the output layer \(output)"
  }

  /// A loss that stopped falling worse than predicting the mean, having fallen by less than this
  /// fraction of its start and never risen, crawled: its learning rate may be too small or too
  /// large, and both are advised.
  static let crawlFraction = 0.1

  /// `fraction` as a percentage to 3 significant digits, e.g. `2.32%`.
  static func percent(_ fraction: Double) -> String {
    CSVCell.format(Double(String(format: "%.3g", 100 * fraction)) ?? 0) + "%"
  }

  /// How far an unstable run's loss rose, e.g. ` (the training loss rose to 4.12e+03, 5946× its
  /// start)`; empty when it did not rise a lot.
  var riseText: String {
    guard let progress, progress.roseALot, progress.start > 0 else { return "" }
    let what = progress.penalized ? "the training cost" : "the training loss"
    return " (\(what) rose to \(Self.short(progress.peak)), \(progress.riseTimes)× its start)"
  }
}
