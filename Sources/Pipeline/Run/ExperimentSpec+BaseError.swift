import Datasets
import Specs

extension ExperimentSpec {
  /// The base error the diagnosis (and the curves' verdicts) judge avoidable bias against, and
  /// where it came from: a written `report.bias_variance.base_error` wins (no source); else the
  /// generator's noise floor when its keys give it (`usesNoiseFloor`), with its source; else 0.
  var judgedBaseError: (value: Double, source: String?) {
    if let written = report.biasVariance.baseError { return (written, nil) }
    guard usesNoiseFloor, case .generator(let generator) = dataset.source,
      let floor = generator.noiseFloor(loss: loss, judgingClasses: judgesClasses)
    else { return (0, nil) }
    return (floor.value, floor.source)
  }
}
