import Engine
import Specs

extension LBFGSInEffect {
  /// What `spec` already does of L-BFGS's remedies: its learning rate, its dtype, whether
  /// its preprocessing scales the features (`InputScale.fitsScale`), and its loss.
  init(_ spec: ExperimentSpec) {
    self.init(
      learningRate: spec.optimizer.learningRate, dtype: spec.dtype,
      scaled: InputScale.fitsScale(spec), loss: spec.loss.kind)
  }
}
