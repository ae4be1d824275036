import Engine

extension RunResultsWriter {
  /// True when the trained network gives 0 for every output of every training row, predicted
  /// in blocks of rows as evaluation predicts: a ReLU output that died (its inputs all negative)
  /// passes no gradient, however the loss moved before (tester BH F6: 0.367 → 0.552 → 0.65 for
  /// 98 epochs); false without training rows or when the model cannot predict.
  var outputsAllZero: Bool {
    let x = data.train.examples.x
    guard x.rows > 0 else { return false }
    for start in stride(from: 0, to: x.rows, by: 256) {
      guard
        let outputs = try? result.model.network?.predict(x.rows(start..<min(start + 256, x.rows))),
        outputs.storage.allSatisfy({ $0 == 0 })
      else { return false }
    }
    return true
  }
}
