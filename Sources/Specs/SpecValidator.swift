/// Cross-field checks on a decoded spec: combinations that are each valid alone but wrong
/// together (errors), or legal but suspicious (warnings, fatal under `--strict`). Every rule a
/// run would refuse lives here, located; the rules that need facts read from the data (how many
/// classes, how many target columns) are in `SpecValidator+Data.swift`.
struct SpecValidator {
  let spec: ExperimentSpec
  let map: SourceMap
  /// A sweep trial's spec: its inert keys are warnings (the trial leaves them out).
  var inTrial = false
  /// A validation-curve point's spec (`LoadedSpec.isCurvePoint`): a point the run cannot solve
  /// is recorded as failed, so it is warned of, not refused; it records no history.
  var curvePoint = false
  private(set) var diagnostics: [Diagnostic] = []

  /// The error at `path` (when `applies`: a rule, its condition and its message), listed
  /// right after the error at `follows` when given.
  mutating func error(
    if applies: Bool = true, _ path: SpecPath, _ message: String,
    note: String? = nil, fixIt: String? = nil, follows: SourceLocation? = nil
  ) {
    guard applies else { return }
    var diagnostic = map.diagnostic(.error, at: path, message, note: note, fixIt: fixIt)
    diagnostic.follows = follows
    diagnostics.append(diagnostic)
  }

  /// The location of the error already reported at `path`'s value, if any: a later error that
  /// only follows from it is listed after it (`follows`).
  func reportedError(at path: SpecPath) -> SourceLocation? {
    guard let location = map.location(of: path) else { return nil }
    return diagnostics.contains { $0.severity == .error && $0.location == location }
      ? location : nil
  }

  /// The warning at `path` (when `applies`, like `error`).
  mutating func warning(
    if applies: Bool = true, _ path: SpecPath, _ message: String,
    note: String? = nil, fixIt: String? = nil
  ) {
    guard applies else { return }
    diagnostics.append(map.diagnostic(.warning, at: path, message, note: note, fixIt: fixIt))
  }

  /// The fix-it that keeps only the classification metrics (`classification`) or only the
  /// regression ones, or that kind's default (`[accuracy]`, `[mse]`) when none is left.
  func metricsFixIt(keepingClassification classification: Bool) -> String {
    let kept = spec.metrics.filter { $0.isClassification == classification }
    let metrics = kept.isEmpty ? [classification ? Metric.accuracy : .mse] : kept
    return "metrics: [" + metrics.map(\.rawValue).joined(separator: ", ") + "]"
  }

  /// The fix-it that adds `metric` to `metrics:`.
  func metricsFixIt(adding metric: Metric) -> String {
    "metrics: [" + (spec.metrics + [metric]).map(\.rawValue).joined(separator: ", ") + "]"
  }

  /// Item `i` of the list at `list` when its value was read (written or an override), else the
  /// list.
  func item(_ list: SpecPath, _ i: Int) -> SpecPath {
    let item = list.appending(index: i)
    return map.origin(of: item) != nil ? item : list
  }

  /// The path of `key` of the output (last) layer: `model.layers[n].key`.
  func outputLayer(_ key: String) -> SpecPath {
    SpecPath("model.layers").appending(index: spec.model.layers.count - 1).appending(key)
  }

  /// The path of the key naming the labels as written (`dataset.target`, `target_file`, the
  /// training file's, or the named dataset); `dataset` when none is.
  var targetPath: SpecPath { map.labelsPath }

  /// The path of the loss as written (`loss` or `loss.type`); `model.type` for a loss left to
  /// its default, which the model's type chooses.
  var lossPath: SpecPath {
    ["loss.type", "loss"].first { map.location(of: $0) != nil } ?? "model.type"
  }

  /// The loss as a message blames it: its name when written, else that it is the default
  /// ("loss defaults to binary_cross_entropy (none is written),"), so no one looks for the line.
  var lossNamed: String {
    let name = spec.loss.kind.rawValue
    return lossPath == "model.type" ? "loss defaults to \(name) (none is written)," : name
  }

  mutating func run() -> [Diagnostic] {
    checkNamedClassCount()
    checkModelAndLoss()
    checkSolverAndOptimizer()
    checkMetrics()
    checkEarlyStopping()
    checkInitShapes()
    checkReport()
    checkWarmStart()
    checkMisc()
    checkIneffectiveKeys()
    checkUnusedSeed()
    checkCurveOverUnusedSeed()
    checkObjective()
    checkBayesStart()
    checkBudgetedMethod()
    checkBudgetRungs()
    checkReplacedMappings()
    checkSweptKeys()
    return diagnostics
  }

  /// Whether the value at `path` was written (in the file or by `--set`).
  func written(_ path: SpecPath) -> Bool { map.origin(of: path)?.location != nil }

  /// Keys written where the spec alone shows they change nothing (`ExperimentSpec.inertKeys`):
  /// refused at each value written below them, a warning in a sweep trial (its axes made it so).
  private mutating func checkIneffectiveKeys() {
    // The written values, in the map's order (defaults have no location).
    let origins = map.origins
    let writtenValues = origins.compactMap { path, o in o.location.map { (path, $0) } }
    // With --set in play, a key of the file is removed from the command line as `~key`: its
    // fix-it (tester BA F-F), not words in the note.
    let overridden = origins.values.contains(where: \.isOverride)
    for key in spec.inertKeys {
      let below = writtenValues.filter { $0.0.isWithin(key.path) }
        .sorted { $0.0.components.count < $1.0.components.count }
      // A written section once, at its key: removing one of its keys may leave it incomplete
      // (a schedule without its type). Else each written value once (a shorthand's at its key).
      let reported =
        below.first(where: { $0.0 == key.path }).map { [$0] }
        ?? below.filter { path, location in
          !below.contains(where: { $0.1 != location && $0.0.isWithin(path) })
        }
      // Unless a rule already flagged it.
      for (path, location) in reported
      where !diagnostics.contains(where: { $0.location == location }) {
        diagnostics.append(
          .inapplicable(
            at: location, "\(path) changes nothing: \(key.why)",
            note: key.note,
            fixIt: overridden && origins[path]?.isOverride == false
              ? "--set " + "~\(path)".singleQuoted : nil,
            inTrial: inTrial))
      }
    }
    if !inTrial, let curve = spec.report.validationCurve,
      let key = spec.inertKeys.first(where: { curve.parameter.isWithin($0.path) })
    {
      error(
        "report.validation_curve.parameter",
        "the curve varies \(curve.parameter), which changes nothing: \(key.why)", note: key.note)
    }
    // A logreg's regression loss is refused at the loss (`checkModelAndLoss`), with its fix; so
    // is a softmax output's: named classes and a softmax make the loss the mistake.
    let named = !spec.loss.kind.isClassification && written("dataset.classes")
    let softmax = spec.model.hasSoftmaxOutput
    error(
      if: named && spec.model.kind != .logreg && !softmax, "dataset.classes",
      "dataset.classes names classes, but \(spec.model.kind.rawValue) with the \(spec.loss.kind.rawValue) loss predicts real values",
      note: "remove it, or use a classification model and loss")
    error(
      if: named && softmax, "loss",
      "\(spec.loss.kind.rawValue) is a regression loss, but dataset.classes names classes and "
        + "the output layer is softmax",
      note: "cross_entropy trains a softmax output on class labels",
      fixIt: "loss: cross_entropy")
  }

  /// Preprocessing steps that change nothing: one given twice (`flatten` anywhere after
  /// another; `standardize` after another with only steps between that it undoes, which leave
  /// the standardized features as they were: a positive scale or shift, a reshape), one that
  /// keeps the features (`PreprocessingStep.identity`), one the next step undoes
  /// (`isUndone(by:)`), `flatten` on samples that are vectors (a generator's, a CSV file's).
  private mutating func checkMisc() {
    let steps = spec.dataset.preprocessing
    let vectors = spec.dataset.vectorSource
    for (i, step) in steps.enumerated() {
      let path = SpecPath("dataset.preprocessing").appending(index: i)
      let next = i + 1 < steps.count ? steps[i + 1] : nil
      let repeated: Bool
      switch step {
      case .flatten: repeated = vectors == nil && steps[..<i].contains(step)
      case .standardize:
        // Only steps it undoes since the last standardize: the features come out as they were.
        let between = steps[..<i].lastIndex(of: step).map { steps[($0 + 1)..<i] }
        repeated =
          between?.allSatisfy { $0 == .flatten || $0.identity != nil || $0.isUndone(by: step) }
          ?? false
      default: repeated = false
      }
      if repeated {
        warning(
          path, "\(step.key) appears twice in preprocessing",
          note: step == .flatten
            ? "remove it: the first flatten already made the samples vectors"
            : "remove it: features standardized (and since then only scaled or shifted) come "
              + "out of it as they were")
      } else if let why = step.identity {
        warning(path, "this \(step.key) step changes nothing: \(why)", note: "remove it")
      } else if let vectors, step == .flatten {
        warning(
          path, "flatten changes nothing: \(vectors)'s samples are already vectors",
          note: "remove it; flatten turns image or array samples into vectors")
      } else if let next, step.isUndone(by: next), !(step == .standardize && next == step) {
        warning(
          path,
          "this \(step.key) step changes nothing (but the last bits): the \(next.key) step right "
            + "after it is fitted on its output and undoes any positive scale or shift",
          note: "remove it; \(next.key) alone gives the same features")
      }
    }
  }
}

extension ExperimentSpec {
  /// The results column a sweep of this spec ranks its trials by: `sweep.objective` (by
  /// default the loss) on the named split, else dev, else test, else train.
  public var objectiveColumn: String {
    (sweep?.objective ?? .default).column(hasDev: dataset.hasDev, hasTest: dataset.hasTest)
  }
}

extension OptimizerSpec {
  /// False when the budget is 0 (the initial parameters are only evaluated).
  public var trains: Bool { budget.units > 0 }
}

extension DatasetSpec {
  /// The classes the spec alone shows: `classes` named, else a generator's
  /// (`GeneratorSpec.classCount`) or a named dataset's (`DatasetName.classNames`); 0 when only
  /// the data tells (a file), or for a regression.
  var classesShown: Int {
    if let classes, !namesOtherClassCount { return classes.count }
    return switch source {
    case .generator(let g): g.classCount ?? 0
    case .named(let name): name.classNames?.count ?? 0
    default: 0
    }
  }

  /// Whether `classes` lists another number of names than the named dataset has classes: the
  /// data check refuses it at `dataset.classes` (`ListedClasses`), so the rules that count
  /// classes count the dataset's own, not advise from a list with one name too few or many.
  var namesOtherClassCount: Bool {
    guard let classes, case .named(let name) = source, let names = name.classNames else {
      return false
    }
    return names.count != classes.count
  }

  /// Whether only the data tells the classes: a file's labels, with no `classes` named.
  var classesInData: Bool {
    switch source {
    case .file, .files: classes == nil
    default: false
    }
  }

  /// What gives samples that are vectors, when the spec shows it (`the moons generator`, `a
  /// CSV file`); nil for other sources (arrays and named datasets may hold images), and when
  /// a dev or test file beside a training CSV is not one (its array needed the flatten).
  var vectorSource: String? {
    switch source {
    case .generator(let g): "the \(g.kind.rawValue) generator"
    case .file(let f) where f.format == .csv: "a CSV file"
    case .files(let f, let dev, let test)
    where ([f] + [dev, test].compactMap { $0 }).allSatisfy { $0.format == .csv }:
      "a CSV file"
    default: nil
    }
  }

  /// Whether the data is a named dataset's (`dataset.name`).
  var isNamed: Bool { if case .named = source { true } else { false } }

  /// Where `classesShown` counted them, for a message: ` in dataset.classes`, ` of iris`,
  /// ` of the moons generator`.
  var classesShownSource: String {
    if classes != nil, !namesOtherClassCount { return " in dataset.classes" }
    return switch source {
    case .generator(let g): " of the \(g.kind.rawValue) generator"
    case .named(let name): " of \(name.rawValue)"
    default: ""
    }
  }

  /// Whether a dev part exists (a dev file, or a dev amount in the split).
  public var hasDev: Bool {
    if case .files(_, let dev, _) = source, dev != nil { return true }
    return !split.dev.isEmpty
  }

  /// Whether a test part exists (a test file, a test amount, or a named dataset's own test part).
  public var hasTest: Bool {
    switch source {
    case .files(_, _, let test) where test != nil: return true
    case .named(let named) where named.shipsTestPart && split.test.isEmpty:
      return true  // the dataset's own test part
    default: return !split.test.isEmpty
    }
  }
}
