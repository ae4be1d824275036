/// The keys of `model:`, `loss:` and `optimizer:`.
extension Schema {
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
      "momentum, nesterov, rmsprop: momentum factor (rmsprop: b = μb + g/(√v + eps), step lr·b, as torch.optim.RMSprop).",
      "momentum: 0.9"),
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
      "Mini-batch optimizers: reshuffle the training set every epoch from the run's seed; false visits it in stored order every epoch (PyTorch's shuffle=False).",
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
      "What is watched on the dev split (must be in metrics): loss, log_loss, mse, rmse and mae improve downwards, the other metrics upwards.",
      "metric: accuracy"),
    k(
      "optimizer.early_stopping.patience", "integer ≥ 1", "10",
      "Records without improvement before stopping.", "patience: 5"),
    k(
      "optimizer.early_stopping.min_delta", "number ≥ 0", "0.0",
      "Smallest change that counts as an improvement.", "min_delta: 0.001"),
    k(
      "optimizer.early_stopping.restore_best", "boolean", "true",
      "Restore the best record's parameters when stopping; false keeps the last parameters.",
      "restore_best: false"),
    k(
      "optimizer.history_size", "integer ≥ 1", "10", "lbfgs: past updates kept.", "history_size: 20"
    ),
    k(
      "optimizer.tolerance", "number > 0", "1e-06",
      "lbfgs: stop when the largest absolute gradient component is at most this.", "tolerance: 1e-8"
    ),
  ]
}
