import Datasets
import Engine
import Foundation
import Reports
import Specs

/// One run in scalar type `T`: load the data, train, write the results.
struct RunExecution<T: Scalar> {
  let loaded: LoadedSpec
  let context: ProjectContext
  let observer: RunObserver

  var spec: ExperimentSpec { loaded.spec }

  func run() throws(PipelineError) -> RunOutcome {
    var timings = TimingsTable()
    let started = Date()
    var clock = Date()
    func lap(_ phase: String) {
      let now = Date()
      timings.record(phase, seconds: now.timeIntervalSince(clock))
      clock = now
    }

    let data: PreparedData<T>
    do {
      let configuration = try DataConfiguration(spec)
      data = try DataLoader(locator: context.locator).prepare(configuration, as: T.self)
    } catch let error as DataError {
      throw .data(error, spec: loaded.file)
    } catch {
      throw .data(.invalidConfiguration("\(error)"), spec: loaded.file)
    }
    lap("load_data")

    let configuration = RunConfiguration(spec: spec, classes: data.classCount)
    let total = configuration.totalSteps(trainCount: data.train.count)
    observer(.started(name: spec.name, totalSteps: total.steps, unit: total.unit))
    var lastLoss = Double.nan
    let result: TrainingResult<T>
    do {
      result = try Trainer.train(
        configuration.engine, train: data.train.examples, dev: data.dev?.examples, test: data.test?.examples,
        events: { event in
          switch event {
          case .record(let r):
            lastLoss = r.cost
          case .progress(let done, let totalSteps):
            observer(.progress(step: done, total: totalSteps, loss: lastLoss))
          }
        })
    } catch {
      throw .training(error, spec: loaded.file)
    }
    lap("train")

    var staging = try ResultsStaging(destination: configuration.destination(root: context.resultsRoot))
    do {
      let writer = RunResultsWriter(spec: spec, configuration: configuration, data: data, result: result)
      try writer.write(into: &staging)
      lap("report")
      timings.record("total", seconds: Date().timeIntervalSince(started))
      try staging.write(timings.table, as: ResultsFile.timings)
      try staging.commit()
      if let divergence = result.divergence {
        throw PipelineError.diverged(divergence, results: staging.destination.path)
      }
      return RunOutcome(
        name: spec.name, directory: staging.destination.path, figures: writer.summaryFigures,
        verdict: writer.diagnosis?.verdictText, stopReason: result.stopReason.description,
        files: staging.files)
    } catch let error as PipelineError {
      staging.discard()
      throw error
    } catch {
      staging.discard()
      throw .environment("\(error)")
    }
  }
}
