import ArgumentParser
import CommandLineOptions
import Foundation
import Pipeline
import Specs

/// `bench halving`: the 81-configuration digits MLP search of
/// experiments/digits-mlp-halving-sweep.yaml by the runner's successive halving, Hyperband,
/// random search and full grid, beside Optuna's TPE with its successive-halving pruner and
/// scikit-learn's HalvingGridSearchCV run in the same invocation on the same split: best dev
/// accuracy, its test accuracy, epochs trained, wall time, and where each choice ranks in the
/// full grid at the full budget.
struct HalvingBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "halving",
    abstract: "Successive halving, Hyperband, random and grid search beside Optuna and sklearn.")

  @OptionGroup var blas: BLASKernelOption

  @Option(help: "The successive-halving spec (its grid is the search space).")
  var spec = "experiments/digits-mlp-halving-sweep.yaml"

  @Option(help: "Trials at once, for the runner's sweeps and HalvingGridSearchCV's n_jobs.")
  var jobs = 1

  @Option(help: "Seed of random search, bayes and Optuna's sampler.")
  var seed = 0

  @Option(
    help: "Random searches (seeds --seed, --seed + 1, …) whose places in the grid are listed.")
  var randomSeeds = 5

  @Option(help: "The Python that runs the peers (e.g. /tmp/bench-venv/bin/python).")
  var python = "python3"

  @Option(help: "Keep the sweeps' folders here (default: a temporary folder, removed).")
  var keep: String?

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp(
      "Override a key of the spec for every search and the peers' data (e.g. seed=3).",
      valueName: "key=value"))
  var overrides: [String] = []

  @Flag(help: "Skip the Python peers.")
  var noPeer = false

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    guard seed >= 0 else { throw ValidationError("--seed must be ≥ 0") }
    guard randomSeeds >= 1 else { throw ValidationError("--random-seeds must be at least 1") }
    // Sweeps resume in a folder holding their trials: the times would measure nothing.
    if let keep, !((try? FileManager.default.contentsOfDirectory(atPath: keep)) ?? []).isEmpty {
      throw ValidationError("--keep \(keep) is not empty; give a new or empty folder")
    }
  }

  func run() async throws {
    let space = try HalvingSpace(specPath: spec, overrides: overrides)
    let root =
      keep.map { URL(fileURLWithPath: $0) }
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "bench-halving-\(getpid())", isDirectory: true)
    defer { if keep == nil { try? FileManager.default.removeItem(at: root) } }
    #if DEBUG
      print("bench halving: note: this is a debug build; measure with `swift run -c release`")
    #endif
    print(
      "bench halving: \(spec): \(space.configurations) configurations × \(space.budget.lowerBound)-\(space.budget.upperBound) epochs, eta \(space.eta), objective \(space.objective)\(overrides.map { ", --set " + $0 }.joined()); --jobs \(jobs), seed \(seed) \(BenchEnvironment.tag)"
    )
    let axes = space.axes.map(\.path)
    let max = space.budget.upperBound
    var ours: [HalvingSearch] = []
    func search(_ method: String, _ overrides: [String]) -> HalvingSearch {
      let found = runOurs(
        method, overrides, folder: root.appendingPathComponent(ours.count.description), axes: axes,
        max: max)
      ours.append(found)
      return found
    }
    let halving = search("runner successive halving", [])
    _ = search("runner hyperband", ["sweep.method=hyperband"])
    // Random search with successive halving's epochs, each trial at the full budget.
    let randomTrials = Swift.max(1, halving.epochs / max)
    _ = search(
      "runner random (\(randomTrials) trials)",
      space.overrides(method: "random", extra: HalvingSeeds.random(randomTrials, seed: seed)))
    // `sweep.method: bayes` with as many trials: 4 random, then batches of 4
    // TPE suggestions. It reads "unavailable" when the spec language lacks the method.
    _ = search(
      "runner bayes (\(randomTrials) trials)",
      space.overrides(method: "bayes", extra: HalvingSeeds.bayes(randomTrials, seed: seed)))
    let grid = search("runner full grid", space.overrides(method: "grid"))
    var peers: [HalvingSearch] = []
    if !noPeer {
      Self.note("running the Python peers …")
      peers = HalvingPeers.run(
        python: python, specPath: spec, space: space,
        budgetEpochs: halving.unavailable == nil ? halving.epochs : max * 12, jobs: jobs,
        seed: seed, directory: root.appendingPathComponent("peer-data"))
    }
    let ranking = grid.folder.flatMap { try? GridRanking(folder: $0, axes: axes) }
    print(
      HalvingTable(space: space, ranking: ranking, gridEpochs: space.gridEpochs).render(
        ours + peers))
    print(HalvingTable.acceptance(halving, ranking: ranking, gridEpochs: space.gridEpochs))
    guard let ranking else { return }
    let seeds = HalvingSeeds(
      space: space, trials: randomTrials, seeds: Array(seed..<(seed + randomSeeds)),
      bayesAvailable: ours.contains { $0.method.hasPrefix("runner bayes") && $0.unavailable == nil }
    )
    seeds.report(ranking: ranking) { method, overrides, name in
      runOurs(method, overrides, folder: root.appendingPathComponent(name), axes: axes, max: max)
    }
  }

  /// A progress line on standard error.
  static func note(_ text: String) {
    FileHandle.standardError.write(Data("bench halving: \(text)\n".utf8))
  }

  /// Runs the spec with `overrides` into `folder` with the benchmark's jobs, timed.
  func runOurs(
    _ method: String, _ overrides: [String], folder: URL, axes: [String], max: Int
  ) -> HalvingSearch {
    Self.note("running \(method) …")
    let options = SweepOptions(
      run: RunOptions(
        spec: SpecOptions(overrides: self.overrides + overrides), resultsRoot: folder.path),
      jobs: jobs)
    let start = Date()
    do {
      let outcome = try SweepRunner.run(specPath: spec, options: options)
      let seconds = Date().timeIntervalSince(start)
      return try HalvingSearch.read(
        method, folder: URL(fileURLWithPath: outcome.directory), axes: axes, fullBudget: max,
        seconds: seconds)
    } catch let error as SweepError {
      let reason = error.diagnostics?.first.map(\.message) ?? error.description
      return .unavailable(method, reason)
    } catch {
      return .unavailable(method, "\(error)")
    }
  }
}
