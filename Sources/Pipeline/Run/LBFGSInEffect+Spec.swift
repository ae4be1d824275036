import Engine
import Specs

extension LBFGSInEffect {
  /// What `spec` already does of L-BFGS's remedies: its learning rate, its dtype, and whether
  /// its preprocessing scales the features (`InputScale.fitsScale`).
  init(_ spec: ExperimentSpec) {
    self.init(
      learningRate: spec.optimizer.learningRate, dtype: spec.dtype,
      scaled: InputScale.fitsScale(spec))
  }
}
