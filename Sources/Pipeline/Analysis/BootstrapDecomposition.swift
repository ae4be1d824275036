import Datasets
import Engine
import Reports

/// The bootstrap bias/variance decomposition of a model's test-set loss, as mlxtend's
/// `bias_variance_decomp` computes it: round r trains a fresh model on the r-th bootstrap
/// resample of the training set (n rows drawn with replacement) and predicts the test set;
/// `BiasVarianceDecomposition` then splits the loss into bias and variance.
///
/// Rounds are independent, each with its own derived seed (resample and model), and run in
/// parallel as single-threaded jobs; results are gathered in round order, so the outcome is
/// the same on any number of cores.
public struct BootstrapDecomposition<T: Scalar>: Sendable {
  /// What each round trains (its seed is replaced by the round's derived seed).
  public var configuration: TrainingConfiguration
  /// The decomposed loss.
  public var loss: DecomposedLoss
  /// The training set the resamples are drawn from.
  public var train: Examples<T>
  /// A dev set passed to every round (early stopping watches it); nil when there is none.
  public var dev: Examples<T>?
  /// The set every round predicts.
  public var test: Examples<T>
  /// The features of `train`, `dev` and `test` as read when a preprocessing step is fitted on
  /// the training rows: each round fits it on its resample, as mlxtend's `bias_variance_decomp`
  /// fits a scikit-learn `Pipeline`'s scaler; nil: the rows are used as given.
  public var unfitted: UnfittedFeatures?
  /// The model's input columns' names, to name a collinear one in a round's failure.
  public var featureNames: [String]? = nil
  /// What the rounds already do of L-BFGS's remedies; nil: the configuration's learning rate
  /// and `T`'s dtype, the features not known to be scaled.
  public var inEffect: LBFGSInEffect? = nil

  /// A decomposition of `loss` on `test` over models trained as `configuration` says on resamples
  /// of `train`.
  public init(
    configuration: TrainingConfiguration, loss: DecomposedLoss, train: Examples<T>,
    dev: Examples<T>? = nil, test: Examples<T>, unfitted: UnfittedFeatures? = nil
  ) {
    self.configuration = configuration
    self.loss = loss
    self.train = train
    self.dev = dev
    self.test = test
    self.unfitted = unfitted
  }

  /// The training-row indices of every round (see `resample`).
  public static func resamples(rounds: Int, count: Int, seed: UInt64) -> [[Int]] {
    (0..<rounds).map { resample(round: $0, count: count, seed: seed) }
  }

  /// The training-row indices of round `round`: `count` rows drawn uniformly with replacement
  /// from the round's own generator, seeded by `derive(seed, "bootstrap/<round>")`.
  public static func resample(round: Int, count: Int, seed: UInt64) -> [Int] {
    var generator = SeededGenerator(seed: SeededGenerator.derive(seed, "bootstrap/\(round)"))
    return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
      for i in 0..<count { buffer[i] = generator.nextInt(below: count) }
      initialized = count
    }
  }

  /// The decomposition over `rounds` resamples drawn from `seed` (see `resample`); each round
  /// draws its own resample inside its job.
  public func run(
    rounds: Int, seed: UInt64, workers: Int? = nil, progress: (@Sendable (Int) -> Void)? = nil
  ) throws(AnalysisError)
    -> BiasVarianceDecomposition
  {
    let count = train.count
    return try run(rounds: rounds, seed: seed, workers: workers, progress: progress) {
      Self.resample(round: $0, count: count, seed: seed)
    }
  }

  /// The decomposition over the given resamples (`indices[r]` are the training rows of round
  /// r), e.g. mlxtend's own, to compare with it exactly. `seed` derives each round's model seed.
  public func run(indices: [[Int]], seed: UInt64, workers: Int? = nil) throws(AnalysisError)
    -> BiasVarianceDecomposition
  {
    for (round, rows) in indices.enumerated() {
      if let bad = rows.first(where: { $0 < 0 || $0 >= train.count }) {
        throw .bootstrap("round \(round) picks training row \(bad), outside 0..<\(train.count)")
      }
    }
    return try run(rounds: indices.count, seed: seed, workers: workers, progress: nil) {
      indices[$0]
    }
  }

  /// `rounds` rounds, round r training on `rows(r)`, in parallel; predictions gathered in
  /// round order. Rounds whose model diverged are left out and counted in `failedRounds`; when
  /// every round failed, the first failure is thrown. An exact solve on rank-deficient rows is
  /// the minimum-norm solution (as mlxtend's refit of scikit-learn's `LinearRegression`),
  /// counted in `minimumNormRounds`.
  func run(
    rounds: Int, seed: UInt64, workers: Int?, progress: (@Sendable (Int) -> Void)?,
    rows: @escaping @Sendable (Int) -> [Int]
  ) throws(AnalysisError) -> BiasVarianceDecomposition {
    guard rounds > 0 else { throw .decomposition(.noRounds) }
    try checkTargets()
    let base = roundConfiguration()
    let classes = self.classes
    let job = self
    let outcomes = try ParallelJobs.map(
      count: rounds, workers: workers ?? ParallelJobs.workers(jobs: rounds), progress: progress
    ) {
      round throws(AnalysisError) in
      try job.predictions(
        round: round, rows: rows(round), configuration: base, classes: classes, seed: seed)
    }
    let predictions = outcomes.compactMap { $0.failure == nil ? $0.predictions : nil }
    let minimumNorm = outcomes.filter { $0.failure == nil && $0.minimumNormFeature != nil }
    if predictions.isEmpty, let first = outcomes.first?.failure {
      switch first {
      case .diverged(_, let divergence):
        throw .diverged(what: "bias/variance decomposition: every bootstrap round", divergence)
      default: throw first
      }
    }
    var decomposition: BiasVarianceDecomposition
    do {
      switch loss {
      case .mse:
        decomposition = try .mse(
          predictions: predictions, targets: test.y.storage.map(\.doubleValue))
      case .zeroOne:
        decomposition = try .zeroOne(
          predictions: predictions.map { $0.map { Int($0) } }, targets: test.labels)
      }
    } catch {
      throw .decomposition(error)
    }
    decomposition.failedRounds = rounds - predictions.count
    decomposition.firstFailure = outcomes.lazy.compactMap(\.failure).first?.description
    decomposition.minimumNormRounds = minimumNorm.count
    decomposition.firstMinimumNorm = minimumNorm.first.flatMap { outcome in
      outcome.minimumNormFeature.map { j in
        "bootstrap round \(outcome.round + 1): \(TrainingError.feature(j, featureNames)) is constant "
          + "or (nearly) a linear combination of the others on its rows"
      }
    }
    var unconverged = UnconvergedFits(
      inEffect
        ?? LBFGSInEffect(learningRate: configuration.learningRate, dtype: T.dtype, scaled: false))
    for outcome in outcomes where outcome.failure == nil {
      if let stop = outcome.stop { unconverged.add("in round \(outcome.round + 1)", stop) }
    }
    decomposition.unconverged = unconverged.warning(
      "bias/variance decomposition", of: rounds, ("bootstrap round", "bootstrap rounds"))
    return decomposition
  }

  /// The per-round configuration: nothing recorded but the start (unless early stopping needs
  /// the dev figures at every record), no metrics but the one early stopping watches.
  func roundConfiguration() -> TrainingConfiguration {
    var c = configuration
    if c.earlyStopping == nil { c.recordEvery = Int.max }
    c.metrics = c.earlyStopping?.metric.map { [$0] } ?? []
    c.minimumNormWhenRankDeficient = true
    return c
  }

  /// The rows the decomposition can handle: one target column, and class labels for 0-1 loss.
  func checkTargets() throws(AnalysisError) {
    guard test.count > 0 else { throw .decomposition(.noTestSamples) }
    guard test.y.cols == 1 else {
      throw .bootstrap(
        "the decomposition needs one target per row; the test set has \(test.y.cols) target columns"
      )
    }
    if loss == .zeroOne && !configuration.loss.isClassification {
      throw .bootstrap(
        "0-1 loss needs a classifier; use `report.bootstrap.loss: mse` for regression")
    }
  }

  /// Round `round`: train on `rows`, predict the test set (class labels for classifiers,
  /// values for regression); no predictions but the failure when the model diverged or the
  /// preprocessing refitted on the rows cannot be applied, a failed round as scikit-learn's
  /// `error_score=nan`. `minimumNormFeature`: the exact solver found the rows rank-deficient (a
  /// resample repeats rows and can miss a rare category) and fitted the minimum-norm solution.
  func predictions(
    round: Int, rows: [Int], configuration base: TrainingConfiguration, classes: Int, seed: UInt64
  )
    throws(AnalysisError) -> RoundOutcome
  {
    var c = base
    c.seed = SeededGenerator.derive(seed, "bootstrap/\(round)/model")
    let what = "bootstrap round \(round + 1)"
    let result: TrainingResult<T>
    let sets: (train: Examples<T>, dev: Examples<T>?, test: Examples<T>)
    // Preprocessing refitted on the round's rows that cannot be applied: a failed round.
    do { sets = try self.sets(rows: rows, what: what) } catch {
      return RoundOutcome(round: round, predictions: [], failure: error)
    }
    do {
      result = try Trainer.train(c, train: sets.train, dev: sets.dev)
    } catch {
      throw .training(what: what, error)
    }
    if let divergence = result.divergence {
      return RoundOutcome(round: round, predictions: [], failure: .diverged(what: what, divergence))
    }
    do {
      let predictions: [Double]
      if c.loss.isClassification {
        predictions = try result.model.predictLabels(sets.test.x, classes: classes).map(
          Double.init)
      } else {
        let scores = try result.model.scores(sets.test.x, classes: 1)
        predictions = (0..<scores.rows).map { scores[$0, 0] }
      }
      return RoundOutcome(
        round: round, predictions: predictions, minimumNormFeature: result.minimumNormFeature,
        stop: result.stopReason)
    } catch {
      throw .training(what: what, error)
    }
  }

  /// The sets of a round training on `rows`: those rows of `train`, `dev` and `test`, every
  /// set preprocessed again by the steps fitted on those rows when `unfitted` is set.
  func sets(rows: [Int], what: String) throws(AnalysisError) -> (
    train: Examples<T>, dev: Examples<T>?, test: Examples<T>
  ) {
    guard let unfitted else { return (train.subset(rows), dev, test) }
    let sets = try unfitted.sets(rows: rows, train: train, dev: dev, test: test, what: what)
    return (sets.train, sets.dev, sets.test ?? test)
  }

  /// The number of classes every round predicts among (the configuration's, else 1 + the
  /// largest label of the training and test sets).
  var classes: Int {
    configuration.classes ?? max(2, (train.labels + test.labels).max().map { $0 + 1 } ?? 2)
  }
}

/// What one bootstrap round gave: its predictions of the test rows, or why it failed; and
/// whether its exact solve was rank-deficient and fitted by minimum norm.
struct RoundOutcome: Sendable {
  /// The 0-based round.
  var round: Int
  /// The predictions of the test rows (empty when the round failed).
  var predictions: [Double]
  /// Why the round failed; nil when it did not.
  var failure: AnalysisError? = nil
  /// The first feature the exact solver found collinear on the round's rows, whose solution is
  /// then the minimum-norm one; nil otherwise.
  var minimumNormFeature: Int? = nil
  /// Why the round's training stopped (L-BFGS not converged, …); nil when it failed.
  var stop: StopReason? = nil
}
