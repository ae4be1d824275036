import Conventions

/// "Did you mean" suggestions: the closest candidate by edit distance, plus common synonyms.
enum Suggestions {
  /// Spellings users bring from other tools, mapped to our key or value.
  static let synonyms: [String: String] = [
    "lr": "learning_rate", "learningrate": "learning_rate", "learning-rate": "learning_rate",
    "regularisation": "regularization", "regulariser": "regularization",
    "regularizer": "regularization",
    "reg": "regularization", "epoch": "epochs", "iters": "iterations", "iter": "iterations",
    "num_iterations": "iterations", "max_iter": "iterations", "n_epochs": "epochs",
    "batchsize": "batch_size", "batch": "batch_size", "bs": "batch_size",
    "weightdecay": "weight_decay", "tpe": "bayes", "max_trials": "trials",
    "wd": "weight_decay", "layer": "layers", "initialization": "init", "initializer": "init",
    "activation_function": "activation", "units_count": "units", "neurons": "units",
    "optimiser": "optimizer", "optim": "optimizer", "data": "dataset",
    "preprocess": "preprocessing",
    "metric": "metrics", "random_seed": "seed", "random_state": "seed", "precision": "dtype",
    "float": "float32", "double": "float64", "fp32": "float32", "fp64": "float64",
    "bce": "binary_cross_entropy", "ce": "cross_entropy", "crossentropy": "cross_entropy",
    "categorical_cross_entropy": "cross_entropy", "nll": "cross_entropy", "l2_loss": "mse",
    "logistic": "logreg", "logistic_regression": "logreg", "linear": "linreg",
    "linear_regression": "linreg", "perceptron": "mlp", "sigmoid_output": "sigmoid",
    "lrelu": "leaky_relu",
    "linear_activation": "identity", "none": "identity", "normalize": "standardize",
    "standardise": "standardize", "minmax": "min_max", "stochastic": "sgd",
    "gradient_descent": "gd", "lasso": "l1", "ridge": "l2", "elasticnet": "elastic_net",
    "l1": "mae", "l1loss": "mae", "mseloss": "mse", "bceloss": "binary_cross_entropy",
    "crossentropyloss": "cross_entropy", "huberloss": "huber", "smoothl1loss": "huber",
    "record_interval": "record_every", "log_every": "record_every", "print_every": "record_every",
  ]

  /// The best suggestion for `word` among `candidates`, or nil when nothing is close.
  static func best(for word: String, among candidates: [String]) -> String? {
    if let synonym = synonyms[word.lowercased()], candidates.contains(synonym) { return synonym }
    return word.closest(among: candidates)
  }

  /// "; did you mean 'x'?" or "".
  static func didYouMean(_ word: String, among candidates: [String]) -> String {
    best(for: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
  }
}
