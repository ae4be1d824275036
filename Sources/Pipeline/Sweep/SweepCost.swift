import Conventions
import Datasets
import Foundation
import Reports
import Specs

/// A rough cost estimate of a sweep's trials: floating-point operations of training (about
/// 6 × parameters × examples processed: forward, backward and update), turned into seconds with
/// a rate measured on trials of this sweep already complete (their `timings.csv`), else with
/// `assumedRate(flops:steps:)`.
public struct SweepCost: Sendable, Equatable {
  /// Dense arithmetic per second assumed without a measurement: one job, OpenBLAS, the float64
  /// MLPs of `experiments/` (5 to 25 G/s measured on an AMD EPYC, docs/sweeps.md).
  static let assumedArithmeticRate = 1e10
  /// Fixed seconds of each optimizer step assumed without a measurement (kernel calls and the
  /// update; 3 to 35 µs measured for the small models of `experiments/`).
  static let assumedStepSeconds = 1e-5
  /// Fixed seconds of each trial besides training, assumed without a measurement (loading its
  /// data, saving its parameters, files and report: 30 to 100 ms measured in `experiments/`).
  static let assumedTrialSeconds = 0.03

  /// The operations per second assumed for `flops` operations in `steps` optimizer steps of
  /// `trials` trials: a small model's time is its steps' and trials' fixed work, a large one's
  /// its arithmetic.
  static func assumedRate(flops: Double, steps: Double, trials: Double = 0) -> Double {
    let seconds =
      flops / assumedArithmeticRate + steps * assumedStepSeconds + trials * assumedTrialSeconds
    return flops > 0 && seconds > 0 ? flops / seconds : assumedArithmeticRate
  }

  /// Estimated operations of the trials that would run.
  public var flops: Double
  /// Operations per second used.
  public var rate: Double
  /// Whether `rate` was measured on this sweep's complete trials.
  public var measured: Bool
  /// Estimated wall-clock seconds with the given jobs.
  public var seconds: Double
  /// Estimated optimizer steps of the trials that would run.
  var steps = 0.0

  /// The cost of `flops` operations at `rate` per job, with `jobs` jobs sharing `trials` trials
  /// (at most one job per trial and per core).
  static func estimate(
    flops: Double, steps: Double, rate: Double, measured: Bool, jobs: Int, trials: Int
  ) -> SweepCost {
    let parallel = Double(
      max(1, min(jobs, trials, AvailableCPUs.count)))
    return SweepCost(
      flops: flops, rate: rate, measured: measured, seconds: flops / rate / parallel, steps: steps)
  }

  /// A cost that orders trials without loading their data: the operations for one input
  /// feature and one example (model width and training length still count).
  static func relativeCost(_ spec: ExperimentSpec) -> Double {
    flops(spec, features: 1, classes: nil, examples: 1)
  }

  /// The training operations of one trial whose data has `features` inputs, `classes` classes
  /// (nil for regression) and `examples` training examples.
  static func flops(_ spec: ExperimentSpec, features: Int, classes: Int?, examples: Int) -> Double {
    let outputs = (classes ?? 2) > 2 ? classes! : 1
    let parameters = spec.model.definition.parameterCount(features: features, outputs: outputs)
    let processed: Int
    switch spec.optimizer.budget {
    case .iterations(let n):
      processed = n * (spec.optimizer.batchSize.map { min($0, examples) } ?? examples)
    case .epochs(let n):
      processed = n * examples
    }
    return 6 * Double(parameters) * Double(processed)
  }

  /// The optimizer steps of one trial with `examples` training examples (an epoch is one step
  /// per mini-batch).
  static func steps(_ spec: ExperimentSpec, examples: Int) -> Double {
    switch spec.optimizer.budget {
    case .iterations(let n): return Double(n)
    case .epochs(let n):
      let batch = max(1, min(spec.optimizer.batchSize ?? examples, examples))
      return Double(n) * (Double(examples) / Double(batch)).rounded(.up)
    }
  }

  /// The seconds a trial took to train, from its `timings.csv` (`train` phase).
  static func trainSeconds(in directory: URL) -> Double? {
    guard let table = try? CSVTable(contentsOf: directory.appendingPathComponent("timings.csv")),
      let phase = table.columnIndex("phase"), let seconds = table.columnIndex("seconds"),
      let row = table.rows.first(where: { $0[phase] == "train" })
    else { return nil }
    return Double(row[seconds])
  }
}

extension ModelKind {
  /// Weights and biases of one network for `features` inputs and `outputs` outputs (a sweep's
  /// cost estimate): `Σ (inputs + 1)·units` over the layers, plus γ and β of normalized ones.
  func parameterCount(features: Int, outputs: Int) -> Int {
    var inputs = features
    var count = 0
    for units in layers.isEmpty ? [outputs] : layers.map(\.units) {
      count += inputs * units + units
      inputs = units
    }
    // Batch normalization's learned scale and shift.
    for layer in layers where layer.normalization != .none { count += 2 * layer.units }
    return count
  }
}
