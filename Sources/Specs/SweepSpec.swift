/// A hyperparameter sweep: axes over key paths, expanded into trials by `SweepPlanner`.
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
  }

  /// The domain's form as the spec writes it: `values`, `range`, `uniform` or `log_uniform`.
  public var form: String {
    switch domain {
    case .values: "values"
    case .range: "range"
    case .uniform: "uniform"
    case .logUniform: "log_uniform"
    }
  }

  /// The key path the axis sets in each trial, e.g. `optimizer.learning_rate`.
  public var path: SpecPath
  /// The values the axis takes: a list, a range, or a (log-)uniform interval.
  public var domain: Domain
  /// Where the axis is written, for diagnostics about its trials.
  public var location: SourceLocation?

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
}
