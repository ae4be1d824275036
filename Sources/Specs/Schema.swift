/// One key of the spec language: its path pattern (`[]` for list items, `*` for any key),
/// type, default, meaning and an example. `docs/spec.md` documents exactly these keys (a test
/// checks it), and the decoder takes each mapping's allowed keys from here.
public struct SchemaKey: Sendable {
  /// The key's path pattern, e.g. `model.layers[].units` (`[]`: any list item, `*`: any key).
  public var path: String
  /// The value's type as the docs write it, e.g. `number ≥ 0` or `number in (0, 1)`.
  public var type: String
  /// The default as the docs show it, e.g. `0.0` (`-` when there is none).
  public var defaultValue: String
  /// What the key does, in one line (with the formula where it helps).
  public var meaning: String
  /// A YAML line using the key with a valid value, e.g. `bias: 7`, shown in the docs.
  public var example: String
}

/// The closed set of keys.
public enum Schema {
  /// Every key, parents before children.
  public static let keys: [SchemaKey] =
    topLevel + dataset + model + lossAndOptimizer + regularizationAndReport + sweep

  /// The names of the keys directly under `pattern` (e.g. `optimizer`), in schema order.
  public static func children(of pattern: String) -> [String] { childrenIndex[pattern] ?? [] }

  /// Parent pattern -> child key names, built once.
  private static let childrenIndex: [String: [String]] = {
    var index: [String: [String]] = [:]
    for key in keys {
      // The parent is everything before the last "." (list-item keys like `layers[].units` have
      // the parent `layers[]`).
      let path = Array(key.path.utf8)
      let dot = path.lastIndex(of: UInt8(ascii: "."))
      let parent = dot.map { String(decoding: path[..<$0], as: UTF8.self) } ?? ""
      let name = dot.map { String(decoding: path[($0 + 1)...], as: UTF8.self) } ?? key.path
      if name.utf8.contains(UInt8(ascii: "[")) { continue }
      index[parent, default: []].append(name)
    }
    return index
  }()

  /// The section a key name lives in when it is unique (`learning_rate` -> `optimizer`).
  static func home(ofKey key: String) -> String? {
    let homes = Set(
      keys.compactMap { k -> String? in
        guard k.path == key || k.path.hasSuffix("." + key) else { return nil }
        return k.path == key ? "" : String(k.path.dropLast(key.count + 1))
      })
    guard homes.count == 1, let home = homes.first, !home.isEmpty, !home.contains("*") else {
      return nil
    }
    return home
  }

  static func k(
    _ path: String, _ type: String, _ def: String, _ meaning: String, _ example: String
  )
    -> SchemaKey
  {
    SchemaKey(path: path, type: type, defaultValue: def, meaning: meaning, example: example)
  }

  static let topLevel: [SchemaKey] = [
    k("version", "integer (1)", "1", "Version of the spec language.", "version: 1"),
    k(
      "name", "string ([A-Za-z0-9._-])", "the file's base name",
      "Name of the run; results go to `results/<name>/`.", "name: cat"),
    k(
      "description", "string", "\"\"", "Free text, copied into the reports.",
      "description: Cat vs non-cat"),
    k(
      "seed", "integer ≥ 0", "0",
      "Seed every random choice derives from (initialization, shuffles, splits, generators, bootstrap).",
      "seed: 1"),
    k(
      "dtype", choices(DType.self), "float64", "Floating-point precision of data and parameters.",
      "dtype: float32"),
    k(
      "threads", "integer 1...256", "1",
      "OpenBLAS threads for this run (set once per process), at most the machine's CPU count (more is capped, with a warning). float32 results are byte-identical only at equal `threads`.",
      "threads: 2"),
    k(
      "dataset", "mapping", "required", "Where the data comes from, its preprocessing and split.",
      "dataset: {name: iris}"),
    k(
      "model", "mapping", "required", "The model family, structure and initialization.",
      "model: {type: logreg}"),
    k(
      "loss", "string or mapping",
      "linreg: mse; logreg: binary_cross_entropy; mlp: from the output activation",
      "The loss minimized (mean over samples).", "loss: binary_cross_entropy"),
    k(
      "optimizer", "string or mapping", "{type: gd}",
      "The optimizer, its hyperparameters and the training budget.",
      "optimizer: {type: adam, learning_rate: 0.001, epochs: 5}"),
    k(
      "regularization", "mapping", "{l1: 0.0, l2: 0.0}",
      "Weight penalties in J = mean loss + (l2/2)·‖w‖² + l1·‖w‖₁ (biases excluded).",
      "regularization: {l2: 0.01}"),
    k(
      "metrics", "list of metric names", "classification losses: [accuracy]; others: [mse]",
      "Metrics recorded on every split: "
        + Metric.allCases.filter(\.isScore).map(\.rawValue).joined(separator: ", ")
        + " (roc_auc and average_precision rank the positive class's score, macro one-vs-rest"
        + " with more classes); confusion_matrix (classifiers) writes `confusion_matrix.csv` instead.",
      "metrics: [accuracy, f1]"),
    k(
      "record_every", "integer ≥ 1", "1",
      "Record loss and metrics every this many iterations (epochs for mini-batch optimizers), and after the last update.",
      "record_every: 100"),
    k(
      "report", "mapping", "{}",
      "Bias/variance diagnosis, bootstrap decomposition, learning and validation curves, plots.",
      "report: {bias_variance: {base_error: 0.0}}"),
    k(
      "sweep", "mapping", "none",
      "Hyperparameter sweep: axes over key paths, expanded into trials.",
      "sweep: {parameters: {optimizer.learning_rate: [0.1, 0.01]}}"),
    k(
      "output", "relative path", "the name",
      "Results directory, relative to the project's `results_dir`; `..` and absolute paths are refused unless `--allow-outside-results`.",
      "output: cat/float32"),
  ]
}

extension Schema {
  /// True when the key at `path` holds a whole number (so swept values are rounded).
  static func isIntegerKey(_ path: SpecPath) -> Bool {
    let pattern = path.schemaPattern
    guard let key = keys.first(where: { $0.path == pattern }) else { return false }
    return key.type.hasPrefix("integer")
  }
}
