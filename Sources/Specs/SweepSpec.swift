/// A hyperparameter sweep: axes over key paths, expanded into trials by `SweepPlanner` (Pipeline).
public struct SweepSpec: Sendable, Equatable {
  /// How the axes become trials: every combination (`grid`) or independent draws (`random`).
  public enum Method: String, Sendable, CaseIterable {
    /// Every combination of the axes' values (axes must be finite).
    case grid
    /// `trials` independent draws, one value per axis each, from `seed`.
    case random
    /// The grid in rungs of growing `budget`; the best 1/`eta` of each rung go on.
    case successiveHalving = "successive_halving"
    /// Brackets of successive halving from several first budgets (Li et al. 2018).
    case hyperband
    /// TPE (Bergstra et al. 2011): `startup` random trials, then batches of `batch` suggestions.
    case bayes

    /// Other tools' names of the methods, each with the method meant and what it is there.
    static let otherNames: [String: (meant: Method, there: String)] = [
      "tpe": (.bayes, "Optuna's TPESampler"),
      "halving": (.successiveHalving, "scikit-learn's HalvingGridSearchCV"),
      "asha": (
        .successiveHalving,
        "ASHA is asynchronous successive halving, Ray Tune's ASHAScheduler; with several "
          + "brackets it is hyperband"
      ),
      "grid_search": (.grid, "scikit-learn's GridSearchCV"),
      "gridsearch": (.grid, "scikit-learn's GridSearchCV"),
      "random_search": (.random, "scikit-learn's RandomizedSearchCV"),
      "optuna": (.bayes, "Optuna's default sampler, TPESampler"),
      "hyperopt": (.bayes, "Hyperopt's tpe.suggest"),
      "sha": (.successiveHalving, "SHA, successive halving"),
    ]

    /// Whether the method trains in rungs of growing `budget`.
    public var isAdaptive: Bool { self == .successiveHalving || self == .hyperband }
    /// Whether the method draws `trials` from `seed` (continuous axes need no `num`).
    public var isDrawn: Bool { self == .random || self == .bayes }
  }

  /// The expansion method, `grid` by default.
  public var method: Method = .grid
  /// random, bayes: how many trials to draw.
  public var trials: Int = 10
  /// random, bayes: the draws' seed; defaults to the experiment's seed.
  public var seed: UInt64 = 0
  /// bayes: the random trials before TPE suggests (Optuna's `n_startup_trials`).
  public var startup: Int = 10
  /// bayes: the suggestions made at once, from the results of the batches before.
  public var batch: Int = 4
  /// The axes, in written order.
  public var axes: [SweepAxis] = []
  /// successive_halving: the run's epochs (or iterations) at the first and at the last rung.
  public var budget: ClosedRange<Int>? = nil
  /// successive_halving: the reduction factor; each rung keeps the best 1/eta.
  public var eta: Int = 3
  /// What ranks the trials (summary order, best trial); the dev loss by default.
  public var objective: Objective = .default

  /// Most trials a sweep may expand into.
  public static let maxTrials = 100_000

  /// The trials the sweep plans: its draws, or the product of its axes' value counts (an axis
  /// without a count, a distribution, counts once).
  public var plannedTrials: Double {
    method.isDrawn ? Double(trials) : Self.gridTrials(axes.map(\.count))
  }

  /// The trials of a grid whose axes have `counts` values each (nil: one).
  static func gridTrials(_ counts: [Int?]) -> Double {
    counts.reduce(1.0) { $0 * Double($1 ?? 1) }
  }

  /// An empty grid sweep (10 trials and the experiment's seed if made random).
  public init() {}
}

/// One swept key path and the values it takes.
public struct SweepAxis: Sendable, Equatable {
  /// The values of an axis.
  public enum Domain: Sendable, Equatable {
    /// Exactly these values.
    case values([SpecValue])
    /// start, start+step, ... up to and including stop (within rounding).
    case range(start: Double, stop: Double, step: Double, integer: Bool)
    /// grid: `count` values geometrically spaced from low to high; random: log-uniform draws.
    case logUniform(low: Double, high: Double, count: Int?, integer: Bool)
    /// grid: `count` values evenly spaced from low to high; random: uniform draws.
    case uniform(low: Double, high: Double, count: Int?, integer: Bool)
    /// Values v whose `1 − v` is log-uniform (momentum's β = 1 − 10^r): grid: `count` values with
    /// `1 − v` geometrically spaced from `1 − low` to `1 − high`; random: such draws.
    case oneMinusLogUniform(low: Double, high: Double, count: Int?)
  }

  /// The domain's form as the spec writes it: `values`, `range`, `uniform` or `log_uniform`.
  public var form: String {
    switch domain {
    case .values: "values"
    case .range: "range"
    case .uniform: "uniform"
    case .logUniform: "log_uniform"
    case .oneMinusLogUniform: "one_minus_log_uniform"
    }
  }

  /// The key path the axis sets in each trial, e.g. `optimizer.learning_rate`.
  public var path: SpecPath
  /// The values the axis takes: a list, a range, or a (log-)uniform interval.
  public var domain: Domain
  /// Where the axis is written, for diagnostics about its trials.
  public var location: SourceLocation?
  /// Where each value of a `values` list is written, for diagnostics about one of them.
  var valueLocations: [SourceLocation] = []

  /// Where the listed value `value` is written; the axis's location for any other.
  public func valueLocation(of value: SpecValue) -> SourceLocation? {
    guard case .values(let values) = domain, let i = values.firstIndex(of: value),
      valueLocations.indices.contains(i)
    else { return location }
    return valueLocations[i]
  }

  /// Axes are equal when they sweep the same path over the same values, wherever written.
  public static func == (a: SweepAxis, b: SweepAxis) -> Bool {
    a.path == b.path && a.domain == b.domain
  }

  /// An axis over `path` taking `domain`'s values, written at `location` if known.
  public init(path: SpecPath, domain: Domain, location: SourceLocation? = nil) {
    self.path = path
    self.domain = domain
    self.location = location
  }

  /// The axis's values as the canonical spec writes them (`[0.1, 0.01]`, `{range: [1, 5], …}`).
  var specText: String {
    func number(_ v: Double, _ integer: Bool) -> String {
      integer && v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : YAMLText.number(v)
    }
    return switch domain {
    case .values(let values): YAMLText.flow(.list(values))
    case .range(let start, let stop, let step, let integer):
      "{range: [\(number(start, integer)), \(number(stop, integer))], step: \(number(step, integer)), integer: \(integer)}"
    case .uniform(let low, let high, let count, let integer),
      .logUniform(let low, let high, let count, let integer):
      "{\(form): [\(YAMLText.number(low)), \(YAMLText.number(high))]\(count.map { ", num: \($0)" } ?? ""), integer: \(integer)}"
    case .oneMinusLogUniform(let low, let high, let count):
      "{\(form): [\(YAMLText.number(low)), \(YAMLText.number(high))]\(count.map { ", num: \($0)" } ?? "")}"
    }
  }
}

extension SweepSpec {
  /// The refusal of a `method` that needs `budget` without one, and its fix-it.
  static func missingBudget(_ method: Method) -> (String, String) {
    (
      "method: \(method.rawValue) needs 'budget' (the epochs of the first and last rung)",
      "budget: {min: 1, max: 27}"
    )
  }

  /// The keys of `sweep:`, in the canonical spec's order.
  static let keys: [SpecKey<SweepSpec>] = [
    .choice(
      "method", \.method, what: "sweep method", otherNames: Method.otherNames,
      "Every combination, `trials` random draws, the grid in rungs or brackets of rungs, or TPE.",
      example: "random"),
    SpecKey.integer(
      "trials", \.trials, .within(1, 100_000),
      "random, bayes: number of trials (bayes: give more than `startup` for TPE to suggest any; "
        + "at the defaults all 10 are random, as an Optuna study of 10 trials).", example: "20"
    ).only(\.method.isDrawn, "method: random and bayes"),
    SpecKey.seed("seed", \.seed, "random, bayes: seed of the draws.", example: "7")
      .only(\.method.isDrawn, "method: random and bayes"),
    SpecKey.integer(
      "startup", \.startup, .within(1, 100_000),
      "bayes: random trials before TPE (Optuna's `n_startup_trials`).", example: "3"
    ).only({ $0.method == .bayes }, "method: bayes"),
    SpecKey.integer(
      "batch", \.batch, .within(1, 10_000), "bayes: TPE suggestions per batch.", example: "2"
    ).only({ $0.method == .bayes }, "method: bayes"),
    SpecKey.custom(
      "budget", "mapping", default: "required for successive_halving",
      "The run's epochs (or iterations) at the first and last rung.", example: "{min: 1, max: 27}",
      more: [
        Schema.k(
          "budget.min", "integer ≥ 1", "1",
          "The first rung's budget (successive halving: rungs min, min·eta, …, then max; Hyperband: the smallest budget a bracket starts at, its brackets anchored at max). At most max / eta, else there is one rung.",
          "min: 2"),
        Schema.k("budget.max", "integer > min", "required", "The last rung's budget.", "max: 9"),
      ], read: { d, m, path, s in s.budget = d.decodeBudget(m, path, method: s.method) },
      write: { b, s in
        guard let budget = s.budget else { return }
        b.add("budget") {
          $0.add("min", int: budget.lowerBound)
          $0.add("max", int: budget.upperBound)
        }
      }
    ).only(\.method.isAdaptive, "successive_halving and hyperband"),
    SpecKey.integer(
      "eta", \.eta, .within(2, 100), "Each rung keeps the best 1/eta of its trials.", example: "2"
    ).only(\.method.isAdaptive, "successive_halving and hyperband"),
    .section(
      "objective", \.objective, Objective.keys, default: "{metric: loss}",
      "What ranks the trials: summary order and best trial.", example: "{metric: dev_accuracy}"),
    .custom(
      "parameters", "mapping of key path → axis", default: "required",
      "The axes: each key is a key path into the spec.",
      example: "{optimizer.learning_rate: [0.1, 0.01]}",
      more: [
        Schema.k(
          "parameters.*", "list or axis mapping", "-",
          "A list of values, or a mapping with values, range, uniform, log_uniform or "
            + "one_minus_log_uniform.",
          "model.layers[0].units: {range: [16, 64], step: 16}"),
        Schema.k(
          "parameters.*.values", "list", "-", "Exactly these values.", "values: [relu, tanh]"),
        Schema.k(
          "parameters.*.range", "[start, stop]", "-",
          "start, start+step, ... up to stop inclusive.", "range: [1, 5]"),
        Schema.k("parameters.*.step", "number > 0", "1", "range: the increment.", "step: 2"),
        Schema.k(
          "parameters.*.uniform", "[low, high]", "-",
          "random: uniform draws; grid: `num` evenly spaced values.", "uniform: [0.0, 0.5]"),
        Schema.k(
          "parameters.*.log_uniform", "[low, high], low > 0", "-",
          "random: log-uniform draws; grid: `num` geometrically spaced values.",
          "log_uniform: [1e-5, 1e-1]"),
        Schema.k(
          "parameters.*.one_minus_log_uniform", "[low, high], low < high < 1", "-",
          "Values whose 1 − value is log-uniform, as β = 1 − 10^r (r uniform in [−3, −1] is "
            + "[0.9, 0.999]): random draws; grid: `num` values.",
          "one_minus_log_uniform: [0.9, 0.999]"),
        Schema.k(
          "parameters.*.num", "integer ≥ 2", "required for the continuous forms in a grid",
          "grid: number of values (a random sweep refuses it: it draws `trials` values).",
          "num: 5"),
        Schema.k(
          "parameters.*.integer", "boolean", "true when the key is an integer",
          "Round drawn values to integers.", "integer: true"),
      ], read: { d, m, path, s in s.axes = d.decodeAxes(m, path, s) ?? [] },
      write: { b, s in
        b.add("parameters") { p in
          for axis in s.axes {
            let path = p.path.appending(axis.path.description)
            p.add(YAMLText.string(axis.path.description), node: .scalar(axis.specText, path))
          }
        }
      }),
  ]
}

extension Objective {
  /// The keys of `sweep.objective:`; an absent goal is the metric's own.
  static let keys: [SpecKey<Objective>] = [
    .value(
      "metric", \.metric, type: "loss or a metric, optionally after dev_/test_/train_",
      default: nil,
      "The figure; a bare name is measured on dev, else test, else train (with a warning).",
      example: "accuracy",
      read: { d, n, p in
        d.name(
          n, p, in: names, what: "objective metric",
          note:
            "expected loss or a metric (accuracy, f1, …), optionally after train_, dev_ or test_")
      }, write: { b, key, v in b.add(key, v) }),
    .value(
      "goal", \.goal, type: Schema.choices(Goal.self), default: "the metric's (max for scores)",
      "Whether the lowest or the highest value is best; only the metric's own direction is "
        + "accepted (a goal against it would rank the worst trial best).", example: "max",
      fallback: { _, o in Objective.direction(of: o.metric) },
      read: { d, n, p in d.choice(n, p, Goal.self, what: "objective goal") },
      write: { b, key, v in b.add(key, v.rawValue) }),
  ]
}
