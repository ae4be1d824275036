/// The keys of `regularization:`, `report:` and `sweep:`.
extension Schema {
  static let regularizationAndReport: [SchemaKey] =
    Regularization.parameters.map { parameterKey("regularization", $0) } + [
      k(
        "report.bias_variance", "mapping", "{}",
        "Andrew Ng's diagnosis: avoidable bias and variance with a verdict.",
        "bias_variance: {base_error: 0.0}"),
      k(
        "report.bias_variance.base_error", "number ≥ 0 (in [0, 1] for classification)", "0.0",
        "The best achievable (e.g. human) error: a fraction, or for regression the loss.",
        "base_error: 0.01"),
      k(
        "report.bias_variance.bias_threshold", "number ≥ 0", "0.05 (regression: 0.1)",
        "High bias above: train − base, or for regression (train − base)/base.",
        "bias_threshold: 0.02"),
      k(
        "report.bias_variance.variance_threshold", "number ≥ 0", "0.05 (regression: 0.1)",
        "High variance above: held-out − train, or for regression that over train.",
        "variance_threshold: 0.02"),
      k(
        "report.bootstrap", "mapping", "none (off)",
        "Bias/variance decomposition by bootstrap (mlxtend's definitions).",
        "bootstrap: {rounds: 200}"),
      k("report.bootstrap.rounds", "integer ≥ 2", "200", "Bootstrap rounds.", "rounds: 200"),
      k(
        "report.bootstrap.loss", choices(DecomposedLoss.self),
        "regression losses: mse; classification: zero_one",
        "Loss decomposed.", "loss: mse"),
      k(
        "report.bootstrap.seed", "integer ≥ 0", "the experiment's seed", "Seed of the resamples.",
        "seed: 123"),
      k(
        "report.learning_curve", "mapping", "none (off)",
        "Train and dev error against training-set size.", "learning_curve: {sizes: [0.1, 0.5, 1.0]}"
      ),
      k(
        "report.learning_curve.sizes", "list of fractions or counts", "required",
        "Training-set sizes, increasing.", "sizes: [50, 100, 200]"),
      k(
        "report.validation_curve", "mapping", "none (off)",
        "Train and dev error against one hyperparameter.",
        "validation_curve: {parameter: regularization.l2, values: [0, 0.01, 0.1]}"),
      k(
        "report.validation_curve.parameter", "key path", "required",
        "The swept key path (validated like --set).",
        "parameter: dataset.preprocessing[0].polynomial"
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
      "sweep.method", "grid | random | successive_halving | hyperband | bayes", "grid",
      "Every combination, `trials` random draws, the grid in rungs or brackets of rungs, or TPE.",
      "method: random"),
    k(
      "sweep.budget", "mapping", "required for successive_halving",
      "The run's epochs (or iterations) at the first and last rung.", "budget: {min: 1, max: 27}"),
    k("sweep.budget.min", "integer ≥ 1", "1", "The first rung's budget.", "min: 2"),
    k("sweep.budget.max", "integer > min", "required", "The last rung's budget.", "max: 9"),
    k("sweep.eta", "integer ≥ 2", "3", "Each rung keeps the best 1/eta of its trials.", "eta: 2"),
    k("sweep.trials", "integer ≥ 1", "10", "random, bayes: number of trials.", "trials: 20"),
    k(
      "sweep.seed", "integer ≥ 0", "the experiment's seed", "random, bayes: seed of the draws.",
      "seed: 7"),
    k("sweep.startup", "integer ≥ 1", "10", "bayes: random trials before TPE.", "startup: 3"),
    k("sweep.batch", "integer ≥ 1", "4", "bayes: TPE suggestions per batch.", "batch: 2"),
    k(
      "sweep.objective", "mapping", "{metric: loss}",
      "What ranks the trials: summary order and best trial.", "objective: {metric: dev_accuracy}"),
    k(
      "sweep.objective.metric", "loss or a metric, optionally after dev_/test_/train_", "loss",
      "The figure; a bare name is measured on dev, else test (with a warning).",
      "metric: accuracy"),
    k(
      "sweep.objective.goal", "min | max", "the metric's (max for scores)",
      "Whether the lowest or the highest value is best.", "goal: max"),
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
      "grid: number of values (a random sweep refuses it: it draws `trials` values).", "num: 5"),
    k(
      "sweep.parameters.*.integer", "boolean", "true when the key is an integer",
      "Round drawn values to integers.", "integer: true"),
  ]
}
