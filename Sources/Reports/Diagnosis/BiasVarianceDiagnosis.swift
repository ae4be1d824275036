/// Andrew Ng's bias/variance diagnosis from the errors of one trained model.
///
///     avoidable bias = train − base
///     variance       = (train-dev, else dev, else test) − train
///     data mismatch  = (dev, else test) − train-dev      (only when a train-dev split exists)
///
/// Each gap above its threshold is a problem; the verdict names them, and `recommendations`
/// phrases what to try as changes to the spec.
public struct BiasVarianceDiagnosis: Sendable, Equatable {
  /// The error the best possible model would make (human-level or Bayes error estimate).
  public let baseError: Double
  /// Error on the training set.
  public let trainError: Double
  /// Error on held-out data drawn like the training set, if such a split exists.
  public let trainDevError: Double?
  /// Error on the dev (validation) set, if any.
  public let devError: Double?
  /// Error on the test set, if any.
  public let testError: Double?
  /// The thresholds the gaps are compared with.
  public let thresholds: BiasVarianceThresholds
  /// Facts about the spec that make recommendations concrete.
  public let context: DiagnosisContext

  /// A diagnosis; at least one of train-dev, dev and test must be given for a variance figure.
  public init(
    baseError: Double, trainError: Double, trainDevError: Double? = nil, devError: Double? = nil,
    testError: Double? = nil, thresholds: BiasVarianceThresholds = .classificationDefault,
    context: DiagnosisContext = DiagnosisContext()
  ) {
    self.baseError = baseError
    self.trainError = trainError
    self.trainDevError = trainDevError
    self.devError = devError
    self.testError = testError
    self.thresholds = thresholds
    self.context = context
  }

  /// train − base.
  public var avoidableBias: Double { trainError - baseError }

  /// The split the variance is measured on: train-dev, else dev, else test (nil when none).
  public var varianceSplit: String? {
    if trainDevError != nil { return "train_dev" }
    if devError != nil { return "dev" }
    if testError != nil { return "test" }
    return nil
  }

  /// (train-dev, else dev, else test) − train; nil when there is no held-out error.
  public var variance: Double? {
    (trainDevError ?? devError ?? testError).map { $0 - trainError }
  }

  /// (dev, else test) − train-dev; nil without a train-dev split.
  public var dataMismatch: Double? {
    guard let trainDev = trainDevError, let heldOut = devError ?? testError else { return nil }
    return heldOut - trainDev
  }

  /// True when avoidable bias exceeds its threshold.
  public var hasHighBias: Bool { avoidableBias > thresholds.avoidableBias }

  /// True when variance exceeds its threshold.
  public var hasHighVariance: Bool { (variance ?? -.infinity) > thresholds.variance }

  /// True when data mismatch exceeds its threshold; nil without a train-dev split.
  public var hasDataMismatch: Bool? { dataMismatch.map { $0 > thresholds.dataMismatch } }

  /// High bias, high variance, both, or fine.
  public var verdict: BiasVarianceVerdict {
    switch (hasHighBias, hasHighVariance) {
    case (true, true): return .both
    case (true, false): return .highBias
    case (false, true): return .highVariance
    case (false, false): return .fine
    }
  }

  /// The verdict as one phrase, with ", data mismatch" appended when there is one.
  public var verdictText: String {
    hasDataMismatch == true ? verdict.rawValue + ", data mismatch" : verdict.rawValue
  }
}

/// What the diagnosis knows about the spec, so that its advice names real keys and values.
public struct DiagnosisContext: Sendable, Equatable {
  /// The L2 strength in the spec (`regularization.l2`), if any.
  public var l2: Double?
  /// The number of hidden layers of the model (0 for linear and logistic regression).
  public var hiddenLayers: Int
  /// The spec key holding the training length, e.g. `optimizer.iterations` or `optimizer.epochs`.
  public var trainingLengthKey: String
  /// The current training length, if known.
  public var trainingLength: Int?

  /// Context for the recommendations; the defaults describe a linear model without regularization.
  public init(
    l2: Double? = nil, hiddenLayers: Int = 0, trainingLengthKey: String = "optimizer.iterations",
    trainingLength: Int? = nil
  ) {
    self.l2 = l2
    self.hiddenLayers = hiddenLayers
    self.trainingLengthKey = trainingLengthKey
    self.trainingLength = trainingLength
  }
}
