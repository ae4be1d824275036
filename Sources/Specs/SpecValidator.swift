/// Cross-field checks on a decoded spec: combinations that are each valid alone but wrong
/// together (errors), or legal but suspicious (warnings, fatal under `--strict`). Every rule a
/// run would refuse lives here, located; the rules that need facts read from the data (how many
/// classes, how many target columns) are in `SpecValidator+Data.swift`.
struct SpecValidator {
  let spec: ExperimentSpec
  let map: SourceMap
  private(set) var diagnostics: [Diagnostic] = []

  init(spec: ExperimentSpec, map: SourceMap) {
    self.spec = spec
    self.map = map
  }

  mutating func error(
    _ path: SpecPath, _ message: String, note: String? = nil, fixIt: String? = nil
  ) {
    diagnostics.append(map.diagnostic(.error, at: path, message, note: note, fixIt: fixIt))
  }

  mutating func warning(
    _ path: SpecPath, _ message: String, note: String? = nil, fixIt: String? = nil
  ) {
    diagnostics.append(map.diagnostic(.warning, at: path, message, note: note, fixIt: fixIt))
  }

  /// The path of `key` of the output (last) layer: `model.layers[n].key`.
  func outputLayer(_ key: String) -> SpecPath {
    SpecPath("model.layers").appending(index: spec.model.layers.count - 1).appending(key)
  }

  /// The path of the loss as written (`loss` or `loss.type`); `model.type` for a loss left to
  /// its default, which the model's type chooses.
  /// The path of the key naming the labels as written (`dataset.target`, `target_file`, the
  /// training file's, or the named dataset); `dataset` when none is.
  var targetPath: SpecPath {
    let keys: [SpecPath] = [
      "dataset.target", "dataset.target_file", "dataset.train.target", "dataset.train.target_file",
      "dataset.name", "dataset.generator",
    ]
    return keys.first { map.origin(of: $0)?.location != nil } ?? "dataset"
  }

  var lossPath: SpecPath {
    for path: SpecPath in ["loss.type", "loss"] where map.location(of: path) != nil { return path }
    return "model.type"
  }

  mutating func run() -> [Diagnostic] {
    checkModelAndLoss()
    checkSolverAndOptimizer()
    checkMetrics()
    checkEarlyStopping()
    checkInitShapes()
    checkReport()
    checkMisc()
    checkIneffectiveKeys()
    checkObjective()
    checkBayesStart()
    return diagnostics
  }

  /// Whether a dev part exists (a dev file, or a dev amount in the split).
  var hasDev: Bool {
    if case .files(_, let dev, _) = spec.dataset.source, dev != nil { return true }
    return !spec.dataset.split.dev.isEmpty
  }

  /// Whether a test part exists (a test file, a test amount, or a named dataset's own test part).
  var hasTest: Bool {
    let split = spec.dataset.split
    switch spec.dataset.source {
    case .files(_, _, let test) where test != nil: return true
    case .named(let named) where named.shipsTestPart && split.test.isEmpty && split.dev.isEmpty:
      return true  // the dataset's own test part
    default: return !split.test.isEmpty
    }
  }

  /// Whether the value at `path` was written (in the file or by `--set`).
  func written(_ path: SpecPath) -> Bool { map.origin(of: path)?.location != nil }

  /// Keys written where the spec alone shows they change nothing. A value the canonical spec
  /// writes anyway (`stratify: true`, the default init, `record_every: 1`) is accepted, so
  /// that a resolved spec loads again.
  private mutating func checkIneffectiveKeys() {
    let what = "\(spec.model.kind.rawValue) with the \(spec.loss.kind.rawValue) loss"
    if !spec.loss.kind.isClassification {
      if written("dataset.split.stratify") && !spec.dataset.split.stratify {
        error(
          "dataset.split.stratify",
          "stratify: false changes nothing: \(what) has no classes, so its split is never stratified",
          note: "remove it")
      }
      if written("dataset.classes") {
        error(
          "dataset.classes", "dataset.classes names classes, but \(what) predicts real values",
          note: "remove it, or use a classification model and loss")
      }
    }
    guard spec.model.solver == .exact else { return }
    if written("model.init") && spec.model.initialization != .kind(.zeros) {
      error(
        "model.init", "the exact solver computes the weights directly, so init has no effect",
        note: "remove it, or use solver: gd to start gradient descent from it")
    }
    if written("record_every") && spec.recordEvery != 1 {
      error(
        "record_every", "the exact solver takes one step, so record_every has no effect",
        note: "remove it; the solution's loss and metrics are recorded once")
    }
  }

  private mutating func checkMisc() {
    let steps = spec.dataset.preprocessing
    for (i, step) in steps.enumerated()
    where steps[..<i].contains(step) && (step == .flatten || step == .standardize) {
      warning(
        SpecPath("dataset.preprocessing").appending(index: i),
        "\(step.key) appears twice in preprocessing")
    }
  }
}

extension OptimizerSpec {
  /// False when the budget is 0 (the initial parameters are only evaluated).
  public var trains: Bool { budget.units > 0 }
}
