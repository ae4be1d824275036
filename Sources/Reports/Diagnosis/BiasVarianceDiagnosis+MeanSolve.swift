import Foundation

/// A closed-form solve whose optimum predicts the training targets' mean
/// (`BiasVarianceVerdict.predictsMean`): what happened, and what changes it. The solve ran no
/// training, so nothing failed to converge (ridge at l2 0.5 on features × 2⁻¹⁰⁰⁰ was told
/// "training did not converge": tester AX F4).
extension BiasVarianceDiagnosis {
  /// The verdict's words after its name: the training loss beside the mean's, and why the
  /// optimum is there (a penalty that outweighs what the features explain, or features that
  /// explain nothing linearly).
  var meanSolveText: String {
    guard let mean = context.meanPredictionError else { return "" }
    let (train, baseline) = TrainingProgress.apart(trainError, mean)
    let than = trainError > mean ? "worse than" : "no lower than"
    let why =
      context.hasPenalty
      ? "the penalty on the weights outweighs what the features explain, so it holds the "
        + "weights near 0"
      : "least squares finds nothing in these features that explains the targets"
    return ": the training loss \(train) is \(than) predicting the training targets' mean "
      + "(\(baseline)): \(why)"
  }

  /// With a penalty: standardized features when their scale is far from 1 (tiny inputs need
  /// large weights, which the penalty outweighs), then a weaker penalty; without one, a bigger
  /// model (the remedies of high bias that add capacity).
  var meanSolveAdvice: [String] {
    guard context.hasPenalty else { return capacityAdvice.map(\.text) }
    var advice: [String] = []
    if let spread = context.inputSpread {
      advice.append(
        "standardize the features: add `- standardize` to `dataset.preprocessing` "
          + "(\(Self.scales(spread)), far from 1: the weights small inputs need are large, and "
          + "the penalty on them outweighs the fit)")
    }
    return advice + weakerRegularization.map(\.text)
  }
}
