import Conventions

/// Rules on the model, its loss and its explicit initial values.
extension SpecValidator {
  /// A named dataset's classes named one for one: a name too many is an output no sample has,
  /// one too few leaves labels out of range. Said before the rules that count classes (they
  /// count the dataset's own then, `namesOtherClassCount`), in the words of the data check
  /// for a file that lists its classes (`ListedClasses`).
  mutating func checkNamedClassCount() {
    guard spec.dataset.namesOtherClassCount, let listed = spec.dataset.classes,
      case .named(let name) = spec.dataset.source, let names = name.classNames
    else { return }
    error(
      "dataset.classes",
      ClassListMismatch.message(owner: name.rawValue, listed: names, given: listed.count),
      note: ClassListMismatch.help)
  }

  mutating func checkModelAndLoss() {
    let loss = spec.loss.kind
    let model = spec.model
    let classes = spec.dataset.classes?.count ?? 0
    error(
      if: model.kind == .linreg && loss.isClassification, lossPath,
      "\(loss.rawValue) is a classification loss; linreg predicts real values",
      note: "use mse, mae or huber, or model type logreg for classes")
    if model.kind == .logreg {
      // A sweep's trials are checked with their own loss, model and data (`checkVariations`);
      // its base spec, whose swept keys keep their defaults, is no trial.
      let axes = spec.sweep?.axes.map(\.path) ?? []
      // An axis over the strategy (or the loss) gives each trial its own: the trials say it.
      let sweptPair = axes.contains {
        SpecPath("model.multiclass").isWithin($0) || $0.isWithin("loss")
      }
      error(
        if: loss == .crossEntropy && model.multiclass != .softmax && !sweptPair, lossPath,
        "cross_entropy goes with multiclass: softmax; \(model.multiclass.rawValue) trains binary models",
        fixIt: "loss: binary_cross_entropy")
      if !axes.contains(where: { a in ["loss", "model", "dataset"].contains { a.isWithin($0) } }) {
        checkLogregLoss(spec.dataset.classesShown, spec.dataset.classesShownSource)
        if spec.dataset.classesShown > 0 {
          checkBinaryModelStarts(spec.dataset.classesShown, spec.dataset.classesShownSource)
        }
      }
    }
    checkRegressionOnClasses()
    checkClassesOnRegression()
    if spec.dataset.classesShown > 0 {
      checkClassReports(spec.dataset.classesShown, spec.dataset.classesShownSource)
    }
    guard model.kind == .mlp, let output = model.layers.last else { return }
    // binary_cross_entropy on a softmax output is refused first, then on too many classes.
    let binary = loss == .binaryCrossEntropy && output.activation != .softmax
    error(
      if: loss == .binaryCrossEntropy && output.activation == .softmax, lossPath,
      "binary_cross_entropy does not go with a softmax output layer",
      note: "use cross_entropy with softmax, or one sigmoid unit with binary_cross_entropy",
      fixIt: "loss: cross_entropy")
    needsCrossEntropy(if: binary && classes > 2, classes, " in dataset.classes")
    // An identity output (PyTorch's Linear giving logits) is fixed at the layer, to the
    // activation PyTorch's loss applies itself.
    let logits = output.activation == .identity && loss.isClassification
    error(
      if: logits && (loss == .crossEntropy || classes <= 2), outputLayer("activation"),
      "\(loss.rawValue) needs a \(loss.outputLayer.activation.rawValue) output layer (the output "
        + "layer is identity)", note: loss.outputLayer.note,
      fixIt: "activation: \(loss.outputLayer.activation.rawValue)")
    error(
      if: binary && classes <= 2 && output.activation != .sigmoid && !logits, lossPath,
      "binary_cross_entropy needs a sigmoid output layer (the output layer is \(output.activation.rawValue))"
    )
    if loss == .crossEntropy && output.activation != .softmax && !logits {
      needsSoftmaxOutput(spec.dataset.classesShown, spec.dataset.classesShownSource)
    }
    for key in LayerSpec.hiddenOnlyKeys where written(outputLayer(key)) {
      error(
        outputLayer(key), "\(key) applies to hidden layers, not the output (last) layer",
        fixIt: "remove '\(key)' here, or add it to a hidden layer")
    }
    error(
      if: output.activation == .softmax && output.units < 2, outputLayer("activation"),
      "a softmax output needs at least 2 units (one per class; got \(output.units))")
    error(
      if: output.activation == .softmax && spec.dataset.classes != nil && classes != output.units,
      outputLayer("units"),
      "the output layer has \(output.units) units but dataset.classes names \(classes) classes")
    if spec.optimizer.trains, let i = model.layers.firstIndex(where: { $0.activation == .step }) {
      error(
        SpecPath("model.layers").appending(index: i).appending("activation"),
        "the step activation has no gradient, so the network cannot be trained",
        note:
          "give explicit weights (init: {type: explicit, ...}) and `iterations: 0` to evaluate it"
      )
    }
  }

  /// The route that trains mse on a classifier's 0/1 labels (primer 000's ½(a−y)² for logistic
  /// regression, which logreg refuses): a one-unit network with a sigmoid output, and every
  /// other change the spec then needs to load: without `dataset.classes` (refused beside a
  /// network's regression loss) and `model.multiclass` (a logreg's), with an optimizer other
  /// than lbfgs (which has no mlp) and without the metrics mse gives no probabilities for
  /// (`log_loss`). As `--set` arguments when the loss came by one, key by key so that the
  /// spec's other keys stay (the cat's `init: zeros`).
  var mseOnLabelsRoute: String {
    let model = "{type: mlp, layers: [{units: 1, activation: sigmoid}]}"
    let classes = written("dataset.classes")
    // What to write, the model first: `…, without … and with …`.
    var prose = ["`model: \(model)` with `loss: mse`"]
    var sets = ["model.type=mlp", "model.layers=[{units: 1, activation: sigmoid}]"]
    if classes {
      prose.append(
        "without `dataset.classes` (the network predicts values, which `accuracy` in `metrics` "
          + "scores as classes)")
      sets.append("~dataset.classes")
    }
    if written("model.multiclass") {
      prose.append("without `model.multiclass` (a logreg's)")
      sets.append("~model.multiclass")
    }
    if spec.optimizer.kind == .lbfgs {
      // gd: full batch as lbfgs is; the keys only lbfgs takes go with it.
      let own = OptimizerKind.lbfgs.parameters.map(\.key).filter {
        key in
        written(SpecPath("optimizer").appending(key))
          && !OptimizerKind.gd.parameters.contains { $0.key == key }
      }
      prose.append(
        "with `optimizer.type: gd` (lbfgs has no mlp)"
          + (own.isEmpty ? "" : " without " + own.map { "`\($0)`" }.joined(separator: ", ")))
      sets += ["optimizer.type=gd"] + own.map { "~optimizer.\($0)" }
    }
    if spec.report.bootstrap?.loss == .zeroOne {
      prose.append("with `report.bootstrap.loss: mse` (zero_one needs class predictions)")
      sets.append("report.bootstrap.loss=mse")
    }
    if spec.metrics.contains(.logLoss) {
      let kept = spec.metrics.filter { $0 != .logLoss }
      let metrics = (kept.isEmpty ? [Metric.accuracy] : kept).map(\.rawValue)
      prose.append("without log_loss in `metrics` (mse gives no probabilities)")
      sets.append("metrics=[\(metrics.joined(separator: ", "))]")
    }
    let bySet =
      map.origin(of: lossPath)?.isOverride == true
      ? ": " + sets.map { "--set '\($0)'" }.joined(separator: " ") : ""
    return "; for mse on the 0/1 labels (the course's ½(a−y)² on logistic regression), a "
      + "one-unit mlp with a sigmoid output: \(prose.listed())\(bySet)"
  }

  /// A logreg's loss against its `classes` classes (0: not known before the data is read;
  /// `found` says where they were counted), one rule for the classes the spec shows (checked
  /// before the data) and the data's (after): a regression loss gets the loss the model then
  /// trains, cross_entropy for a softmax over more than two classes (or a written softmax on
  /// classes not known yet), else binary_cross_entropy; on two classes a written softmax is
  /// named with it, since one sigmoid unit is trained whatever it says.
  mutating func checkLogregLoss(_ classes: Int, _ found: String, facts: DataFacts? = nil) {
    let (loss, multiclass) = (spec.loss.kind, spec.model.multiclass)
    let two = classes == 1 || classes == 2
    let softmax =
      multiclass == .softmax && (classes > 2 || (classes == 0 && written("model.multiclass")))
    let wanted = softmax ? "cross_entropy" : "binary_cross_entropy"
    let remove =
      two && multiclass == .softmax && written("model.multiclass")
      ? "remove multiclass: softmax too: two classes train one sigmoid unit whatever it says"
      : nil
    let counted = classes > 0 ? " on the \(classes) classes\(found)" : ""
    // A file's classes are counted from its labels, which a logreg reads whatever its loss
    // (`DataConfiguration(_:)`): its regression loss is judged on them. Labels that look like a
    // real value get no fix-it to a classification loss.
    let real = facts.flatMap { $0.targetLooksContinuous ? labelNote($0) : nil }
    error(
      if: !loss.isClassification && (facts != nil || !spec.dataset.classesInData), lossPath,
      "\(loss.rawValue) is a regression loss; \(softmax ? "a softmax " : "")logistic regression"
        + "\(counted) minimizes \(wanted)\(two ? " (one sigmoid unit)" : "")",
      note: real?.note ?? remove
        ?? (classes > 0
          ? "for real values, use model type linreg"
            + (two && loss == .mse && !softmax ? mseOnLabelsRoute : "")
          : softmax
            ? "use binary_cross_entropy for two classes, or model type linreg for real values"
            : "use cross_entropy with multiclass: softmax, or model type linreg for real values"),
      fixIt: real == nil ? "loss: \(wanted)" : nil)
    error(
      if: two && loss == .crossEntropy && multiclass == .softmax, lossPath,
      "cross_entropy with \(classes) classes\(found); a two-class logreg is one sigmoid unit",
      note: remove, fixIt: "loss: binary_cross_entropy")
    // A named dataset's binary_cross_entropy (a logreg's default loss) is refused from its
    // data (`checkData`), as before its classes were known here.
    guard facts != nil || !spec.dataset.isNamed else { return }
    needsCrossEntropy(
      if: loss == .binaryCrossEntropy && multiclass == .softmax && classes > 2, classes, found,
      facts: facts)
  }

  /// A one-vs-rest or one-vs-one logreg's explicit weights on its `classes` classes (`found`:
  /// where they were counted), one rule for the classes the spec shows and the data's: one
  /// column, the start of every binary model, or one column per binary model in their order
  /// (scikit-learn's `coef_` of a one-vs-rest model, transposed), with as many biases (the
  /// decoder pairs them). Two classes train one binary model, which takes one column.
  mutating func checkBinaryModelStarts(_ classes: Int, _ found: String) {
    guard spec.model.kind == .logreg, spec.model.multiclass != .softmax,
      case .explicit(let layers) = spec.model.initialization,
      let columns = layers.first?.weights[0].count
    else { return }
    let models = spec.model.definition.networkCount(classes: classes)
    guard columns != 1, columns != models else { return }
    guard models > 1 else {
      return error(
        "model.init.weights",
        "a logreg on the \(classes) classes\(found) is one binary model (one sigmoid unit, "
          + "whatever multiclass says); the weights have \(columns) columns",
        note: "give one column of weights and one bias")
    }
    var names = spec.model.multiclass.binaryModels(classes: classes)
    if names.count > 6 { names = names.prefix(3) + ["…", names[names.count - 1]] }
    error(
      "model.init.weights",
      "multiclass: \(spec.model.multiclass.rawValue) on the \(classes) classes\(found) trains "
        + "\(models) binary models; the weights have \(columns) columns",
      note: "give one column, the start of every binary model, or one column per binary model"
        + (spec.model.multiclass == .oneVsRest ? " (scikit-learn's coef_ transposed)" : "")
        + ", in their order: \(names.joined(separator: ", ")); with one bias per column")
  }

  /// Warns when a regression (linreg, or an mlp whose output is not softmax) is fitted on a
  /// named dataset of classes: it fits the class indices as numbers.
  mutating func checkRegressionOnClasses() {
    let model = spec.model
    guard case .named(let name) = spec.dataset.source, name.hasClasses,
      model.kind != .logreg, !spec.loss.kind.isClassification,
      // A sigmoid output fits 0/1 labels in [0, 1] (mse on a sigmoid: a textbook network).
      ![.softmax, .sigmoid].contains(model.layers.last?.activation)
    else { return }
    warning(
      lossPath,
      "\(name.rawValue) is a classification dataset, but \(model.kind.rawValue) with the "
        + "\(spec.loss.kind.rawValue) loss fits its class indices (0, 1, …) as real numbers",
      // No fix-it: the loss alone would not do (cross_entropy needs the softmax layer too).
      note: model.kind == .mlp
        ? "use cross_entropy with a softmax output layer of one unit per class"
        : "use model type logreg (multiclass: softmax with loss cross_entropy for several classes)")
  }

  /// Refuses a classification loss on a named regression dataset (the mirror of
  /// `checkRegressionOnClasses`, but an error: its real-valued target read as class indices
  /// makes hundreds of classes). linreg has its own rule.
  mutating func checkClassesOnRegression() {
    guard case .named(let name) = spec.dataset.source, !name.hasClasses,
      spec.model.kind != .linreg, spec.loss.kind.isClassification
    else { return }
    error(
      lossPath,
      "\(name.rawValue) is a regression dataset: its target is a real value, not a class, but "
        + "\(spec.loss.kind.rawValue) is a classification loss",
      note: Self.regressionAdvice + " ({units: 1, activation: identity})")
  }

  /// The loss refused on `classes` classes (`found`: where they were counted): a softmax logreg
  /// needs cross_entropy, and an mlp's sigmoid output tells only two classes apart. When the
  /// data's labels are no class indices (`labelNote`) the note says so instead of advising a
  /// softmax of that many units; when they leave classes without rows (`labelGap`), the error
  /// names them at the target instead.
  mutating func needsCrossEntropy(
    if applies: Bool, _ classes: Int, _ found: String = "", facts: DataFacts? = nil
  ) {
    if applies, let gap = labelGap(facts) {
      return error(
        gap.path, gap.text,
        note: "labels are class indices 0 to k−1, so the data has \(classes) classes, and "
          + "\(spec.loss.kind.rawValue) tells two apart")
    }
    let mlp = spec.model.kind == .mlp
    let labels = facts.flatMap(labelNote)
    error(
      if: applies, lossPath,
      "\(lossNamed) with \(classes) classes\(found); "
        + (labels?.reason
          ?? (mlp
            ? "a sigmoid output tells two classes apart" : "a softmax logreg needs cross_entropy")),
      note: labels?.note
        ?? (mlp ? "use cross_entropy with a softmax output layer of \(classes) units" : nil),
      fixIt: labels == nil ? "loss: cross_entropy" : nil)
    // The layer cross_entropy then needs, in the same round.
    if applies, mlp, labels == nil {
      needsSoftmaxOutput(classes, found, follows: reportedError(at: lossPath))
    }
  }

  /// cross_entropy's output layer, refused at the layer: softmax, of one unit per class when
  /// the `classes` are known (`found`: where they were counted), the fix-it the layer that fits;
  /// listed after the error it `follows`. One unit on classes only the data tells is left to
  /// the data's check, which counts them.
  mutating func needsSoftmaxOutput(
    _ classes: Int, _ found: String, follows: SourceLocation? = nil
  ) {
    guard let output = spec.model.layers.last, classes > 0 || output.units > 1 else { return }
    let resize = classes > 0 && output.units != classes
    let units = "\(output.units) \(output.activation.rawValue) unit\(output.units == 1 ? "" : "s")"
    error(
      resize ? item("model.layers", spec.model.layers.count - 1) : outputLayer("activation"),
      "cross_entropy needs a softmax output layer"
        + (resize ? " of \(classes) units, one per class\(found)" : "")
        + " (the output layer is \(units))",
      note: "softmax is fused with the log-likelihood for stability",
      fixIt: resize ? "{units: \(classes), activation: softmax}" : "activation: softmax",
      follows: follows)
  }

  /// What is wrong with labels that are no class indices 0 to k−1, when `dataset.classes` does
  /// not name them: a real value (`DataFacts.targetLooksContinuous`), or integers from 1 that
  /// look 1-based (class 0 would have no row); nil when they look like classes.
  func labelNote(_ facts: DataFacts) -> (reason: String, note: String)? {
    guard spec.dataset.classes == nil, let classes = facts.classes else { return nil }
    if facts.targetLooksContinuous {
      return (
        "it is a classification loss, and the labels look like a real value",
        "\(classes) classes for \(facts.trainSamples ?? 0) training rows (fewer than 5 rows per "
          + "class): the target looks like a real value, not a class; for a regression "
          + Self.regressionAdvice
      )
    }
    guard facts.smallestLabel == 1, facts.classNames == nil else { return nil }
    let names = (1..<min(classes, 4)).map { "'\($0)'" } + (classes > 4 ? ["…"] : [])
    return (
      "the labels start at 1, so class 0 has no rows",
      "class indices start at 0, and labels 1 to \(classes - 1) look 1-based: renumber them "
        + "from 0 (subtract 1), or, in a CSV file, name the classes as written "
        + "(dataset.classes: [\(names.joined(separator: ", "))]: label 1 is then class 0)"
    )
  }

  /// Where the labels leave classes without rows (`DataFacts.labelGap`: a stray `5` among 0/1
  /// labels, at its line), when `dataset.classes` does not name them and they do not look like
  /// a real value: a rule refusing the classes they make says this, at the target, instead of
  /// its advice on the loss or the output, which would fit the stray. `path` is the target of
  /// the set holding the first stray (the test file's for a stray only there).
  func labelGap(_ facts: DataFacts?) -> (text: String, path: SpecPath)? {
    guard spec.dataset.classes == nil, let facts, !facts.targetLooksContinuous,
      let text = facts.labelGap
    else { return nil }
    let path = facts.labelGapPath.flatMap { map.location(of: $0) != nil ? $0 : nil }
    return (text, path ?? targetPath)
  }

  /// How to fit a real-valued target.
  static let regressionAdvice =
    "use loss: mse with model type linreg, or with an mlp whose output layer is one identity unit"
}
