import Datasets
import Engine
import Reports
import Specs

/// Trains the spec's model on growing subsets of the training set and measures train and
/// held-out error at each size (`report.learning_curve`).
///
/// The subsets are nested: a seeded permutation of the training rows (stream
/// `learning_curve` of the run's seed) is cut at each size and every prefix is used in the
/// training set's own order, so a larger size only adds rows. Each point is prepared as a run
/// of its rows: a step fitted on the training rows (`standardize`, `min_max`) is fitted on the
/// point's rows and applied to its held-out split. Points train in parallel.
struct LearningCurveBuilder<T: Scalar>: Sendable {
  /// The run's configuration (each point keeps its seed).
  var configuration: TrainingConfiguration
  var train: Examples<T>
  var dev: Examples<T>?
  var test: Examples<T>?
  /// The features as read when a step is fitted on the training rows: each point fits it again.
  var unfitted: UnfittedFeatures?
  /// The verdict per point.
  var diagnosis: CurveDiagnosis?
  /// The model's input columns' names, to name a collinear one.
  var featureNames: [String]? = nil
  /// What the run already does of L-BFGS's remedies; nil: the configuration's learning rate
  /// and `T`'s dtype, the features not known to be scaled.
  var inEffect: LBFGSInEffect? = nil

  /// The number of training rows of each size: a fraction of the training set (rounded, at
  /// least 1) or a count (at most the training set).
  static func counts(_ sizes: [SplitAmount], trainCount: Int) throws(AnalysisError) -> [Int] {
    var counts: [Int] = []
    for size in sizes {
      let rows = size.trainingRows(of: trainCount)
      guard rows <= trainCount else {
        throw .curve(
          "report.learning_curve.sizes: \(rows) rows asked for, but the training set has \(trainCount); give counts up to \(trainCount) or fractions"
        )
      }
      counts.append(rows)
    }
    return counts
  }

  /// The curve at the given sizes, and a warning per failed point (diverged, singular, or its
  /// refitted preprocessing not applicable), then one for the points L-BFGS did not converge at.
  func curve(sizes: [SplitAmount], seed: UInt64) throws(AnalysisError) -> (
    LearningCurve, warnings: [String], unconverged: String?
  ) {
    let counts = try Self.counts(sizes, trainCount: train.count)
    let order = Splitter.nestedOrder(count: train.count, seed: seed)
    // The held-out split is dev, else test: the other is not prepared again for each point.
    let test = dev == nil ? test : nil
    var kept = unfitted
    if dev != nil { kept?.test = nil }
    let unfitted = kept
    let base = CurveTraining(
      configuration: configuration, train: train, dev: dev, test: test, featureNames: featureNames)
    guard let heldOutSplit = base.heldOutSplit else {
      throw .curve("report.learning_curve needs a dev or test split to measure the held-out error")
    }
    let points = try ParallelJobs.map(
      count: counts.count, workers: ParallelJobs.workers(jobs: counts.count)
    ) {
      index throws(AnalysisError) -> (LearningCurve.Point, String?, StopReason?) in
      let what = "learning curve " + Self.at(counts[index])
      let rows = Array(order.prefix(counts[index]).sorted())
      var point = base
      if let unfitted {
        do throws(AnalysisError) {
          (point.train, point.dev, point.test) = try unfitted.sets(
            rows: rows, train: train, dev: dev, test: test, what: what)
        } catch {
          // Preprocessing refitted on these rows that cannot be applied (a range so narrow
          // that a held-out value scales beyond float32): a failed point, as a diverged one.
          let failed = LearningCurve.Point(
            trainSize: counts[index], trainError: .nan, heldOutError: .nan)
          return (failed, error.description, nil)
        }
      } else {
        point.train = base.train.subset(rows)
      }
      let errors = try point.errors(what: what, baseError: diagnosis?.baseError)
      return (
        LearningCurve.Point(
          at: counts[index], trainError: errors.train, heldOutError: errors.heldOut,
          facts: errors.facts),
        errors.failure, errors.stop
      )
    }
    var unconverged = UnconvergedFits(
      inEffect
        ?? LBFGSInEffect(learningRate: configuration.learningRate, dtype: T.dtype, scaled: false))
    for (index, point) in points.enumerated() {
      if let stop = point.2 { unconverged.add(Self.at(counts[index]), stop) }
    }
    let warning = unconverged.warning("learning curve", of: counts.count, ("point", "points"))
    return (
      LearningCurve(points: points.map(\.0), heldOutSplit: heldOutSplit, diagnosis: diagnosis),
      points.compactMap(\.1), warning
    )
  }

  /// `at 1 training row`, `at 70 training rows`.
  static func at(_ count: Int) -> String { "at \(count) training row\(count == 1 ? "" : "s")" }
}
