import Datasets
import Engine
import Foundation
import Reports

extension RunExecution {
  /// Trains, going on from the rung below's checkpoint when this is a promoted trial that can
  /// (`TrialContinuation`), else from the start; returns how a promoted trial started. An
  /// unreadable or unfitting checkpoint is not an error: the trial restarts and says why.
  func trainContinuing(_ data: PreparedData<T>, configuration: RunConfiguration)
    throws(PipelineError) -> (TrainingResult<T>, TrialStart?)
  {
    guard let continuation else { return (try train(data, configuration: configuration), nil) }
    let blocked = TrialContinuation.restartReason(spec, loaded.sourceMap)
    let save = continuation.saves && blocked == nil
    func fresh() throws(PipelineError) -> TrainingResult<T> {
      try train(data, configuration: configuration, saveCheckpoint: save)
    }
    guard let below = continuation.below, let folder = continuation.checkpoint(of: trial)
    else { return (try fresh(), nil) }
    if let blocked { return (try fresh(), TrialStart(from: 0, reason: blocked)) }
    let problem: String
    switch CheckpointFiles.read(folder) {
    case .failure(let failure):
      problem = failure.description
    case .success(let saved):
      // Steps taken in another numeric environment would make numbers neither environment
      // gives: the trial restarts, byte-identical to this environment's run (docs/sweeps.md).
      let here = numericEnvironment
      guard let there = saved.numericEnvironment else {
        problem = "\(folder.path) does not record the numeric environment it was saved in"
        break
      }
      guard there == here else {
        return (
          try fresh(), TrialStart(from: 0, reason: TrialStart.otherEnvironment(there, here))
        )
      }
      do {
        let result = try train(
          data, configuration: configuration, resume: saved.checkpoint, saveCheckpoint: save)
        return (
          result, TrialStart(from: below.budget, reason: TrialContinuation.continueReason(spec))
        )
      } catch {
        guard case .training(.checkpoint(let reason), _) = error else { throw error }
        problem = "\(folder.path): \(reason)"
      }
    }
    // The rung's notes report it from `start.csv` (`HalvingRunner.starts`).
    return (try fresh(), TrialStart(from: 0, reason: "\(TrialStart.unusable): \(problem)"))
  }

  /// The trial's ID (its folder's name in the rung).
  private var trial: String { continuation?.trial ?? "" }

  /// Stages `checkpoint/` and `start.csv` when there are.
  func writeContinuation(
    _ checkpoint: TrainingCheckpoint?, _ start: TrialStart?, into staging: inout ResultsStaging
  ) throws(PipelineError) {
    if let checkpoint {
      for file in CheckpointFiles.files(checkpoint, numericEnvironment: numericEnvironment) {
        try staging.write(bytes: file.bytes, as: file.path)
      }
    }
    if let start { try staging.write(start.table, as: TrialStart.file) }
  }
}
