import Foundation
import Testing

/// Acceptance: 4 shards run as 4 separate processes (as 4 machines would, each with its own
/// results folder), chosen by `--shard`, `RUNNER_SHARD`, a Slurm array or a Kubernetes Indexed
/// Job, merged with `runner merge`, give the unsharded run's bytes.
@Suite(.serialized)
struct SweepShardBinaryTests {
  static let spec = SweepBinary.fixture("linear-grid.yaml")

  /// The arguments and environment of shard `i` of 4 under `scheduler`.
  static func shard(_ scheduler: String, _ i: Int) -> (
    arguments: [String], environment: [String: String]
  ) {
    switch scheduler {
    case "flag": (["--shard", "\(i)/4"], [:])
    case "Slurm":
      (
        [],
        [
          "SLURM_ARRAY_TASK_ID": "\(10 + i)", "SLURM_ARRAY_TASK_MIN": "10",
          "SLURM_ARRAY_TASK_COUNT": "4",
        ]
      )
    case "Kubernetes": ([], ["JOB_COMPLETION_INDEX": "\(i)", "RUNNER_SHARD_COUNT": "4"])
    default: ([], ["RUNNER_SHARD": "\(i)/4"])
    }
  }

  @Test(arguments: ["flag", "RUNNER_SHARD", "Slurm", "Kubernetes"])
  func fourShardProcessesMergeToTheUnshardedBytes(_ scheduler: String) throws {
    let whole = SweepBinary.temporaryDirectory("whole")
    let unsharded = try SweepBinary.run([
      "sweep", Self.spec, "--results-dir", whole.path, "--jobs", "1",
    ])
    #expect(unsharded.status == 0, "\(unsharded.error)")

    // Four processes at once, each with its own results folder.
    let roots = (0..<4).map { SweepBinary.temporaryDirectory("\(scheduler)\($0)") }
    nonisolated(unsafe) var results = [SweepBinary.Result?](repeating: nil, count: 4)
    DispatchQueue.concurrentPerform(iterations: 4) { i in
      let (arguments, environment) = Self.shard(scheduler, i)
      results[i] = try? SweepBinary.run(
        ["sweep", Self.spec, "--results-dir", roots[i].path, "--jobs", "1"] + arguments,
        environment: environment)
    }
    for (i, result) in results.enumerated() {
      #expect(result?.status == 0, "\(scheduler) shard \(i): \(result?.error ?? "did not run")")
      #expect(result?.error.contains("shard \(i)/4") == true)
    }
    let merged = SweepBinary.temporaryDirectory("merged").appendingPathComponent("sweep")
    let merge = try SweepBinary.run(
      ["merge"] + roots.map { $0.appendingPathComponent("sweep-linear-grid").path } + [
        "--into", merged.path,
      ])
    #expect(merge.status == 0, "\(merge.error)")
    #expect(merge.output.contains("6 of 6 complete"))
    let expected = SweepBinary.contents(of: whole.appendingPathComponent("sweep-linear-grid"))
    #expect(expected.count > 6 * 4)
    #expect(SweepBinary.contents(of: merged) == expected)
  }

  @Test func mergingAnIncompleteSetExitsOneAndNamesTheMissingTrials() throws {
    let root = SweepBinary.temporaryDirectory()
    _ = try SweepBinary.run(["sweep", Self.spec, "--results-dir", root.path, "--shard", "1/3"])
    let merge = try SweepBinary.run([
      "merge", root.appendingPathComponent("sweep-linear-grid").path,
    ])
    #expect(merge.status == 1)
    #expect(merge.output.contains("missing 4 trials"))
  }

  @Test func badShardIsAUsageError() throws {
    let result = try SweepBinary.run(["sweep", Self.spec, "--shard", "4/4", "--dry-run"])
    #expect(result.status == 64)
    #expect(result.error.contains("numbered from 0"))
  }
}
