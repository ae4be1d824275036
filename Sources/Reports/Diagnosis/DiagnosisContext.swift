/// What the diagnosis knows about the spec and the run, so that its advice fits the model and
/// the trouble, and names real keys and values.
public struct DiagnosisContext: Sendable, Equatable {
  /// What the model predicts: the output layer an advised network needs.
  public enum Task: Sendable, Equatable {
    /// Real targets (`outputs` of them): an unbounded, identity output.
    case regression(outputs: Int)
    /// Two classes: one sigmoid unit.
    case binary
    /// `classes` classes: a softmax over them.
    case multiclass(classes: Int)
  }

  /// Where training stood when it ended.
  public enum Training: Sendable, Equatable {
    /// The optimizer converged, the exact solver solved, early stopping ended it, the
    /// training loss stopped falling, or a linear classifier's training error stopped falling:
    /// training longer would not lower the train error.
    case converged
    /// The training loss was still falling at the end.
    case stillImproving
    /// Not known (too few recorded points to tell).
    case unknown
  }

  /// What the model predicts.
  public var task: Task
  /// The L2 strength in the spec (`regularization.l2`), if any.
  public var l2: Double?
  /// The L1 strength in the spec (`regularization.l1`), if any.
  public var l1: Double?
  /// The optimizer's `optimizer.weight_decay`, if any (PyTorch's L2, applied by the update).
  public var weightDecay: Double? = nil
  /// The units of each layer of `model.layers` (a network's; empty for linear and logistic
  /// models): a validation curve over a layer's units names its value from here.
  public var layerUnits: [Int] = []
  /// For a linear regression under mse with one target and L1: true when zero weights (the
  /// bias at the targets' mean) are the optimum of its training objective, the loss's gradient
  /// there within `l1` on every weight (scikit-learn's Lasso `alpha_max`): the penalty alone
  /// flattened the model to the mean; false when not; nil when not known.
  public var penaltyZeroesWeights: Bool? = nil
  /// The dropout rate of each layer that drops, by its index in `model.layers`.
  public var dropout: [Int: Double] = [:]
  /// The number of hidden layers of the model (0 for linear and logistic regression).
  public var hiddenLayers: Int
  /// The spec key holding the training length, e.g. `optimizer.iterations` or `optimizer.epochs`.
  public var trainingLengthKey: String
  /// The current training length, if known.
  public var trainingLength: Int?
  /// Where training stood when it ended.
  public var training: Training
  /// What finishes a fit its optimizer stopped short of its tolerance (L-BFGS's remedy, the
  /// one its warning gives); nil when it converged or the optimizer has no tolerance.
  public var unfinishedFit: String? = nil
  /// True when the model was solved in closed form (`model.solver: exact`): it ran no training
  /// that could fail to converge, so a fit no better than the mean is its optimum's own.
  public var closedForm = false
  /// The optimizer's spec name (`gd`, `adam`, …), if known.
  public var optimizer: String?
  /// The number of input features the model sees (after preprocessing), if known.
  public var inputFeatures: Int?
  /// Columns of the data the model does not use (`dataset.features` left them out).
  public var unusedColumns: [String]
  /// The degree of a `polynomial` preprocessing step, if any.
  public var polynomialDegree: Int?
  /// The spec's `optimizer.learning_rate`, for an optimizer that has one.
  public var learningRate: Double?
  /// The random init to advise (`he`, `xavier`) when the network's hidden units all start
  /// alike (`model.init: zeros`); nil otherwise.
  public var randomInit: String?
  /// A network's output activation (`relu`, `identity`, …); nil for linear and logistic models.
  public var outputActivation: String? = nil
  /// The largest absolute input the model sees, when it is large (above 10) and no
  /// `standardize`, `min_max` or `scale` step scales the features; nil otherwise.
  public var featureScale: Double?
  /// The generator's `dataset.generator.samples`, when the data is drawn by a generator that has
  /// the key: more rows, for every split, are then one key away.
  public var generatedSamples: Int?
  /// The training rows four times `generatedSamples` give after the split's rounding (the
  /// batch advised with more samples takes them all, `coveringBatch`); nil when not known.
  public var trainRowsOfMoreSamples: Int?
  /// The training loss of predicting each target's training mean (a regression's baseline); a
  /// training error above it (for mse, a train R² below 0) is training that did not converge.
  public var meanPredictionError: Double?
  /// True when the trained network's ReLU output gives 0 for every training row: dead, it passes
  /// no gradient, whatever the loss did before it died.
  public var deadOutput = false
  /// The output activation (`sigmoid`, `step`, `relu`, `identity`) of a regression whose one output unit fits one
  /// column of 0/1 targets while its metrics score no class: its diagnosis stays in the loss's
  /// units (`Metric.judgesClasses`), and the advice says so and how to judge its classes; nil
  /// otherwise.
  public var unscoredClassOutput: String? = nil
  /// The classes (3 to 10) a network's one output unit fits as integer labels 0…k, each present,
  /// under a regression loss (an iris-like label column with mse): its diagnosis stays in the
  /// loss's units, and the advice says how to judge classes; nil otherwise.
  public var integerLabelClasses: Int? = nil
  /// True when the spec lists metrics and each is a regression's (`mse`, `mae`, `r2`, …), other
  /// than `[mse]` alone (what a spec listing none records): the user chose a regression, so the
  /// hints to judge classes come after the other advice.
  public var regressionMetricsListed = false
  /// The training error of always predicting the most common training class (a classifier's
  /// baseline): a training error no lower is a model that learned nothing beyond it, often one
  /// class for every example (too simple a model, or a penalty that pulled every weight to 0).
  public var majorityClassError: Double?

  /// A classifier's training loss of predicting every row's training class frequencies (its
  /// prior): for cross-entropy the entropy of the training labels, −Σ pₖ ln pₖ (ln 2 = 0.693 for
  /// two balanced classes), the least loss of any model that ignores the inputs; nil for a
  /// regression or when not known.
  public var priorLoss: Double? = nil

  /// True when the spec penalizes the weights: `regularization.l2`, `regularization.l1` or
  /// `optimizer.weight_decay` above 0.
  public var hasPenalty: Bool {
    [l2, l1, weightDecay].contains { ($0 ?? 0) > 0 }
  }

  /// The key paths of the penalties on the weights, in the order advice takes them.
  static let penaltyKeys = ["regularization.l2", "regularization.l1", "optimizer.weight_decay"]

  /// The penalties the spec sets above 0, as (key path, value), in the order of `penaltyKeys`.
  var penalties: [(key: String, value: Double)] {
    zip(Self.penaltyKeys, [l2, l1, weightDecay]).compactMap { key, value in
      value.flatMap { $0 > 0 ? (key, $0) : nil }
    }
  }
  /// The number of training rows, when known (a split of a few rows holds none out).
  public var trainRows: Int?
  /// The number of rows of the split the variance is measured on, when known.
  public var heldOutRows: Int? = nil
  /// `optimizer.early_stopping.patience` when early stopping ended the run; nil otherwise.
  public var earlyStoppedPatience: Int?
  /// The held-out parts (`dev`, `test`) that are not drawn by `dataset.split` (a given file or
  /// the dataset's own test part), whose size no split key changes.
  public var givenParts: Set<String> = []
  /// The key path `report.validation_curve` varies (e.g. `regularization.l2`), if the spec asks
  /// for a validation curve: advice on that key points at `validation_curve.csv`.
  public var validationCurveParameter: String?
  /// The spec's own value of the key its validation curve varies, when it is a number.
  public var validationCurveValue: Double?
  /// Classes that have held-out rows but no training row (`heldOutRows` of them), and whether
  /// the split shuffled: no model learns such a class, whatever its bias or variance.
  public var untrainedClasses: UntrainedClasses? = nil
  /// Held-out parts taken in file order without a row of some class training has; those whose
  /// order looks accidental (`accidentalClassGaps`) make the split the advice.
  public var heldOutClassGaps: [HeldOutClassGap] = []
  /// The gaps whose error measures the classes the part holds, not bias or variance (the rows
  /// look sorted by class, or a part holds one class): the verdict waits on the split.
  public var accidentalClassGaps: [HeldOutClassGap] { heldOutClassGaps.filter(\.looksAccidental) }

  /// Classes with held-out rows and no training row.
  public struct UntrainedClasses: Sendable, Equatable {
    /// The class indices.
    public var classes: [Int]
    /// Their held-out rows.
    public var heldOutRows: Int
    /// Whether the split shuffled the rows.
    public var shuffled: Bool
    /// Whether the split stratified the rows by class (`dataset.split.stratify`).
    public var stratified: Bool
    /// The given held-out files holding their rows (`dataset.dev (dv.csv)`), when the data came
    /// as separate files rather than one divided by the split; empty otherwise.
    public var heldOutFiles: [String] = []

    /// Classes with `heldOutRows` held-out rows and no training row, of a `shuffled` (and
    /// `stratified`) split.
    public init(classes: [Int], heldOutRows: Int, shuffled: Bool, stratified: Bool = false) {
      self.classes = classes
      self.heldOutRows = heldOutRows
      self.shuffled = shuffled
      self.stratified = stratified
    }
  }
  /// True when each optimizer step took a mini-batch smaller than the training set.
  public var miniBatches = false
  /// A mini-batch rule's `optimizer.batch_size` when it takes every training row (advice for
  /// more rows says to raise it too, or each epoch would take more steps); nil otherwise.
  public var coveringBatch: Int?
  /// The optimizer steps the run took, when known: Adam moves a parameter about its rate per
  /// step, so the rate it is advised at must let these steps reach `largestParameter`.
  public var steps: Int?
  /// The largest magnitude of a trained parameter (weights and biases), when known.
  public var largestParameter: Double?
  /// For a network with hidden layers, the largest Adam rate whose step (about the rate on every
  /// weight) moves no layer's pre-activations by more than ten times their size:
  /// min over layers of 10·rms(W)/√inputs (a hidden ReLU pushed off its inputs never recovers).
  public var adamRateLimit: Double?
  /// The penalty's share of the final training objective, (l2/2)‖w‖² + l1‖w‖₁ over loss plus
  /// penalty, when known.
  public var penaltyShare: Double?
  /// True when `model.init` gives the weights (values, or an earlier run's parameters): they
  /// fit only the present shapes, so a bigger model or more features must replace it.
  public var fixedInit = false
  /// The run's validation curve once trained: regularization advice names its value with the
  /// lowest held-out error.
  public var validationCurve: ValidationCurve?
  /// For a linear regression under mse without L1 trained by full-batch steps, or by steps its
  /// schedule froze (`scheduleFreeze`): its final training objective beside the least-squares
  /// optimum of the same objective on the same rows (`LeastSquaresReach`); nil otherwise.
  public var leastSquares: LeastSquaresReach?
  /// The run's learning-rate schedule when it lowered the rate so far that no longer run moves
  /// the weights (`ScheduleFreeze`); nil otherwise.
  public var scheduleFreeze: ScheduleFreeze? = nil
  /// The inputs' spread when no `standardize` or `min_max` step scales them and some input's
  /// standard deviation is far from 1 (gradient descent's step on a weight grows with its
  /// input's scale squared): read by the advice of a run that stopped short of least squares.
  public var inputSpread: InputSpread?

  /// A linear regression's final training objective and the least-squares optimum.
  public struct LeastSquaresReach: Sendable, Equatable {
    /// The final training objective (loss + penalty).
    public var reached: Double
    /// The least value of the same objective on the same rows.
    public var optimum: Double

    /// `reached` beside `optimum`.
    public init(reached: Double, optimum: Double) {
      self.reached = reached
      self.optimum = optimum
    }
  }

  /// The standard deviations of the inputs the model sees: the smallest and the largest, each
  /// with its column's name when known.
  public struct InputSpread: Sendable, Equatable {
    /// The smallest standard deviation and its column.
    public var smallest: (name: String?, deviation: Double)
    /// The largest standard deviation and its column.
    public var largest: (name: String?, deviation: Double)

    /// A spread from `smallest` to `largest`.
    public init(
      smallest: (name: String?, deviation: Double), largest: (name: String?, deviation: Double)
    ) {
      self.smallest = smallest
      self.largest = largest
    }

    /// Equal spreads: the same columns with the same deviations.
    public static func == (a: Self, b: Self) -> Bool {
      a.smallest == b.smallest && a.largest == b.largest
    }
  }

  /// Context for the recommendations; the defaults describe a binary linear classifier without
  /// regularization whose training state is unknown.
  public init(
    task: Task = .binary, l2: Double? = nil, l1: Double? = nil, hiddenLayers: Int = 0,
    trainingLengthKey: String = "optimizer.iterations", trainingLength: Int? = nil,
    training: Training = .unknown, optimizer: String? = nil, inputFeatures: Int? = nil,
    unusedColumns: [String] = [], polynomialDegree: Int? = nil, learningRate: Double? = nil,
    randomInit: String? = nil, featureScale: Double? = nil, meanPredictionError: Double? = nil
  ) {
    self.task = task
    self.l2 = l2
    self.l1 = l1
    self.hiddenLayers = hiddenLayers
    self.trainingLengthKey = trainingLengthKey
    self.trainingLength = trainingLength
    self.training = training
    self.optimizer = optimizer
    self.inputFeatures = inputFeatures
    self.unusedColumns = unusedColumns
    self.polynomialDegree = polynomialDegree
    self.learningRate = learningRate
    self.randomInit = randomInit
    self.featureScale = featureScale
    self.meanPredictionError = meanPredictionError
  }

  /// The output layer a network for this task ends with, in spec syntax.
  var outputLayer: String {
    switch task {
    case .regression(let outputs): "{units: \(outputs), activation: identity}"
    case .binary: "{units: 1, activation: sigmoid}"
    case .multiclass(let classes): "{units: \(classes), activation: softmax}"
    }
  }

  /// True for real-valued targets.
  var isRegression: Bool {
    if case .regression = task { return true }
    return false
  }
}
