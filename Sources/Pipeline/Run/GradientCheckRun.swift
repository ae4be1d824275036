import Datasets
import Engine
import Foundation
import Specs

/// `runner gradcheck SPEC`: the spec's model, loss and L2 penalty, their backpropagated gradient
/// compared with centered finite differences in float64 on (a sample of) the training data.
public enum GradientCheckRun {
  /// A spec `runner gradcheck` checks: a spec without a sweep, or one trial of a sweep.
  public struct Subject: Sendable {
    /// The trial checked; nil for a spec without a sweep.
    public var trial: SweepTrial?
    /// The spec checked (a trial's resolved spec).
    var loaded: LoadedSpec
    /// Where the spec's data are found (the spec's file, shared by its trials).
    var context: ProjectContext
  }

  /// What a gradient check of the spec at `specPath` checks: the spec itself, or for a sweep
  /// spec each of its trials (what the sweep trains; the base spec is none of them), or the one
  /// trial whose ID starts with `trial` (a usage error, exit 64, when none or several do, or the
  /// spec has no sweep). A
  /// bayes sweep's trials are its random start: TPE's later ones depend on the results.
  public static func subjects(specPath: String, options: RunOptions = .init(), trial: String?)
    throws(PipelineError) -> [Subject]
  {
    let loaded = try ExperimentRunner.load(specPath: specPath, options: options)
    guard loaded.spec.sweep != nil else {
      guard trial == nil else {
        throw .usage(
          Diagnostic(
            .error, at: nil, "--trial: \(specPath) has no sweep, so no trials",
            fixIt: "check the spec without --trial"))
      }
      let context = try ExperimentRunner.projectContext(specPath: specPath, options: options)
      return [Subject(loaded: loaded, context: context)]
    }
    let plan: SweepPlan
    do { plan = try SweepPlanner.plan(file: specPath, options: options.spec) } catch {
      throw .spec(error)
    }
    let context = try ExperimentRunner.projectContext(specPath: specPath, options: options)
    let subject = { (trial: SweepTrial) in
      Subject(
        trial: trial,
        loaded: LoadedSpec(
          spec: trial.spec, sourceMap: trial.sourceMap, warnings: loaded.warnings,
          file: loaded.file),
        context: context)
    }
    guard let trial else { return plan.trials.map(subject) }
    do { return [subject(try plan.trial(matching: trial, specFile: specPath))] } catch {
      throw .usage(Diagnostic(.error, at: nil, error.description))
    }
  }

  /// The per-layer comparison of `subject`, at its initial parameters (those `init: {from:}`
  /// names).
  ///
  /// At most `maxSamples` training rows are used (evenly spaced), since finite differences cost
  /// two forward passes per checked parameter.
  public static func run(_ subject: Subject, maxSamples: Int = 256) throws(PipelineError)
    -> GradientCheck.Report
  {
    var (loaded, _) = ExperimentRunner.capThreads(subject.loaded)
    loaded.spec.dtype = .float64
    let context = subject.context
    // Read once: the check's arrays are the ones compared at.
    let start = SavedStart()
    _ = try ExperimentRunner.checkInitParameters(loaded, start: start)
    var admission = MemoryAdmission(
      budget: try ExperimentRunner.memoryBudget(environment: context.environment),
      gradientCheck: true)
    try admission.admit(loaded, context: context)
    try ExperimentRunner.configureThreads(loaded.spec.threads)
    var execution = RunExecution<Double>(loaded: loaded, context: context, observer: { _ in })
    execution.savedStart = start
    execution.admission = admission
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
