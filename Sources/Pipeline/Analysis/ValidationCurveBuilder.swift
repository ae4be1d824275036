import Datasets
import Engine
import Reports
import Specs

/// Trains the spec's model once per value of one hyperparameter and measures train and
/// held-out error at each (`report.validation_curve`).
///
/// Each value is applied to the resolved spec exactly as `--set parameter=value` would be (so
/// it is typed and validated by the spec's own rules), the data are prepared again when the
/// value changes the `dataset` section (e.g. a polynomial degree), and the model trains with
/// the run's seed. Points train in parallel.
struct ValidationCurveBuilder<T: Scalar> {
  let execution: RunExecution<T>
  /// The run's prepared data, reused by every value that leaves `dataset` unchanged.
  let data: PreparedData<T>

  /// One value's spec, data and engine configuration, ready to train.
  struct Variant: Sendable {
    var value: Double
    var training: CurveTraining<T>
    /// The point's own noise floor, when its value changes the spec's (no `base_error` written).
    var floor: (value: Double, source: String?)? = nil
    /// What the point's spec does of L-BFGS's remedies.
    var inEffect: LBFGSInEffect
  }

  /// The curve the spec's `report.validation_curve` asks for, a warning per failed point
  /// (diverged, singular, or data that cannot be prepared with the value), then one for the
  /// points L-BFGS did not converge at (as a learning curve's).
  func curve(_ request: ValidationCurveSpec, diagnosis: CurveDiagnosis?) throws(PipelineError)
    -> (ValidationCurve, warnings: [String], unconverged: String?)
  {
    let parameter = request.parameter.description
    // A value whose data cannot be prepared (polynomial features beyond float32's range) is a
    // failed point, as a diverged one is.
    var prepared: [(variant: Variant?, failure: String?)] = []
    for (index, value) in request.values.enumerated() {
      do throws(PipelineError) {
        prepared.append((try variant(index, value), nil))
      } catch {
        switch error {
        case .data(let failure, _):
          prepared.append((nil, "validation curve at \(parameter) = \(value): \(failure)"))
        case .spec(.invalid(let diagnostics)):
          // A rule the point's data breaks (its rows and batch norm), said at the value.
          let errors = diagnostics.filter { $0.severity == .error }
          let said = execution.loaded.atCurvePoint(index, errors).first?.description ?? ""
          prepared.append((nil, said.split(separator: "\n").first.map(String.init) ?? ""))
        default: throw error
        }
      }
    }
    let variants = prepared
    let heldOut = variants.lazy.compactMap(\.variant).first?.training.heldOutSplit
    let runs: Reports.Split? = data.dev != nil ? .dev : data.test != nil ? .test : nil
    guard let heldOutSplit = heldOut ?? runs else {
      throw AnalysisFailure.pipelineError(
        .curve("report.validation_curve needs a dev or test split to measure the held-out error"),
        execution.loaded)
    }
    let points: [(ValidationCurve.Point, String?, StopReason?)]
    do {
      points = try ParallelJobs.map(
        count: variants.count, workers: ParallelJobs.workers(jobs: variants.count)
      ) {
        index throws(AnalysisError) -> (ValidationCurve.Point, String?, StopReason?) in
        guard let v = variants[index].variant else {
          let value = request.values[index].doubleValue ?? .nan
          let failed = ValidationCurve.Point(
            value: value, trainError: .nan, heldOutError: .nan)
          return (failed, variants[index].failure, nil)
        }
        let errors = try v.training.errors(
          what: "validation curve " + Self.at(parameter, request.values[index]),
          baseError: v.floor?.value ?? diagnosis?.baseError)
        var facts = errors.facts
        if let floor = v.floor {
          (facts.baseError, facts.baseErrorSource) = (floor.value, floor.source)
        }
        return (
          ValidationCurve.Point(
            at: v.value, trainError: errors.train, heldOutError: errors.heldOut,
            facts: facts),
          errors.failure, errors.stop
        )
      }
    } catch {
      throw AnalysisFailure.pipelineError(error, execution.loaded)
    }
    let integral = request.values.allSatisfy {
      switch $0 {
      case .integer, .unsigned: true
      default: false
      }
    }
    let curve = ValidationCurve(
      parameter: parameter, points: points.map(\.0), heldOutSplit: heldOutSplit,
      diagnosis: diagnosis, integerValues: integral)
    var unconverged = UnconvergedFits(LBFGSInEffect(execution.spec))
    for (index, point) in points.enumerated() {
      if let stop = point.2 {
        unconverged.add(
          Self.at(parameter, request.values[index]), stop,
          inEffect: variants[index].variant?.inEffect)
      }
    }
    let warning = unconverged.warning(
      "validation curve", of: request.values.count, ("point", "points"))
    return (curve, points.compactMap(\.1), warning)
  }

  /// `at regularization.l2 = 0.1`: the point of `parameter` at `value`.
  static func at(_ parameter: String, _ value: SpecValue) -> String {
    "at \(parameter) = \(value)"
  }

  /// The spec with the curve's value `index` (`value`) set, its data and its configuration.
  func variant(_ index: Int, _ value: SpecValue) throws(PipelineError) -> Variant {
    let loaded = execution.loaded
    guard let number = value.doubleValue else {
      throw AnalysisFailure.pipelineError(
        .curve(
          "report.validation_curve: '\(value)' is not a number; a validation curve plots numeric values"
        ), loaded)
    }
    let variantSpec: LoadedSpec
    do {
      variantSpec = try loaded.curvePoint(index)
    } catch {
      throw .spec(error)
    }
    let spec = variantSpec.spec
    guard spec.dtype == loaded.spec.dtype, spec.threads == loaded.spec.threads else {
      throw AnalysisFailure.pipelineError(
        .curve(
          "report.validation_curve cannot vary `dtype` or `threads` within one run; use a sweep"),
        loaded)
    }
    var run = RunExecution<T>(loaded: variantSpec, context: execution.context, observer: { _ in })
    // The same model starts from the same saved networks: read once for the run's points.
    if spec.model == loaded.spec.model { run.savedStart = execution.savedStart }
    let variantData = spec.dataset == loaded.spec.dataset ? data : try run.prepareData()
    let configuration = try run.configuration(variantData).engine
    // A value that moves the generator's noise floor (its noise, huber's delta) is judged
    // against its own, as a run of it would be, unless the spec writes its base error.
    let own = spec.judgedBaseError
    let floor = own.value != loaded.spec.judgedBaseError.value ? own : nil
    return Variant(
      value: number,
      training: CurveTraining(
        configuration: configuration, train: variantData.train.examples,
        dev: variantData.dev?.examples,
        test: variantData.test?.examples, featureNames: variantData.modelFeatureNames,
        zeroL2By: TrainingError.zeroL2Setter(in: variantSpec)),
      floor: floor, inEffect: LBFGSInEffect(spec))
  }
}
