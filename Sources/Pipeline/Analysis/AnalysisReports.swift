import Conventions
import Datasets
import Engine
import Foundation
import Reports
import Specs

/// The reports that train more models or look further than the final figures: the bootstrap
/// bias/variance decomposition, learning and validation curves, the confusion matrix, saved
/// parameters, plots and the HTML/Markdown report. Called once per run after the
/// main results are staged.
struct AnalysisReports<T: Scalar> {
  let execution: RunExecution<T>
  let data: PreparedData<T>
  /// The run's configuration; its engine starts from the saved parameters of `init: {from:}`
  /// (read once, by the run), so the models the reports train start where the run did.
  let configuration: RunConfiguration
  let result: TrainingResult<T>
  /// The final model's diagnosis (`bias_variance.csv`), whose advice the validation curve
  /// completes.
  var diagnosis: BiasVarianceDiagnosis?

  var spec: ExperimentSpec { execution.spec }
  /// How the figures of the analyses print (float32 text for a float32 run).
  var precision: NumberPrecision { NumberPrecision(spec.dtype) }
  var loaded: LoadedSpec { execution.loaded }

  /// Writes the analysis files the spec's `report` section asks for into `staging`, adding the
  /// time each takes to `timings`:
  ///
  /// - `params/*.npy`: the learned parameters (always);
  /// - `confusion_matrix.csv`: classifiers whose metrics list `confusion_matrix`, on the test set
  ///   (else dev, else train), unless the run diverged;
  /// - `bias_variance_decomposition.csv`, `learning_curve.csv`, `validation_curve.csv`: when
  ///   the spec asks for them and the run did not diverge;
  /// - `plots/*.svg` pictures of the model (`RunPictures`) unless the run diverged, then
  ///   `report.md`, `report.html` and the other plots from the staged CSVs, unless `plots: false`.
  ///
  /// An analysis never fails the trained run: a point or round whose model diverges, whose
  /// exact solve is singular or whose refitted preprocessing cannot be applied is recorded as
  /// failed, an analysis that cannot be produced at all is left out, each with a warning.
  @discardableResult
  mutating func write(into staging: inout ResultsStaging, timings: inout TimingsTable)
    throws(PipelineError) -> [String]
  {
    var warnings: [String] = []
    var clock = Date()
    func lap(_ phase: String) {
      let now = Date()
      timings.record(phase, seconds: now.timeIntervalSince(clock))
      clock = now
    }
    for file in SavedParameters.files(of: result.model) {
      try staging.write(bytes: Data(file.bytes), as: file.path)
    }
    try leavingOut(ResultsFile.confusionMatrix, &warnings) { a throws(PipelineError) in
      guard let matrix = try a.confusionMatrix() else { return [] }
      do { try staging.write(try matrix.table, as: ResultsFile.confusionMatrix) } catch let error
        as PipelineError
      {
        throw error
      } catch {
        throw a.fail(.table("confusion matrix: \(error)"))
      }
      return []
    }
    lap("save_parameters")
    let report = spec.report
    if result.divergence == nil {
      if let bootstrap = report.bootstrap {
        execution.observer(
          .note("\(spec.name): bias/variance decomposition, \(bootstrap.rounds) bootstrap rounds"))
        try leavingOut(ResultsFile.decomposition, &warnings) { a throws(PipelineError) in
          var decomposition = try a.decomposition(bootstrap)
          decomposition.precision = a.precision
          try staging.write(decomposition.table, as: ResultsFile.decomposition)
          if decomposition.minimumNormRounds > 0 {
            a.execution.observer(
              .note(
                "\(a.spec.name): bias/variance decomposition: \(decomposition.minimumNormRounds) of "
                  + "\(bootstrap.rounds) bootstrap rounds had rank-deficient training rows and were "
                  + "fitted by the minimum-norm least-squares solution (as scikit-learn's "
                  + "LinearRegression), "
                  + (decomposition.firstMinimumNorm ?? "")))
          }
          let unconverged = [decomposition.unconverged].compactMap { $0 }
          guard decomposition.failedRounds > 0 else { return unconverged }
          return [
            "bias/variance decomposition: \(decomposition.failedRounds) of \(bootstrap.rounds) "
              + "bootstrap rounds failed and are left out (failed_rounds), "
              + (decomposition.firstFailure ?? "")
          ] + unconverged
        }
        lap("bootstrap")
      }
      if let sizes = report.learningCurve {
        execution.observer(.note("\(spec.name): learning curve, \(sizes.count) training-set sizes"))
        try leavingOut(ResultsFile.learningCurve, &warnings) { a throws(PipelineError) in
          let (built, failed, unconverged) = try a.learningCurve(sizes)
          var curve = built
          curve.precision = a.precision
          try staging.write(curve.table, as: ResultsFile.learningCurve)
          return failed.map { "\($0); the point is recorded with nan errors" }
            + [unconverged].compactMap { $0 }
        }
        lap("learning_curve")
      }
      if let request = report.validationCurve {
        execution.observer(
          .note(
            "\(spec.name): validation curve over \(request.parameter), \(request.values.count) "
              + (request.values.count == 1 ? "value" : "values")
          ))
        try leavingOut(ResultsFile.validationCurve, &warnings) { a throws(PipelineError) in
          let (built, failed, unconverged) = try ValidationCurveBuilder(
            execution: a.execution, data: a.data
          )
          .curve(request, diagnosis: a.curveDiagnosis)
          var curve = built
          curve.precision = a.precision
          try staging.write(curve.table, as: ResultsFile.validationCurve)
          if var completed = a.diagnosis {
            completed.context.validationCurve = curve
            try staging.write(completed.table, as: ResultsFile.biasVariance)
            a.diagnosis = completed
          }
          return failed.map { "\($0); the point is recorded with nan errors" }
            + [unconverged].compactMap { $0 }
        }
        lap("validation_curve")
      }
    }
    if report.plots {
      // A diverged run's parameters are the diverged ones: the report says why none is drawn.
      if result.divergence == nil {
        try leavingOut("model pictures", &warnings) { a throws(PipelineError) in
          var pictures = RunPictures(
            data: a.data, model: a.result.model,
            classifier: a.configuration.engine.loss.isClassification)
          pictures.thresholded =
            !pictures.classifier && ErrorMeasure(a.configuration.engine).classification
            && a.data.train.targets.cols == 1
            && a.data.train.targets.storage.allSatisfy { $0 == 0 || $0 == 1 }
          let drawn: [ReportPlot]
          do throws(TrainingError) { drawn = try pictures.pictures() } catch {
            throw a.fail(.training(what: "pictures", error))
          }
          for picture in drawn { try staging.write(picture.svg, as: picture.path) }
          return []
        }
      }
      try writeReport(into: &staging)
      lap("plots")
    }
    return warnings
  }

  /// Runs the analysis `body`, which writes `file` and returns its warnings. An analysis error (a model it trains
  /// refused, every bootstrap round failed) leaves `file` out with a warning instead of failing
  /// the run, so that the trained model's results and the other reports are kept (`--strict`
  /// turns the warning into a failure, still with the results written). Errors writing results
  /// still fail the run.
  private mutating func leavingOut(
    _ file: String, _ warnings: inout [String],
    _ body: (inout Self) throws(PipelineError) -> [String]
  ) throws(PipelineError) {
    do { warnings += try body(&self) } catch {
      let reason: String
      switch error {
      case .analysis(let failure, _):
        // A round's failure thrown because every round failed as it did.
        let everyRound: Bool
        if case .preprocessing = failure {
          everyRound = true
        } else {
          everyRound = failure.isSingular
        }
        reason =
          everyRound && file == ResultsFile.decomposition
          ? "bias/variance decomposition: every bootstrap round failed (\(failure))" : "\(failure)"
      case .spec, .data, .training:
        reason =
          "\(file): " + (error.description.split(separator: "\n").first.map(String.init) ?? "")
      default: throw error
      }
      warnings.append(reason + "; no \(file) written")
    }
  }

  /// The pipeline error for an analysis error of this run.
  func fail(_ error: AnalysisError) -> PipelineError {
    AnalysisFailure.pipelineError(error, loaded)
  }

  /// The verdict thresholds of the spec, for the curves' per-point verdicts.
  var curveDiagnosis: CurveDiagnosis {
    let b = spec.report.biasVariance
    let (base, source) = spec.judgedBaseError
    return CurveDiagnosis(
      baseError: base, baseErrorSource: source,
      thresholds: BiasVarianceThresholds(
        b, classification: ErrorMeasure(configuration.engine).classification),
      precision: precision)
  }

  /// The classifier's confusion matrix on test, else dev, else train, when the spec lists
  /// `confusion_matrix` among its metrics; nil otherwise, and for a run that diverged: its
  /// parameters are the diverged ones, from which no other figure is reported (`summary.csv`
  /// has none, the pictures are not drawn). A regression listing it is judged as classes
  /// (`ErrorMeasure`; one column of 0/1 targets, as the spec's rules require): an output above
  /// 0.5 is class 1, as its metrics count.
  func confusionMatrix() throws(PipelineError) -> ConfusionMatrix? {
    guard spec.metrics.contains(.confusionMatrix), result.divergence == nil else { return nil }
    let partition = data.test ?? data.dev ?? data.train
    let classes: Int
    let actual: [Int]
    if configuration.engine.loss.isClassification {
      guard let count = data.classCount, let labels = partition.classIndices else { return nil }
      (classes, actual) = (count, labels)
    } else {
      let targets = partition.targets.storage.map(\.doubleValue)
      guard partition.targets.cols == 1, targets.allSatisfy({ $0 == 0 || $0 == 1 }) else {
        return nil
      }
      (classes, actual) = (2, targets.map { Int($0) })
    }
    guard partition.count > 0 else { return nil }
    let names =
      (data.classNames?.count == classes ? data.classNames : nil)
      ?? (0..<classes).map { String($0) }
    do {
      let predicted = try result.model.predictLabels(partition.features, classes: classes)
      return try ConfusionMatrix(classes: names, actual: actual, predicted: predicted)
    } catch let error as TrainingError {
      throw fail(.training(what: "confusion matrix", error))
    } catch {
      throw fail(.table("confusion matrix: \(error)"))
    }
  }

  /// The bootstrap decomposition on the test set (else dev).
  func decomposition(_ request: BootstrapSpec) throws(PipelineError) -> BiasVarianceDecomposition {
    guard let heldOut = data.test ?? data.dev else {
      throw fail(.bootstrap("it predicts a test set, and the spec has no test (or dev) split"))
    }
    let engine = configuration.engine
    var unfitted = data.unfitted
    // Without a test set the dev set is the one predicted (and none is watched).
    if data.test == nil, let dev = unfitted?.dev {
      let cells = unfitted?.devCells
      unfitted?.test = dev
      unfitted?.testCells = cells
      unfitted?.dev = nil
      unfitted?.devCells = nil
    }
    var bootstrap = BootstrapDecomposition<T>(
      configuration: engine, loss: request.loss,
      train: data.train.examples,
      dev: data.test == nil ? nil : data.dev?.examples, test: heldOut.examples, unfitted: unfitted)
    bootstrap.featureNames = data.modelFeatureNames
    bootstrap.inEffect = LBFGSInEffect(spec)
    let progress = ProgressNotes(
      what: "\(spec.name): bootstrap round", total: request.rounds, observer: execution.observer)
    do {
      return try bootstrap.run(
        rounds: request.rounds, seed: request.seed, progress: progress.report)
    } catch {
      throw fail(error)
    }
  }

  /// The learning curve at `sizes`, a warning per diverged point, and one for the points
  /// L-BFGS did not converge at.
  func learningCurve(_ sizes: [SplitAmount]) throws(PipelineError) -> (
    LearningCurve, warnings: [String], unconverged: String?
  ) {
    let builder = LearningCurveBuilder<T>(
      configuration: configuration.engine, train: data.train.examples, dev: data.dev?.examples,
      test: data.test?.examples, unfitted: data.unfitted, diagnosis: curveDiagnosis,
      featureNames: data.modelFeatureNames, inEffect: LBFGSInEffect(spec))
    do { return try builder.curve(sizes: sizes, seed: spec.seed) } catch { throw fail(error) }
  }

  /// `plots/*.svg`, `report.md` and `report.html` built from the CSVs staged so far, exactly as
  /// `runner report` rebuilds them: titled, as it titles them, by the staged spec.resolved.yaml's
  /// `output` (a title of the folder's name, `m@optimizer.learning_rate=0.02`, made every
  /// `runner report` of a run with overrides differ, and keep an unedited copy in .history).
  func writeReport(into staging: inout ResultsStaging) throws(PipelineError) {
    let named: ResultsReport
    do {
      named = try ResultsReport(directory: staging.staging)
    } catch {
      throw .results(error)
    }
    let plots = named.plots
    for plot in plots where plot.section != .picture { try staging.write(plot.svg, as: plot.path) }
    try staging.write(named.markdown(plots: plots), as: ResultsFile.reportMarkdown)
    try staging.write(named.html(plots: plots), as: ResultsFile.reportHTML)
  }
}
