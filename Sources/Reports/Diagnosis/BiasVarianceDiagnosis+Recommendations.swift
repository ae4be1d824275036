import Conventions
import Foundation
import Vocabulary

/// Andrew Ng's remedies (deeplearning.ai's basic recipe): first make the training loss go down;
/// then for high bias a bigger network, training longer and another architecture; for high
/// variance more data, regularization and another architecture. Bias comes first: while it is
/// high, the variance remedies that cut capacity or strengthen regularization (and so raise the
/// training error) wait, and only more data is advised for variance. Each is phrased as a change
/// to the spec that fits the model and the task (an identity output for real targets, never a
/// sigmoid), and training longer is advised only while the training loss was still falling.
extension BiasVarianceDiagnosis {
  /// What to try next, as changes to the spec: the remedies for the verdict's problem first
  /// (for failed training only those), then what would let the diagnosis judge more.
  public var recommendations: [String] {
    if let splitAdvice { return [splitAdvice] }
    return trainingFailed ? convergenceAdvice : remedies
  }

  /// A split that left a class out of training is the one advice: its held-out rows are errors
  /// no remedy of bias or variance fixes (iris in class order, unshuffled: test accuracy 0, and
  /// the advice was stronger regularization).
  private var splitAdvice: String? {
    guard let untrained = context.untrainedClasses else { return nil }
    let (classes, rows, shuffled) = (untrained.classes, untrained.heldOutRows, untrained.shuffled)
    let names = classes.prefix(5).map(String.init).joined(separator: ", ")
    let one = classes.count == 1
    return "fix the split first: class\(one ? "" : "es") \(names)\(classes.count > 5 ? ", …" : "") "
      + "\(one ? "has" : "have") \(rows) held-out row\(rows == 1 ? "" : "s") but no training row, so "
      + "no model learns \(one ? "it" : "them"): "
      + (shuffled && untrained.stratified
        ? "give the training part more rows (the split is stratified already, and still no row "
          + "of \(one ? "it" : "them") fell to training)"
        : shuffled
          ? "stratify it (`dataset.split.stratify: true`) or give the training part more rows"
          : "shuffle it (`dataset.split.shuffle: true`): rows in file order put whole classes in "
            + "one part")
  }

  /// The remedies for the verdict (for a run of no steps, only to train it), then what would let
  /// the diagnosis judge more.
  private var remedies: [String] {
    var changes: [Remedy] = []
    if context.trainingLength == 0, hasHighBias || hasHighVariance {
      changes = [trainItAdvice]  // its initial weights say nothing of bias or variance
    } else {
      if hasHighBias { changes += biasRemedies }
      if hasHighVariance {
        changes += hasHighBias ? [moreDataAdvice, Self.varianceAfterBiasNote] : varianceRemedies
      }
    }
    // A value the validation curve keeps is no remedy: the others come first.
    var advice = Self.keptLast(changes)
    if let biasSamplingAdvice { advice.append(biasSamplingAdvice) }
    if let samplingAdvice { advice.append(samplingAdvice) }
    if let mismatchSamplingAdvice { advice.append(mismatchSamplingAdvice) }
    if hasDataMismatch == true {
      advice.append(
        "reduce data mismatch: make the training data more like the dev/test data (collect or synthesize similar examples) and check that `dataset.preprocessing` treats every split alike"
      )
    }
    // Still falling: training longer lowers the training error whatever the base error says.
    if !judgesBias, !hasHighVariance, context.training == .stillImproving {
      advice += trainingAdvice(.stillImproving).map(\.text)
    }
    if !judgesBias {
      advice.append(
        "judge bias: set `report.bias_variance.base_error` to the lowest loss any model could reach on this data, in the loss's units (for mse, the variance of the targets' noise)"
          + ", above 0: the thresholds are relative to it")
    }
    if !hasHighVariance && hasDataMismatch != true {
      if verdict == .notJudged, variance != nil, let few = fewRows {
        advice.append(moreRowsToJudge(few))
      } else if variance == nil, let rows = context.trainRows, rows < 10 {
        advice.append(Self.tooFewToHoldOut(rows))
      } else if variance == nil {
        advice.append(
          "add a `dev` or `test` split to the dataset so that variance can be measured, e.g. "
            + "`split: {train: 0.8, test: 0.2}` under `dataset`")
      } else if !beatsBaseError, !hasHighBias, judgesBias, samplingAdvice == nil,
        biasSamplingAdvice == nil, mismatchSamplingAdvice == nil
      {
        advice.append(Self.nothingStandsOut)
      }
    }
    if let output = context.unscoredClassOutput {
      advice.append(Self.unscoredClasses(output))
    }
    // Whatever the verdict: a note, not a change (the verdict's gap names it too).
    if beatsBaseError, variance != nil {
      advice.append(
        Self.checkBaseError + " (\(Self.spec(baseError))): the training error "
          + "(\(Self.short(trainError))) is below it, so either base_error is set too high (it "
          + "is the lowest error any model can reach) or the model fits its training rows "
          + "closer than that, which the held-out error then shows")
    }
    return advice
  }

  /// What lets a verdict be judged on `few` rows: more of them, from the generator's samples
  /// when it has the key.
  private func moreRowsToJudge(_ few: (train: Int, heldOut: Int)) -> String {
    let split = varianceSplit ?? "held-out"
    let how =
      context.generatedSamples.map { "raise `dataset.generator.samples` from \($0)" }
      ?? "give the data more rows, or the smaller part a bigger share of `dataset.split`"
    return "judge on more rows: \(Self.fewRowsText(few, split, stated: true)) (a gap of 0 on so "
      + "few rows is luck): \(how)"
  }

  /// Why a regression whose `output` unit fits 0/1 targets is judged in the loss's units, and
  /// how to judge its classes instead.
  static func unscoredClasses(_ output: String) -> String {
    "to judge classes: the \(output) output fits 0/1 targets, but `metrics` scores no class, so "
      + "this diagnosis is a regression's, in the loss's units; list `accuracy` in `metrics` to "
      + "judge its misclassified fraction (an output above 0.5 is class 1), `base_error` then "
      + "a fraction"
  }

  /// The advice of a run where neither gap is above its threshold: no change to try.
  public static let nothingStandsOut =
    "nothing stands out: train error is near the base error and held-out error near train error (lower the thresholds in `report.bias_variance` to look closer)"

  /// The recommendations `runner` prints under `try next`: the first `count` changes to the
  /// spec (more data, the note that variance waits for bias, the one that a tiny training set
  /// holds none out and the one to check a base error the training error is below are none;
  /// `bias_variance.csv` keeps them), none when nothing stands out.
  public func nextSteps(count: Int = 3) -> [String] {
    looksFine
      ? []
      : Array(
        recommendations.filter {
          $0 != Self.moreData && $0 != Self.varianceAfterBias
            && $0 != context.trainRows.map(Self.tooFewToHoldOut)
            && !$0.hasPrefix(Self.checkBaseError)
        }
        .prefix(count))
  }

  /// The start of the note that the training error is below the base error (a note, not a
  /// change to try: the gaps on the verdict's line say so too).
  static let checkBaseError = "check `report.bias_variance.base_error`"

  /// A value advice computes (a tenth of the spec's) to 6 significant digits, without float
  /// noise (a tenth of 0.85 is 0.085, not 0.08499999999999999); the spec's own value is named
  /// exactly (`spec`), as the spec holds it, and `bias_variance.csv`'s numbers stay exact.
  static func advised(_ value: Double) -> String {
    CSVCell.format(Double(String(format: "%.6g", value)) ?? value)
  }

  /// A value of the spec as advice names it: as the spec holds it (`from 0.0723322842795`).
  static func spec(_ value: Double) -> String { CSVCell.format(value) }

  /// Andrew Ng's first remedy for high variance, which no spec change brings.
  static let moreData = "more data: more training examples (or data augmentation)"

  /// More data: for generated data whose sample count is a key, that key (a spec change, so
  /// under `try next`); else `moreData`.
  var moreDataAdvice: Remedy {
    Remedy(
      name: "more data",
      text: moreSamples.map {
        "more data: raise `dataset.generator.samples` \($0) (four times the rows, for every split)"
      } ?? Self.moreData)
  }

  /// What a run of no steps is told, whatever its gaps: to train.
  private var trainItAdvice: Remedy {
    Remedy(
      name: "train it",
      text: "train it: raise `\(context.trainingLengthKey)` from 0 (this run only evaluated its "
        + "initial weights)")
  }

  /// Why no held-out split is advised for a training set of `rows` < 10 rows (no spec change, so
  /// not under `try next`).
  static func tooFewToHoldOut(_ rows: Int) -> String {
    "variance is not measured: \(rows) row\(rows == 1 ? " is" : "s are") too few to hold some out"
  }

  /// Why high variance gets no regularization or smaller model while bias is high.
  static let varianceAfterBias =
    "variance after bias: stronger regularization or a smaller model would raise the training error, so fix the high bias first, then run again and judge variance"

  /// `varianceAfterBias` among the remedies: a note, never named as coming first.
  static let varianceAfterBiasNote = Remedy(
    name: "variance after bias", text: varianceAfterBias, role: .note)

  /// What makes a failed training's loss go down, as it applies to the spec: a random init for
  /// a network started symmetric, scaled features when they are large (first: at a rate that
  /// suits scaled inputs, lowering it only slows the same failure), a lower learning rate when
  /// the loss rose (naming how far when it rose a lot) or stopped falling above predicting the
  /// mean (or a classifier network stalled: at its prior loss, or barely moved from its start,
  /// `networkStalled`), training longer when it was
  /// still falling there (at any pace in full batches, never above its start), and a rate
  /// tenfold either way when it fell but little without rising (`crawlFraction`).
  private var convergenceAdvice: [String] {
    if missedLeastSquares, !noBetterThanMean, progress?.rose != true { return leastSquaresAdvice }
    // No better than a model that ignores its inputs (the mean's loss, the prior's), or a
    // network that barely moved from its start.
    let atBaseline = noBetterThanMean || networkStalled
    var advice: [String] = []
    if let random = randomInitAdvice { advice.append(random.text) }
    if let scale = context.featureScale {
      advice.append(
        "standardize the features: add `- standardize` to `dataset.preprocessing` (inputs reach \(Self.short(scale)), and gradient descent wants them near −1…1)"
      )
    }
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
    if falling || slowing {
      advice += trainingAdvice(falling ? context.training : .stillImproving).map(\.text)
    }
    // A network whose loss never moved at all passes no gradient: no rate changes that.
    if let progress, progress.network, progress.end == progress.start, randomInitAdvice == nil {
      advice.append(Self.stuckAdvice(output: context.outputActivation))
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
  /// learning rate or a longer run; then the exact solver, which needs no steps.
  private var leastSquaresAdvice: [String] {
    var advice: [String] = []
    if let spread = context.inputSpread {
      func named(_ input: (name: String?, deviation: Double)) -> String {
        input.name.map { "\(Self.short(input.deviation)) (\($0))" } ?? Self.short(input.deviation)
      }
      let scales =
        spread.smallest == spread.largest || spread.smallest.deviation == spread.largest.deviation
        ? "the inputs' standard deviation is \(named(spread.smallest))"
        : "the inputs' standard deviations range from \(named(spread.smallest)) to \(named(spread.largest))"
      advice.append(
        "standardize the features: add `- standardize` to `dataset.preprocessing` (\(scales), "
          + "far from 1: a weight's gradient grows with its input's variance, so at a learning "
          + "rate that suits the bias the weights of small inputs crawl)")
    } else {
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
  private var riseText: String {
    guard let progress, progress.roseALot, progress.start > 0 else { return "" }
    let what = progress.penalized ? "the training cost" : "the training loss"
    return " (\(what) rose to \(Self.short(progress.peak)), \(progress.riseTimes)× its start)"
  }

  /// Dropout, and a penalty that holds a tenth or more of the final objective, are weakened
  /// first (they raise the training error by design, and a bigger model under them may only
  /// answer the most common class: the cat's MLP at l2 1 did), as is any penalty of a
  /// classifier that does; a lighter
  /// one (scikit-learn's C = 1) is weakened last. Between them, training longer when the loss
  /// was still falling (the cheapest fix), else a bigger model first; a network started
  /// symmetric gets a random init instead of more units.
  /// Early stopping that ended the run with a patience below the default (10 records) comes
  /// first (after a random init): its patience, not the model, may have stopped the training
  /// error from falling. A regression's base error under a thousandth of its training error is
  /// checked before all (likely not in the loss's units).
  var biasRemedies: [Remedy] {
    let capacity = randomInitAdvice.map { [$0] } ?? capacityAdvice
    let training = trainingAdvice(context.training)
    let rest = context.training == .stillImproving ? training + capacity : capacity + training
    let heavy = penaltyHoldsBack || !context.dropout.isEmpty
    var advice = heavy ? weakerRegularization + rest : rest + weakerRegularization
    if !context.isRegression, baseError == 0 {
      advice.append(
        Remedy(
          name: "check the base error",
          text: "check the base error: `report.bias_variance.base_error` is 0, which says some "
            + "model classifies every example right, but if the classes overlap, set it to the "
            + "least error any model (or a human) makes, and avoidable bias is measured above "
            + "that"))
    }
    // Only a patience below the default: once it waits 10 records, a bigger model comes first.
    if let patience = context.earlyStoppedPatience, patience < 10 {
      advice.insert(
        Remedy(
          name: "wait longer before stopping",
          text: "wait longer before stopping: early stopping ended training with the training "
            + "error still high, so raise `optimizer.early_stopping.patience` from \(patience) "
            + "to 10 (a small dev set's error is noisy and stops it early)"),
        at: randomInitAdvice == nil ? 0 : 1)
    }
    // First: a base error in the wrong units makes any model's bias look huge.
    if baseErrorInOtherUnits {
      advice.insert(
        Remedy(
          name: "check the base error",
          text: "check the base error: `report.bias_variance.base_error` "
            + "(\(Self.spec(baseError))) is under a thousandth of the training error "
            + "(\(Self.short(trainError))): a regression's is in the loss's units (for mse the "
            + "target's units squared, e.g. the variance of the targets' noise, for mae and huber "
            + "the target's units), the lowest loss any model could reach"), at: 0)
    }
    return advice
  }

  /// True when the penalty is what holds a high-bias model back, so weakening it is the first
  /// remedy (Andrew Ng's "decrease λ"): the spec penalizes the weights and its penalty term
  /// holds a tenth or more of the final objective, or the model is all but a constant (a
  /// classifier no better than its most common class, a regression within 5% of the mean
  /// predictor's loss: `DiagnosisContext.isAllButConstant`), or the L1 penalty alone makes zero
  /// weights its optimum. A strong penalty shrinks the weights until its own term is small (ridge
  /// at l2 1000 on diabetes: 0.27% of the objective, the training loss 0.5% below the mean's),
  /// so the share alone misses the very case it causes.
  var penaltyHoldsBack: Bool {
    guard context.hasPenalty else { return false }
    return (context.penaltyShare ?? 0) >= 0.1 || context.isNoBetterThanMajority(trainError)
      || context.isAllButConstant(trainError) || context.penaltyZeroesWeights == true
  }

  /// A random init for a network whose hidden units all start alike.
  private var randomInitAdvice: Remedy? {
    context.randomInit.map {
      Remedy(
        name: "a random init",
        text:
          "a random init: `model.init: \($0)` (started at zeros, every hidden unit of a layer stays identical to the others, so a bigger network cannot help)"
      )
    }
  }

  /// A bigger model: more of the data's columns, a network, more polynomial features.
  private var capacityAdvice: [Remedy] {
    var advice: [Remedy] = []
    if context.hiddenLayers == 0 {
      if !context.unusedColumns.isEmpty {
        let names = context.unusedColumns.prefix(8).joined(separator: ", ")
        let more = context.unusedColumns.count > 8 ? ", …" : ""
        advice.append(
          Remedy(
            name: "more input features",
            text:
              "more input features: add columns to `dataset.features` (the data also has \(names)\(more))"
          ))
      }
      advice.append(
        Remedy(
          name: "a bigger model",
          text:
            "a bigger model, a network with a hidden layer: `model: {type: mlp, layers: [{units: 16, activation: relu}, \(context.outputLayer)]}`"
        ))
    } else {
      advice.append(
        Remedy(
          name: "a bigger network",
          text:
            "a bigger network: more units in the hidden layers of `model.layers`, or another `{units: 32, activation: relu}` before the output"
        ))
    }
    if let degree = context.polynomialDegree {
      advice.append(
        Remedy(
          name: "more polynomial features",
          text:
            "more polynomial features: raise the `polynomial` step of `dataset.preprocessing` from \(degree) to \(degree + 1)"
        ))
    } else if context.hiddenLayers == 0, (context.inputFeatures ?? 0) <= 20 {
      advice.append(
        Remedy(
          name: "polynomial features",
          text:
            "polynomial features: add `- polynomial: 2` (followed by `- standardize`) to `dataset.preprocessing`"
        ))
    }
    // Given weights fit only the present shapes (blobs' explicit init refused `polynomial: 2`).
    let replaceInit = ", replacing `model.init` (its given weights fit only the present shapes)"
    return context.fixedInit ? advice.map { $0.appending(replaceInit) } : advice
  }

  /// Train longer and faster, unless training had converged (`training`).
  private func trainingAdvice(_ training: DiagnosisContext.Training) -> [Remedy] {
    let longer =
      context.trainingLength.map {
        "raise `\(context.trainingLengthKey)` from \($0) to \($0 * 2)"
      } ?? "raise `\(context.trainingLengthKey)`"
    // Only the type and rate change: a whole `optimizer:` mapping would drop the run's length.
    // The keys of the spec's optimizer that Adam does not declare go (momentum's `momentum`).
    let kind = context.optimizer.flatMap(OptimizerKind.init(rawValue:))
    let adamKeys = Set(OptimizerKind.adam.parameters.map(\.key))
    let dropped = (kind?.parameters ?? []).map(\.key).filter { !adamKeys.contains($0) }
    let keeps =
      "the rest of `optimizer`"
      + (dropped.isEmpty ? "" : " but its " + dropped.map { "`\($0)`" }.joined(separator: ", "))
    // Adam's mini-batches default to 32 rows: a full-batch rule's batch is kept by naming it.
    // In full batches its rate is 0.01, not torch's 0.001: with the budgets of the blobs, cat,
    // iris, xor, sine and diabetes specs, 0.01 ended at a lower training loss than 0.001 on all
    // six and below the spec's own optimizer on five; 0.001 ended above it on four (blobs: 0.42
    // against gd's 0.21). Mini-batches take torch's 0.001: primer 004's Fashion-MNIST network
    // (batch 64, 3 epochs) ended at training loss 0.302 with it, 0.387 at 0.01 and 0.373 with
    // its own SGD at 0.1 (test accuracy 0.868, 0.835, 0.849).
    // Adam moves each parameter about its rate per step (Kingma & Ba, 2015): the run's steps at
    // the rate must reach three times its largest parameter, which was still growing. Blobs'
    // SGD (300 steps of 32 rows) reached 1.39: Adam ended at training loss 1.93 at 0.001, 0.44 at
    // 0.01 and 0.22 at 0.1 (SGD: 0.39); Fashion-MNIST's largest weight, 0.58, is 1.74 against
    // 2814 steps' 2.8 at 0.001, its best rate.
    let rates = context.miniBatches ? [0.001, 0.01, 0.1] : [0.01, 0.1]
    let reaches = { (r: Double) in
      guard let steps = context.steps, let size = context.largestParameter else { return true }
      return Double(steps) * r >= 3 * size
    }
    // A network's rate is also held to `adamRateLimit`: on the course's 2-layer cat network
    // (12288 inputs, limit 0.0011) Adam at 0.1 or 0.01 killed the ReLU layer and ended above
    // gd's training loss in 100 full-batch steps (0.644 and 0.646 against 0.640); 0.001 ended
    // at 0.497 (0.003: 0.665, 0.0003: 0.581).
    var fitting = rates.first(where: reaches) ?? 0.1
    if let limit = context.adamRateLimit, fitting > limit {
      fitting = [0.0001, 0.001, 0.01].last { $0 <= limit } ?? 0.0001
    }
    let rate = Self.advised(fitting)
    let keys =
      if kind?.isFullBatch == true, let rows = context.trainRows {
        "`optimizer.type: adam`, `optimizer.learning_rate: \(rate)` and `optimizer.batch_size: \(rows)` (the full batch \(kind!.rawValue) takes)"
      } else {
        "`optimizer.type: adam` and `optimizer.learning_rate: \(rate)`"
      }
    let faster =
      kind?.adaptsItsSteps == true
      ? []
      : [
        Remedy(
          name: "a faster optimizer",
          text: "a faster optimizer, Adam: set \(keys), keeping \(keeps)")
      ]
    let train = { (text: String) in [Remedy(name: "train longer", text: text)] }
    switch training {
    case .converged: return []
    case .stillImproving:
      return train("train longer (the training loss was still falling): \(longer)") + faster
    case .unknown:
      return train(
        "train longer if the training loss is still falling (see `metrics.csv`): \(longer)")
        + faster
    }
  }

  /// More data first (Andrew Ng's first remedy), when generated data makes it one key, unless
  /// the validation curve has already found the strength to set (the cheaper fix); likewise a
  /// model size the spec's validation curve over it sets comes first.
  var varianceRemedies: [Remedy] {
    let regularization = strongerRegularization
    let curveSets = regularization.role == .setsCurveValue
    let advice =
      context.generatedSamples == nil || curveSets
      ? [regularization, moreDataAdvice] : [moreDataAdvice, regularization]
    var smaller: [Remedy] = []
    if context.hiddenLayers > 0 {
      smaller.append(
        capacityCurvePick("a smaller model", unitsOf: context.validationCurveParameter)
          ?? Remedy(
            name: "a smaller model",
            text: "a smaller model: fewer hidden layers or units in `model.layers`"))
    }
    if let degree = context.polynomialDegree, degree > 1 {
      smaller.append(
        capacityCurvePick("fewer polynomial features", degree: degree)
          ?? Remedy(
            name: "fewer polynomial features",
            text:
              "fewer polynomial features: lower the `polynomial` step of `dataset.preprocessing` from \(degree) to \(degree - 1)"
          ))
    }
    let sets = smaller.filter { $0.role == .setsCurveValue }
    return sets + advice + smaller.filter { $0.role != .setsCurveValue }
  }

  /// The advice on the polynomial degree when the spec's validation curve varies the
  /// `polynomial` step (`dataset.preprocessing[i].polynomial`, now `degree`): the curve's pick,
  /// the smallest degree within one standard error of its lowest held-out error; nil otherwise.
  private func capacityCurvePick(_ remedy: String, degree: Int) -> Remedy? {
    guard let key = context.validationCurveParameter, key.hasPrefix("dataset.preprocessing["),
      key.hasSuffix("].polynomial")
    else { return nil }
    return curvePick(remedy, key, now: Double(degree), subject: remedy, simpler: .smaller)
  }

  /// The advice on a layer's units when the spec's validation curve varies them
  /// (`model.layers[i].units`): the curve's pick, the fewest units within one standard error of
  /// its lowest held-out error; nil otherwise.
  private func capacityCurvePick(_ remedy: String, unitsOf key: String?) -> Remedy? {
    guard let key, key.hasPrefix("model.layers["), key.hasSuffix("].units"),
      let index = Int(key.dropFirst("model.layers[".count).dropLast("].units".count)),
      context.layerUnits.indices.contains(index)
    else { return nil }
    return curvePick(
      remedy, key, now: Double(context.layerUnits[index]), subject: remedy, simpler: .smaller)
  }
}
