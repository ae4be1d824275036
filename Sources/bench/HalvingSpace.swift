import Foundation
import Pipeline
import Specs

/// The search space of `bench halving`, read from the shipped spec: its axes (each a list of
/// values), objective and budget, and the `--set` overrides that turn the same problem into
/// another search method (grid, random, bayes) over the same axes and data.
struct HalvingSpace {
  /// One swept key path and its values, smallest first.
  struct SweptAxis {
    var path: String
    var values: [SpecValue]
  }

  var axes: [SweptAxis]
  var objective: String
  var goal: String
  /// The budget's smallest and largest epochs and the reduction factor.
  var budget: ClosedRange<Int>
  var eta: Int
  /// The grid's configurations (every trial of the shipped successive-halving spec).
  var configurations: Int
  /// The base spec (data split, model) the peers reproduce.
  var base: ExperimentSpec

  /// Expands the spec at `path` (a successive_halving or hyperband sweep) and collects its axes.
  init(specPath: String, overrides: [String] = []) throws {
    let plan = try SweepPlanner.plan(file: specPath, options: SpecOptions(overrides: overrides))
    guard let sweep = plan.base.spec.sweep, let budget = sweep.budget else {
      throw BenchHalvingError("\(specPath): needs a successive_halving sweep with sweep.budget")
    }
    var values: [String: [SpecValue]] = [:]
    for trial in plan.trials {
      for a in trial.assignments where !(values[a.path.description] ?? []).contains(a.value) {
        values[a.path.description, default: []].append(a.value)
      }
    }
    axes = sweep.axes.map { axis in
      let path = axis.path.description
      let sorted = (values[path] ?? []).sorted {
        ($0.doubleValue ?? 0, $0.description) < ($1.doubleValue ?? 0, $1.description)
      }
      return SweptAxis(path: path, values: sorted)
    }
    objective = sweep.objective.metric
    goal = sweep.objective.goal.rawValue
    self.budget = budget
    eta = sweep.eta
    configurations = plan.trials.count
    base = plan.base.spec
  }

  /// Overrides running the same axes and objective by `method` at the full budget; `extra` adds
  /// keys of the method (`trials`, `seed`).
  func overrides(method: String, extra: [SpecValue.Pair] = []) -> [String] {
    let sweep = SpecValue.mapping(
      [SpecValue.Pair(key: "method", value: .string(method))] + extra + [
        .init(
          key: "objective",
          value: .mapping([
            .init(key: "metric", value: .string(objective)),
            .init(key: "goal", value: .string(goal)),
          ])),
        .init(
          key: "parameters",
          value: .mapping(axes.map { .init(key: $0.path, value: .list($0.values)) })),
      ])
    return ["sweep=\(sweep)", "optimizer.epochs=\(budget.upperBound)"]
  }

  /// The epochs of the full grid at the largest budget.
  var gridEpochs: Int { configurations * budget.upperBound }

  /// The axes as the Python peers name them (`learning_rate`, `units`, `l2`, `batch_size`),
  /// as JSON; nil when the spec sweeps other keys than the four the peers know.
  var peerSpaceJSON: String? {
    var space: [String: [Double]] = [:]
    for axis in axes {
      guard let key = Self.peerKeys[axis.path] else { return nil }
      space[key] = axis.values.compactMap(\.doubleValue)
    }
    guard space.count == Self.peerKeys.count,
      let data = try? JSONSerialization.data(withJSONObject: space, options: [.sortedKeys])
    else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// The runner's key paths of the axes the peers train, by the peers' names.
  static let peerKeys = [
    "optimizer.learning_rate": "learning_rate", "model.layers[0].units": "units",
    "regularization.l2": "l2", "optimizer.batch_size": "batch_size",
  ]
}

/// A benchmark that cannot run as asked (a spec without the expected sweep).
struct BenchHalvingError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
