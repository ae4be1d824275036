#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

/// The learning-rate schedules (torch.optim.lr_scheduler's, stepped once per epoch), declared
/// once: each schedule's keys, defaults, constraints and meaning.
public enum ScheduleKind: String, Declared {
  case constant, step, exponential, cosine
  case inverseTime = "inverse_time"

  /// The schedule's formula for the learning rate at epoch e, as the docs list it.
  public var summary: String {
    switch self {
    case .constant: "lr"
    case .step: "StepLR: lr·γ^⌊e / step_size⌋"
    case .exponential: "ExponentialLR: lr·γ^e"
    case .cosine:
      "CosineAnnealingLR: η_min + (lr − η_min)(1 + cos(π e / T))/2, periodic in 2T (it rises "
        + "again after T)"
    case .inverseTime:
      "lr / (1 + decay_rate·⌊e / step_size⌋) (Keras's InverseTimeDecay with staircase; "
        + "deeplearning.ai's schedule_lr_decay, whose model loop applies it after epoch e, so one "
        + "epoch later than here)"
    }
  }

  /// The keys `optimizer.schedule` accepts for this schedule, in the canonical writer's order.
  public var parameters: [Parameter<ScheduleSettings>] {
    typealias P = Parameter<ScheduleSettings>
    switch self {
    case .constant: return []
    case .step:
      return [
        P(
          "step_size", .integer(\.stepSize), .atLeast(1), default: 10, example: 30,
          "multiply by gamma every this many epochs"),
        P("gamma", .number(\.gamma), .within(0, 1), default: 0.1, example: 0.5, "decay factor"),
      ]
    case .exponential:
      return [
        P("gamma", .number(\.gamma), .within(0, 1), default: 0.95, example: 0.5, "decay factor")
      ]
    case .cosine:
      return [
        P(
          "t_max", .integer(\.tMax), .atLeast(1), default: 0,
          defaultText: "the number of epochs (iterations for gd); an iteration budget of "
            + "mini-batches has no default (refused with the data, naming the epochs it spans)",
          example: 50,
          "epochs to reach eta_min; past them the rate rises again, back to the learning rate "
            + "at 2·t_max (torch's CosineAnnealingLR), so a t_max more than one below the run's length is warned"
        ),
        P(
          "eta_min", .number(\.etaMin), .nonNegative, default: 0, example: 1e-4,
          "the lowest learning rate, reached at epoch t_max: the final one when t_max is the "
            + "run's length (the default)"),
      ]
    case .inverseTime:
      return [
        P(
          "step_size", .integer(\.stepSize), .atLeast(1), default: 1, example: 30,
          "epochs between increments of the denominator"),
        P(
          "decay_rate", .number(\.decayRate), .nonNegative, default: 1, example: 0.5,
          "added to the denominator every step_size epochs"),
      ]
    }
  }
}

/// Every schedule setting; each schedule reads the fields its declaration names.
public struct ScheduleSettings: Sendable, Equatable {
  /// step: epochs (≥ 1) between multiplications by `gamma`.
  public var stepSize = 10
  /// Decay factor γ in [0, 1] (step: per `stepSize` epochs; exponential: per epoch).
  public var gamma = 0.1
  /// Cosine period; 0 until the run's length fills it in.
  public var tMax = 0
  /// cosine: the lowest learning rate η_min ≥ 0, reached after `tMax` epochs (the rate rises
  /// again after them).
  public var etaMin = 0.0
  /// inverse_time: `lr / (1 + decayRate·⌊e / stepSize⌋)`.
  public var decayRate = 1.0
  /// torch's defaults (step_size 10, gamma 0.1, eta_min 0); `tMax` filled in from the run.
  public init() {}
}

/// A schedule with its settings: what `optimizer.schedule` becomes and what the engine steps.
public struct LearningRateSchedule: Sendable, Equatable {
  /// Which schedule (the spec's `optimizer.schedule.type`).
  public var kind: ScheduleKind
  /// The schedule's settings; only the fields its `parameters` name are read.
  public var settings: ScheduleSettings

  /// The schedule with its declared defaults, changed by `configure`.
  public init(_ kind: ScheduleKind, _ configure: (inout ScheduleSettings) -> Void = { _ in }) {
    self.kind = kind
    self.settings = kind.defaults(from: ScheduleSettings())
    configure(&settings)
  }

  /// A constant learning rate.
  public static let constant = LearningRateSchedule(.constant)
}

extension LearningRateSchedule {
  /// The learning rate for epoch `epoch` (0-based; full batch: one iteration is one epoch) from
  /// the initial rate `base`, in closed form, matching PyTorch's schedulers stepped once per
  /// epoch.
  public func rate(base: Double, epoch: Int) -> Double {
    let s = settings
    switch kind {
    case .constant:
      return base
    case .step:
      return base * pow(s.gamma, Double(epoch / max(s.stepSize, 1)))
    case .exponential:
      return base * pow(s.gamma, Double(epoch))
    case .cosine:
      let period = max(s.tMax, 1)
      let t = Double(epoch % (2 * period))
      return s.etaMin + (base - s.etaMin) * (1 + cos(Double.pi * t / Double(period))) / 2
    case .inverseTime:
      return base / (1 + s.decayRate * Double(epoch / max(s.stepSize, 1)))
    }
  }

  /// The first epoch whose rate differs from the initial `base` (the engine's
  /// `rate(base:epoch:)` at epoch 0); nil when none does: a constant rate, a `step` or
  /// `exponential` gamma of 1, a `cosine` eta_min equal to `base`, an `inverse_time` decay_rate
  /// of 0.
  public func firstChange(base: Double) -> Int? {
    switch kind {
    case .constant: nil
    case .step: settings.gamma == 1 ? nil : settings.stepSize
    case .exponential: settings.gamma == 1 ? nil : 1
    case .cosine: settings.etaMin == base ? nil : 1
    case .inverseTime: settings.decayRate == 0 ? nil : settings.stepSize
    }
  }
}
