import Datasets
import Engine
import Specs

extension ExperimentRunner {
  /// The engine configuration of `spec` when its model is solved exactly (its solve is then a
  /// check on the data, `exactSolveRefusal`); nil for a model that trains by steps.
  static func exactSolve(_ spec: ExperimentSpec) -> TrainingConfiguration? {
    guard case .linearRegression(.exact) = spec.model.definition else { return nil }
    return RunConfiguration(spec: spec, classes: nil).engine
  }

  /// The run's refusal of `data`'s training set by the exact solver (`Trainer.checkExactSolve`:
  /// collinear or constant features, too few rows, a solution beyond the dtype), located at
  /// the spec key the run names; nil when it solves or the model trains by steps.
  static func exactSolveRefusal<T: Scalar>(_ loaded: LoadedSpec, _ data: PreparedData<T>)
    -> PipelineError?
  {
    guard exactSolve(loaded.spec) != nil else { return nil }
    let configuration = RunConfiguration(spec: loaded.spec, classes: data.classCount)
    do {
      try Trainer.checkExactSolve(configuration.engine, train: data.train.examples)
      return nil
    } catch {
      return error.refusal(in: loaded, of: data)
    }
  }
}

extension TrainingError {
  /// The run's error for this refusal of `data`, at the spec key to change, a collinear
  /// feature named as the model sees it.
  func refusal<T: Scalar>(in loaded: LoadedSpec, of data: PreparedData<T>) -> PipelineError {
    .training(self, diagnostic: diagnostic(in: loaded, featureNames: data.modelFeatureNames))
  }
}
