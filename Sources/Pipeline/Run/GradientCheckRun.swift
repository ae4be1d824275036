import Datasets
import Engine
import Foundation
import Specs

/// `runner gradcheck SPEC`: the spec's model, loss and L2 penalty, their backpropagated gradient
/// compared with centered finite differences in float64 on (a sample of) the training data.
public enum GradientCheckRun {
  /// The per-layer comparison, at the spec's initial parameters (those `init: {from:}` names).
  ///
  /// At most `maxSamples` training rows are used (evenly spaced), since finite differences cost
  /// two forward passes per checked parameter.
  public static func run(
    specPath: String, options: RunOptions = .init(), maxSamples: Int = 256
  ) throws(PipelineError) -> GradientCheck.Report {
    var (loaded, _) = ExperimentRunner.capThreads(
      try ExperimentRunner.load(specPath: specPath, options: options))
    loaded.spec.dtype = .float64
    let context = try ExperimentRunner.projectContext(specPath: specPath, options: options)
    try ExperimentRunner.checkInitParameters(loaded)
    try ExperimentRunner.checkMemory(loaded, context: context, gradientCheck: true)
    try ExperimentRunner.configureThreads(loaded.spec.threads)
    let execution = RunExecution<Double>(loaded: loaded, context: context, observer: { _ in })
    let data = try execution.prepareData()
    let configuration = try execution.configuration(data)
    var examples = data.train.examples
    let trainingRows = examples.count
    if examples.count > maxSamples {
      let step = Double(examples.count) / Double(maxSamples)
      examples = examples.subset((0..<maxSamples).map { Int(Double($0) * step) })
    }
    do {
      var report = try GradientCheck.run(configuration.engine, data: examples)
      report.trainingRows = trainingRows
      return report
    } catch {
      throw .training(error, diagnostic: error.diagnostic(in: loaded))
    }
  }
}
