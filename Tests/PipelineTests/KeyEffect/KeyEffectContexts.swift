import Datasets
import Foundation
import Specs

/// The small problems `KeyEffectTests` varies keys in, the values it uses where a key's schema
/// example does not fit them, and the reviewed keys that are exempt.
enum KeyEffectContexts {
  /// Tiny specs (a few dozen rows, a few epochs) that together contain every section a value key
  /// lives in, and one per declared optimizer (so a new optimizer's keys are covered without a
  /// new context). A key is tried in each context holding its parent section until one shows an
  /// effect. Data files are written by `writeDataFiles(in:)`.
  static let specs: [String] = handWritten + OptimizerKind.allCases.map(optimizerContext)

  /// Logistic regression on moons with `kind` for a dozen steps.
  static func optimizerContext(_ kind: OptimizerKind) -> String {
    """
    name: ctx
    dataset: {generator: {type: moons, samples: 40, noise: 0.2}, split: {train: 0.75, test: 0.25}}
    model: {type: logreg}
    optimizer: {type: \(kind.rawValue), learning_rate: 0.1, iterations: 12\(
      kind.isFullBatch ? "" : ", batch_size: 8")}
    """
  }

  /// Every variant of every declared concept that takes keys, in a small run of its own: each
  /// of its keys (at `prefix`) gets its alternative, or its example where the alternative is the
  /// variant's default (`step_size: 1` is inverse_time's). Optimizers leave out
  /// `divergence_factor`, the training loop's, read the same for every rule (its effect is shown
  /// in a context that diverges).
  static let declaredVariants: [DeclaredVariant] = [
    variants(OptimizerKind.self, "optimizer", skipping: ["divergence_factor"], optimizerContext),
    variants(ScheduleKind.self, "optimizer.schedule") {
      // 12 epochs: past step's default step_size of 10, so its gamma acts.
      moons + "model: {type: logreg}\noptimizer: {type: sgd, learning_rate: 0.1, batch_size: 8, "
        + "epochs: 12, schedule: {type: \($0.rawValue)}}"
    },
    variants(InitializerKind.self, "model.init") {
      moons + "model: {type: logreg, init: {type: \($0.rawValue)}}\n" + threeSteps
    },
    variants(ActivationKind.self, "model.layers[]") {
      moons + "model: {type: mlp, layers: [{units: 4, activation: \($0.rawValue)}, "
        + "{units: 1, activation: sigmoid}]}\n" + threeSteps
    },
    variants(LossKind.self, "loss") {
      "dataset: {generator: {type: linear, samples: 20, noise: 0.5}}\nmodel: {type: linreg}\n"
        + "loss: {type: \($0.rawValue)}\n" + threeSteps
    },
    variants(NormalizationKind.self, "model.layers[].normalization") {
      moons + "model: {type: mlp, layers: [{units: 6, activation: tanh, normalization: {type: "
        + "\($0.rawValue)}}, {units: 1, activation: sigmoid}]}\n"
        + "optimizer: {type: adam, learning_rate: 0.05, batch_size: 8, epochs: 3}"
    },
  ].flatMap { $0 }

  private static let moons =
    "dataset: {generator: {type: moons, samples: 40, noise: 0.2}, "
    + "split: {train: 0.75, test: 0.25}}\n"
  private static let threeSteps = "optimizer: {type: gd, iterations: 3, learning_rate: 0.5}"

  /// The variants of `K` that declare keys, each with `context(variant)` and one edit per key.
  static func variants<K: Declared>(
    _: K.Type, _ prefix: String, skipping: Set<String> = [], _ context: (K) -> String
  ) -> [DeclaredVariant] {
    K.allCases.filter { $0.parameters.contains { !skipping.contains($0.key) } }.map { kind in
      let edits = kind.parameters.filter { !skipping.contains($0.key) }.map { p in
        let path = "\(prefix).\(p.key)"
        let example = p.isInteger ? "\(Int(p.example))" : "\(p.example)"
        let value =
          alternatives[path].flatMap { Double($0) == p.defaultValue ? nil : $0 } ?? example
        return KeyEdit(path: path, valueText: value, appends: false)
      }
      return DeclaredVariant(
        name: "\(prefix) \(kind.rawValue)", context: context(kind), edits: edits)
    }
  }

  static let handWritten: [String] = [
    // An mlp classifier, mini-batches, a step schedule, early stopping, a dev split.
    """
    name: ctx
    seed: 1
    dataset:
      generator: {type: moons, samples: 60, noise: 0.2, seed: 5}
      split: {train: 0.5, dev: 0.25, test: 0.25, train_dev: 0.0, shuffle: true, stratify: true}
      preprocessing: [{min_max: [0, 1]}, {scale: 2}]
    model:
      type: mlp
      layers: [{units: 4, activation: leaky_relu}, {units: 1, activation: sigmoid}]
      init: {type: normal, std: 0.5}
    optimizer:
      type: rmsprop
      learning_rate: 0.02
      batch_size: 8
      epochs: 5
      schedule: {type: step, step_size: 2, gamma: 0.5}
      early_stopping: {patience: 2, metric: loss}
    metrics: [accuracy, f1]
    report: {bias_variance: {base_error: 0.0}, plots: true}
    """,
    // Dropout and batch normalization on mini-batches (running statistics in evaluation); a
    // two-class bootstrap, where `loss: mse` is allowed (refused on three classes).
    """
    name: ctx
    seed: 2
    dataset: {generator: {type: moons, samples: 48, noise: 0.2}, split: {train: 0.75, test: 0.25}}
    model:
      type: mlp
      layers:
        - {units: 6, activation: tanh, normalization: {type: batch_norm}}
        - {units: 1, activation: sigmoid}
    optimizer:
      type: adam
      learning_rate: 0.05
      batch_size: 8
      epochs: 3
      schedule: {type: inverse_time, step_size: 1}
    report: {bootstrap: {rounds: 5, seed: 3}}
    """,
    // Adam on a 3-class logistic regression; the analysis reports.
    """
    name: ctx
    dataset:
      generator: {type: blobs, means: [[0, 0], [2, 2], [0, 3]], sizes: [10, 10, 10]}
      split: {train: 0.6, dev: 0.2, test: 0.2}
      preprocessing: [standardize]
    model: {type: logreg, init: {type: uniform, limit: 0.3}}
    loss: cross_entropy
    optimizer:
      type: adam
      learning_rate: 0.05
      batch_size: 4
      epochs: 3
      schedule: {type: exponential, gamma: 0.9}
      early_stopping: {patience: 5, metric: accuracy, min_delta: 0.0}
    metrics: [accuracy]
    report:
      bias_variance: {base_error: 0.0, bias_threshold: 0.05, variance_threshold: 0.05}
      bootstrap: {rounds: 3, seed: 4}
      learning_curve: {sizes: [6, 18]}
      validation_curve: {parameter: regularization.l2, values: [0, 0.1]}
    """,
    // Linear regression by a momentum optimizer, a cosine schedule, explicit start values.
    """
    name: ctx
    dataset:
      generator: {type: linear, samples: 20, noise: 0.1, weights: [2, -1], bias: 0.5}
      split: {train: 12, test: rest}
    model: {type: linreg, init: {type: explicit, weights: [0.1, 0.2], bias: 0.3}}
    loss: {type: huber, delta: 1.0}
    optimizer:
      type: momentum
      learning_rate: 0.05
      iterations: 8
      schedule: {type: cosine, t_max: 8}
    regularization: {l1: 0.0, l2: 0.0}
    record_every: 2
    """,
    // L-BFGS on blobs with given covariances.
    """
    name: ctx
    dataset:
      generator:
        type: blobs
        means: [[0, 0], [1.5, 1.5], [0, 2]]
        covariances: [[[1, 0], [0, 1]], [[1, 0], [0, 1]], [[1, 0], [0, 1]]]
        sizes: [8, 8, 8]
    model: {type: logreg, multiclass: softmax}
    loss: cross_entropy
    optimizer: {type: lbfgs, iterations: 30}
    regularization: {l2: 0.01}
    """,
    // An mlp with explicit weights on a logic gate.
    """
    name: ctx
    dataset: {generator: {type: gates, gate: xor}}
    model:
      type: mlp
      layers: [{units: 2, activation: sigmoid}, {units: 1, activation: sigmoid}]
      init:
        type: explicit
        layers: [{weights: [[1, -1], [-1, 1]], bias: [0, 0]}, {weights: [[1], [1]], bias: [0]}]
    optimizer: {type: gd, learning_rate: 0.5, iterations: 3}
    """,
    "dataset:\n  generator: {type: polynomial, samples: 15, coefficients: [1, 2], x_range: [-1, 1]}\n"
      + "model: {type: linreg, solver: gd}\nloss: {type: mse}\n"
      + "optimizer: {type: sgd, batch_size: 5, epochs: 2, schedule: {type: constant}}",
    // The exact solver (any optimizer, init or record_every written would change nothing).
    "dataset: {generator: {type: linear, samples: 20, noise: 0.1}, split: {test: 5}}\n"
      + "model: {type: linreg, solver: gd}",
    "dataset: {generator: {type: circles, samples: 30, factor: 0.5}}\n"
      + "model: {type: logreg, init: {type: xavier}}\n"
      + "optimizer: {type: nesterov, iterations: 3, learning_rate: 0.5}",
    "dataset: {generator: {type: spirals, samples: 30, classes: 2}}\n"
      + "model: {type: logreg, multiclass: ovr}\n"
      + "optimizer: {type: gd, iterations: 3, learning_rate: 0.5}",
    "dataset: {generator: {type: sine, samples: 20, x_range: [0, 3]}}\nmodel: {type: linreg}\n"
      + "optimizer: {type: adamw, iterations: 3, learning_rate: 0.1}",
    // A bundled named dataset (experiments/data).
    """
    dataset: {name: wine, split: {train: 0.7, test: 0.3}, preprocessing: [standardize]}
    model: {type: logreg, multiclass: ovr}
    optimizer: {type: gd, iterations: 3, learning_rate: 0.5}
    """,
    // File sources: one CSV divided by split, and given train/dev/test files.
    """
    dataset:
      file: data.csv
      target: y
      features: [a, b, z]
      format: csv
      classes: [no, yes]
      split: {train: 0.5, test: 0.5}
      preprocessing: []
    model: {type: logreg}
    optimizer: {type: gd, iterations: 3, learning_rate: 0.5}
    """,
    """
    dataset:
      train: {file: data.csv, target: y, features: [a, b], format: csv}
      dev: {file: data.csv, target: y, features: [a, b], format: csv}
      test: {file: data.csv, target: y, features: [a, b], format: csv}
    model: {type: logreg}
    optimizer: {type: gd, iterations: 3, learning_rate: 0.5}
    """,
    """
    dataset:
      file: x.npy
      target_file: y.npy
      split: {train: 0.5, test: 0.5}
    model: {type: logreg}
    optimizer: {type: gd, iterations: 3, learning_rate: 0.5}
    """,
    """
    dataset:
      train: {file: x.npy, target_file: y.npy}
      dev: {file: x.npy, target_file: y.npy}
      test: {file: x.npy, target_file: y.npy}
    model: {type: logreg}
    optimizer: {type: gd, iterations: 3, learning_rate: 0.5}
    """,
    // Sweeps, random and grid: full-batch gd from zero weights, so that the seed a trial
    // derives from its settings draws nothing.
    """
    name: ctx
    dataset: {generator: {type: moons, samples: 30}, split: {train: 0.5, test: 0.5}}
    model: {type: logreg}
    optimizer: {type: gd, iterations: 3}
    sweep:
      method: random
      trials: 2
      seed: 3
      parameters:
        regularization.l2: {uniform: [0.2, 3.0]}
        optimizer.learning_rate: {log_uniform: [0.1, 1.0]}
    """,
    """
    name: ctx
    dataset: {generator: {type: moons, samples: 30}, split: {train: 0.5, test: 0.5}}
    model: {type: logreg}
    optimizer: {type: gd, iterations: 3}
    sweep:
      method: grid
      objective: {metric: loss}
      parameters:
        optimizer.learning_rate: {values: [0.1, 0.2]}
        optimizer.iterations: {range: [1, 3], step: 1, integer: true}
        regularization.l2: {uniform: [0.0, 1.0], num: 2}
    """,
    """
    name: ctx
    dataset: {generator: {type: moons, samples: 30}, split: {train: 0.5, test: 0.5}}
    model: {type: logreg}
    optimizer: {type: gd, iterations: 3}
    sweep: {parameters: {optimizer.iterations: {range: [1, 12]}}}
    """,
    // Successive halving: rungs of 4 trials × 1 iteration and 1 × 8 (eta 2: 4×1, 2×2, 1×8;
    // min 2: 4×2, 1×8; max 9: 4×1, 1×9).
    """
    name: ctx
    dataset: {generator: {type: moons, samples: 30}, split: {train: 0.5, test: 0.5}}
    model: {type: logreg}
    optimizer: {type: gd, iterations: 8}
    sweep:
      method: successive_halving
      budget: {min: 1, max: 8}
      parameters: {optimizer.learning_rate: [0.1, 0.2, 0.5, 1.0]}
    """,
    // Bayes (TPE): 2 random trials, then 2 batches of 1 suggestion.
    """
    name: ctx
    dataset: {generator: {type: moons, samples: 30}, split: {train: 0.5, test: 0.5}}
    model: {type: logreg}
    optimizer: {type: gd, iterations: 3}
    sweep:
      method: bayes
      trials: 4
      startup: 2
      batch: 1
      seed: 3
      parameters: {optimizer.learning_rate: {log_uniform: [0.05, 2.0]}}
    """,
    // A random sweep of momentum's β on the scale of 1 − β. Its mini-batches draw from the
    // seed, which a trial derives from its training settings (any key among them, read or not,
    // would change the draws): the `seed` axis gives every trial the spec's.
    """
    name: ctx
    dataset: {generator: {type: moons, samples: 30}, split: {train: 0.5, test: 0.5}}
    model: {type: logreg}
    optimizer: {type: momentum, iterations: 3}
    sweep:
      method: random
      trials: 2
      seed: 3
      parameters: {optimizer.momentum: {one_minus_log_uniform: [0.5, 0.9]}, seed: [0]}
    """,
  ]

  /// Specs and the keys (with values) that change nothing in them (`inertKeys`). Not here:
  /// `model.multiclass` (inert only at its default) and the bias/variance thresholds (they
  /// change the diagnosis' verdict).
  static let inert: [(String, [(String, String)])] = [
    (
      "dataset: {generator: {type: linear, samples: 20, noise: 0.1}, split: {test: 5}}\n"
        + "model: {type: linreg, solver: exact}",
      [
        ("dataset.split.stratify", "false"),
        ("model.init", "{type: normal, std: 0.5}"), ("record_every", "3"),
        ("optimizer", "{type: adam, learning_rate: 0.5, iterations: 7}"),
        ("optimizer", "{type: sgd, epochs: 2, schedule: {type: step, step_size: 1}}"),
      ]
    ),
    (
      "dataset: {generator: {type: moons, samples: 30, noise: 0.2}, split: {train: rest}}\n"
        + "model: {type: logreg}\noptimizer: {type: sgd, batch_size: 4, iterations: 3}",
      [
        ("dataset.split.shuffle", "false"), ("dataset.split.stratify", "false"),
        ("dataset.split.seed", "9"),
      ]
    ),
    (
      "dataset: {generator: {type: moons, samples: 30, noise: 0.2}, split: {test: 0.25, "
        + "shuffle: false}}\nmodel: {type: logreg}\noptimizer: {iterations: 3}",
      [("dataset.split.stratify", "false"), ("dataset.split.seed", "9")]
    ),
    (
      "dataset: {generator: {type: gates, gate: xor, samples: 8}}\nmodel: {type: logreg}\n"
        + "optimizer: {type: lbfgs, iterations: 3}",
      [("dataset.generator.seed", "9"), ("optimizer.schedule", "{type: step, step_size: 1}")]
    ),
    (
      "dataset: {generator: {type: moons, samples: 30}, split: {dev: 0.25}}\nmodel:\n  type: mlp\n"
        + "  layers: [{units: 3, activation: relu}, {units: 1, activation: sigmoid}]\n"
        + "optimizer: {type: momentum, iterations: 0}",
      [
        ("optimizer.learning_rate", "0.5"), ("optimizer.momentum", "0.5"), ("record_every", "3"),
        ("model.layers[].dropout", "0.3"), ("optimizer.early_stopping", "{patience: 1}"),
        ("optimizer.schedule", "{type: exponential, gamma: 0.5}"),
      ]
    ),
  ]

  /// Values used instead of the schema's example where the example equals what every context
  /// already runs with, or does not fit a problem this small.
  static let alternatives: [String: String] = [
    "model.init.mean": "0.5",
    "optimizer.alpha": "0.9",
    "optimizer.beta1": "0.8",
    "optimizer.beta2": "0.99",
    "optimizer.eps": "0.1",
    "loss.type": "mae",
    "loss.delta": "0.2",
    "optimizer.early_stopping.min_delta": "0.5",
    "dataset.generator.type": "circles",
    "model.type": "linreg",
    // One-vs-one against the wine context's one-vs-rest (softmax would need another loss; on
    // two classes every strategy trains one sigmoid unit).
    "model.multiclass": "ovo",
    "model.layers[].units": "7",
    "model.layers[].normalization.type": "none",
    "model.init.layers[].weights": "[[0.5, 0.5], [0.5, -0.5]]",
    "model.init.layers[].bias": "[0.2, -0.2]",
    "model.init.weights": "[0.5, 0.5]",
    "model.init.from": "params",
    "dataset.split.test": "4",
    "dataset.split.train": "10",
    "dataset.split.train_dev": "2",
    "dataset.split.dev": "3",
    "dataset.generator.samples": "40",
    "dataset.generator.means": "[[0, 0], [3, 3], [0, 4]]",
    "dataset.generator.covariances":
      "[[[2, 0], [0, 1]], [[1, 0], [0, 1]], [[1, 0], [0, 2]]]",
    "dataset.generator.sizes": "[6, 10, 8]",
    "dataset.generator.x_range": "[0, 2]",
    "dataset.generator.weights": "[1, 1]",
    "dataset.generator.classes": "3",
    "dataset.file": "other.csv",
    "dataset.features": "[a, b]",
    "dataset.target": "w",
    "dataset.target_file": "y2.npy",
    "report.bootstrap.rounds": "4",
    "report.bootstrap.loss": "mse",
    "report.learning_curve.sizes": "[10, 18]",
    "report.validation_curve.values": "[0, 1]",
    "report.validation_curve.parameter": "regularization.l1",
    "report.bias_variance.bias_threshold": "0.9",
    "report.bias_variance.variance_threshold": "0.9",
    "sweep.trials": "3",
    "sweep.parameters.*.values": "[0.3, 0.4]",
    "sweep.parameters.*.num": "3",
    "sweep.parameters.*.step": "2",
    "sweep.parameters.*.integer": "true",
    "sweep.parameters.*.uniform": "[0.5, 2.0]",
    "optimizer.early_stopping.metric": "f1",
    "optimizer.batch_size": "5",
    "optimizer.history_size": "2",
    "optimizer.tolerance": "0.01",
    "optimizer.ftol": "0.01",
    // Barely above 1: some mini-batch's loss exceeds the first's, and the run stops as diverged
    // (its results are still written and fingerprinted).
    "optimizer.divergence_factor": "1.001",
    "optimizer.epochs": "2",
    "optimizer.iterations": "2",
    "optimizer.schedule.t_max": "3",
    "optimizer.schedule.step_size": "1",
    "metrics": "[accuracy, log_loss]",
    "record_every": "3",
    // A CSV's labels named as written, in the other order: each row's class flips (a renaming
    // such as `[n, y]` changes only the report's names).
    "dataset.classes": "['1', '0']",
    "dataset.train.file": "other.csv",
    "dataset.dev.file": "other.csv",
    "dataset.test.file": "other.csv",
    "dataset.train.features": "[b, a]",
    "dataset.dev.features": "[b, a]",
    "dataset.test.features": "[b, a]",
    "dataset.train.target": "w",
    "dataset.dev.target": "w",
    "dataset.test.target": "w",
    "dataset.train.target_file": "y2.npy",
    "dataset.dev.target_file": "y2.npy",
    "dataset.test.target_file": "y2.npy",
  ]

  /// Value keys that cannot change a run's result files, each with the reason (reviewed).
  static let exempt: [String: String] = [
    "version": "the language has one version; 1 is the only accepted value",
    "name": "names the results folder, not what is in it",
    "output": "chooses where the results go, not what they are",
    "threads": "BLAS threads: float64 results are byte-identical at any count by design",
    "description":
      "free text shown in report.md/html, which the comparison skips (they echo the spec)",
    "model.init.from": "needs an earlier run's params/ folder (AnalysisParametersTests covers it)",
    "sweep.objective.goal":
      "only the metric's own direction is accepted, which states the default; a goal against it is refused (it would rank the worst trial best: corpus 820, 821)",
    "dataset.format": "declares how to read the file: any other value fails on the same file",
    "dataset.train.format": "declares how to read the file: any other value fails on the same file",
    "dataset.dev.format": "declares how to read the file: any other value fails on the same file",
    "dataset.test.format": "declares how to read the file: any other value fails on the same file",
    "dataset.preprocessing[].flatten":
      "reshapes image arrays to vectors; on the tabular data of small problems it changes nothing",
  ]

  /// Writes the data files the file contexts read: `data.csv` and `other.csv` (features a, b,
  /// the category z and the 0/1 targets y and w), `x.npy`, `y.npy` and `y2.npy`.
  static func writeDataFiles(in directory: URL) throws {
    func csv(_ seed: Double) -> String {
      var text = "a,b,z,y,w\n"
      for i in 0..<16 {
        let a = sin(Double(i) * 1.3 + seed)
        let b = cos(Double(i) * 0.7 * seed)
        text += "\(a),\(b),\(i % 3),\(a + b > 0.2 ? 1 : 0),\(a > b ? 1 : 0)\n"
      }
      return text
    }
    try csv(1).write(
      to: directory.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    try csv(2).write(
      to: directory.appendingPathComponent("other.csv"), atomically: true, encoding: .utf8)
    let x = (0..<32).map { sin(Double($0) * 0.9) }
    let y = (0..<16).map { Int64(x[2 * $0] + x[2 * $0 + 1] > 0 ? 1 : 0) }
    let y2 = (0..<16).map { Int64($0 % 2) }
    let arrays: [(String, NDArray)] = [
      ("x.npy", try NDArray(shape: [16, 2], storage: .float64(x))),
      ("y.npy", try NDArray(shape: [16], storage: .int64(y))),
      ("y2.npy", try NDArray(shape: [16], storage: .int64(y2))),
    ]
    for (name, array) in arrays {
      try Data(NPYFile.encode(array)).write(to: directory.appendingPathComponent(name))
    }
  }
}
