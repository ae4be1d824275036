/// One key of the spec language: its path pattern (`[]` for list items, `*` for any key),
/// type, default, meaning and an example. `docs/spec.md` documents exactly these keys (a test
/// checks it), and the decoder takes each mapping's allowed keys from here.
public struct SchemaKey: Sendable {
  public var path: String
  public var type: String
  public var defaultValue: String
  public var meaning: String
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

  private static func k(
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
      "dtype", "float64 | float32", "float64", "Floating-point precision of data and parameters.",
      "dtype: float32"),
    k(
      "threads", "integer 1...256", "1",
      "OpenBLAS threads for this run (set once per process). float32 results are byte-identical only at equal `threads`.",
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
      "Metrics recorded on every split: accuracy, precision, recall, f1, precision_macro, recall_macro, f1_macro, log_loss, confusion_matrix, mse, rmse, mae, r2.",
      "metrics: [accuracy, f1]"),
    k(
      "record_every", "integer ≥ 1", "1",
      "Record loss and metrics every this many iterations (epochs for mini-batch optimizers).",
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

  static let dataFileKeys: [(String, String, String, String, String)] = [
    (
      "file", "path", "required",
      "Data file, relative to the spec's directory, then the data search path (RUNNER_DATA_PATH, runner.yaml's data_path).",
      "file: catvnoncat/train_catvnoncat.h5"
    ),
    (
      "format", "csv | hdf5 | npy | npz | idx", "from the extension",
      "File format (`.csv`, `.h5`/`.hdf5`, `.npy`, `.npz`, `*-ubyte[.gz]`/`.idx[.gz]`).",
      "format: hdf5"
    ),
    (
      "features", "string or list of strings",
      "CSV: every column but the target; npy/idx: the file",
      "CSV: feature column names; HDF5/NPZ: the features array's name.", "features: [bmi, bp]"
    ),
    (
      "target", "string", "required for csv, hdf5, npz",
      "CSV: the target column; HDF5/NPZ: the labels array's name.", "target: target"
    ),
    (
      "target_file", "path", "required for npy, idx", "NPY/IDX: the file holding the labels.",
      "target_file: mnist/train-labels-idx1-ubyte.gz"
    ),
  ]

  static let dataset: [SchemaKey] =
    [
      k(
        "dataset.name",
        "catvnoncat | mnist | fashion-mnist | diabetes | iris | breast_cancer | digits | wine",
        "none",
        "A named dataset found through the data search path (one source: name, generator, file, or train/dev/test).",
        "name: iris"),
      k(
        "dataset.generator", "mapping", "none", "A built-in seeded generator.",
        "generator: {type: moons, samples: 200, noise: 0.1}"),
    ]
    + dataFileKeys.map {
      k("dataset." + $0.0, $0.1, $0.2, $0.3 + " (single-file source, divided by `split`)", $0.4)
    }
    + ["train", "dev", "test"].flatMap { part in
      [
        k(
          "dataset." + part, "mapping", part == "train" ? "none" : "none",
          "Given \(part) file (with `train`, the source is given files).",
          "\(part): {file: \(part).csv, target: y}")
      ]
        + dataFileKeys.map { k("dataset.\(part).\($0.0)", $0.1, $0.2, $0.3, $0.4) }
    } + [
      k(
        "dataset.classes", "list of strings", "none", "Class names; index i names class i.",
        "classes: [non-cat, cat]"),
      k(
        "dataset.preprocessing", "list of steps", "[]",
        "Steps in order; statistics are fitted on the training split only.",
        "preprocessing: [flatten, {scale: 1/255}]"),
      k(
        "dataset.preprocessing[].flatten", "step (no value)", "-",
        "Reshape each sample to a vector.", "- flatten"),
      k(
        "dataset.preprocessing[].scale", "number or a/b", "-",
        "Multiply every feature by a constant.", "- scale: 1/255"),
      k(
        "dataset.preprocessing[].standardize", "step (no value)", "-",
        "Subtract the training mean, divide by the training standard deviation.", "- standardize"),
      k(
        "dataset.preprocessing[].min_max", "[lower, upper]", "[0.0, 1.0]",
        "Map the training minimum and maximum of each feature to lower and upper.",
        "- min_max: [-1, 1]"),
      k(
        "dataset.preprocessing[].one_hot", "list of column names", "[] (the target)",
        "One-hot encode categorical feature columns, or the target when empty.", "- one_hot"),
      k(
        "dataset.preprocessing[].polynomial", "integer 1...10", "-",
        "Add all products of features up to this degree.", "- polynomial: 3"),
      k(
        "dataset.split", "mapping", "{train: rest}",
        "Division of the training source into train, dev, test and train-dev parts.",
        "split: {train: 0.8, dev: 0.1, test: 0.1}"),
      k(
        "dataset.split.train", "fraction, count or rest", "rest",
        "Training part: a fraction (0.8), a count (353) or `rest`.", "train: 0.8"),
      k(
        "dataset.split.dev", "fraction, count or rest", "0.0",
        "Dev part (model selection, early stopping).", "dev: 0.1"),
      k(
        "dataset.split.test", "fraction, count or rest", "0.0",
        "Test part (must stay 0 when a test file is given).", "test: 89"),
      k(
        "dataset.split.train_dev", "fraction, count or rest", "0.0",
        "Train-dev part: training distribution held out, for data-mismatch diagnosis.",
        "train_dev: 0.05"),
      k(
        "dataset.split.shuffle", "boolean", "true",
        "Shuffle before splitting (false: parts in file order).", "shuffle: false"),
      k(
        "dataset.split.stratify", "boolean", "true",
        "Keep class proportions in every part (classification only).", "stratify: false"),
      k(
        "dataset.split.seed", "integer ≥ 0", "the experiment's seed",
        "Seed of the split's shuffle.", "seed: 42"),
      k(
        "dataset.generator.type",
        "linear | polynomial | blobs | gates | moons | circles | spirals | sine", "required",
        "The generator.", "type: blobs"),
      k(
        "dataset.generator.samples", "integer ≥ 1", "100",
        "Number of samples (gates: rows, a multiple of 4).", "samples: 256"),
      k(
        "dataset.generator.noise", "number ≥ 0", "0.0", "Standard deviation of Gaussian noise.",
        "noise: 0.25"),
      k(
        "dataset.generator.seed", "integer ≥ 0", "the experiment's seed", "The generator's seed.",
        "seed: 3"),
      k(
        "dataset.generator.weights", "list of numbers", "[1.0]",
        "linear: true weights, one per feature.", "weights: [5]"),
      k("dataset.generator.bias", "number", "0.0", "linear: true bias.", "bias: 7"),
      k(
        "dataset.generator.coefficients", "list of numbers", "[0.0, 1.0]",
        "polynomial: coefficients of x⁰, x¹, ...", "coefficients: [1, -2, 0.5]"),
      k(
        "dataset.generator.x_range", "[low, high]",
        "linear: [0, 1]; polynomial: [-1, 1]; sine: [0, 2π]", "Interval x is drawn from uniformly.",
        "x_range: [0, 1]"),
      k(
        "dataset.generator.means", "list of vectors", "required for blobs",
        "blobs: one mean per class.", "means: [[3, 4], [7, 6]]"),
      k(
        "dataset.generator.covariances", "list of matrices", "identity",
        "blobs: one covariance matrix per class.",
        "covariances: [[[3, 0], [0, 1]], [[3, 0], [0, 2]]]"),
      k(
        "dataset.generator.sizes", "list of integers", "100 per class", "blobs: samples per class.",
        "sizes: [100, 200]"),
      k(
        "dataset.generator.gate", "and | or | nand | xor", "xor", "gates: the logic gate.",
        "gate: and"),
      k(
        "dataset.generator.factor", "number in (0, 1)", "0.5",
        "circles: inner radius over outer radius.", "factor: 0.3"),
      k("dataset.generator.classes", "integer ≥ 2", "2", "spirals: number of arms.", "classes: 3"),
    ]

  static let model: [SchemaKey] = [
    k(
      "model.type", "linreg | logreg | mlp", "required",
      "Linear regression, logistic regression or a multi-layer perceptron.", "type: mlp"),
    k(
      "model.solver", "gd | exact", "gd",
      "linreg: fit by the optimizer, or exactly by least squares (L2 allowed, L1 not).",
      "solver: exact"),
    k(
      "model.multiclass", "softmax | ovr | ovo", "softmax",
      "logreg with more than two classes: multinomial, one-vs-rest or one-vs-one.",
      "multiclass: ovr"),
    k(
      "model.layers", "list of layers", "required for mlp",
      "mlp: the dense layers in order; the last is the output layer.",
      "layers: [{units: 4, activation: sigmoid}, {units: 1, activation: sigmoid}]"),
    k("model.layers[].units", "integer ≥ 1", "required", "Outputs of the layer.", "units: 1024"),
    k(
      "model.layers[].activation", "identity | step | sigmoid | tanh | relu | leaky_relu | softmax",
      "required",
      "The layer's activation (softmax only on the output layer; step is forward only).",
      "activation: relu"),
    k(
      "model.layers[].negative_slope", "number ≥ 0", "0.01",
      "leaky_relu: slope for negative inputs.", "negative_slope: 0.1"),
    k(
      "model.init", "string or mapping", "linreg, logreg: zeros; mlp: pytorch",
      "How parameters start: zeros, normal, uniform, pytorch, xavier, he, explicit, or {from: DIR}.",
      "init: he"),
    k(
      "model.init.type", "zeros | normal | uniform | pytorch | xavier | he | explicit",
      "see model.init", "The initializer.", "type: normal"),
    k("model.init.mean", "number", "0.0", "normal: mean of the weights.", "mean: 0"),
    k(
      "model.init.std", "number > 0", "0.01", "normal: standard deviation of the weights.",
      "std: 0.01"),
    k(
      "model.init.limit", "number > 0", "0.05", "uniform: weights in [−limit, limit].", "limit: 0.1"
    ),
    k(
      "model.init.layers", "list of {weights, bias}", "required for explicit mlp",
      "explicit: every layer's parameters; weights are (inputs, outputs).",
      "layers: [{weights: [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], bias: [0.1, 0.2, 0.3]}]"),
    k(
      "model.init.layers[].weights", "matrix (inputs × outputs)", "required",
      "The layer's weights.", "weights: [[0.5], [0.5]]"),
    k(
      "model.init.layers[].bias", "number or list", "required",
      "The layer's biases, one per output.", "bias: [-0.7]"),
    k(
      "model.init.weights", "list of numbers or matrix", "required for explicit linreg/logreg",
      "explicit, one-layer models: the weights (a list is one output).", "weights: [0.5, 0.5]"),
    k(
      "model.init.bias", "number or list", "required for explicit linreg/logreg",
      "explicit, one-layer models: the bias.", "bias: -0.7"),
    k(
      "model.init.from", "path", "none",
      "Start from parameters saved by an earlier run (its params/ directory).",
      "from: results/cat/params"),
  ]

  static let lossAndOptimizer: [SchemaKey] = [
    k(
      "loss.type", "mse | mae | huber | binary_cross_entropy | cross_entropy", "see loss",
      "The loss (`loss: mse` is short for `loss: {type: mse}`).", "type: huber"),
    k(
      "loss.delta", "number > 0", "1.0", "huber: threshold between the quadratic and linear parts.",
      "delta: 1.0"),
    k(
      "optimizer.type", "gd | sgd | momentum | nesterov | rmsprop | adam | adamw | lbfgs", "gd",
      "The update rule (PyTorch's rules and defaults; gd and lbfgs are full batch).", "type: adam"),
    k(
      "optimizer.learning_rate", "number > 0", "adam, adamw: 0.001; lbfgs: 1.0; others: 0.01",
      "Step size.", "learning_rate: 0.005"),
    k(
      "optimizer.momentum", "number in [0, 1)", "momentum, nesterov: 0.9; rmsprop: 0.0",
      "momentum, nesterov, rmsprop: momentum factor.", "momentum: 0.9"),
    k("optimizer.alpha", "number in (0, 1)", "0.99", "rmsprop: smoothing constant.", "alpha: 0.99"),
    k(
      "optimizer.beta1", "number in [0, 1)", "0.9", "adam, adamw: first-moment decay.", "beta1: 0.9"
    ),
    k(
      "optimizer.beta2", "number in [0, 1)", "0.999", "adam, adamw: second-moment decay.",
      "beta2: 0.999"),
    k(
      "optimizer.eps", "number > 0", "1e-08", "rmsprop, adam, adamw: denominator guard.",
      "eps: 1e-8"),
    k(
      "optimizer.weight_decay", "number ≥ 0", "adamw: 0.01; others: 0.0",
      "sgd family, rmsprop, adam: L2 added to the gradient; adamw: decoupled decay.",
      "weight_decay: 0.01"),
    k(
      "optimizer.batch_size", "integer ≥ 1", "mini-batch optimizers: 32; gd, lbfgs: full batch",
      "Samples per update.", "batch_size: 64"),
    k(
      "optimizer.epochs", "integer ≥ 0", "100 (when iterations is not given)",
      "Passes over the training set (give epochs or iterations, not both).", "epochs: 5"),
    k(
      "optimizer.iterations", "integer ≥ 0", "none",
      "Parameter updates (give epochs or iterations, not both); 0 evaluates the initial parameters without training.",
      "iterations: 2000"),
    k(
      "optimizer.shuffle", "boolean", "true",
      "Mini-batch optimizers: reshuffle the training set every epoch from the run's seed.",
      "shuffle: false"),
    k(
      "optimizer.schedule", "string or mapping", "constant",
      "Learning-rate schedule, stepped per epoch (per iteration for gd).",
      "schedule: {type: step, step_size: 10, gamma: 0.5}"),
    k(
      "optimizer.schedule.type", "constant | step | exponential | cosine", "constant",
      "The schedule (PyTorch's StepLR, ExponentialLR, CosineAnnealingLR).", "type: cosine"),
    k(
      "optimizer.schedule.step_size", "integer ≥ 1", "10",
      "step: multiply by gamma every this many steps.", "step_size: 30"),
    k(
      "optimizer.schedule.gamma", "number in (0, 1]", "step: 0.1; exponential: 0.95",
      "step, exponential: decay factor.", "gamma: 0.5"),
    k(
      "optimizer.schedule.t_max", "integer ≥ 1", "the number of epochs (iterations for gd)",
      "cosine: steps to reach eta_min.", "t_max: 50"),
    k(
      "optimizer.schedule.eta_min", "number ≥ 0", "0.0", "cosine: the final learning rate.",
      "eta_min: 0.0001"),
    k(
      "optimizer.early_stopping", "mapping", "none",
      "Stop when a dev metric stops improving (needs a dev split or file).",
      "early_stopping: {patience: 5}"),
    k(
      "optimizer.early_stopping.metric", "loss or a metric name", "loss",
      "What is watched on the dev split (loss and error metrics: lower is better).",
      "metric: accuracy"),
    k(
      "optimizer.early_stopping.patience", "integer ≥ 1", "10",
      "Records without improvement before stopping.", "patience: 5"),
    k(
      "optimizer.early_stopping.min_delta", "number ≥ 0", "0.0",
      "Smallest change that counts as an improvement.", "min_delta: 0.001"),
    k(
      "optimizer.early_stopping.restore_best", "boolean", "true",
      "Restore the best record's parameters when stopping.", "restore_best: false"),
    k(
      "optimizer.history_size", "integer ≥ 1", "10", "lbfgs: past updates kept.", "history_size: 20"
    ),
    k(
      "optimizer.tolerance", "number > 0", "1e-06",
      "lbfgs: stop when the largest absolute gradient component is at most this.", "tolerance: 1e-8"
    ),
  ]

  static let regularizationAndReport: [SchemaKey] = [
    k(
      "regularization.l1", "number ≥ 0", "0.0",
      "L1 strength (proximal step: exact zeros). Lasso α → l1 = 2α.", "l1: 0.2"),
    k(
      "regularization.l2", "number ≥ 0", "0.0",
      "L2 strength. sklearn C → 1/(C·m); Ridge α → 2α/m; course λ → λ/m; PyTorch weight_decay → l2.",
      "l2: 0.01"),
    k(
      "report.bias_variance", "mapping", "{}",
      "Andrew Ng's diagnosis: avoidable bias and variance with a verdict.",
      "bias_variance: {base_error: 0.0}"),
    k(
      "report.bias_variance.base_error", "number in [0, 1]", "0.0",
      "The best achievable (e.g. human) error.", "base_error: 0.01"),
    k(
      "report.bias_variance.bias_threshold", "number ≥ 0", "0.05",
      "Avoidable bias above this is high bias.", "bias_threshold: 0.02"),
    k(
      "report.bias_variance.variance_threshold", "number ≥ 0", "0.05",
      "Variance above this is high variance.", "variance_threshold: 0.02"),
    k(
      "report.bootstrap", "mapping", "none (off)",
      "Bias/variance decomposition by bootstrap (mlxtend's definitions).",
      "bootstrap: {rounds: 200}"),
    k("report.bootstrap.rounds", "integer ≥ 2", "200", "Bootstrap rounds.", "rounds: 200"),
    k(
      "report.bootstrap.loss", "mse | zero_one", "regression losses: mse; classification: zero_one",
      "Loss decomposed.", "loss: mse"),
    k(
      "report.bootstrap.seed", "integer ≥ 0", "the experiment's seed", "Seed of the resamples.",
      "seed: 123"),
    k(
      "report.learning_curve", "mapping", "none (off)",
      "Train and dev error against training-set size.", "learning_curve: {sizes: [0.1, 0.5, 1.0]}"),
    k(
      "report.learning_curve.sizes", "list of fractions or counts", "required",
      "Training-set sizes, increasing.", "sizes: [50, 100, 200]"),
    k(
      "report.validation_curve", "mapping", "none (off)",
      "Train and dev error against one hyperparameter.",
      "validation_curve: {parameter: regularization.l2, values: [0, 0.01, 0.1]}"),
    k(
      "report.validation_curve.parameter", "key path", "required",
      "The swept key path (validated like --set).", "parameter: dataset.preprocessing[0].polynomial"
    ),
    k(
      "report.validation_curve.values", "list", "required",
      "The values, each validated like --set.", "values: [1, 2, 4, 8]"),
    k(
      "report.plots", "boolean", "true", "Write SVG plots and report.html / report.md.",
      "plots: false"),
  ]

  static let sweep: [SchemaKey] = [
    k(
      "sweep.method", "grid | random", "grid", "Every combination, or `trials` random draws.",
      "method: random"),
    k("sweep.trials", "integer ≥ 1", "10", "random: number of trials.", "trials: 20"),
    k(
      "sweep.seed", "integer ≥ 0", "the experiment's seed", "random: seed of the draws.", "seed: 7"),
    k(
      "sweep.parameters", "mapping of key path → axis", "required",
      "The axes: each key is a key path into the spec.",
      "parameters: {optimizer.learning_rate: [0.1, 0.01]}"),
    k(
      "sweep.parameters.*", "list or axis mapping", "-",
      "A list of values, or a mapping with values, range, uniform or log_uniform.",
      "model.layers[0].units: {range: [16, 64], step: 16}"),
    k("sweep.parameters.*.values", "list", "-", "Exactly these values.", "values: [relu, tanh]"),
    k(
      "sweep.parameters.*.range", "[start, stop]", "-",
      "start, start+step, ... up to stop inclusive.", "range: [1, 5]"),
    k("sweep.parameters.*.step", "number > 0", "1", "range: the increment.", "step: 2"),
    k(
      "sweep.parameters.*.uniform", "[low, high]", "-",
      "random: uniform draws; grid: `num` evenly spaced values.", "uniform: [0.0, 0.5]"),
    k(
      "sweep.parameters.*.log_uniform", "[low, high], low > 0", "-",
      "random: log-uniform draws; grid: `num` geometrically spaced values.",
      "log_uniform: [1e-5, 1e-1]"),
    k(
      "sweep.parameters.*.num", "integer ≥ 2", "required for uniform/log_uniform in a grid",
      "grid: number of values.", "num: 5"),
    k(
      "sweep.parameters.*.integer", "boolean", "true when the key is an integer",
      "Round drawn values to integers.", "integer: true"),
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
