import Conventions

extension SpecValidator {
  /// Rules on the model's outputs against the classes and target columns found in the data.
  mutating func checkData(_ facts: DataFacts) {
    // Last, after every rule (some return early): said only when none refuses the spec.
    defer { warnManyClasses(facts) }
    checkInitShapes(facts)
    let loss = spec.loss.kind
    // The classes named after a count when there are few, so a stray label (`NA`) shows.
    let named = facts.classNames.flatMap { $0.count <= 10 ? $0 : nil }
    let listed = named.map { " (\($0.map(\.oneLine).joined(separator: ", ")))" } ?? ""
    if spec.dataset.classes == nil, let classes = facts.classes, let train = facts.trainSamples,
      classes > max(train, 2)
    {
      // Few classes on fewer rows: the split, not the labels, leaves too little to train on.
      if classes <= 10 {
        return error(
          "dataset.split",
          "the training set has \(train) row\(train == 1 ? "" : "s"), fewer than the data's "
            + "\(classes) classes\(listed)", note: "give the training part more of the rows")
      }
      return error(
        targetPath,
        "the labels make \(classes) classes (the largest is \(classes - 1)"
          + (facts.largestLabel.map { ", \($0)" } ?? "") + "), more than the "
          + "\(train) rows of the training set",
        note: "labels are class indices 0 to k−1: renumber them (or name the classes in "
          + "dataset.classes), or make the task a regression")
    }
    error(
      if: spec.optimizer.earlyStopping != nil && facts.hasDevSamples == false
        && spec.dataset.hasDev, "optimizer.early_stopping",
      "early stopping watches the dev split, but it holds no samples of this data",
      note: "give dataset.split.dev a larger fraction or a count")
    error(
      if: spec.report.bootstrap != nil && facts.targetColumns > 1, "report.bootstrap",
      "the bias/variance decomposition needs one target per row; the data has "
        + "\(facts.targetColumns) target columns")
    // A regression's classification metrics count an output above 0.5 as 1, on one column of
    // 0/1 targets only (a perceptron's): on other targets they would record nothing. A softmax
    // output on labels is a classifier with the wrong loss, which its own error names.
    if !loss.isClassification, let spreads = facts.targetRange,
      spreads.count != 1 || !spreads[0].isZeroOne,
      !(spec.model.hasSoftmaxOutput && facts.targetColumns == 1)
    {
      for (i, metric) in spec.metrics.enumerated() where metric.isClassification {
        error(
          item("metrics", i), "\(metric.rawValue) needs class labels; the targets are real values",
          note: "classification metrics of a regression need one column of 0/1 targets",
          fixIt: metricsFixIt(keepingClassification: false))
      }
    }
    if let train = facts.trainSamples, let sizes = spec.report.learningCurve {
      let rows = sizes.map { $0.trainingRows(of: train) }
      // Two sizes giving the same rows: no order makes them increase, one is to go.
      let again = rows.indices.first { i in rows[..<i].contains(rows[i]) }
      if rows.allSatisfy({ $0 <= train }), let again, let first = rows.firstIndex(of: rows[again]) {
        let shown = { (i: Int) -> String in
          switch sizes[i] {
          case .fraction(let f): YAMLText.number(f)
          case .count(let c): "\(c)"
          case .rest: "rest"
          }
        }
        error(
          item("report.learning_curve.sizes", again),
          "report.learning_curve.sizes[\(again)] (\(shown(again))) gives \(rows[again]) of the "
            + "\(train) training rows, as sizes[\(first)] (\(shown(first))) does, so the curve "
            + "would train that point twice",
          note: "give each number of rows once")
      }
      // Located at the first size whose rows are not above the size before.
      let drop = rows.indices.dropFirst().first { rows[$0 - 1] >= rows[$0] }
      error(
        if: again == nil && rows.allSatisfy { $0 <= train } && drop != nil,
        item("report.learning_curve.sizes", drop ?? 0),
        "report.learning_curve.sizes give \(rows.map(String.init).joined(separator: ", ")) of "
          + "the \(train) training rows, which do not increase",
        note: sizes.contains(.count(1))
          ? "a whole number is a count of rows, so 1 is one row: write 1.0 for every row"
          : "order the sizes by the rows they give")
      for case (let i, .count(let c)) in sizes.enumerated() where c > train {
        error(
          item("report.learning_curve.sizes", i),
          "\(c) rows asked for a learning curve point, but the training set has \(train)",
          note: "give counts up to \(train), or fractions of the training set")
      }
    }
    if let train = facts.trainSamples, let features = facts.features {
      checkExactSolverRows(train, features: features)
    }
    if let train = facts.trainSamples {
      checkNormalizedBatches(train)
      checkBatchSize(train)
      checkSchedule(rows: train)
    }
    if spec.dataset.classesShown == 0, let classes = facts.classes {
      checkClassReports(classes, " in the data\(listed)")
    }
    let classes = facts.classes ?? 0
    if spec.model.kind == .logreg && facts.classes != nil {
      // Two classes always train one sigmoid unit, whatever `multiclass` says.
      warning(
        if: classes <= 2 && spec.model.multiclass != .softmax, "model.multiclass",
        "multiclass: \(spec.model.multiclass.rawValue) has no effect with \(classes) classes: "
          + "a two-class logreg is one sigmoid unit",
        note: "remove it; every strategy trains the same model on two classes")
      // The spec's rule on the classes it shows, here on the data's when it shows none (or,
      // for binary_cross_entropy, a named dataset's).
      if spec.dataset.classesShown == 0 || spec.dataset.isNamed {
        checkLogregLoss(classes, " in the data\(listed)", facts: facts)
      }
      if spec.dataset.classesShown == 0 {
        checkBinaryModelStarts(classes, " in the data\(listed)")
      }
    }
    guard spec.model.kind == .mlp, let output = spec.model.layers.last else { return }
    let binary = loss == .binaryCrossEntropy && classes > 2 && facts.targetColumns == 1
    needsCrossEntropy(if: binary, classes, " in the data\(listed)", facts: facts)
    let labels = labelNote(facts)?.note
    let units =
      loss == .crossEntropy && facts.classes != nil && output.units != classes
      && (spec.dataset.classes == nil || output.activation != .softmax)
    if units, let gap = labelGap(facts) {
      return error(
        gap.path, gap.text,
        note: "labels are class indices 0 to k−1, so the data has \(classes) classes, and the "
          + "output layer has \(output.units) units")
    }
    // cross_entropy on one non-softmax unit waited for the classes (`needsSoftmaxOutput`).
    if units && output.activation != .softmax && labels == nil {
      needsSoftmaxOutput(classes, " in the data\(listed)")
    }
    error(
      if: units && (output.activation == .softmax || labels != nil), outputLayer("units"),
      "the output layer has \(output.units) units but the data has \(classes) classes\(listed)",
      note: labels ?? "a softmax output needs one unit per class",
      fixIt: labels == nil ? "units: \(classes)" : nil)
    // A softmax output fitting one label column with a regression loss is a classifier with the
    // wrong loss, not an output of the wrong size: one unit is no softmax. (On several target
    // columns, e.g. probabilities, mse is a choice; a sigmoid output fits targets in [0, 1].)
    let softmaxOnLabels =
      !loss.isClassification && spec.model.hasSoftmaxOutput && facts.targetColumns == 1
    error(
      if: softmaxOnLabels, lossPath,
      "\(loss.rawValue) is a regression loss, but a softmax output layer fits one label column",
      note: "cross_entropy trains a softmax output on class labels", fixIt: "loss: cross_entropy")
    // An output that cannot reach the targets (a sigmoid's (0, 1) on values around ±200): a
    // warning when little lies beyond it (`TargetSpread.beyond`); each column out named.
    if !loss.isClassification, !softmaxOnLabels, let spreads = facts.targetRange,
      let bounds = output.activation.outputRange
    {
      let out = spreads.indices.compactMap { i in
        spreads[i].beyond(bounds.lower, bounds.upper).map { (i, spreads[i], $0) }
      }
      let names: [String] =
        switch spec.dataset.source {
        case .file(let f), .files(let f, _, _): f.targets
        default: []
        }
      let ranges = out.enumerated().map { j, column in
        let name = names.count == spreads.count ? "'\(names[column.0])'" : "\(column.0 + 1)"
        return (spreads.count > 1 ? " of column \(name)" : "") + (j == 0 ? " range" : "")
          + " from \(YAMLText.clean(column.1.lowest)) to \(YAMLText.clean(column.1.highest))"
      }
      let message =
        "the targets\(ranges.joined(separator: ", and")), but a \(output.activation.rawValue) "
        + "output gives values in \(bounds.text) only"
      if out.contains(where: { $0.2 }) {
        error(
          outputLayer("activation"), message, note: "an identity output gives any real value",
          fixIt: "activation: identity")
      } else {
        warning(
          if: !out.isEmpty, outputLayer("activation"), message,
          note: "few values lie beyond it, or only just (at most 1% of them by more than 1% of "
            + "their range): the output cannot fit those (clip them, or use an identity output)")
      }
    }
    error(
      if: loss != .crossEntropy && !binary && !softmaxOnLabels
        && output.units != facts.targetColumns, outputLayer("units"),
      "the output layer has \(output.units) units but the data has \(facts.targets)",
      note: "the output layer gives one unit per target column",
      fixIt: "units: \(facts.targetColumns)")
  }

  /// The exact solver without L2 needs a training row per unknown (the features and the bias):
  /// fewer leave the system singular whatever the features, refused at the split's `train`. A
  /// learning-curve size giving fewer, or a validation-curve point (`curvePoint`, its value
  /// `l2: 0` or its rows), is recorded as a failed point (`nan`, as scikit-learn's
  /// `error_score=nan`), which the run warns of after training; warned here, at the size or
  /// the value, so `validate --strict` refuses what `run --strict` would.
  private mutating func checkExactSolverRows(_ train: Int, features: Int) {
    guard spec.model.kind == .linreg, spec.model.solver == .exact, spec.regularization.l2 == 0
    else { return }
    if train < LinearSolver.rowsNeeded(features: features) {
      let path: SpecPath = written("dataset.split.train") ? "dataset.split.train" : "model.solver"
      let rows = "the exact solver has \(LinearSolver.tooFewRows(train, features: features))"
      if curvePoint {
        // l2 0 set by the curve's value, where the spec has its own: that 0 is the fix.
        let zeroL2ByCurve = map.recorded("regularization.l2")?.isOverride == true
        let failed = Diagnostic.failedCurvePoint(
          zeroL2ByCurve
            ? Diagnostic.droppingZeroL2(rows, setBy: "report.validation_curve.values") : rows)
        return warning(path, failed.message, note: failed.note)
      }
      return error(
        path, rows,
        note: "with l2 (regularization: {l2: 0.01}) the exact solver is ridge regression, which "
          + "fits any number of rows")
    }
    guard let sizes = spec.report.learningCurve else { return }
    for (i, size) in sizes.enumerated() {
      let rows = size.trainingRows(of: train)
      guard rows < LinearSolver.rowsNeeded(features: features) else { continue }
      warning(
        item("report.learning_curve.sizes", i),
        "the learning curve's point at \(rows) training row\(rows == 1 ? "" : "s") would be "
          + "recorded as failed (nan errors): the exact solver has "
          + LinearSolver.tooFewRows(rows, features: features),
        note: "start the sizes at \(LinearSolver.rowsNeeded(features: features)) rows; with l2 "
          + "(regularization: {l2: 0.01}) the exact solver is ridge regression, which fits any "
          + "number of rows")
    }
  }

  /// A written mini-batch larger than the training set is clipped to it (scikit-learn's MLP
  /// warns alike): every step takes every row, so the value changes nothing beyond them.
  private mutating func checkBatchSize(_ train: Int) {
    let o = spec.optimizer
    guard o.trains, !o.kind.isFullBatch, let batch = o.batchSize, batch > train,
      written("optimizer.batch_size")
    else { return }
    warning(
      "optimizer.batch_size",
      "batch_size \(batch) is larger than the \(train) training rows, so every step takes all "
        + "of them (full batch), as batch_size: \(train) does",
      note: "a batch_size above \(train) changes nothing here (a sweep over such sizes draws "
        + "identical trials)", fixIt: "batch_size: \(train)")
  }

  /// Batch normalization needs two rows in every training mini-batch (one row's variance is 0;
  /// torch refuses such a batch): checked for the training set and each learning-curve size
  /// (a validation curve's batch sizes are checked as its points, by `checkCurve`).
  private mutating func checkNormalizedBatches(_ train: Int) {
    guard spec.optimizer.trains,
      let layer = spec.model.layers.firstIndex(where: { $0.normalization != .none })
    else { return }
    let batch = spec.optimizer.kind.isFullBatch ? nil : spec.optimizer.batchSize
    func leavesOne(_ batch: Int?, _ rows: Int) -> Bool {
      let b = min(batch ?? rows, rows)
      return b == 1 || rows % b == 1
    }
    // The training set, then each learning-curve size within it, with the key to point at.
    var sets: [(rows: Int, path: SpecPath?)] = [(train, nil)]
    for (i, size) in (spec.report.learningCurve ?? []).enumerated() {
      let rows = size.trainingRows(of: train)
      if rows <= train { sets.append((rows, item("report.learning_curve.sizes", i))) }
    }
    guard let (rows, path) = sets.first(where: { leavesOne(batch, $0.rows) }) else { return }
    let better = batch.flatMap { b in
      (b + 1...max(b + 1, train)).first { c in sets.allSatisfy { !leavesOne(c, $0.rows) } }
    }
    let normalization = SpecPath("model.layers").appending(index: layer).appending("normalization")
    let subject = path == nil ? "the training set" : "the learning-curve point"
    let b = min(batch ?? rows, rows)
    error(
      path ?? (better == nil ? normalization : "optimizer.batch_size"),
      "batch normalization needs at least 2 rows per mini-batch, but "
        + (rows == 1
          ? "\(subject) has 1 row"
          : b == 1
            ? "\(subject) is taken 1 row at a time"
            : "\(subject)'s \(rows) rows in batches of \(b) end with 1 row"),
      note: "the variance of one row is 0 (torch refuses such a batch too)",
      fixIt: better.map { "batch_size: \($0)" })
  }
}

extension Diagnostic {
  /// This problem of a validation-curve point (or a sweep value: `setter`), moved to the value
  /// `value` at `location` that caused it: `with parameter = value, …`, without its fix-it
  /// (which names another key), with the line of the key the rule checks when it is in the
  /// user's file (`ruleLine`).
  public func atCurveValue(
    _ parameter: SpecPath, _ value: SpecValue, _ location: SourceLocation?, ruleLine: Int? = nil,
    by setter: String = "report.validation_curve"
  ) -> Diagnostic {
    var d = self
    d.message = "with \(parameter) = \(value), \(message)"
    d.location = location
    d.fixIt = nil
    let rule = ruleLine.map { ", and the key the rule checks is at line \($0)" } ?? ""
    return d.noting("\(setter) sets this value\(rule)")
  }
}
