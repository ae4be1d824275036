import Datasets
import Engine
import Foundation
import Specs

/// The memory a run needs, estimated from its spec and its data's shape before anything is
/// loaded (docs/spec.md, "Memory"): a safe upper bound of the peak, each term what really lives
/// at once. With `s` bytes per scalar, `N` samples, `M` training rows (after the split and the
/// train-dev carve, as the run deals them), `V` rows of the largest set evaluated, `n` input
/// features after preprocessing, layer widths `w₁…w_L`, `P = Σ (w₍ₗ₋₁₎ + 1)·wₗ` parameters,
/// `B ≤ M` the batch, `E = min(V, 256)` rows evaluated at once and `H` rows predicted by the
/// report: data = read + N·n·s + targets; model = (3 + state)·P·s; activations = a step's
/// buffers over `B` rows and evaluation's over `E` (a set of `V` rows' scores), or the report's
/// prediction of `H` rows a chunk at a time (`TrainedModel.rowsPerChunk`: the chunk's inputs
/// and two adjacent layers, and each row's scores); analyses add a training copy, a model and
/// its activations per worker (a validation curve: its largest points' own, and the data of every
/// point whose value changes it); a successive-halving trial saving or resuming a checkpoint adds
/// 16·((2 + state)·P + M) per model trained (parameters, early stopping's best, the optimizer's
/// state and the row order, in 8-byte values, and their encoded files).
public struct MemoryEstimate: Sendable, Equatable {
  /// Bytes of the data: as read, converted, split and preprocessed.
  public var data: Double
  /// Bytes of parameters, gradients, a best/initial copy and the optimizer's state.
  public var model: Double
  /// Bytes of a step's activations and gradients and of evaluation in blocks, or of the report's
  /// prediction of the held-out set in chunks.
  public var activations: Double
  /// Bytes of the bootstrap and curve workers (each trains its own copy), and of solvers.
  public var extra: Double
  /// Bytes of a checkpoint saved or resumed (successive-halving trials), else 0.
  public var checkpoint: Double = 0
  /// Bytes of the recorded history: every record's figures, kept for `metrics.csv`, the plots
  /// and the report (`historyBytes`).
  public var history: Double = 0
  /// The spec key most responsible for the total.
  public var culprit: SpecPath
  /// Whether every data file begins as its loader reads it; when not, the loader's own error
  /// (a bad magic number, binary bytes in a CSV table) is what to report, not this estimate.
  public var dataReadable = true
  /// Whether every data file was found; when not (a named dataset not downloaded yet), the
  /// missing data counts as empty and the figure is too low to show.
  public var dataFound = true

  /// The estimate without the process's own overhead.
  public var total: Double { data + model + activations + extra + checkpoint + history }

  /// What the limit is compared with: the estimate plus the process overhead.
  public var needed: Double { total + MemoryBudget.processOverhead }

  /// The estimate of a run of `loaded` (a gradient check when `gradientCheck`: float64 and at
  /// most `gradientCheckSamples` examples in the passes; saving or resuming a checkpoint when
  /// `checkpoint`), for the `known` classes its labels make once read (else `classes(_:)`).
  public static func of(
    _ loaded: LoadedSpec, context: ProjectContext, gradientCheck: Bool = false,
    gradientCheckSamples: Int = 256, checkpoint: Bool = false, classes known: Int? = nil
  ) -> MemoryEstimate {
    of(
      loaded, context: context, footprint: DataFootprint.of(loaded, context: context),
      gradientCheck: gradientCheck, gradientCheckSamples: gradientCheckSamples,
      checkpoint: checkpoint, classes: known)
  }

  /// `of(_:context:…)` with the data's `footprint` already found.
  static func of(
    _ loaded: LoadedSpec, context: ProjectContext, footprint: DataFootprint,
    gradientCheck: Bool = false, gradientCheckSamples: Int = 256, checkpoint: Bool = false,
    classes known: Int? = nil
  ) -> MemoryEstimate {
    let spec = loaded.spec
    let classCount = known.map(Double.init) ?? Self.classes(spec)
    let s: Double = gradientCheck || spec.dtype == .float64 ? 8 : 4
    let samples = footprint.samples
    let inputs = expandedFeatures(footprint.features, spec.dataset.preprocessing)
    let trained = networks(spec, classes: classCount)
    let widths = trained.layerWidths
    let outputs = widths.last ?? 1
    // One-vs-rest and one-vs-one train binary models of one output each; a set's scores are
    // one per class (one-vs-one: votes and confidences), not one per model.
    let binaryModels = trained.count > 1
    let scores = binaryModels ? classCount : outputs
    let expanded = footprint.values * inputs / max(footprint.features, 1)
    // The sets as read, the features once in the run's type (and before a polynomial expansion
    // while it expands them), targets in the run's type twice and class indices twice.
    var data = footprint.readBytes + expanded * s + 2 * samples * scores * s + 16 * samples
    if inputs != max(footprint.features, 1) { data += footprint.values * s }
    // One-vs-one copies each pair's rows of every set: each row once per other class.
    if spec.model.kind == .logreg, spec.model.multiclass == .oneVsOne {
      data += (classCount - 1) * expanded * s
    }
    var parameters: [Double] = []
    var previous = inputs
    for width in widths {
      parameters.append((previous + 1) * width)
      previous = width
    }
    let p = parameters.reduce(0, +)
    var model = (3 + optimizerState(spec)) * p * (spec.optimizer.kind == .lbfgs ? 8 : s)
    // The gradient check lists each layer's entry indices before sampling them.
    if gradientCheck { model += 8 * p }
    // A step takes the training rows the split leaves (all of them in full-batch training);
    // evaluation goes through one set at a time, the largest at most.
    let trainRows = footprint.trainingRows
    let fullBatch = spec.optimizer.kind.isFullBatch
    var batch =
      fullBatch ? trainRows : Double(spec.optimizer.batchSize ?? Int(min(trainRows, 1e15)))
    batch = min(batch, trainRows)
    var passes = min(footprint.largestPart, 256)
    var heldOut = footprint.heldOut
    var rows = footprint.largestPart
    if gradientCheck {
      batch = min(batch, Double(gradientCheckSamples))
      (passes, heldOut, rows) = (batch, 0, batch)
    }
    let width = widths.reduce(0, +)
    let layers = spec.model.kind == .mlp ? spec.model.layers : []
    let normalized = layers.filter { $0.normalization != .none }.reduce(0.0) {
      $0 + Double($1.units)
    }
    let dropped = layers.filter { $0.dropout > 0 }.reduce(0.0) { $0 + Double($1.units) }
    let widest = max(inputs, binaryModels ? 1 : widths.max() ?? 1)
    // A step: each layer's values before and after the activation, batch norm's normalized
    // values and dropout's masks and kept values; and for each model trained (one-vs-rest and
    // one-vs-one train several at once) two error buffers as wide as the widest layer (inputs
    // included) and the batch's copied rows unless it is the whole training set.
    let stepPerRow = (2 * widest + (fullBatch ? 0 : inputs + (binaryModels ? 1 : outputs))) * s
    var step = batch * stepPerRow
    // One-vs-one trains each pair of classes on its two classes' rows only: each training row
    // is in k − 1 pairs, so the pairs' batches hold at most (k − 1)·M rows together, whatever
    // the classes' sizes (45 full MNIST batches were counted for its 10 classes, tester BP-3).
    var models = trained.count * step
    if spec.model.kind == .logreg, spec.model.multiclass == .oneVsOne {
      models = min(models, (classCount - 1) * trainRows * stepPerRow)
    }
    // Full-batch gd of one-output linear models with at least twice as many features as
    // training rows trains on the Gram matrix: the training features in float64, and rows².
    if !gradientCheck, trained.oneOutputLinear, spec.optimizer.kind == .gd,
      spec.regularization.l1 == 0
    {
      let m = min(trainRows, 2048)
      if 2 * m <= inputs {
        let gram = m * inputs * 8 + m * m * 8
        step = trainRows <= 2048 ? gram : max(step, gram)
        models = trained.count * step
      }
    }
    let training = batch * (2 * width + normalized + 2 * dropped) * s + models
    // Evaluation goes through the model one set at a time, in blocks of at most 256 rows
    // (forward only); a set's outputs are kept in the run's type and as float64 scores
    // (one-vs-one: votes and confidences), with a label per row.
    let evaluation = passes * (2 * width + normalized) * s + rows * (scores * (s + 24) + 8)
    // After training (its buffers freed), the report's pictures, curves and confusion matrix
    // predict the held-out set a chunk of rows at a time (`TrainedModel.rowsPerChunk`: about
    // 4 MB, at least 12 rows): a chunk's inputs and two adjacent layers' values, and every
    // row's scores and label.
    var adjacent = 0.0
    var below = inputs
    for width in binaryModels ? [1] : widths {
      adjacent = max(adjacent, below + width)
      below = width
    }
    let perRow = (inputs + adjacent) * s + 16 * scores
    let chunk = min(
      heldOut, max(12, (Double(TrainedModel<Float>.chunkBytes) / perRow).rounded(.down)))
    let prediction = chunk * perRow + heldOut * (24 * scores + 8)
    let activations = max(training + evaluation, prediction)
    var extra = 0.0
    if spec.model.kind == .linreg && spec.model.solver == .exact {
      extra += 2 * (inputs + 1) * (inputs + 1) * 8 + trainRows * (inputs + 1) * 8
    }
    // The curve point to blame when the validation curve's points take most of the memory.
    var curvePoint: Int?
    if !gradientCheck && hasTrainingAnalyses(spec.report) {
      // Each worker trains on its own copy of (a sample of) the training rows; the analyses
      // run one after another, a validation curve's points each on their own model and data.
      let workers = AvailableCPUs.count
      let report = spec.report
      // The bootstrap keeps every round's predictions of the test rows, as float64 and as
      // labels, with an array per round: 16 bytes a row and slack (measured: 15.2 bytes a row
      // over 20000 rounds of 1500 rows).
      let rounds = Double(report.bootstrap?.rounds ?? 0)
      let resampled =
        (report.bootstrap != nil || report.learningCurve != nil
          ? Double(workers) * (expanded * s + model + activations) : 0)
        + rounds * (20 * heldOut + 64)
      let curve = curveShare(
        loaded, context: context, workers: workers, baseRows: expanded * s)
      extra += max(resampled, curve?.bytes ?? 0)
      if let curve, curve.bytes > resampled,
        2 * curve.bytes > data + model + activations + extra
      {
        curvePoint = curve.largest
      }
    }
    // The culprit: the data's key, or the layer that contributes the most.
    var culprit = footprint.path
    // The batch's share: its copied rows and the buffers as wide as the inputs, when those are
    // the widest (a batch of 50 000 MNIST rows was blamed on 16 units, tester N3).
    let batchKey = SpecPath.root.appending("optimizer").appending("batch_size")
    let batchShare =
      spec.optimizer.batchSize == nil || fullBatch
      ? 0 : batch * (inputs + (widest == inputs ? 2 * inputs : 0)) * s
    if model + activations > data, spec.model.kind == .mlp, !widths.isEmpty {
      let shares = widths.indices.map { i in
        parameters[i] * (3 + optimizerState(spec)) + (2 * batch + 2 * passes) * widths[i]
      }
      let top = shares.indices.max { shares[$0] < shares[$1] } ?? 0
      culprit =
        batchShare > shares[top]
        ? batchKey
        : SpecPath.root.appending("model").appending("layers").appending(index: top)
          .appending("units")
    } else if model + activations > data, spec.optimizer.batchSize != nil, activations > model {
      culprit = batchKey
    }
    // A polynomial expansion that makes up most of the total is to blame, not the data or a
    // layer: the same run without it would need less than half.
    let steps = spec.dataset.preprocessing
    if let step = steps.firstIndex(where: { if case .polynomial = $0 { true } else { false } }) {
      var plain = loaded
      plain.spec.dataset.preprocessing.removeAll {
        if case .polynomial = $0 { true } else { false }
      }
      let without = of(
        plain, context: context, footprint: footprint, gradientCheck: gradientCheck,
        classes: known)
      if 2 * without.total < data + model + activations + extra {
        culprit = SpecPath.root.appending("dataset").appending("preprocessing")
          .appending(index: step).appending("polynomial")
      }
    }
    // A history that takes more than the rest together is recorded too often.
    let history = gradientCheck ? 0 : historyBytes(spec)
    if history > data + model + activations + extra {
      culprit = SpecPath.root.appending("record_every")
    }
    if let curvePoint {
      culprit = SpecPath.root.appending("report").appending("validation_curve")
        .appending("values").appending(index: curvePoint)
    }
    return MemoryEstimate(
      data: data, model: model, activations: activations, extra: extra,
      checkpoint: checkpoint
        ? 16 * ((2 + optimizerState(spec)) * p + trained.count * trainRows) : 0,
      history: history, culprit: culprit,
      dataReadable: footprint.readable, dataFound: footprint.found)
  }

  /// Bytes a run's recorded history takes at its peak, `R·(512 + 192·sets·(1 + metrics))` for
  /// `R` recorded rows: each record's figures, and `metrics.csv`, the plots and the report built
  /// from them. Measured (debug build) at 690 bytes a row for the training set's loss and one
  /// metric, 1.4 KB for three sets of two figures and 3.5 KB for three sets of seven.
  static func historyBytes(_ spec: ExperimentSpec) -> Double {
    let figures = spec.recordedSets * (1 + spec.metrics.count)
    return Double(spec.recordedRows) * (512 + 192 * Double(figures))
  }

  /// `data 800 MB + model 300 MB + activations 100 MB + runner 64 MB`.
  public var breakdown: String {
    var parts = [
      "data \(MemoryBudget.format(data))", "model \(MemoryBudget.format(model))",
      "activations \(MemoryBudget.format(activations))",
    ]
    if extra > 0 { parts.append("analyses \(MemoryBudget.format(extra))") }
    if checkpoint > 0 { parts.append("checkpoint \(MemoryBudget.format(checkpoint))") }
    if history > 0 { parts.append("history \(MemoryBudget.format(history))") }
    parts.append("runner \(MemoryBudget.format(MemoryBudget.processOverhead))")
    return parts.joined(separator: " + ")
  }
}

extension DatasetSpec {
  /// Target columns of a regression (one, or the `targets` listed).
  var targetCount: Int {
    switch source {
    case .file(let file): max(1, file.targets.count)
    case .files(let train, _, _): max(1, train.targets.count)
    default: 1
    }
  }
}
