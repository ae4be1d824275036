import Conventions

/// "Did you mean" suggestions: the closest candidate by edit distance, plus common synonyms.
enum Suggestions {
  /// Spellings users bring from other tools, mapped to our key or value; a spelling may map
  /// to several (`linear`: the model `linreg`, the activation `identity`), and the one among the
  /// candidates is suggested.
  static let synonyms: KeyValuePairs<String, String> = [
    "lr": "learning_rate", "learningrate": "learning_rate", "learning-rate": "learning_rate",
    "regularisation": "regularization", "regulariser": "regularization",
    "regularizer": "regularization",
    "reg": "regularization", "epoch": "epochs", "iters": "iterations", "iter": "iterations",
    "num_iterations": "iterations", "max_iter": "iterations", "n_epochs": "epochs",
    "batchsize": "batch_size", "batch": "batch_size", "bs": "batch_size",
    "weightdecay": "weight_decay", "max_trials": "trials",
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
    "linear": "identity", "kaiming_normal": "he", "he_normal": "he", "kaiming": "he",
    "lecun_normal": "lecun",
    "glorot_uniform": "xavier", "xavier_uniform": "xavier", "glorot": "xavier",
    "log_loss": "binary_cross_entropy", "mean_squared_error": "mse",
    "mean_absolute_error": "mae", "categorical_crossentropy": "cross_entropy",
    "sparse_categorical_crossentropy": "cross_entropy", "smooth_l1": "huber",
    "cosine_annealing": "cosine", "cosineannealinglr": "cosine", "exp": "exponential",
    "exponentiallr": "exponential", "standard_scaler": "standardize",
    "standardscaler": "standardize", "poly": "polynomial", "polynomial_features": "polynomial",
    "acc": "accuracy", "f1_score": "f1", "auc": "roc_auc",
    "keep_prob": "dropout", "lambd": "l2", "lambda": "l2", "mini_batch_size": "batch_size",
    "num_epochs": "epochs", "epsilon": "eps", "time_interval": "step_size", "scale": "std",
    "random": "normal",
    "direction": "objective", "direction": "goal", "minimize": "min", "maximize": "max",
    "minimise": "min",
    "maximise": "max", "sampler": "method", "n_startup_trials": "startup", "n_trials": "trials",
    "pruner": "method",
    "centers": "means",
    "rho": "alpha", "beta2": "alpha", "beta": "beta1", "beta": "alpha", "beta": "momentum",
    "human_error": "base_error",
    "bayes_error": "base_error",
    "human_level_error": "base_error",
  ]

  /// The course's momentum β as the runner's momentum rule takes it.
  static let courseMomentum =
    "the course's v ← βv + (1−β)dW is momentum: β with learning_rate α·(1−β), so its "
    + "β 0.9 and α 0.01 are momentum: 0.9 and learning_rate: 0.001"

  /// How a synonym differs from its suggestion where the two are not the same thing, shown
  /// beside the suggestion: keyed by the word, or by `word→suggestion` where a word suggests
  /// several keys.
  static let caveats: [String: String] = [
    "kaiming": "he is He normal, there is no He uniform",
    "glorot": "xavier is Glorot uniform, there is no Glorot normal",
    "log_loss": "binary_cross_entropy for a sigmoid output, cross_entropy for a softmax one",
    "smooth_l1": "huber with its default delta 1 is smooth_l1 with beta 1",
    "auc": "roc_auc is the area under the ROC curve, average_precision the precision-recall one",
    "random": "randn·0.01 is {type: normal, std: 0.01}",
    "direction": "Optuna's direction is objective: {goal: min or max}",
    "sampler": "method: bayes is Optuna's TPESampler, method: random its RandomSampler",
    "centers": "means lists each class's center, as make_blobs' centers given as points",
    "pruner": "method: successive_halving or hyperband stops the weaker trials early, as "
      + "Optuna's SuccessiveHalvingPruner and HyperbandPruner do",
    "rho": "rmsprop's decay rate is alpha, Keras's rho and the course's β₂",
    "beta2": "rmsprop's decay rate is alpha, the course's β₂ and Keras's rho",
    "beta→momentum": courseMomentum,
    "beta→alpha": "the course's RMSprop s ← βs + (1−β)dW² decays with alpha: β, as torch's "
      + "RMSprop(alpha=β)",
    "human_error": "base_error is the human-level error, the estimate of the Bayes error",
    "human_level_error": "base_error is the human-level error, the estimate of the Bayes error",
  ]

  /// Words other tools use for what is no spec key here, with what to write instead: a
  /// command-line option (Optuna's `timeout` and `n_jobs`, arguments of its `study.optimize`),
  /// another key's value (PyTorch's `nesterov=True`), or an option not supported, with what is.
  static let foreign: [String: String] = [
    "timeout": "Optuna's timeout is an option here: runner sweep --timeout 2h (once the time is "
      + "spent no more trials start, and the same command resumes)",
    "n_jobs": "Optuna's n_jobs is an option here: runner sweep --jobs 4 (the trials run at once, "
      + "by default one per core)",
    "nesterov": "PyTorch's SGD(momentum=μ, nesterov=True) is `type: nesterov` with `momentum: μ` "
      + "here (nesterov=False is `type: momentum`)",
    "amsgrad": "AMSGrad (amsgrad=True) is not supported: the Adam rules here are "
      + OptimizerKind.owners(of: "beta1") + ", without the maximum of past second moments",
    "clip_grad_norm": clipping, "clip_grad_value": clipping, "max_norm": clipping,
    "clip_value": clipping, "clipnorm": clipping, "clipvalue": clipping,
    "gradient_clipping": clipping, "grad_clip": clipping,
    "warmup": warmup, "warmup_steps": warmup, "warmup_epochs": warmup,
    "dampening": "PyTorch's SGD dampening is not supported: `type: momentum` is dampening 0, "
      + "b ← μb + g; the course's v ← βv + (1−β)dW is `momentum: β` with learning_rate α·(1−β)",
  ]

  /// What the clipping keys of other tools meet here.
  private static let clipping =
    "gradient clipping (torch's clip_grad_norm_ and clip_grad_value_, Keras's clipnorm and "
    + "clipvalue) is not offered: every update takes the whole gradient"

  /// What the warmup keys of other tools meet here.
  private static let warmup =
    "learning-rate warmup is not offered: the schedules ("
    + ScheduleKind.allCases.map(\.rawValue).joined(separator: ", ")
    + ") start at learning_rate"

  /// The best suggestion for `word` among `candidates`, or nil when nothing is close.
  static func best(for word: String, among candidates: [String]) -> String? {
    synonym(of: word, among: candidates) ?? word.closest(among: candidates)
  }

  /// The key a synonym `word` means and the one section that takes it, when not `here`
  /// (`num_iterations` at the top level: `iterations` in `optimizer`).
  static func home(ofSynonym word: String, awayFrom here: SpecPath) -> (String, String)? {
    synonyms.lazy.filter { $0.key == word.lowercased() }.compactMap { synonym in
      Schema.home(ofKey: synonym.value).flatMap {
        $0 == here.schemaPattern ? nil : (synonym.value, $0)
      }
    }.first
  }

  /// The synonym of `word` among `candidates`, if any.
  static func synonym(of word: String, among candidates: [String]) -> String? {
    let key = word.lowercased()
    return synonyms.first { $0.key == key && candidates.contains($0.value) }?.value
  }

  /// The candidate `word` means when it names a split as another tool or key does: Keras's
  /// `val_loss` or `dev_accuracy` where the split is implied (early stopping's `loss`), or the
  /// other way round `accuracy` or `val_accuracy` where it is written (`dev_accuracy`).
  static func splitPrefixed(_ word: String, among candidates: [String]) -> String? {
    let lowered = word.lowercased()
    let prefix = ["dev_", "val_", "validation_", "train_"].first { lowered.hasPrefix($0) }
    let bare = prefix.map { String(lowered.dropFirst($0.count)) } ?? lowered
    guard !bare.isEmpty else { return nil }
    if prefix != "train_", candidates.contains("dev_" + bare) { return "dev_" + bare }
    return prefix != nil && candidates.contains(bare) ? bare : nil
  }

  /// "; did you mean 'x'?" or "", with the caveat of an inexact synonym (`caveat`, else its
  /// own): "; did you mean 'huber' (huber with its default delta 1 is smooth_l1 with beta 1)?";
  /// for a word of `foreign`, what to write instead.
  static func didYouMean(_ word: String, among candidates: [String], caveat: String? = nil)
    -> String
  {
    // `accuracy，f1` is two words, not a misspelt 'accuracy': the loader says what to type.
    if InputMethodForms.holds(word) { return "" }
    if let synonym = synonym(of: word, among: candidates) {
      let caveat =
        (caveat ?? caveats["\(word.lowercased())→\(synonym)"] ?? caveats[word.lowercased()])
        .map { " (\($0))" } ?? ""
      return "; did you mean '\(synonym)'\(caveat)?"
    }
    if let instead = foreign[word.lowercased()] { return "; \(instead)" }
    if let split = splitPrefixed(word, among: candidates) { return "; did you mean '\(split)'?" }
    return word.closest(among: candidates).map { "; did you mean '\($0)'?" } ?? ""
  }
}
