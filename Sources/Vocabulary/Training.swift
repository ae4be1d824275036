/// How long training runs and when it stops early: the spec's `optimizer` budget and
/// `early_stopping`, and what the engine's loop obeys.

/// Training length.
public enum Budget: Sendable, Equatable {
  /// Optimizer steps (one step = one batch; full batch: one pass).
  case iterations(Int)
  /// Passes over the training set.
  case epochs(Int)

  /// The number of iterations or epochs.
  public var units: Int {
    switch self {
    case .iterations(let n), .epochs(let n): n
    }
  }

  /// The key that gives the budget, and its units' name: `epochs` or `iterations`.
  public var key: String { if case .epochs = self { "epochs" } else { "iterations" } }
}

/// Stop when the watched dev figure has not improved by more than `minDelta` for `patience`
/// consecutive records; optionally restore the parameters of the best record.
///
/// The watched figure is the dev loss (`metric` nil) or a dev metric; loss and error metrics
/// (`log_loss`, `mse`, `rmse`, `mae`) improve downwards, scores (accuracy, f1, r2, …) upwards.
public struct EarlyStopping: Sendable, Equatable {
  /// Records in a row (≥ 1) without an improvement larger than `minDelta` before training stops.
  public var patience: Int
  /// Smallest change (≥ 0, in the watched figure's units) that counts as an improvement.
  public var minDelta: Double
  /// The dev metric watched; nil watches the dev loss.
  public var metric: Metric?
  /// Restore the best record's parameters when stopping (false keeps the last ones).
  public var restoreBest: Bool
  /// Early stopping after `patience` (10) records without improvement; by default on the dev
  /// loss, any improvement counts, and the best parameters are restored.
  public init(
    patience: Int = 10, minDelta: Double = 0, metric: Metric? = nil, restoreBest: Bool = true
  ) {
    self.patience = patience
    self.minDelta = minDelta
    self.metric = metric
    self.restoreBest = restoreBest
  }
}

/// The optimizer steps of one epoch over `rows` training rows in batches of `batch`:
/// `⌈rows / batch⌉`, a short last batch being a step; 1 for a batch of every row (or no rows).
public func stepsPerEpoch(rows: Int, batch: Int) -> Int {
  let batch = max(min(batch, rows), 1)
  return max((rows + batch - 1) / batch, 1)
}

/// How `summary.csv`'s `stop_reason` names a diverged run: written by the engine's stop reason,
/// read back by the reports, `runner ls` and `predict`.
public enum DivergedStopReason {
  /// The text a diverged run's stop reason begins with.
  public static let prefix = "training diverged"

  /// Whether a stop reason as `summary.csv` writes it is a divergence's.
  public static func matches(_ text: String) -> Bool { text.hasPrefix(prefix) }
}
