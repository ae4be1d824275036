import Datasets
import Foundation
import Specs

/// What a sweep would run: the trials of this process's shard with their swept values and state,
/// and an estimated cost (`runner sweep --dry-run` prints it; a real run reports it first).
public struct SweepPreview: Sendable {
  /// One trial of the shard.
  public struct Trial: Sendable, Equatable {
    /// Where a trial stands before the run.
    public enum State: Sendable, Equatable {
      /// Not complete: it will run.
      case pending
      /// Complete and ok: it is skipped.
      case done
      /// Complete but failed: skipped unless `--retry-failed`.
      case failed(reason: String)
    }

    /// The trial ID (its folder name).
    public var id: String
    /// The swept keys and the values this trial gives them (`key.path`, flow YAML).
    public var values: [(key: String, value: String)]
    /// Its state.
    public var state: State
    /// Rough floating-point operations of its training (nil when unknown).
    public var flops: Double?
    /// Optimizer steps of its training (nil when unknown).
    var steps: Double? = nil
    /// The memory a trial to run needs when it is more than its share of the limit (it fails
    /// when the sweep reaches it), else nil.
    public var tooBig: Double? = nil
    /// Why a trial to run cannot train on its data (it fails when the sweep reaches it), else nil.
    public var failsOnData: String? = nil

    /// Equal when ID, state, cost and the swept (key, value) pairs in order all match.
    public static func == (a: Trial, b: Trial) -> Bool {
      a.id == b.id && a.state == b.state && a.flops == b.flops
        && a.values.map(\.key) == b.values.map(\.key)
        && a.values.map(\.value) == b.values.map(\.value)
    }
  }

  /// The sweep's name (the spec's `name`).
  public var name: String
  /// The sweep folder.
  public var directory: String
  /// This process's shard.
  public var shard: Shard
  /// How many trials the whole sweep has (all shards).
  public var sweepTrials: Int
  /// This shard's trials, in trial-ID order.
  public var trials: [Trial]
  /// BLAS threads per trial (the spec's `threads`).
  public var threads: Int
  /// The concurrent jobs the run would use.
  public var jobs: Int
  /// The estimated cost of the trials that would run.
  public var cost: SweepCost?
  /// successive_halving: the rung plan and how many trials of each rung are complete (nil for
  /// a rung whose trials are not chosen yet).
  public var rungs: (plan: HalvingRungs, unit: String, complete: [Int?])? = nil
  /// bayes: the batch plan and how many batches are complete.
  public var batches: String? = nil
  /// hyperband: each bracket `s` with its rung plan and progress, in run order (the unit is
  /// `rungs`'s; `rungs` itself stays nil).
  public var brackets: [(s: Int, plan: HalvingRungs, complete: [Int?])] = []
  /// Notes on the plan (values that collapsed into fewer trials).
  public var notes: [String] = []
  /// Why `cost` is nil when it is not that the data did not load (`the data is not downloaded
  /// yet`).
  public var costUnknown: String? = nil
  /// Each trial's share of the memory limit (the trials to run at once share it), when known.
  public var memory: MemoryBudget? = nil
  /// hyperband: the budget's unit, `epochs` or `iterations`.
  public var unit = "epochs"

  /// hyperband: the grid's trials, of which `sweepTrials` are drawn into the brackets.
  public var drawnFrom: Int? = nil
  /// What each trial's operations are: `est. ops` for its whole training, or for an adaptive
  /// sweep the operations at the largest budget (the plan trains only some trials that far).
  public var operationsColumn = "est. ops"

  /// Trials that would run.
  public var pending: [Trial] { trials.filter { $0.state == .pending } }

  /// The swept values to blame for the trials too big for memory, given each trial's values
  /// and whether it is too big: per key, the values only too-big trials take
  /// (`model.layers[0].units: 500000`, `tooBigKeys`), then the values of the too-big trials no
  /// such value explains (the first three: a combination is too big); nil when none is too big.
  public static func tooBigValues(_ trials: [(values: [(key: String, value: String)], big: Bool)])
    -> String?
  {
    let big = trials.filter(\.big)
    guard !big.isEmpty else { return nil }
    let keys = tooBigKeys(trials)
    var named = keys.map { "\($0.key): \($0.values.joined(separator: ", "))" }
    let blamed = Set(keys.flatMap { key in key.values.map { key.key + "=" + $0 } })
    let unexplained = big.filter {
      !$0.values.contains { blamed.contains($0.key + "=" + $0.value) }
    }
    for trial in unexplained.prefix(3) {
      named.append(
        "(" + trial.values.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")")
    }
    return named.joined(separator: "; ")
  }

  /// The swept keys with values only trials too big for memory take, each with those values,
  /// in the trials' key order (none when no trial is too big).
  public static func tooBigKeys(_ trials: [(values: [(key: String, value: String)], big: Bool)])
    -> [(key: String, values: [String])]
  {
    let big = trials.filter(\.big)
    guard let first = big.first else { return [] }
    var keys: [(key: String, values: [String])] = []
    for key in first.values.map(\.key) {
      func value(_ trial: (values: [(key: String, value: String)], big: Bool)) -> String? {
        trial.values.first { $0.key == key }?.value
      }
      let fitting = Set(trials.filter { !$0.big }.compactMap(value))
      var values: [String] = []
      for v in big.compactMap(value) where !fitting.contains(v) && !values.contains(v) {
        values.append(v)
      }
      if !values.isEmpty { keys.append((key, values)) }
    }
    return keys
  }

  /// An adaptive sweep's cost: the rungs' trials not complete yet (of each bracket's `plans`,
  /// with how many of each rung are), each training its rung's units (`budget − from`) at the
  /// listed trials' mean operations and steps per unit. Each trial's own operations, estimated at
  /// the spec's budget (`own` epochs or iterations), are shown rescaled to the `largest` budget.
  /// Without a measured rate, each rung trial also pays a trial's fixed cost.
  mutating func estimate(
    plans: [(plan: HalvingRungs, complete: [Int?])], largest: Int, own: Int
  ) {
    operationsColumn = "ops at max"
    let scale = Double(largest) / Double(max(own, 1))
    for index in trials.indices { trials[index].flops = trials[index].flops.map { $0 * scale } }
    guard let cost else { return }
    func perUnit(_ values: [Double], budget: Int) -> Double {
      values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) / Double(max(budget, 1))
    }
    let flopsPerUnit = perUnit(trials.compactMap(\.flops), budget: largest)
    let stepsPerUnit = perUnit(trials.compactMap(\.steps), budget: own)
    var (units, runs) = (0, 0)
    for (plan, complete) in plans {
      for rung in plan.rungs {
        let left = max(0, rung.trials - (complete[rung.index] ?? 0))
        (units, runs) = (units + left * (rung.budget - rung.from), runs + left)
      }
    }
    let (flops, steps) = (flopsPerUnit * Double(units), stepsPerUnit * Double(units))
    let rate =
      cost.measured
      ? cost.rate : SweepCost.assumedRate(flops: flops, steps: steps, trials: Double(runs))
    self.cost = SweepCost.estimate(
      flops: flops, steps: steps, rate: rate, measured: cost.measured, jobs: jobs, trials: runs)
  }

  /// The same preview with the trials that cannot train on their data marked.
  func marking(_ failing: [(id: String, reason: String)]) -> SweepPreview {
    var marked = self
    for (id, reason) in failing {
      if let index = marked.trials.firstIndex(where: { $0.id == id && $0.state == .pending }) {
        marked.trials[index].failsOnData = reason
      }
    }
    return marked
  }
}
