import Conventions
import Foundation

/// The diagnosis said in words: the verdict phrase, the gaps, and the row and number texts
/// they use.
extension BiasVarianceDiagnosis {
  /// The verdict as one phrase: for failed training what the loss did; else with ", data
  /// mismatch" appended when there is one (", data mismatch unclear" when its gap is within its
  /// sampling error) and " (bias not judged: base_error 0)" when bias could
  /// not be judged; `not judged (…)` says what was missing.
  public var verdictText: String {
    var text = verdict.rawValue
    switch verdict {
    case .predictsMean:
      return text + meanSolveText
    case .notConverged, .unstable:
      if noBetterThanMean, let mean = context.meanPredictionError {
        let (train, baseline) = TrainingProgress.apart(trainError, mean)
        let than = trainError > mean ? "worse than" : "no lower than"
        return text
          + ": the training loss ended at \(train), \(than) predicting the training targets' mean (\(baseline))"
      }
      // Only when the loss's own course did not fail it (a rise says more).
      if networkStalled, let prior = context.priorLoss, let progress, !progress.madeNoProgress,
        !progress.roseALot
      {
        let end = progress.end
        guard context.isAt(.prior, loss: end) else {
          // Below the prior, where its random start put it, and barely moved from there.
          let (loss, start) = TrainingProgress.apart(end, progress.start)
          return text
            + ": the training loss fell by only \(Self.percent((progress.start - end) / progress.start)) "
            + "of its start, from \(start) to \(loss), so the network barely moved from its "
            + "initial weights"
        }
        let (loss, baseline) = TrainingProgress.apart(end, prior)
        let how =
          end > prior
          ? "worse than"
          : end == prior
            ? "no lower than"
            : "within \(String(format: "%g", 100 * DiagnosisContext.Baseline.prior.tolerance))% of"
        return text
          + ": the training loss ended at \(loss), \(how) predicting the training class "
          + "frequencies for every row (\(baseline)), which ignores the inputs"
      }
      if missedLeastSquares, let reach = context.leastSquares {
        // An exact fit's optimum is rounding noise (1e-31 or 3e-30 as a value's last bit
        // changes): it reads 0.
        let exact = reach.optimum <= 1e-12 * max(reach.reached, context.meanPredictionError ?? 0)
        let (reached, optimum) = TrainingProgress.apart(reach.reached, exact ? 0 : reach.optimum)
        let penalized = progress?.penalized == true || (context.l2 ?? 0) > 0
        return text
          + (penalized
            ? ": the training cost (loss + penalty) is \(reached), least squares with its L2 penalty reaches \(optimum) on these rows"
            : ": the training loss is \(reached), least squares reaches \(optimum) on these rows")
      }
      return text + (progress.map { ": " + $0.description } ?? "")
    case .notJudged where variance != nil:
      var reasons: [String] = []
      if let few = fewRows, let split = varianceSplit {
        reasons.append(Self.fewRowsText(few, split))
      }
      if let untrained = context.untrainedClasses {
        let one = untrained.classes.count == 1
        let names = untrained.classes.prefix(5).map(String.init).joined(separator: ", ")
        reasons.append(
          "class\(one ? "" : "es") \(names)\(untrained.classes.count > 5 ? ", …" : "") "
            + "\(one ? "has" : "have") no training row")
      }
      reasons += context.accidentalClassGaps.map(\.finding)
      return text + " (" + reasons.joined(separator: "; ") + ")"
        + (baseErrorRemark.map { " (" + $0 + ")" } ?? "")
    case .notJudged:
      return text
        + (judgesBias
          ? " (no held-out split to measure variance; avoidable bias is low)"
          : " (no held-out split to measure variance, and bias not judged: base_error 0)")
        + (baseErrorRemark.map { " (" + $0 + ")" } ?? "")
    default: break
    }
    if hasDataMismatch == true { text += ", data mismatch" }
    if mismatchWithinSamplingError { text += ", data mismatch unclear" }
    if !judgesBias {
      text += " " + Self.biasNotJudged
    }
    // (A truth table's few rows are too few to hold out: its advice says so instead.)
    if verdict == .biasUnclear || (verdict == .highBias && (context.trainRows ?? 10) >= 10),
      variance == nil
    {
      text += " (no held-out split to measure variance)"
    }
    if let noise = samplingRemark { text += " (" + noise + ")" }
    if let gross = grossVarianceRemark { text += " (" + gross + ")" }
    if let row = singleRowRemark { text += " (" + row + ")" }
    if let remark = baseErrorRemark { text += " (" + remark + ")" }
    if let majority = context.majorityClassError, context.isNoBetterThanMajority(trainError) {
      text +=
        " (the training error is no lower than always predicting the most common class, \(Self.short(majority)))"
    }
    return text
  }

  /// Where a base error the data's generator gave came from, e.g. `base error 0.0727: the
  /// Bayes error of these blobs, from the generator's means, covariances and sizes`; nil for a
  /// written one or the default 0.
  public var baseErrorRemark: String? {
    baseErrorSource.map { "base error \(Self.short(baseError)): \($0)" }
  }

  /// The gaps behind the verdict as Andrew Ng names them, e.g. `avoidable bias 0.00957 (train −
  /// base error 0), variance 0.29 (test − train error)`, the base error's value named (a
  /// default 0 is an assumption the learner should see); a relative gap (regression) also as a
  /// percentage of the error it grows from, and no avoidable bias when bias is not judged;
  /// empty when training failed (the gaps of an untrained model say nothing of bias or variance).
  public var gapsText: String {
    if trainingFailed { return "" }
    /// `name value (from − to error[ value], ±share% of to)`.
    func gap(
      _ name: String, _ value: Double, _ from: String, _ to: String, _ relative: Double?,
      toValue: Double? = nil
    ) -> String {
      // A reference error about 0 (an exact fit's 1e-30) would make the share read `+1.56e+29%`.
      let share =
        relative.map {
          abs($0) > Self.aboutZeroShare
            ? ", \(to) error about 0" + (to == "train" ? ": an exact fit" : "")
            : ", " + Self.percentage($0) + "% of \(to)"
        }
        ?? ""
      let subtrahend = "\(to) error" + (toValue.map { " " + Self.short($0) } ?? "")
      return "\(name) \(Self.short(value)) (\(from) − \(subtrahend)\(share))"
    }
    var parts: [String] = []
    if judgesBias {
      var bias = gap(
        "avoidable bias", avoidableBias, "train", "base", relativeAvoidableBias,
        toValue: baseError)
      if hasHighBias, baseError == 0, !context.isRegression {
        bias.insert(
          contentsOf: ", too low if the classes overlap: see report.bias_variance.base_error",
          at: bias.index(before: bias.endIndex))
      }
      if baseErrorInOtherUnits {
        bias.insert(
          contentsOf:
            ", base_error under a thousandth of the train error: is it in the loss's units?",
          at: bias.index(before: bias.endIndex))
      }
      if beatsBaseError {
        bias.insert(
          contentsOf: ", below base_error: the model beat it, or it is set too high",
          at: bias.index(before: bias.endIndex))
      }
      parts.append(bias)
    }
    if let variance, let split = varianceSplit {
      parts.append(gap("variance", variance, split, "train", relativeVariance))
    }
    if let dataMismatch, let heldOut = mismatchSplit {
      parts.append(gap("data mismatch", dataMismatch, heldOut, "train_dev", relativeDataMismatch))
    }
    return parts.joined(separator: ", ")
  }

  /// True for a regression whose base error looks like a classifier's fraction (above 0, below
  /// 1) while its training error is above 1 and a thousand times more: likely not in the loss's
  /// units (mse: the target's units squared), e.g. 0.05 on diabetes, whose MSE is in the
  /// thousands. A noise variance on small targets (0.0001 against an MSE of 0.19) is not so.
  var baseErrorInOtherUnits: Bool {
    context.isRegression && baseError > 0 && baseError < 1 && trainError > 1
      && baseError < trainError / 1000
  }

  /// The parts of `few` below `rowsToJudge` beside the rows a verdict of fine needs, e.g. `1
  /// training row and 1 dev row, fewer than the 10 of each a verdict of fine needs` or `3
  /// training rows, fewer than the 10 a verdict of fine needs in each of training and dev` (the
  /// other part, with enough rows, is not called fewer); as a sentence (`stated`), `… are fewer
  /// than …` (`is` for one part of one row).
  static func fewRowsText(_ few: (train: Int, heldOut: Int), _ split: String, stated: Bool = false)
    -> String
  {
    let parts = [(few.train, "training"), (few.heldOut, split)].filter { $0.0 < rowsToJudge }
    let named = parts.map { rows($0.0, $0.1) }.joined(separator: " and ")
    let verb = !stated ? "," : parts.count == 1 && parts[0].0 == 1 ? " is" : " are"
    return "\(named)\(verb) fewer than the \(rowsToJudge) "
      + (parts.count == 2
        ? "of each a verdict of fine needs"
        : "a verdict of fine needs in each of training and \(split)")
  }

  /// `1 training row`, `12 dev rows`.
  static func rows(_ count: Int, _ part: String) -> String {
    "\(count) \(part) row\(count == 1 ? "" : "s")"
  }

  /// `value` to three significant digits.
  static func short(_ value: Double) -> String {
    value == 0 ? "0" : String(format: "%.3g", value)
  }

  /// A gap over a million times its reference error: the reference is said to be about 0, not
  /// the share as a percentage.
  static let aboutZeroShare = 1e6

  /// A signed percentage of the ratio `share`: whole (`+35`) up to a thousand percent, then to
  /// three significant digits as the other figures (`+4.57e+32`, not its 33 digits).
  static func percentage(_ share: Double) -> String {
    let percent = 100 * share
    return String(format: abs(percent) < 1000 ? "%+.0f" : "%+.3g", percent)
  }
}
