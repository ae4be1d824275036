import Conventions
import Foundation
import Vocabulary

/// Andrew Ng's remedies (deeplearning.ai's basic recipe): first make the training loss go down;
/// then for high bias a bigger network, training longer and another architecture; for high
/// variance more data, regularization and another architecture. Bias comes first: while it is
/// high, the variance remedies that cut capacity or strengthen regularization (and so raise the
/// training error) wait, and only more data is advised for variance. Each is phrased as a change
/// to the spec that fits the model and the task (an identity output for real targets, never a
/// sigmoid), and training longer is advised only while the training loss was still falling.
extension BiasVarianceDiagnosis {
  /// What to try next, as changes to the spec: the remedies for the verdict's problem first
  /// (for failed training only those), then what would let the diagnosis judge more.
  public var recommendations: [String] {
    if let splitAdvice { return [splitAdvice] }
    return trainingFailed ? convergenceAdvice : remedies
  }

  /// A split that left a class out of training is the one advice: its held-out rows are errors
  /// no remedy of bias or variance fixes (iris in class order, unshuffled: test accuracy 0, and
  /// the advice was stronger regularization).
  private var splitAdvice: String? {
    guard let untrained = context.untrainedClasses else {
      // A held-out part of a file-order split without a class training has: its error is the
      // classes it holds (iris's test part all virginica: accuracy 0, and the advice was to
      // train longer and a bigger model).
      guard let gap = context.accidentalClassGaps.first else { return nil }
      return "fix the split first: \(gap.finding), so its error measures the split, not the "
        + "model's bias or variance: \(gap.cause)"
    }
    let (classes, rows, shuffled) = (untrained.classes, untrained.heldOutRows, untrained.shuffled)
    let names = classes.prefix(5).map(String.init).joined(separator: ", ")
    let one = classes.count == 1
    let files = untrained.heldOutFiles
    return "fix the \(files.isEmpty ? "split" : "data") first: class\(one ? "" : "es") \(names)"
      + "\(classes.count > 5 ? ", …" : "") \(one ? "has" : "have") \(rows) held-out "
      + "row\(rows == 1 ? "" : "s") but no training row, so no model learns \(one ? "it" : "them"): "
      + (!files.isEmpty
        ? "add rows of \(one ? "it" : "them") to the training file (dataset.train), or remove "
          + "\(one ? "its" : "their") rows from \(files.joined(separator: " and "))"
        : shuffled && untrained.stratified
          ? "give the training part more rows (the split is stratified already, and still no row "
            + "of \(one ? "it" : "them") fell to training)"
          : shuffled
            ? "stratify it (`dataset.split.stratify: true`) or give the training part more rows"
            : "shuffle it (`dataset.split.shuffle: true`): rows in file order put whole classes in "
              + "one part")
  }

  /// The remedies for the verdict (for a run of no steps, only to train it), then what would let
  /// the diagnosis judge more.
  private var remedies: [String] {
    var changes: [Remedy] = []
    if context.trainingLength == 0, hasHighBias || hasHighVariance {
      changes = [trainItAdvice]  // its initial weights say nothing of bias or variance
    } else {
      if hasHighBias { changes += biasRemedies }
      if hasHighVariance {
        changes += hasHighBias ? [moreDataAdvice, Self.varianceAfterBiasNote] : varianceRemedies
      }
    }
    // A value the validation curve sets comes first whatever the verdict (tester BH F3), and
    // one it keeps is advised whatever the verdict too (tester BI-12).
    if let pick = curvePickWhateverVerdict(besides: changes) { changes.insert(pick, at: 0) }
    // A value the validation curve keeps is no remedy: the others, more rows to tell a gap
    // from its sampling error among them, come first.
    var advice = Self.keptLast(changes + samplingRemedies)
    if hasDataMismatch == true {
      advice.append(
        "reduce data mismatch: make the training data more like the dev/test data (collect or synthesize similar examples) and check that `dataset.preprocessing` treats every split alike"
      )
    }
    // Still falling: training longer lowers the training error whatever the base error says.
    if !judgesBias, !hasHighVariance, context.training == .stillImproving {
      advice += (scheduleAdvice.map { [$0] } ?? trainingAdvice(.stillImproving)).map(\.text)
    }
    if !judgesBias {
      advice.append(
        "judge bias: set `report.bias_variance.base_error` to the lowest loss any model could reach on this data, in the loss's units (for mse, the variance of the targets' noise)"
          + ", above 0: the thresholds are relative to it")
    }
    if !hasHighVariance && hasDataMismatch != true {
      if verdict == .notJudged, variance != nil, let few = fewRows {
        advice.append(moreRowsToJudge(few))
      } else if variance == nil, let rows = context.trainRows, rows < 10 {
        advice.append(Self.tooFewToHoldOut(rows))
      } else if variance == nil {
        advice.append(
          "add a `dev` or `test` split to the dataset so that variance can be measured, e.g. "
            + "`split: {train: 0.8, test: 0.2}` under `dataset`")
      } else if !beatsBaseError, !hasHighBias, judgesBias, samplingAdvice == nil,
        biasSamplingAdvice == nil, mismatchSamplingAdvice == nil
      {
        advice.append(Self.nothingStandsOut)
      }
    }
    // First: it changes what every other line means (tester BH F6). After the rest when the
    // spec lists regression metrics: its user chose a regression (counts 0…3 with mse and mae
    // were told "to judge classes" first, tester BI-10), and the hint is kept for a slip.
    if let hint = context.unscoredClassOutput.map(Self.unscoredClasses)
      ?? context.integerLabelClasses.map(Self.integerLabels)
    {
      if context.regressionMetricsListed {
        advice.append(hint)
      } else {
        advice.insert(hint, at: 0)
      }
    }
    // Whatever the verdict: a note, not a change (the verdict's gap names it too).
    if beatsBaseError, variance != nil {
      advice.append(
        Self.checkBaseError + " (\(Self.spec(baseError))): the training error "
          + "(\(Self.short(trainError))) is below it, so either base_error is set too high (it "
          + "is the lowest error any model can reach) or the model fits its training rows "
          + "closer than that, which the held-out error then shows")
    }
    return advice
  }

  /// The value the spec's validation curve sets or keeps (its pick, as high variance would be
  /// told it), when the verdict's remedies (`changes`) read no curve: a curve over `l2` that cut
  /// the dev error from 0.532 to 0.068 was not named beside `variance unclear`, whose advice
  /// said "before regularizing" (tester BH F3), nor was one whose lowest was the spec's own
  /// value (tester BI-12); nil when the curve tells nothing, and for a run of no steps.
  func curvePickWhateverVerdict(besides changes: [Remedy]) -> Remedy? {
    guard context.trainingLength != 0,
      !changes.contains(where: { $0.role == .setsCurveValue || $0.keepsValue })
    else { return nil }
    return curveTells
  }

  /// The remedy setting the value the spec's validation curve picks, as high variance is told
  /// it (`varianceRemedies`); nil when the curve keeps the spec's value or tells nothing.
  var curveSetsValue: Remedy? {
    curveTells.flatMap { $0.role == .setsCurveValue ? $0 : nil }
  }

  /// The remedy setting or keeping the value the spec's validation curve picks, as high
  /// variance is told it (`varianceRemedies`); nil when the curve tells nothing.
  var curveTells: Remedy? {
    guard context.validationCurve != nil else { return nil }
    return varianceRemedies.first { $0.role == .setsCurveValue || $0.keepsValue }
  }

  /// The advice for gaps within their sampling error, each named as a kept value's advice names
  /// what comes first (`keptLast`).
  private var samplingRemedies: [Remedy] {
    [
      biasSamplingAdvice.map { Remedy(name: "tell bias from noise", text: $0) },
      samplingAdvice.map { Remedy(name: String($0.prefix { $0 != ":" }), text: $0) },
      mismatchSamplingAdvice.map { Remedy(name: "hold out more rows", text: $0) },
    ].compactMap { $0 }
  }

  /// What lets a verdict be judged on `few` rows: more of them, from the generator's samples
  /// when it has the key.
  private func moreRowsToJudge(_ few: (train: Int, heldOut: Int)) -> String {
    let split = varianceSplit ?? "held-out"
    let how =
      context.generatedSamples.map { "raise `dataset.generator.samples` from \($0)" }
      ?? "give the data more rows, or the smaller part a bigger share of `dataset.split`"
    return "judge on more rows: \(Self.fewRowsText(few, split, stated: true)) (a gap of 0 on so "
      + "few rows is luck): \(how)"
  }

  /// Why a regression whose `output` unit fits 0/1 targets is judged in the loss's units, and
  /// how to judge its classes instead.
  /// An output that is not a sigmoid or step is also told to become a sigmoid.
  static func unscoredClasses(_ output: String) -> String {
    let sigmoid =
      ["sigmoid", "step"].contains(output)
      ? "" : " (and give the output layer `activation: sigmoid`, whose outputs lie in 0…1)"
    return "to judge classes: the \(output) output fits 0/1 targets, but `metrics` scores no "
      + "class, so this diagnosis is a regression's, in the loss's units: list `accuracy` in "
      + "`metrics` to judge its misclassified fraction (an output above 0.5 is class 1), "
      + "`base_error` then a fraction\(sigmoid)"
  }

  /// Why a regression whose one output unit fits integer labels 0…`classes` − 1 is judged in the
  /// loss's units, and how to judge them as classes, should they be.
  static func integerLabels(_ classes: Int) -> String {
    "to judge classes: the output fits integer labels 0…\(classes - 1) with a regression loss, "
      + "so this diagnosis is a regression's, in the loss's units (class 2 counts as twice class "
      + "1); if they are classes, give the output layer `{units: \(classes), activation: softmax}` "
      + "and set `loss: cross_entropy`, and list `accuracy` in `metrics`"
  }

  /// The advice of a run where neither gap is above its threshold: no change to try.
  public static let nothingStandsOut =
    "nothing stands out: train error is near the base error and held-out error near train error (lower the thresholds in `report.bias_variance` to look closer)"

  /// The recommendations `runner` prints under `try next`: the first `count` changes to the
  /// spec (more data, the note that variance waits for bias, the one that a tiny training set
  /// holds none out and the one to check a base error the training error is below are none;
  /// `bias_variance.csv` keeps them), none when nothing stands out.
  public func nextSteps(count: Int = 3) -> [String] {
    looksFine
      ? []
      : Array(
        recommendations.filter {
          $0 != Self.moreData && $0 != Self.varianceAfterBias
            && $0 != context.trainRows.map(Self.tooFewToHoldOut)
            && !$0.hasPrefix(Self.checkBaseError)
        }
        .prefix(count))
  }

  /// The start of the note that the training error is below the base error (a note, not a
  /// change to try: the gaps on the verdict's line say so too).
  static let checkBaseError = "check `report.bias_variance.base_error`"

  /// A value advice computes (a tenth of the spec's) to 6 significant digits, without float
  /// noise (a tenth of 0.85 is 0.085, not 0.08499999999999999); the spec's own value is named
  /// exactly (`spec`), as the spec holds it, and `bias_variance.csv`'s numbers stay exact.
  static func advised(_ value: Double) -> String {
    CSVCell.format(Double(String(format: "%.6g", value)) ?? value)
  }

  /// A value of the spec as advice names it: as the spec holds it (`from 0.0723322842795`).
  static func spec(_ value: Double) -> String { CSVCell.format(value) }

  /// Andrew Ng's first remedy for high variance, which no spec change brings.
  static let moreData = "more data: more training examples (or data augmentation)"

  /// More data: for generated data whose sample count is a key, that key (a spec change, so
  /// under `try next`); else `moreData`.
  var moreDataAdvice: Remedy {
    Remedy(
      name: "more data",
      text: moreSamples.map {
        "more data: raise `dataset.generator.samples` \($0) (four times the rows, for every split)"
      } ?? Self.moreData)
  }

  /// What a run of no steps is told, whatever its gaps: to train.
  private var trainItAdvice: Remedy {
    Remedy(
      name: "train it",
      text: "train it: raise `\(context.trainingLengthKey)` from 0 (this run only evaluated its "
        + "initial weights)")
  }

  /// Why no held-out split is advised for a training set of `rows` < 10 rows (no spec change, so
  /// not under `try next`).
  static func tooFewToHoldOut(_ rows: Int) -> String {
    "variance is not measured: \(rows) row\(rows == 1 ? " is" : "s are") too few to hold some out"
  }

  /// Why high variance gets no regularization or smaller model while bias is high.
  static let varianceAfterBias =
    "variance after bias: stronger regularization or a smaller model would raise the training error, so fix the high bias first, then run again and judge variance"

  /// `varianceAfterBias` among the remedies: a note, never named as coming first.
  static let varianceAfterBiasNote = Remedy(
    name: "variance after bias", text: varianceAfterBias, role: .note)
}
