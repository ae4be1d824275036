import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Acceptance: `kill -9` at 30 seeded moments of single runs (training, each staged file of the
/// write phase, between the swap's steps) always leaves the previous or the new results whole,
/// and the next run leaves no staging folder; a second Ctrl-C stops a sweep with exit 130; two
/// sweeps of one spec at once both finish.
@Suite(.serialized)
struct RunKillTests {
  @Test func killedSingleRunsLeaveThePreviousOrTheNewResultsWhole() throws {
    let root = SweepBinary.temporaryDirectory()
    let specs = try [0.1, 0.05].map {
      try FolderSafetyBinaryTests.singleSpec(in: root, learningRate: $0)
    }
    // Reference results of both specs (each writes results/tiny).
    var references: [[String: Data]] = []
    for spec in specs {
      let reference = root.appendingPathComponent("reference-\(references.count)")
      #expect(try SweepBinary.run(["run", spec, "--results-dir", reference.path]).status == 0)
      references.append(SweepBinary.contents(of: reference.appendingPathComponent("tiny")))
    }
    let results = root.appendingPathComponent("results")
    let folder = results.appendingPathComponent("tiny")
    #expect(try SweepBinary.run(["run", specs[0], "--results-dir", results.path]).status == 0)
    let files = references[0].count
    var moments = SeededMoments(seed: 13)
    var kills = 0
    for round in 0..<30 {
      let which = (round + 1) % 2
      let point: String
      switch Int.random(in: 0..<4, using: &moments) {
      case 0: point = "run-commit:1"
      case 1: point = "run-retire:1"
      default: point = "run-write:\(Int.random(in: 1...files + 1, using: &moments))"
      }
      let result = try SweepBinary.run(
        ["run", specs[which], "--results-dir", results.path],
        environment: ["RUNNER_SWEEP_CRASH_AT": point])
      if result.killed { kills += 1 }
      let now = SweepBinary.contents(of: folder)
      #expect(now == references[0] || now == references[1], "round \(round) at \(point)")
    }
    #expect(kills >= 25, "the runs finished before the kills")
    #expect(try SweepBinary.run(["run", specs[0], "--results-dir", results.path]).status == 0)
    #expect(SweepBinary.contents(of: folder) == references[0])
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: results.path)
      .filter { $0.hasPrefix(".staging-") }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }

  @Test func aSecondCtrlCStopsASweepWithExit130AndARerunResumes() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = SweepBinary.fixture("kill-grid.yaml")
    let folder = root.appendingPathComponent("sweep-kill-grid")
    let result = try SweepBinary.run(
      ["sweep", spec, "--results-dir", root.path, "--jobs", "2"],
      interruptTwiceOnceExists: folder.appendingPathComponent("plan.csv"))
    #expect(!result.killed, "\(result.error)")
    #expect(result.status == 130, "\(result.error)")
    let rerun = try SweepBinary.run(["sweep", spec, "--results-dir", root.path, "--jobs", "2"])
    #expect(rerun.status == 0, "\(rerun.error)")
    #expect(SweepBinary.completeTrials(in: folder) == 12)
  }

  @Test func twoSweepsOfOneSpecAtOnceBothFinish() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = SweepBinary.fixture("kill-grid.yaml")
    nonisolated(unsafe) var first: SweepBinary.Result?
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      first = try? SweepBinary.run(["sweep", spec, "--results-dir", root.path])
      group.leave()
    }
    let second = try SweepBinary.run(["sweep", spec, "--results-dir", root.path])
    group.wait()
    #expect(second.status == 0, "\(second.error)")
    #expect(first?.status == 0, "\(first?.error ?? "")")
    let folder = root.appendingPathComponent("sweep-kill-grid")
    #expect(SweepBinary.completeTrials(in: folder) == 12)
    let rows = try String(contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
      .split(separator: "\n")
    #expect(rows.count == 13)
  }
}
