import Foundation
import Vocabulary

/// A learning-rate schedule that lowered the rate so far that no longer run moves the weights:
/// the rates of every step after the run's, however many, sum to under `leftShare` of the rates
/// its steps took (`LearningRateSchedule.rateSums`), so for the same gradients the weights could
/// move at most that fraction further than the run moved them. Only `step` and `exponential`
/// with a gamma below 1 can freeze (tester BR-4: step_size 1, gamma 0.5 on 4 mini-batches an
/// epoch left 1.39% after 25 steps, and "train longer" then "a bigger model" were advised to a
/// line 20 times above its least-squares loss).
public struct ScheduleFreeze: Sendable, Equatable {
  /// The run's schedule (its `t_max` filled in).
  public var schedule: LearningRateSchedule
  /// The initial learning rate (`optimizer.learning_rate`).
  public var base: Double
  /// The optimizer steps the run took.
  public var steps: Int
  /// The steps of one epoch (1 for full-batch steps).
  public var stepsPerEpoch: Int
  /// The rates of all the steps after the run's, over the rates its steps took.
  public var leftOverSpent: Double

  /// The rates left to any longer run may sum to at most this share of the rates spent: 5%,
  /// a twentieth of the way the run's steps moved.
  public static let leftShare = 0.05

  /// The freeze of a run of `steps` steps (`stepsPerEpoch` an epoch) from the rate `base` under
  /// `schedule`; nil when the rates left are more than `leftShare` of those spent, or infinite.
  public init?(_ schedule: LearningRateSchedule, base: Double, steps: Int, stepsPerEpoch: Int) {
    guard base > 0,
      let sums = schedule.rateSums(base: base, steps: steps, stepsPerEpoch: stepsPerEpoch),
      sums.spent > 0, sums.left <= Self.leftShare * sums.spent
    else { return nil }
    self.schedule = schedule
    self.base = base
    self.steps = steps
    self.stepsPerEpoch = max(stepsPerEpoch, 1)
    self.leftOverSpent = sums.left / sums.spent
  }

  /// The epoch (0-based) of the run's last step.
  public var lastEpoch: Int { (steps - 1) / stepsPerEpoch }

  /// The rate the run's last step took.
  public var endRate: Double { schedule.rate(base: base, epoch: lastEpoch) }

  /// The rate the last step should still take under an advised schedule: a tenth of `base`.
  static let advisedEnd = 0.1

  /// A schedule setting to change: its key (`step_size`, `gamma`), its value and the advised one.
  struct AdvisedSetting: Equatable {
    /// `step_size` or `gamma`.
    var key: String
    /// The run's value.
    var from: Double
    /// The advised value.
    var to: Double
    /// Whether the key takes integers (`step_size`).
    var integer: Bool
  }

  /// The one setting that lets the same run's last step train at a tenth of its rate or more
  /// (`advisedEnd`): for `step` the least larger `step_size` that gives no more decays than
  /// that over the run, and at least one (a gamma below a tenth: none does), else a gamma; for
  /// `exponential` a gamma, its 1 − γ rounded down to two significant digits. Nil when none
  /// does.
  var change: AdvisedSetting? {
    let s = schedule.settings
    // γ^d ≥ a tenth for d decays at most; the least step_size giving no more over the run.
    if schedule.kind == .step, s.gamma >= Self.advisedEnd {
      let decays = Int((log(Self.advisedEnd) / log(s.gamma) + 1e-9).rounded(.down))
      let size = lastEpoch / (decays + 1) + 1
      if size > s.stepSize, size <= lastEpoch {
        return AdvisedSetting(
          key: "step_size", from: Double(s.stepSize), to: Double(size), integer: true)
      }
    }
    let decays = schedule.kind == .step ? lastEpoch / max(s.stepSize, 1) : lastEpoch
    guard decays > 0 else { return nil }
    let fall = 1 - pow(Self.advisedEnd, 1 / Double(decays))
    let digits = pow(10, (log10(fall)).rounded(.down) - 1)
    let gamma = 1 - (fall / digits).rounded(.down) * digits
    guard gamma > s.gamma, gamma < 1 else { return nil }
    return AdvisedSetting(key: "gamma", from: s.gamma, to: gamma, integer: false)
  }

  /// The rate the run's last step would take with `change` made.
  func endRate(with change: AdvisedSetting) -> Double {
    var changed = schedule
    if change.key == "step_size" {
      changed.settings.stepSize = Int(change.to)
    } else {
      changed.settings.gamma = change.to
    }
    return changed.rate(base: base, epoch: lastEpoch)
  }
}
