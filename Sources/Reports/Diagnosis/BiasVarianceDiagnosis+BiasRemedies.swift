import Foundation
import Vocabulary

/// The remedies for high bias: a weaker penalty when it holds the model back, a bigger model
/// (or a random init), training longer or faster, in the order that fits the run.
extension BiasVarianceDiagnosis {
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
  /// checked before all (likely not in the loss's units). A fit its optimizer stopped short
  /// of its tolerance is finished first (`unfinishedFitAdvice`, instead of training longer):
  /// its bias is not yet the model's; so is one whose schedule froze its training
  /// (`scheduleAdvice`), before training longer (which it rules out) or a bigger model.
  var biasRemedies: [Remedy] {
    let capacity = randomInitAdvice.map { [$0] } ?? capacityAdvice
    let training = unfinishedFitAdvice == nil ? trainingAdvice(context.training) : []
    let rest = context.training == .stillImproving ? training + capacity : capacity + training
    let heavy = penaltyHoldsBack || !context.dropout.isEmpty
    var advice = heavy ? weakerRegularization + rest : rest + weakerRegularization
    if let value = curveValueAdvice { advice.insert(value, at: 0) }
    // A model size (or another key, `curveValueAdvice`) the spec's validation curve over it sets
    // comes first, as for high variance.
    advice =
      advice.filter { $0.role == .setsCurveValue } + advice.filter { $0.role != .setsCurveValue }
    // A schedule that froze the training: its bias is not yet the model's.
    if let schedule = scheduleAdvice { advice.insert(schedule, at: 0) }
    if let finish = unfinishedFitAdvice { advice.insert(finish, at: 0) }
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

  /// Finishing a fit its optimizer left short of its tolerance, with the remedies its warning
  /// gives (Andrew Ng's recipe trains longer, or better, before it grows the model).
  var unfinishedFitAdvice: Remedy? {
    context.unfinishedFit.map {
      Remedy(
        name: "finish the fit",
        text: "finish the fit first (the optimizer stopped short of its tolerance, see "
          + "`stop_reason`, so the training error is not yet the model's): \($0)")
    }
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
  var randomInitAdvice: Remedy? {
    context.randomInit.map {
      Remedy(
        name: "a random init",
        text:
          "a random init: `model.init: \($0)` (started at zeros, every hidden unit of a layer stays identical to the others, so a bigger network cannot help)"
      )
    }
  }

  /// A bigger model: more of the data's columns, a network, more polynomial features.
  var capacityAdvice: [Remedy] {
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
        capacityCurvePick("the hidden units", unitsOf: context.validationCurveParameter)
          ?? Remedy(
            name: "a bigger network",
            text:
              "a bigger network: more units in the hidden layers of `model.layers`, or another `{units: 32, activation: relu}` before the output"
          ))
    }
    if let degree = context.polynomialDegree {
      // The spec's curve over the degree is read on this side too: its pick, not one degree
      // up (the curve's degree 2 did worse than 1, and its lowest, 3, was never named). No
      // step past the largest degree the spec accepts (10 → 11 was refused: AV F8).
      let highest = PreprocessingStep.polynomialDegrees.bounds.high ?? .infinity
      if let pick = capacityCurvePick("the polynomial degree", degree: degree) {
        advice.append(pick)
      } else if Double(degree + 1) <= highest {
        advice.append(
          Remedy(
            name: "more polynomial features",
            text:
              "more polynomial features: raise the `polynomial` step of `dataset.preprocessing` from \(degree) to \(degree + 1)"
          ))
      }
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

  /// Train longer and faster, unless training had converged (`training`) or its schedule froze
  /// it (`DiagnosisContext.scheduleFreeze`: no longer run moves the weights, and Adam would
  /// keep the schedule).
  func trainingAdvice(_ training: DiagnosisContext.Training) -> [Remedy] {
    if context.scheduleFreeze != nil { return [] }
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
}
