/// A key that changes nothing in a spec, why, and what to do: the canonical spec leaves it out,
/// and a value written there is refused (`checkIneffectiveKeys`).
typealias InertKey = (path: SpecPath, why: String, note: String)

extension ExperimentSpec {
  /// The keys that change nothing in this spec (see `InertKey`).
  var inertKeys: [InertKey] {
    var keys: [InertKey] = []
    // Built only where they apply: a sweep lists the inert keys of every trial.
    func inert(
      _ paths: @autoclosure () -> [SpecPath], if applies: Bool = true,
      _ why: @autoclosure () -> String, note: String = ""
    ) {
      if applies { keys += paths().map { ($0, why(), "remove it" + note) } }
    }
    let split = dataset.split
    let holdOut = ", or hold out a part (e.g. dev: 0.2)"
    // A logreg's regression loss is refused at the loss (`checkLogregLoss`), as is a softmax
    // output's beside named classes (`checkIneffectiveKeys`): stratify would change nothing only
    // because of that refused value, so it is not named too (a follow-on error, with a remedy
    // that is not the one to take).
    let lossRefused = model.kind == .logreg || (model.hasSoftmaxOutput && dataset.classes != nil)
    // Only a classification loss reads class labels to stratify by; metrics that score 0/1
    // targets as classes do not make the split read them so (tester BQ-2).
    inert(
      ["dataset.split.stratify"], if: !loss.kind.isClassification && !lossRefused,
      "\(model.kind.rawValue) with the \(loss.kind.rawValue) loss trains on its targets as real values, so its split is never stratified"
        + (judgesClasses ? " (only a classification loss stratifies, whatever the metrics)" : ""),
      note: judgesClasses
        ? ", or train with a classification loss to keep class proportions in every part" : "")
    inert(
      ["dataset.split.stratify", "dataset.split.seed"], if: !split.shuffle,
      "with shuffle: false the parts are in file order, so nothing is drawn")
    inert(
      ["dataset.split.shuffle", "dataset.split.stratify", "dataset.split.seed"],
      if: [split.dev, split.test, split.trainDev].allSatisfy(\.isEmpty) && split.train == .rest,
      "the split holds out no part, so the training part is every row in file order", note: holdOut)
    if case .generator(let g) = dataset.source, !g.draws {
      inert(
        ["dataset.generator.seed"],
        "\(g.kind.rawValue) without noise draw nothing (their points are fixed)",
        note: ", or give a noise (e.g. noise: 0.1)")
    }
    inert(
      ["model.init", "record_every", "optimizer"], if: model.solver == .exact,
      "the exact solver computes the weights in one step, without an optimizer",
      note: ", or use solver: gd")
    inert(
      ["optimizer.schedule"], if: optimizer.kind == .lbfgs,
      "lbfgs does not use a learning-rate schedule")
    let layers = model.layers.indices.map { SpecPath("model.layers").appending(index: $0) }
    let optimizerKeys =
      ["learning_rate", "batch_size", "shuffle", "schedule", "early_stopping"]
      + optimizer.kind.parameters.map(\.key).filter { $0 != "weight_decay" }
    inert(
      optimizerKeys.map { SpecPath("optimizer").appending($0) } + ["record_every"]
        + layers.flatMap {
          [$0.appending("dropout"), $0.appending("normalization").appending("momentum")]
        },
      if: !optimizer.trains, "the budget is 0, so nothing trains",
      note: ", or give a budget (iterations or epochs)")
    inert(
      ["report.bias_variance.variance_threshold"],
      if: !dataset.hasDev && !dataset.hasTest && split.trainDev.isEmpty,
      "there is no held-out part (dev, test or train_dev) to measure variance on", note: holdOut)
    inert(
      ["report.bias_variance.bias_threshold"],
      if: !judgesClasses && (report.biasVariance.baseError ?? 0) == 0 && !usesNoiseFloor,
      "a regression's avoidable bias is judged relative to base_error, which is 0",
      note: ", or give base_error")
    inert(
      ["model.multiclass"],
      if: model.kind == .logreg && loss.kind == .binaryCrossEntropy && model.multiclass == .softmax
        && dataset.classesShown <= 2,
      "with binary_cross_entropy, softmax is a binary logistic regression (one sigmoid unit)",
      note: ", or use loss: cross_entropy for several classes")
    // `trials: 0` is BayesBatches.settings' spec, whose hash must keep `batch`.
    if let s = sweep, s.method == .bayes, s.startup >= s.trials, s.trials > 0 {
      inert(["sweep.batch"], "the random start takes all \(s.trials) trials, so TPE suggests none")
    }
    return keys
  }
}
