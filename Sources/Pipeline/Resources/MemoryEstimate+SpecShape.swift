import Foundation
import Specs

/// The spec's shape as the memory estimate sizes it: features after expansion, layer widths,
/// models trained, classes and the optimizer's state.
extension MemoryEstimate {
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

  /// Output widths of the model's layers (linear models: one layer of outputs; a softmax logreg
  /// on binary_cross_entropy is the binary one, of one output).
  /// (Exhaustive switches: a new model family or strategy must give its own.)
  static func layerWidths(_ spec: ExperimentSpec) -> [Double] {
    let classes = classes(spec)
    switch spec.model.definition {
    case .mlp(let layers): return layers.map { Double($0.units) }
    case .linearRegression: return [Double(max(1, spec.dataset.targetCount))]
    case .logisticRegression(.softmax) where spec.loss.kind == .binaryCrossEntropy: return [1]
    case .logisticRegression(.oneVsOne): return [classes * (classes - 1) / 2]
    case .logisticRegression(.binary), .logisticRegression(.softmax),
      .logisticRegression(.oneVsRest):
      return [classes]
    }
  }

  /// Whether each model trained is a linear model of one output, which full-batch gd may train
  /// on the Gram matrix (a softmax logreg on binary_cross_entropy is the binary one).
  static func trainsOneOutputModels(_ spec: ExperimentSpec) -> Bool {
    switch spec.model.definition {
    case .linearRegression: spec.dataset.targetCount == 1
    case .logisticRegression(let m): m != .softmax || spec.loss.kind == .binaryCrossEntropy
    case .mlp: false
    }
  }

  /// Models trained: one, or one per binary problem of one-vs-rest and one-vs-one (their
  /// parameters are already in `P`, their row orders are not).
  static func models(_ spec: ExperimentSpec) -> Double {
    let classes = classes(spec)
    switch spec.model.definition {
    case .linearRegression, .mlp, .logisticRegression(.binary), .logisticRegression(.softmax):
      return 1
    case .logisticRegression(.oneVsRest): return classes
    case .logisticRegression(.oneVsOne): return classes * (classes - 1) / 2
    }
  }

  /// Classes of a classifier: the spec's names, else a generator's (blobs: one per mean;
  /// spirals: its arms; gates, moons and circles: 2), else 10.
  static func classes(_ spec: ExperimentSpec) -> Double {
    if let names = spec.dataset.classes { return Double(names.count) }
    guard case .generator(let generator) = spec.dataset.source else { return 10 }
    switch generator.kind {
    case .blobs: return Double(max(2, generator.means.count))
    case .spirals: return Double(max(2, generator.classes))
    case .gates, .moons, .circles: return 2
    default: return 10
    }
  }

  /// Vectors of the optimizer's state per parameter: one more than the rule's declared moments
  /// (`Optimizer.momentVectors`), or L-BFGS's 2·history (s, y) pairs and 4 more.
  static func optimizerState(_ spec: ExperimentSpec) -> Double {
    let rule = spec.optimizer.rule
    return Double(rule.kind == .lbfgs ? 2 * rule.settings.historySize + 4 : 1 + rule.momentVectors)
  }

  static func hasTrainingAnalyses(_ report: ReportSpec) -> Bool {
    report.bootstrap != nil || report.learningCurve != nil || report.validationCurve != nil
  }
}
