import Datasets
import Engine
import Specs
import Vocabulary

extension ExperimentRunner {
  /// The learning-curve sizes whose rows the exact solver cannot solve (a column those rows
  /// leave constant, which `standardize` leaves unscaled, or a collinear one), said at the size
  /// before training (tester BD F-h), as `checkCurveData` says a validation curve's values: the
  /// run would record the point as failed (nan errors) after training, and `--strict` refuses
  /// it with nothing written. The rows are the learning curve's own (`LearningCurveBuilder`):
  /// a prefix of the seeded nested order, preprocessing fitted again on them. Sizes with fewer
  /// rows than unknowns are the spec rules' (`SpecValidator.checkExactSolverRows`).
  static func learningCurveSizeWarnings<T: Scalar>(
    _ loaded: LoadedSpec, _ data: PreparedData<T>
  ) -> [Diagnostic] {
    let spec = loaded.spec
    guard let configuration = exactSolve(spec), let sizes = spec.report.learningCurve else {
      return []
    }
    let train = data.train.examples
    let order = Splitter.nestedOrder(count: train.count, seed: spec.seed)
    var warnings: [Diagnostic] = []
    for (index, size) in sizes.enumerated() {
      let count = size.trainingRows(of: train.count)
      guard count <= train.count, count >= LinearSolver.rowsNeeded(features: train.x.cols)
      else { continue }
      let rows = Array(order.prefix(count).sorted())
      var point = train.subset(rows)
      if let unfitted = data.unfitted {
        let what = "learning curve " + LearningCurveBuilder<T>.at(count)
        // Preprocessing that cannot be applied is the run's failed point, said as it trains.
        guard
          let sets = try? unfitted.sets(rows: rows, train: train, dev: nil, test: nil, what: what)
        else { continue }
        point = sets.train
      }
      do throws(TrainingError) {
        try Trainer.checkExactSolve(configuration, train: point)
      } catch  where error.isUnsolvable {
        let failed = Diagnostic.failedCurvePoint(
          error.described(featureNames: data.modelFeatureNames),
          point: "the learning curve's point at \(count) training row\(count == 1 ? "" : "s")",
          curve: "learning_curve")
        warnings.append(
          loaded.sourceMap.diagnostic(
            .warning, at: SpecPath("report.learning_curve.sizes").appending(index: index),
            failed.message, note: failed.note))
      } catch {
        continue
      }
    }
    return warnings
  }

  /// `learningCurveSizeWarnings` of the spec's data, prepared again as the run prepares it
  /// for its learning curve (the fitted steps kept unfitted); none when the data cannot be.
  static func learningCurveSizeWarnings(
    _ loaded: LoadedSpec, _ configuration: DataConfiguration, context: ProjectContext
  ) -> [Diagnostic] {
    guard exactSolve(loaded.spec) != nil, loaded.spec.report.learningCurve != nil else {
      return []
    }
    var configuration = configuration
    configuration.keepsUnfittedFeatures = true
    var loader = DataLoader(locator: context.locator, fetcher: context.fetcher())
    loader.cache = context.sourceCache ?? SourceCache()
    switch loaded.spec.dtype {
    case .float32:
      return (try? loader.prepare(configuration, as: Float.self)).map {
        learningCurveSizeWarnings(loaded, $0)
      } ?? []
    case .float64:
      return (try? loader.prepare(configuration, as: Double.self)).map {
        learningCurveSizeWarnings(loaded, $0)
      } ?? []
    }
  }
}
