import Engine
import Reports

/// The sampling errors a bias/variance diagnosis judges its gaps against, for the run
/// (`bias_variance.csv`) and for each curve point alike.
///
/// For bias, the training error's, had the model been at the base error (no avoidable bias):
/// for classifiers √(b(1 − b)/n) at base error b, 0 for a noise-free target (every gap is
/// real then); for regression the training samples' losses' spread relative to their mean,
/// scaled to the base error (for Gaussian noise and mse, b·√(2/n)).
///
/// For variance, the gap's between the held-out error and the training error, were both drawn
/// alike (no variance): for classifiers the pooled two-proportion standard error; for
/// regression that of the difference of two means of losses spread like the training samples'
/// losses under the trained model, s·√(1/n_held-out + 1/n_train). The held-out losses' own
/// spread would not do for the gap: an overfit model's few huge held-out losses widen it and
/// hide the overfit (a degree-9 polynomial on 15 points, test MSE 466 times the train MSE). It
/// is what one held-out error varies by, though (`SamplingError.heldOutError`, the validation
/// curve's one-standard-error band).
///
/// For data mismatch, the gap's between the dev (else test) error and the train-dev error, were
/// both drawn alike (no mismatch), by the same rules with train-dev in the training split's
/// place: the pooled two-proportion standard error, or s·√(1/n_dev + 1/n_train-dev), s the
/// spread of the train-dev samples' losses.
///
/// A classifier's gaps are judged by exact tests on the counted errors (`SamplingError.Test`:
/// the binomial for bias, Fisher's for variance and mismatch); a regression's avoidable bias by
/// the normal tail of its standard error, its variance and mismatch by twice the smaller p-value
/// of Mood's median test and the mean gap's permutation test on each row's loss, which hold
/// their level for skewed losses where the normal tail of a mean did not.
struct SamplingErrors: Sendable, Equatable {
  /// The training error's sampling error at the base error, when known.
  var train: SamplingError?
  /// The held-out error's sampling error, when there is a held-out split and it is known.
  var heldOut: SamplingError?
  /// The data-mismatch gap's sampling error, when there is a train-dev split and it is known.
  var mismatch: SamplingError?

  /// The sampling errors of `model`, trained with `loss` on `train` to `trainError`, at
  /// `baseError`, its errors fractions misclassified when `classification` (`ErrorMeasure`), else
  /// mean losses; `heldOut` is the held-out split's error and rows (nil without one);
  /// `mismatch` the train-dev split and its error, and the dev (else test) error and rows,
  /// when the run has a train-dev split.
  init<T: Scalar>(
    loss: Loss, classification: Bool, model: TrainedModel<T>, train: Examples<T>,
    trainError: Double,
    heldOut: (error: Double?, examples: Examples<T>)?, baseError: Double,
    mismatch: (
      trainDev: Examples<T>, error: Double, heldOut: (error: Double, examples: Examples<T>)
    )? = nil
  ) {
    if let mismatch {
      self.mismatch =
        Self(
          loss: loss, classification: classification, model: model, train: mismatch.trainDev,
          trainError: mismatch.error,
          heldOut: (mismatch.heldOut.error, mismatch.heldOut.examples), baseError: baseError
        ).heldOut
    }
    if classification {
      self.train = SamplingError.fraction(atRate: baseError, count: train.count)
      self.heldOut = heldOut.flatMap { heldOut in
        heldOut.error.flatMap {
          SamplingError.fractionGap(
            train: trainError, trainCount: train.count, heldOut: $0,
            heldOutCount: heldOut.examples.count)
        }
      }
      return
    }
    guard let losses = Self.losses(loss: loss, model: model, of: train) else { return }
    self.train = SamplingError.meanLoss(losses, count: train.count, scaledTo: baseError)
    self.heldOut = heldOut.flatMap { Self.losses(loss: loss, model: model, of: $0.examples) }
      .flatMap { SamplingError.meanLossGap(losses, heldOut: $0) }
  }

  /// Each sample's loss under `model`, predicted in blocks of rows as evaluation predicts, so
  /// that no more memory is needed than the run's estimate allows for; nil when the model
  /// cannot predict (or the loss is a classifier's).
  static func losses<T: Scalar>(loss: Loss, model: TrainedModel<T>, of examples: Examples<T>)
    -> [Double]?
  {
    let (x, y) = (examples.x, examples.y)
    var losses: [Double] = []
    for start in stride(from: 0, to: x.rows, by: 256) {
      let block = start..<min(start + 256, x.rows)
      guard let outputs = try? model.network?.predict(x.rows(block)),
        let part = loss.sampleLosses(outputs: outputs, targets: y.rows(block))
      else { return nil }
      losses += part
    }
    return losses
  }
}
