import Conventions

/// The base error and thresholds used to give each point of a curve a bias/variance verdict,
/// by the rules of `bias_variance.csv`: a point given its sampling errors and mean-prediction
/// error gets the verdict a run of that point would get (`variance unclear`, `bias unclear`,
/// `training did not converge: …` included).
public struct CurveDiagnosis: Sendable, Equatable {
  /// The best error one can hope for (e.g. human-level), which avoidable bias is measured from.
  public var baseError: Double
  /// Where `baseError` came from when the data's generator gave it
  /// (`BiasVarianceDiagnosis.baseErrorSource`); nil otherwise.
  public var baseErrorSource: String? = nil
  /// How large each gap (avoidable bias, variance) must be to count as high.
  public var thresholds: BiasVarianceThresholds
  /// How the points' errors print, which is how they are judged (as `bias_variance.csv` judges
  /// the run's, so the point at the run's value gets its verdict).
  public var precision: NumberPrecision

  /// Verdicts against `baseError` (from `baseErrorSource`, when a generator gave it) with
  /// `thresholds`.
  public init(
    baseError: Double, baseErrorSource: String? = nil,
    thresholds: BiasVarianceThresholds = .classificationDefault,
    precision: NumberPrecision = .float64
  ) {
    self.baseError = baseError
    self.baseErrorSource = baseErrorSource
    self.thresholds = thresholds
    self.precision = precision
  }

  /// What one point knows besides its two errors: how its training went, the sampling errors
  /// of its training and held-out errors (`BiasVarianceDiagnosis.trainSampling`,
  /// `heldOutSampling`) and, for regression, the loss of predicting its training targets' mean
  /// (`DiagnosisContext.meanPredictionError`); each nil when unknown.
  public struct Facts: Sendable, Equatable {
    /// How the training loss went.
    public var progress: TrainingProgress?
    /// The training error's sampling error at the base error.
    public var trainSampling: SamplingError?
    /// The held-out error's sampling error.
    public var heldOutSampling: SamplingError?
    /// The training loss of predicting each target's training mean.
    public var meanPredictionError: Double?
    /// The training error of always predicting the most common training class.
    public var majorityClassError: Double? = nil
    /// A classifier's training loss of predicting the training class frequencies
    /// (`DiagnosisContext.priorLoss`).
    public var priorLoss: Double? = nil
    /// The point's `optimizer.weight_decay`, a penalty its training objective leaves out
    /// (`DiagnosisContext.weightDecay`), when known.
    public var weightDecay: Double? = nil
    /// The point's own base error, when its value sets the generator's noise floor (a curve
    /// over `dataset.generator.noise`): judged against it, not the curve's; else nil.
    public var baseError: Double? = nil
    /// Where the point's own `baseError` came from.
    public var baseErrorSource: String? = nil
    /// The point's training rows (a gap of 0 on fewer than `BiasVarianceDiagnosis.rowsToJudge`
    /// is not `fine`), when known.
    public var trainRows: Int? = nil
    /// The point's held-out rows, when known.
    public var heldOutRows: Int? = nil
    /// Whether the point's L1 penalty alone makes zero weights its optimum
    /// (`DiagnosisContext.penaltyZeroesWeights`), when known.
    public var penaltyZeroesWeights: Bool? = nil
    /// Whether the point was solved in closed form (`DiagnosisContext.closedForm`).
    public var closedForm = false

    /// The facts of a point.
    public init(
      progress: TrainingProgress? = nil, trainSampling: SamplingError? = nil,
      heldOutSampling: SamplingError? = nil, meanPredictionError: Double? = nil
    ) {
      self.progress = progress
      self.trainSampling = trainSampling
      self.heldOutSampling = heldOutSampling
      self.meanPredictionError = meanPredictionError
    }
  }

  /// The `verdict` cell of a point with `facts`, its held-out error measured on `heldOutSplit`:
  /// `failed` for a failed point (NaN errors), else `bias_variance.csv`'s verdict text.
  public func verdictText(
    train: Double, heldOut: Double, heldOutSplit: Split = .dev, facts: Facts = Facts()
  ) -> String {
    train.isNaN || heldOut.isNaN
      ? "failed"
      : diagnosis(train: train, heldOut: heldOut, heldOutSplit: heldOutSplit, facts: facts)
        .verdictText
  }

  /// The diagnosis of a point as a run of it would make it (its gaps, verdict and remarks).
  public func diagnosis(
    train: Double, heldOut: Double, heldOutSplit: Split = .dev, facts: Facts = Facts()
  ) -> BiasVarianceDiagnosis {
    var context = DiagnosisContext()
    context.meanPredictionError = facts.meanPredictionError
    context.majorityClassError = facts.majorityClassError
    (context.priorLoss, context.weightDecay) = (facts.priorLoss, facts.weightDecay)
    context.penaltyZeroesWeights = facts.penaltyZeroesWeights
    context.closedForm = facts.closedForm
    (context.trainRows, context.heldOutRows) = (facts.trainRows, facts.heldOutRows)
    return BiasVarianceDiagnosis(
      baseError: facts.baseError ?? baseError,
      baseErrorSource: facts.baseError == nil ? baseErrorSource : facts.baseErrorSource,
      trainError: train,
      trainDevError: heldOutSplit == .trainDev ? heldOut : nil,
      devError: [.train, .dev].contains(heldOutSplit) ? heldOut : nil,
      testError: heldOutSplit == .test ? heldOut : nil, thresholds: thresholds, context: context,
      progress: facts.progress, heldOutSampling: facts.heldOutSampling,
      trainSampling: facts.trainSampling, precision: precision)
  }
}
