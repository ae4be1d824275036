extension ExperimentSpec {
  /// The rows `metrics.csv` records over the whole budget: one every `record_every` budget units
  /// from 0, and the last (fewer when training stops early).
  public var recordedRows: Int {
    let n = max(optimizer.budget.units, 0)
    let every = max(recordEvery, 1)
    return n / every + (n % every == 0 ? 1 : 2)
  }

  /// The sets each record evaluates: training, and train-dev, dev and test when there are.
  public var recordedSets: Int {
    1 + (dataset.split.trainDev.isEmpty ? 0 : 1) + (dataset.hasDev ? 1 : 0)
      + (dataset.hasTest ? 1 : 0)
  }
}
