import Engine
import Foundation
import Reports
import Specs
import Vocabulary

/// The engine configuration of a run, and the facts about it the results need.
struct RunConfiguration: Sendable {
  /// What the engine trains.
  var engine: TrainingConfiguration
  /// Metric names written to the CSVs, in the spec's order (`loss` comes first separately).
  let metricNames: [String]
  /// The results folder name under the results root.
  let output: String
  /// True when the step column counts epochs (mini-batch training) rather than iterations.
  let countsEpochs: Bool
  /// The dtype the model trains in: figures are shown as `metrics.csv` holds them in it.
  let dtype: DType

  init(spec: ExperimentSpec, classes: Int?) {
    var engine = TrainingConfiguration(spec, classes: classes)
    engine.model = engine.model.resolved(classes: classes)
    // The bias/variance diagnosis of a run judged as classes (a classification loss, or
    // classification metrics of a regression loss: `ExperimentSpec.judgesClasses`) needs its
    // accuracy even when the spec does not list it; it is computed but written only where the
    // spec asks for it.
    if spec.judgesClasses && !engine.metrics.contains(.accuracy) {
      engine.metrics.append(.accuracy)
    }
    self.engine = engine
    metricNames = spec.metrics.filter(\.isScore).map(\.rawValue)
    output = spec.output
    dtype = spec.dtype
    // The exact solver takes no steps: its one row is iteration 0, whatever the budget says.
    if case .epochs = engine.budget, engine.model != .linearRegression(solver: .exact) {
      countsEpochs = true
    } else {
      countsEpochs = false
    }
  }

  /// The step column of `metrics.csv`.
  var stepColumn: String { countsEpochs ? "epoch" : "iteration" }

  /// Steps the progress display counts, and what one is.
  func totalSteps(trainCount: Int) -> (steps: Int, unit: String) {
    // The exact solver takes no steps: one least-squares solve.
    if case .linearRegression(solver: .exact) = engine.model { return (1, "exact solve") }
    switch engine.budget {
    case .iterations(let n): return (n, "iteration")
    case .epochs(let n):
      let batch = engine.batchSize ?? trainCount
      let perEpoch = max(1, (trainCount + max(batch, 1) - 1) / max(batch, 1))
      return (n * perEpoch, "step")
    }
  }

  /// Iterations or epochs in the budget.
  var budgetUnits: Int { engine.budget.units }

  /// The training figures of a record as `metrics.csv` holds them: `train_loss`, `train_cost`
  /// when the objective has a penalty, and the first metric the spec lists, at the record's own
  /// step (in the run's dtype: a float32 run's 4e39 is `inf`, as there).
  func recordedFigures(_ record: Record, budgetUnits: Int) -> RecordedFigures {
    let step = countsEpochs ? record.epoch : record.iteration
    var figures = [
      RecordedFigures.Figure(name: "train_loss", value: dtype.held(record.train.loss))
    ]
    if engine.hasPenalty {
      figures.append(
        RecordedFigures.Figure(
          name: Reports.Split.train.column(SplitValues.cost), value: dtype.held(record.cost)))
    }
    if let first = metricNames.first,
      let value = record.train.metrics.first(where: { $0.key.rawValue == first })?.value
    {
      figures.append(RecordedFigures.Figure(name: "train_\(first)", value: dtype.held(value)))
    }
    return RecordedFigures(
      step: step, unit: stepColumn,
      fraction: budgetUnits > 0 ? min(1, Double(step) / Double(budgetUnits)) : 1, figures: figures)
  }

  /// The results folder.
  func destination(root: URL) -> URL {
    root.appendingPathComponent(output, isDirectory: true).standardizedFileURL
  }
}
