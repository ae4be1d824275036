/// The keys of `regularization:`, `report:` and `sweep:`.
extension Schema {
  static let regularizationAndReport: [SchemaKey] =
    Regularization.parameters.map { parameterKey("regularization.", $0) }
    + keys("report.", ReportSpec.keys, defaults: ReportSpec())

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
