import Pipeline
import Testing

@Suite struct SweepShardTests {
  @Test func parsesIndexOverCount() throws {
    let shard = try Shard.parse("2/4")
    #expect(shard.index == 2 && shard.count == 4)
    #expect(shard.description == "2/4")
  }

  @Test(arguments: ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3", ""])
  func refusesBadShards(_ text: String) {
    #expect(throws: SweepError.self) { try Shard.parse(text) }
  }

  @Test func sharesAreDisjointAndCoverEveryTrial() throws {
    let items = Array(0..<23)
    let shares = try (0..<4).map { try Shard(index: $0, count: 4).share(of: items) }
    #expect(shares.flatMap { $0 }.sorted() == items)
    #expect(Set(shares.map(\.count)) == [5, 6])
  }

  @Test func explicitShardWinsOverTheEnvironment() throws {
    let shard = try Shard.resolve(explicit: "1/3", environment: ["RUNNER_SHARD": "0/2"])
    #expect(shard.index == 1 && shard.count == 3)
  }

  @Test func runnerShardVariable() throws {
    let shard = try #require(
      try Shard.fromEnvironment(["RUNNER_SHARD": "3/5", "SLURM_ARRAY_TASK_ID": "0"]))
    #expect(shard.index == 3 && shard.count == 5)
  }

  @Test func slurmArrayCountsFromTheMinimumInSteps() throws {
    let plain = try #require(
      try Shard.fromEnvironment([
        "SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_COUNT": "4",
      ]))
    #expect(plain.index == 2 && plain.count == 4)
    let stepped = try #require(
      try Shard.fromEnvironment([
        "SLURM_ARRAY_TASK_ID": "6", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_STEP": "2",
        "SLURM_ARRAY_TASK_COUNT": "4",
      ]))
    #expect(stepped.index == 3 && stepped.count == 4)
    #expect(throws: SweepError.self) {
      try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "1"])
    }
  }

  /// The variables `sbatch --array=SPEC` sets for task `id`.
  static func slurm(id: Int, min: Int, max: Int, count: Int, step: Int? = 1) -> [String: String] {
    var environment = [
      "SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "\(min)",
      "SLURM_ARRAY_TASK_MAX": "\(max)", "SLURM_ARRAY_TASK_COUNT": "\(count)",
    ]
    if let step { environment["SLURM_ARRAY_TASK_STEP"] = "\(step)" }
    return environment
  }

  @Test func resubmittingOneSlurmIndexRunsExactlyThatShard() throws {
    let resubmitted = Self.slurm(id: 5, min: 5, max: 5, count: 1)
    let pinned = try #require(
      try Shard.fromEnvironment(resubmitted.merging(["RUNNER_SHARD_COUNT": "8"]) { $1 }))
    #expect(pinned.index == 5 && pinned.count == 8)
    do {
      _ = try Shard.fromEnvironment(resubmitted)
      Issue.record("a one-task array ran as the whole sweep")
    } catch {
      #expect(
        error.description.contains(
          "a one-task array (--array=5) does not say how many shards the sweep has"))
      #expect(error.description.contains("export RUNNER_SHARD_COUNT=N"))
    }
  }

  @Test func slurmListsNeedThePinnedCount() throws {
    // --array=0,2,5: COUNT 3, MIN 0, MAX 5, no meaningful step.
    let list = Self.slurm(id: 2, min: 0, max: 5, count: 3, step: nil)
    let pinned = try #require(
      try Shard.fromEnvironment(list.merging(["RUNNER_SHARD_COUNT": "8"]) { $1 }))
    #expect(pinned.index == 2 && pinned.count == 8)
    #expect(throws: SweepError.self) { try Shard.fromEnvironment(list) }
    // The whole array, as submitted: its own geometry still works without the pinned count.
    let whole = try #require(try Shard.fromEnvironment(Self.slurm(id: 7, min: 0, max: 7, count: 8)))
    #expect(whole.index == 7 && whole.count == 8)
  }

  @Test func kubernetesIndexedJobNeedsTheShardCount() throws {
    let shard = try #require(
      try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "1", "RUNNER_SHARD_COUNT": "4"]))
    #expect(shard.index == 1 && shard.count == 4)
    do {
      _ = try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "1"])
      Issue.record("expected an error without RUNNER_SHARD_COUNT")
    } catch {
      #expect(error.description.contains("RUNNER_SHARD_COUNT"))
      #expect(error.exitCode == .usage)
    }
  }

  @Test func noSchedulerMeansTheWholeSweep() throws {
    #expect(try Shard.fromEnvironment(["PATH": "/bin"]) == nil)
    #expect(try Shard.resolve(explicit: nil, environment: [:]) == Shard.whole)
  }
}
