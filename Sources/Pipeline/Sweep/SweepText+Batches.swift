import Reports

extension SweepText {
  /// What a merge of a bayes sweep's shards leaves to run: `not complete yet: batches 1-2 of
  /// batches 0-2 not started: 2 more rounds (one per batch) of the shards: …`, with the command
  /// each shard runs and the unsharded one that finishes it; nil when every batch has run, for
  /// other sweeps, or while trials of the current batch are missing (that line says so).
  static func batchesLeft(_ outcome: MergeOutcome) -> String? {
    guard let batches = outcome.batches, outcome.missing.isEmpty, !batches.notStarted.isEmpty,
      outcome.roundCommands.count >= 2
    else { return nil }
    let rounds = batches.notStarted.count
    let first = batches.notStarted[0]
    let which =
      rounds == 1 ? "batch \(first)" : "batches \(first)-\(batches.notStarted.last!)"
    return "not complete yet: \(which) of batches 0-\(batches.count - 1) not started: \(rounds) "
      + "more round\(rounds == 1 ? "" : "s") (one per batch) of the shards: "
      + "\(roundAdvice(outcome)), then merge "
      + "them into a new folder (docs/sweeps.md \"Bayesian search (TPE)\"); or finish it here, "
      + "unsharded: `\(outcome.roundCommands.last!)`"
  }
}
