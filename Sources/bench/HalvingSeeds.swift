import Conventions
import Foundation
import Reports
import Specs

/// The seeded searches of `bench halving` repeated over seeds: where random search's choice
/// lands in the grid for each seed, and, when `sweep.method: bayes` runs, how many trials bayes
/// needs to reach random search's best dev accuracy of the same seed.
struct HalvingSeeds {
  var space: HalvingSpace
  /// Random search's trials (successive halving's epochs at the full budget).
  var trials: Int
  var seeds: [Int]
  var bayesAvailable: Bool
  /// The most trials bayes gets to reach random search's best.
  var bayesTrials = 81

  /// `trials` and `seed` of a random sweep.
  static func random(_ trials: Int, seed: Int) -> [SpecValue.Pair] {
    [.init(key: "trials", value: .integer(trials)), .init(key: "seed", value: .integer(seed))]
  }

  /// A bayes sweep of `trials`: 4 random trials first, then batches of 4 TPE suggestions.
  static func bayes(_ trials: Int, seed: Int) -> [SpecValue.Pair] {
    random(trials, seed: seed) + [
      .init(key: "startup", value: .integer(4)), .init(key: "batch", value: .integer(4)),
    ]
  }

  /// Runs the searches with `run(method, overrides, folder name)` and prints a line each.
  func report(
    ranking: GridRanking, run: (String, [String], String) -> HalvingSearch
  ) {
    var places: [String] = []
    var needed: [String] = []
    for seed in seeds {
      let random = run(
        "random seed \(seed)",
        space.overrides(method: "random", extra: Self.random(trials, seed: seed)),
        "random-\(seed)")
      places.append(ranking.place(of: random.configuration).map { "\($0.position)" } ?? "-")
      guard bayesAvailable, random.unavailable == nil else { continue }
      let bayes = run(
        "bayes seed \(seed)",
        space.overrides(method: "bayes", extra: Self.bayes(bayesTrials, seed: seed)),
        "bayes-\(seed)")
      needed.append(
        bayes.folder.flatMap { Self.trialsToReach(random.dev, in: $0) }.map(String.init)
          ?? "not within \(bayesTrials)")
    }
    let span = "seeds \(seeds.first ?? 0)-\(seeds.last ?? 0)"
    print(
      "runner random (\(trials) trials), \(span): its choice's place in the grid: \(places.joined(separator: ", "))"
    )
    if bayesAvailable {
      print(
        "runner bayes, \(span): trials (in batches.csv order) until its dev accuracy reaches random search's best of the same seed: \(needed.joined(separator: ", "))"
      )
    }
  }

  /// The 1-based position, in the order of the sweep's `batches.csv`, of the first trial whose
  /// dev accuracy is at least `target`; nil if none is.
  static func trialsToReach(_ target: Double, in folder: URL) -> Int? {
    guard
      let batches = try? CSVTable(contentsOf: folder.appendingPathComponent("batches.csv")),
      let summary = try? CSVTable(contentsOf: folder.appendingPathComponent("summary.csv")),
      let trial = batches.columnIndex("trial"), let dev = summary.columnIndex("dev_accuracy")
    else { return nil }
    var accuracy: [String: Double] = [:]
    for row in summary.rows { accuracy[row[0]] = Double(row[dev]) }
    let trials = batches.rows.map { $0[trial] }.filter { !$0.isEmpty }  // not an empty batch's
    let index = trials.firstIndex { (accuracy[$0] ?? -.infinity) >= target }
    return index.map { $0 + 1 }
  }
}
