import Datasets
import Foundation
import Specs

extension ExperimentRunner {
  /// `runner predict`'s memory checked before anything is read, as a run's is: the spec's data
  /// as the run prepares it (the preprocessing is fitted on its training rows again), the saved
  /// model, and the `--data` file as read, its features in the run's type twice (converted and
  /// preprocessed) and each row's scores. Throws a refusal (exit 65) when they do not fit:
  /// under a `ulimit -v`, OpenBLAS would otherwise retry its buffer's mapping forever (tester
  /// BP-5: a silent hang). `input` is the `--data` file found (nil: not found yet).
  static func checkPredictMemory(
    _ loaded: LoadedSpec, context: ProjectContext, input: String?
  ) throws(PipelineError) {
    let budget = try memoryBudget(environment: context.environment)
    let spec = MemoryEstimate.of(loaded, context: context)
    guard spec.dataReadable else { return }
    let s: Double = loaded.spec.dtype == .float64 ? 8 : 4
    var inputBytes = 0.0
    if let input {
      let shape = StoredShape.of(input)
      guard shape.readable else { return }
      let rows = Double(shape.samples ?? 0)
      // The file as a run reads it, its values in the run's type twice (converted and
      // preprocessed; a header that says nothing: one value per stored byte), each row's scores.
      let values =
        shape.samples.flatMap { n in shape.valuesPerSample.map { Double(n) * Double($0) } }
        ?? shape.bytes
      let table = (try? FileFormat.detect(input)) == .csv
      // predictions.csv is a table of `row`, `label`, `class` and a probability per score,
      // each cell a string, then its text: 128 bytes a cell (measured: 200000 rows of 10
      // classes took 265 MB more than their scores).
      let k = MemoryEstimate.scoreCount(loaded.spec)
      inputBytes =
        DataFootprint.readingBytes(of: shape, table: table) + 2 * values * s
        + rows * (k * 32 + 8) + rows * (k + 3) * 128
    }
    let needed = spec.data + spec.model + inputBytes + MemoryBudget.processOverhead
    guard needed > budget.limit else { return }
    if budget.limit < MemoryBudget.processOverhead { throw .environment(belowOverhead(budget)) }
    let parts =
      "the spec's data \(MemoryBudget.format(spec.data)), which its preprocessing is fitted on "
      + "again, + model \(MemoryBudget.format(spec.model)) + --data "
      + "\(MemoryBudget.format(inputBytes)) + runner "
      + MemoryBudget.format(MemoryBudget.processOverhead)
    let message =
      "predict needs about \(MemoryBudget.format(needed)) of memory (\(parts)), more than the "
      + "\(MemoryBudget.format(budget.limit)) limit (\(budget.source))"
    // Blamed on --data when it takes more than the spec's data, else on the spec's data key.
    guard inputBytes <= spec.data else {
      throw .spec(
        .invalid([
          Diagnostic(
            .error, at: nil, "--data: " + message,
            note: "predict a part of --data at a time, or " + budget.raising(toHold: needed))
        ]))
    }
    throw .spec(
      .invalid([
        loaded.sourceMap.diagnostic(
          .error, at: spec.culprit, message, note: budget.raising(toHold: needed))
      ]))
  }
}
