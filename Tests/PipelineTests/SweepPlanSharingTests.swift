import Foundation
import Testing

@testable import Pipeline
@testable import Specs

/// A sweep plan's trials keep one copy of the origins they all read from the spec (tester P9:
/// 100 000 trials took 1.5 GB, each trial's source map its own), each with its own seed and output.
@Suite struct SweepPlanSharingTests {
  let spec = """
    dataset: {generator: {type: moons, samples: 40, noise: 0.1}}
    model: {type: logreg}
    optimizer: {type: gd, iterations: 3}
    sweep:
      parameters:
        optimizer.type: [gd, momentum]
        optimizer.iterations: {range: [1, 50]}
    """

  /// Every trial but the first shares its origins (both optimizer types read the same keys);
  /// its seed, output and swept value are its own.
  @Test func trialsShareTheOriginsTheyRead() throws {
    let plan = try SweepPlanner.plan(text: spec, file: "sweep.yaml")
    #expect(plan.trials.count == 100)
    #expect(plan.trials.map(\.id) == plan.trials.map(\.id).sorted())
    #expect(plan.trials.filter { !$0.sourceMap.sharing }.count == 1)
    for trial in plan.trials {
      let map = trial.sourceMap
      #expect(map.origin(of: "output") == .derived("sweep output/\(trial.id)"))
      #expect(map.origins[SpecPath("output")] == map.origin(of: "output"))
      #expect(map.origin(of: "seed")?.description.contains("trial \(trial.id)'s") == true)
      #expect(map.location(of: "optimizer.iterations")?.line == 7)
      #expect(map.origin(of: "optimizer.learning_rate") == .default)
      #expect(map.swept[SpecPath("optimizer.iterations")] == trial.assignments[1].value)
    }
  }

  /// A map sharing another's origins writes its own apart: the other keeps its origins, and
  /// both compare by what they give.
  @Test func aSharingMapSetsItsOwn() {
    let location = SourceLocation(source: .file("a.yaml"), line: 2, column: 3)
    let first = SourceMap(file: "a.yaml", origins: ["seed": .file(location)])
    var second = SourceMap(file: "a.yaml", origins: ["seed": .file(location)])
    let shared = second.shareOrigins(with: [first])
    #expect(shared)
    #expect(second == first)
    second.set("seed", .derived("here"))
    #expect(first.origin(of: "seed") == .file(location))
    #expect(second.origin(of: "seed") == .derived("here"))
    #expect(second.origins == ["seed": .derived("here")])
    #expect(second != first)
    var third = SourceMap(file: "a.yaml", origins: ["name": .default])
    let thirdShared = third.shareOrigins(with: [first])
    #expect(!thirdShared)
  }
}
