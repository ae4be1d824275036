/// The top-level keys, in the canonical spec's order: the scalars declared here, the sections
/// read by their own decoders. The seed and the loss are kept on the decoder as they are read,
/// for the defaults of the sections after them.
extension ExperimentSpec {
  static let keys: [SpecKey<ExperimentSpec>] = [
    .value(
      "version", \.version, type: "integer (1)", default: nil, "Version of the spec language.",
      example: "1",
      read: { d, node, p in
        guard let v = d.integer(node, p) else { return nil }
        let message = "version must be 1 (got \(v)); this runner reads version 1 specs"
        return v == 1 ? v : d.fail(node.location, message)
      }, write: { b, key, v in b.add(key, int: v) }),
    .value(
      "name", \.name, type: "string ([A-Za-z0-9._-], at most 200)", default: "the file's base name",
      "Name of the run; results go to `results/<name>/`. It may not start with `.` (the "
        + "runner's own folders) or `-` (read as an option by `runner compare` and `ls`). The "
        + "file's base name has other characters as `_`, without leading `.` or `-`, and a hash "
        + "when it had letters outside ASCII.", example: "cat",
      read: { d, node, p in d.runName(node, p) }, write: { b, key, v in b.add(key, string: v) }
    ).derived("the file's base name"),
    .value(
      "description", \.description, type: "string", default: nil,
      "Free text, copied into the reports; a control character other than a line break or a "
        + "tab is refused.", example: "Cat vs non-cat",
      read: { d, node, p in d.description(node, p) },
      write: { b, key, v in b.add(key, string: v) }),
    .value(
      "seed", \.seed, type: "integer ≥ 0", default: nil,
      "Seed every random choice derives from (initialization, mini-batch shuffles, dropout, splits, generators, bootstrap, learning curves, a sweep's draws and its trials' seeds). Written where nothing draws from it, a warning (see \"Cross-field rules\"); where nothing is random, it is left out of the resolved spec.",
      example: "1",
      read: { d, node, p in
        let seed = d.seed(node, p)
        d.experimentSeed = seed ?? 0
        return seed
      }, write: { b, key, v in b.add(key, uint: v) }),
    .choice(
      "dtype", \.dtype, what: "dtype",
      "Floating-point precision of data and parameters. A real value written non-zero that it holds as 0 or infinity (`eps: 1e-50` in float32) is refused at the value.",
      example: "float32"),
    .integer(
      "threads", \.threads, .within(1, 256),
      "OpenBLAS threads for this run (set once per process), at most the machine's online CPU count (more is capped, with a warning; a CPU affinity such as `taskset` changes nothing). Results (float64 and float32) are byte-identical only at equal `threads`; a single-threaded OpenBLAS build runs 1 thread (a warning says so). `OPENBLAS_NUM_THREADS`, `OMP_NUM_THREADS` and `GOTO_NUM_THREADS` are ignored (a note says so when they differ).",
      example: "2"),
    required(
      "dataset", \.dataset, "Where the data comes from, its preprocessing and split.",
      "{name: iris}",
      decode: { d, n, p in
        d.dataset = d.decodeDataset(n, p)
        return d.dataset
      }, write: SpecWriter.dataset),
    required(
      "model", \.model, "The model family, structure and initialization.", "{type: logreg}",
      type: "string or mapping",
      decode: { d, n, p in
        let model = d.decodeModel(n, p)
        d.model = model
        return model
      },
      write: { m, b in b.add(ModelSpec.keys, m) }),
    .custom(
      "loss", "string or mapping",
      default: ModelFamily.defaults(\.defaultLossWords),
      "The loss minimized (mean over samples).", example: "binary_cross_entropy",
      read: { d, m, path, e in
        e.loss = d.field(m, "loss", in: path, default: LossSpec(e.model.definition.defaultLoss)) {
          d, n, p in
          d.declared(n, p, LossKind.self, what: "loss", base: .init()) { _, owners in
            "it applies only to the \(owners) loss"
          }.map { kind, settings in LossSpec(kind) { $0 = settings } }
        }
        d.loss = e.loss.kind
      },
      write: { b, e in b.add("loss") { $0.add(type: e.loss.kind, e.loss.settings) } }),
    .custom(
      "optimizer", "string or mapping", default: "{type: gd}",
      "The optimizer, its hyperparameters and the training budget.",
      example: "{type: adam, learning_rate: 0.001, epochs: 5}",
      read: { d, m, path, e in
        e.optimizer =
          d.section(m, "optimizer", in: path) { d, n, p in d.decodeOptimizer(n, p) } ?? e.optimizer
      }, write: { b, e in b.add("optimizer") { $0.add(OptimizerSpec.keys, e.optimizer) } }),
    .value(
      "regularization", \.regularization, type: "mapping", default: "{l1: 0.0, l2: 0.0}",
      "Weight penalties in J = mean loss + (l2/2)·‖w‖² + l1·‖w‖₁ (biases excluded).",
      example: "{l2: 0.01}", read: { d, n, p in d.decodeRegularization(n, p) },
      write: { b, key, r in b.add(key) { $0.add(Regularization.parameters, r) } }),
    .value(
      "metrics", \.metrics, type: "list of metric names",
      default: "classification losses: [accuracy]; others: [mse]",
      "Metrics recorded on every split: "
        + Metric.allCases.filter(\.isScore).map(\.rawValue).joined(separator: ", ")
        + " (precision, recall and f1 score the positive class, and are the macro averages with"
        + " more than two classes; macro averages, as scikit-learn's, skip a class neither in the split nor predicted; roc_auc and average_precision rank the positive class's"
        + " score, macro one-vs-rest with more classes); confusion_matrix (classifiers) writes `confusion_matrix.csv` instead.",
      example: "[accuracy, f1]", fallback: { $1.loss.kind.isClassification ? [.accuracy] : [.mse] },
      read: { d, n, p in d.decodeMetrics(n, p) },
      write: { b, key, metrics in b.add(key, strings: metrics.map(\.rawValue)) }),
    .integer(
      "record_every", \.recordEvery, .atLeast(1),
      "Record loss and metrics every this many units of the budget (epochs under an epoch budget; updates under an iteration budget, one mini-batch each for mini-batch optimizers), and after the last update.",
      example: "100"),
    .custom(
      "report", "mapping", default: "{}",
      "Bias/variance diagnosis, bootstrap decomposition, learning and validation curves, plots.",
      example: "{bias_variance: {base_error: 0.0}}",
      read: { d, m, path, e in
        d.judgesClasses = e.judgesClasses
        e.report = d.section(m, "report", in: path) { d, n, p in d.decodeReport(n, p) } ?? e.report
      }, write: { b, e in b.add("report") { $0.add(ReportSpec.keys, e.report) } }),
    .optional(
      "sweep", \.sweep, "mapping", default: "none",
      "Hyperparameter sweep: axes over key paths, expanded into trials.",
      example: "{parameters: {optimizer.learning_rate: [0.1, 0.01]}}",
      read: { d, n, p in d.decodeSweep(n, p) }, write: { b, sweep in b.add(SweepSpec.keys, sweep) }),
    .value(
      "output", \.output, type: "relative path", default: "the name",
      "Results directory, relative to the project's `results_dir`; `..` and absolute paths are refused unless `--allow-outside-results`, and so are a folder starting with `.` and a first folder starting with `-`.",
      example: "cat-float32", fallback: { $1.name }, read: { d, n, p in d.outputPath(n, p) },
      write: { b, key, output in b.add(key, string: output) }
    ).derived("the name"),
  ]

  /// A section the spec must have, read by `decode` and written by `write`; its absence is
  /// reported at the top of the document, with `name: example` as what to add.
  private static func required<S>(
    _ name: String, _ field: WritableKeyPath<ExperimentSpec, S>, _ meaning: String,
    _ example: String, type: String = "mapping",
    decode: @escaping (inout SpecDecoder, SpecNode, SpecPath) -> S?,
    write: @escaping (S, inout CanonicalBuilder) -> Void
  ) -> SpecKey<ExperimentSpec> {
    .custom(
      name, type, default: "required", meaning, example: example,
      read: { d, m, _, e in
        let missing = "the spec has no '\(name)' section"
        let note = "add one, e.g. `\(name): \(example)`"
        guard let node = d.required(m, name, in: .root, missing, note: note) else { return }
        let errors = d.diagnostics.filter { $0.severity == .error }.count
        if let value = decode(&d, node, SpecPath.root.appending(name)) {
          e[keyPath: field] = value
        } else if d.diagnostics.filter({ $0.severity == .error }).count == errors,
          !d.keysBelowIdeographicIndented(node)
        {
          // The spec is refused, never run with the stand-in section: an error must say why
          // (keys below it indented with U+3000 are refused as unknown top-level keys).
          d.error(node.location, "the '\(name)' section could not be read")
        }
      }, write: { b, e in b.add(name) { write(e[keyPath: field], &$0) } })
  }

  /// The spec every key is read into: each key's value before it is read (a required section
  /// left unread keeps this stand-in, and the spec is refused).
  static func unread(name: String) -> ExperimentSpec {
    ExperimentSpec(
      name: name, dataset: DatasetSpec(source: .named(.iris)),
      model: ModelSpec(definition: .linearRegression(solver: .iterative), initialization: .zeros),
      loss: LossSpec(.mse), optimizer: OptimizerSpec(kind: .gd, learningRate: 0.01),
      metrics: [], output: name)
  }
}
