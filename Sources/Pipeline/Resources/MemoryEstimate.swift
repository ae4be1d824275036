import Datasets
import Foundation
import Specs

/// The memory a run needs, estimated from its spec and its data's shape before anything is
/// loaded (docs/spec.md, "Memory"). With `s` bytes per scalar, `N` samples, `n` input features
/// after preprocessing, layer widths `w₁…w_L` and `P = Σ (w₍ₗ₋₁₎ + 1)·wₗ` parameters:
/// data = read + 3·(feature values)·s + 2·N·outputs·s; model = (3 + state)·P·s; activations =
/// (4·B + 2·N)·Σwₗ·s + B·n·s with `B` the batch; analyses add one such run per worker; a
/// successive-halving trial saving or resuming a checkpoint adds 16·((2 + state)·P + N) per
/// model trained (parameters, early stopping's best, the optimizer's state and the row order, in
/// 8-byte values, and their encoded files).
public struct MemoryEstimate: Sendable, Equatable {
  /// Bytes of the data: as read, converted, split and preprocessed.
  public var data: Double
  /// Bytes of parameters, gradients, a best/initial copy and the optimizer's state.
  public var model: Double
  /// Bytes of a batch's activations and gradients, and of evaluation passes over every set.
  public var activations: Double
  /// Bytes of the bootstrap and curve workers (each trains its own copy), and of solvers.
  public var extra: Double
  /// Bytes of a checkpoint saved or resumed (successive-halving trials), else 0.
  public var checkpoint: Double = 0
  /// The spec key most responsible for the total.
  public var culprit: SpecPath

  /// Bytes the runner process itself takes (code, libraries, BLAS buffers), measured on the
  /// shipped specs (docs/spec.md); added to the estimate before comparing with the limit.
  public static let processOverhead = 64.0 * 1024 * 1024

  /// The estimate without the process's own overhead.
  public var total: Double { data + model + activations + extra + checkpoint }

  /// What the limit is compared with: the estimate plus the process overhead.
  public var needed: Double { total + Self.processOverhead }

  /// The estimate of a run of `loaded` (a gradient check when `gradientCheck`: float64 and at
  /// most `gradientCheckSamples` examples in the passes; saving or resuming a checkpoint when
  /// `checkpoint`).
  public static func of(
    _ loaded: LoadedSpec, context: ProjectContext, gradientCheck: Bool = false,
    gradientCheckSamples: Int = 256, checkpoint: Bool = false
  ) -> MemoryEstimate {
    let spec = loaded.spec
    let footprint = DataFootprint.of(loaded, context: context)
    let s: Double = gradientCheck || spec.dtype == .float64 ? 8 : 4
    let samples = footprint.samples
    let inputs = expandedFeatures(footprint.features, spec.dataset.preprocessing)
    let widths = layerWidths(spec)
    let outputs = widths.last ?? 1
    let expansion = inputs / max(footprint.features, 1)
    let data =
      footprint.readBytes + 3 * footprint.values * expansion * s + 2 * samples * outputs * s
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
    var batch = Double(spec.optimizer.batchSize ?? Int(min(samples, 1e15)))
    batch = min(batch, samples)
    var passes = samples
    if gradientCheck {
      batch = min(batch, Double(gradientCheckSamples))
      passes = batch
    }
    let width = widths.reduce(0, +)
    let activations = (4 * batch + 2 * passes) * width * s + batch * inputs * s
    var extra = 0.0
    if spec.model.kind == .linreg && spec.model.solver == .exact {
      extra += 2 * (inputs + 1) * (inputs + 1) * 8 + samples * (inputs + 1) * 8
    }
    if !gradientCheck && hasTrainingAnalyses(spec.report) {
      let workers = Double(max(1, ProcessInfo.processInfo.activeProcessorCount))
      extra += workers * (2 * samples * inputs * s + model + activations)
    }
    // The culprit: the data's key, or the layer that contributes the most.
    var culprit = footprint.path
    if model + activations > data, spec.model.kind == .mlp, !widths.isEmpty {
      let shares = widths.indices.map { i in
        parameters[i] * (3 + optimizerState(spec)) + (4 * batch + 2 * passes) * widths[i]
      }
      let top = shares.indices.max { shares[$0] < shares[$1] } ?? 0
      culprit = SpecPath.root.appending("model").appending("layers").appending(index: top)
        .appending("units")
    } else if model + activations > data, spec.optimizer.batchSize != nil,
      activations > model
    {
      culprit = SpecPath.root.appending("optimizer").appending("batch_size")
    }
    return MemoryEstimate(
      data: data, model: model, activations: activations, extra: extra,
      checkpoint: checkpoint ? 16 * ((2 + optimizerState(spec)) * p + models(spec) * samples) : 0,
      culprit: culprit)
  }

  /// Features after polynomial expansion (all monomials up to the degree, without the constant).
  static func expandedFeatures(_ features: Double, _ steps: [Specs.PreprocessingStep]) -> Double {
    var n = max(features, 1)
    for case .polynomial(let degree) in steps {
      var count = 1.0
      for k in 1...max(degree, 1) { count = count * (n + Double(k)) / Double(k) }
      n = count - 1
    }
    return n
  }

  /// Output widths of the model's layers (linear models: one layer of outputs).
  static func layerWidths(_ spec: ExperimentSpec) -> [Double] {
    if spec.model.kind == .mlp { return spec.model.layers.map { Double($0.units) } }
    let classes = Double(spec.dataset.classes?.count ?? 10)
    switch spec.model.kind {
    case .linreg: return [Double(max(1, spec.dataset.targetCount))]
    default:
      switch spec.model.multiclass {
      case .oneVsOne: return [classes * (classes - 1) / 2]
      default: return [classes]
      }
    }
  }

  /// Models trained: one, or one per binary problem of one-vs-rest and one-vs-one (their
  /// parameters are already in `P`, their row orders are not).
  static func models(_ spec: ExperimentSpec) -> Double {
    let classes = Double(spec.dataset.classes?.count ?? 10)
    guard spec.model.kind == .logreg else { return 1 }
    switch spec.model.multiclass {
    case .oneVsRest: return classes
    case .oneVsOne: return classes * (classes - 1) / 2
    default: return 1
    }
  }

  /// Vectors of the optimizer's state per parameter.
  static func optimizerState(_ spec: ExperimentSpec) -> Double {
    switch spec.optimizer.kind {
    case .gd, .sgd: 1
    case .momentum, .nesterov, .adagrad: 2
    case .rmsprop, .adam, .adamw, .nadam: 3
    case .lbfgs: Double(2 * spec.optimizer.rule.settings.historySize + 4)
    }
  }

  static func hasTrainingAnalyses(_ report: ReportSpec) -> Bool {
    report.bootstrap != nil || report.learningCurve != nil || report.validationCurve != nil
  }

  /// `data 800 MB + model 300 MB + activations 100 MB + runner 64 MB`.
  public var breakdown: String {
    var parts = [
      "data \(MemoryBudget.format(data))", "model \(MemoryBudget.format(model))",
      "activations \(MemoryBudget.format(activations))",
    ]
    if extra > 0 { parts.append("analyses \(MemoryBudget.format(extra))") }
    if checkpoint > 0 { parts.append("checkpoint \(MemoryBudget.format(checkpoint))") }
    parts.append("runner \(MemoryBudget.format(Self.processOverhead))")
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
