#if canImport(Glibc)
  import Glibc
#else
  import Darwin
#endif

extension LearningRateSchedule {
  /// The learning rates of a run's steps summed (`spent`, over its `steps` of `stepsPerEpoch`
  /// steps an epoch, each at `rate(base:epoch:)` of its epoch), and those of every step after
  /// them however long the run goes on (`left`), in closed form: a geometric tail. Only `step`
  /// and `exponential` with a gamma below 1 have a finite tail; nil for the others, whose rates
  /// after any epoch sum to infinity (constant; cosine, which rises again after `t_max`, and
  /// whose default `t_max` a longer run stretches; inverse_time, a harmonic series), and for a
  /// run of no steps.
  public func rateSums(base: Double, steps: Int, stepsPerEpoch: Int) -> (
    spent: Double, left: Double
  )? {
    let gamma = settings.gamma
    guard kind == .step || kind == .exponential, gamma < 1, gamma >= 0, steps > 0 else {
      return nil
    }
    let perEpoch = max(stepsPerEpoch, 1)
    // Exponential is step with a step_size of 1: the rate is constant over blocks of `size`
    // epochs and multiplied by gamma from one block to the next.
    let size = kind == .step ? max(settings.stepSize, 1) : 1
    let (epoch, inEpoch) = (steps / perEpoch, steps % perEpoch)
    let (blocks, inBlock) = (epoch / size, epoch % size)
    // The rate of epoch `epoch`, where the run stopped (γ^0 is 1, also for γ = 0).
    let now = base * pow(gamma, Double(blocks))
    // Σ over the whole blocks before it: size·base·Σ_{j < blocks} γ^j.
    let before = Double(size) * base * (1 - pow(gamma, Double(blocks))) / (1 - gamma)
    let k = Double(perEpoch)
    let spent = k * (before + Double(inBlock) * now) + Double(inEpoch) * now
    // The rest of this epoch, the rest of its block, then every later block: size·now·γ/(1 − γ).
    let left =
      Double(perEpoch - inEpoch) * now
      + k * (Double(size - 1 - inBlock) * now + Double(size) * now * gamma / (1 - gamma))
    return (spent, left)
  }
}
