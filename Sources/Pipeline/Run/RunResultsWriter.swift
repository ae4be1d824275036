import Conventions
import Datasets
import Engine
import Foundation
import Reports
import Specs

/// Turns a training result into the results files of `docs/results.md`.
struct RunResultsWriter<T: Scalar> {
  let spec: ExperimentSpec
  let configuration: RunConfiguration
  let data: PreparedData<T>
  let result: TrainingResult<T>
  /// The successive-halving or Hyperband rung the run trains in (nil: no rung), whose budget
  /// the diagnosis's advice names.
  let rung: RungBudget?
  /// Andrew Ng's diagnosis of the final model (`diagnose`), made once for `bias_variance.csv`
  /// and the final table (a failed run's reads every input).
  private(set) var diagnosis: BiasVarianceDiagnosis? = nil

  /// The writer of `result`, trained on `data` (whose held-out class gaps are
  /// `heldOutClassGaps`) as `spec` and `configuration` say, in `rung` when a sweep's rung.
  init(
    spec: ExperimentSpec, configuration: RunConfiguration, data: PreparedData<T>,
    result: TrainingResult<T>, heldOutClassGaps: [HeldOutClassGap], rung: RungBudget? = nil
  ) {
    self.spec = spec
    self.configuration = configuration
    self.data = data
    self.result = result
    self.rung = rung
    diagnosis = diagnose(heldOutClassGaps: heldOutClassGaps)
  }

  /// `loss`, `cost` when the objective has a penalty, and the spec's metrics: the quantities of
  /// `metrics.csv` and `summary.csv`.
  var quantities: [String] {
    ["loss"] + (configuration.engine.hasPenalty ? [SplitValues.cost] : [])
      + configuration.metricNames
  }

  /// The values of a record, per split.
  func values(_ record: Record) -> SplitValues {
    var values = SplitValues()
    func add(_ split: Reports.Split, _ e: Evaluation?) {
      guard let e else { return }
      values[split, "loss"] = e.loss
      for (metric, value) in e.metrics where configuration.metricNames.contains(metric.rawValue) {
        values[split, metric.rawValue] = value
      }
    }
    add(.train, record.train)
    if configuration.engine.hasPenalty { values[.train, SplitValues.cost] = record.cost }
    add(.trainDev, record.trainDev)
    add(.dev, record.dev)
    add(.test, record.test)
    return values
  }

  /// How numbers print: a float32 run's figures as float32 text (`0.13565883`, not the
  /// float64 expansion of the same value).
  var precision: NumberPrecision { NumberPrecision(spec.dtype) }

  /// Splits present in the data, in column order.
  var splits: [Reports.Split] { data.splits }

  /// `metrics.csv`: every record, and under a schedule the learning rate of the steps that start
  /// from the record's parameters (epoch e's rate: torch's `scheduler.get_last_lr()` after e steps).
  var metricsLog: MetricsLog {
    let engine = configuration.engine
    // lbfgs and the exact solver take no learning rate, and a run of no step uses none.
    let scheduled =
      engine.schedule.kind != .constant && engine.optimizer.kind != .lbfgs
      && engine.model != .linearRegression(solver: .exact) && result.iterations > 0
    var log = MetricsLog(
      stepColumn: configuration.stepColumn, quantities: quantities, splits: splits,
      precision: precision, processColumns: scheduled ? [MetricsLog.learningRate] : [])
    for record in result.records {
      let step = configuration.countsEpochs ? record.epoch : record.iteration
      log.record(step: step, values(record))
      if scheduled {
        let rate = engine.schedule.rate(base: engine.learningRate, epoch: record.epoch)
        log.record(step: step, process: [MetricsLog.learningRate: rate])
      }
    }
    return log
  }

  /// The final figures: the final record's loss and metrics, then training facts.
  var summaryFigures: [NamedCell] {
    guard let final = result.final else {
      return [
        NamedCell("iterations", .integer(result.iterations)),
        NamedCell("stop_reason", .text(result.stopReason.description)),
      ]
    }
    return RunSummary.finalFigures(
      values(final), quantities: quantities,
      extra: [
        NamedCell("iterations", .integer(result.iterations)),
        NamedCell("stop_reason", .text(result.stopReason.description)),
      ] + parameterErrors, precision: precision)
  }

  /// For data from a generator that knows its true parameters (`linear`: y = x·w + b + noise),
  /// fitted by a one-layer, one-output model on unscaled features: each true value and the
  /// error `true − learned` (for data made by y = 5x + 7: 5 − w and 7 − b), computed and
  /// printed in the run's type as every figure it computes (a float32 run's `-0.07539272`, not
  /// the float64 difference `-0.0753927230834961`).
  var parameterErrors: [NamedCell] {
    guard let trueWeights = data.trueParameters["weights"],
      let trueBias = data.trueParameters["bias"]?.first,
      spec.dataset.preprocessing.isEmpty, let network = result.model.network,
      network.layers.count == 1,
      let layer = network.layers.first, layer.outputs == 1, layer.inputs == trueWeights.count
    else { return [] }
    let p = precision
    func error(_ truth: Double, _ learned: Double) -> CSVCell {
      .number(p.rounded(p.rounded(truth) - learned), p)
    }
    var cells: [NamedCell] = []
    let single = trueWeights.count == 1
    for (i, w) in trueWeights.enumerated() {
      let suffix = single ? "" : "_\(i + 1)"
      cells.append(NamedCell("true_weight\(suffix)", .double(w)))
      cells.append(
        NamedCell("weight_error\(suffix)", error(w, layer.weights.storage[i].doubleValue)))
    }
    cells.append(NamedCell("true_bias", .double(trueBias)))
    cells.append(NamedCell("bias_error", error(trueBias, layer.bias[0].doubleValue)))
    return cells
  }

  /// Hyperparameters of the run as `summary.csv` columns (spec key paths), each empty where
  /// `spec.resolved.yaml` leaves its key out as changing nothing (the optimizer's under the
  /// exact solver, the learning rate of a run of 0 steps), so both show the same keys.
  var hyperparameters: [NamedCell] {
    let o = spec.optimizer
    let columns: [(name: String, key: SpecPath, cell: CSVCell)] = [
      ("model.type", "model.type", .text(spec.model.kind.rawValue)),
      ("loss", "loss.type", .text(spec.loss.kind.rawValue)),
      ("optimizer.type", "optimizer.type", .text(o.kind.rawValue)),
      ("optimizer.learning_rate", "optimizer.learning_rate", .double(o.learningRate)),
      ("optimizer.batch_size", "optimizer.batch_size", o.batchSize.map { .integer($0) } ?? .empty),
      ("regularization.l1", "regularization.l1", .double(spec.regularization.l1)),
      ("regularization.l2", "regularization.l2", .double(spec.regularization.l2)),
      ("seed", "seed", .text(String(spec.seed))),
      ("dtype", "dtype", .text(spec.dtype.rawValue)),
    ]
    let written = SpecWriter.writes(columns.map(\.key), in: spec)
    return zip(columns, written).map { NamedCell($0.name, $1 ? $0.cell : .empty) }
  }

  /// The error the diagnosis compares (see `ErrorMeasure`).
  func error(_ e: Evaluation?, count: Int?) -> Double? {
    ErrorMeasure(configuration.engine).error(e, count: count ?? 0)
  }

  /// Writes every results file into `staging`.
  func write(into staging: inout ResultsStaging) throws(PipelineError) {
    try staging.write(metricsLog.table, as: ResultsFile.metrics)
    let summary = RunSummary(hyperparameters: hyperparameters, figures: summaryFigures)
    do {
      try staging.write(try SummaryTable.table([summary]), as: ResultsFile.summary)
    } catch let error as PipelineError {
      throw error
    } catch {
      throw .environment("summary table: \(error)")
    }
    if let diagnosis { try staging.write(diagnosis.table, as: ResultsFile.biasVariance) }
    let preprocessing: CSVTable?
    do {
      preprocessing = try PreprocessingTable.table(
        data.preprocessing, featureNames: data.featureNames, precision: precision)
    } catch {
      throw .environment("preprocessing table: \(error)")
    }
    if let preprocessing { try staging.write(preprocessing, as: PreprocessingTable.fileName) }
    try staging.write(SpecWriter.canonical(spec), as: ResultsFile.resolvedSpec)
  }
}
