import Engine
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

  /// The networks the engine trains for the spec, as `ModelKind.structure`, `widths` and
  /// `networkCount` lay them out: how many train side by side (one-vs-rest and one-vs-one: one
  /// per binary problem), the output width of each layer summed over them, and whether each is
  /// one layer of one output (which full-batch gd may train on the Gram matrix). A softmax
  /// logreg on binary_cross_entropy has two classes (the validator refuses it on more): the
  /// binary one. A classifier has `known` classes (else `classes(_:)`).
  static func networks(_ spec: ExperimentSpec, classes known: Double? = nil) -> (
    count: Double, layerWidths: [Double], oneOutputLinear: Bool
  ) {
    let declared = spec.model.definition
    let binaryLoss = spec.loss.kind == .binaryCrossEntropy
    let classes =
      declared == .logisticRegression(.softmax) && binaryLoss ? 2 : Int(known ?? Self.classes(spec))
    let model = declared.resolved(classes: classes)
    let activations = model.structure(loss: Engine.Loss(spec.loss), classes: classes).1
    let widths = model.widths(
      features: 1, classes: classes, targets: max(1, spec.dataset.targetCount))
    let count = model.networkCount(classes: classes)
    return (
      Double(count), widths.dropFirst().map { Double($0 * count) },
      activations.count == 1 && widths.last == 1
    )
  }

  /// The scores of a row: one per class for one-vs-rest and one-vs-one (votes and confidences,
  /// not one per model), else the model's outputs.
  static func scoreCount(_ spec: ExperimentSpec) -> Double {
    let trained = networks(spec)
    return trained.count > 1 ? classes(spec) : trained.layerWidths.last ?? 1
  }

  /// Classes of a classifier: the spec's names, else a generator's (blobs: one per mean;
  /// spirals: its arms; gates, moons and circles: 2), else 10, until the labels are read
  /// (`MemoryAdmission`).
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
