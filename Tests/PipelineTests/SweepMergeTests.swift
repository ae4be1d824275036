import Foundation
import Pipeline
import Reports
import Testing

@Suite struct SweepMergeTests {
  /// The unsharded run of `spec` (folder path).
  static func unsharded(_ spec: String) throws -> String {
    try SweepRunner.run(
      specPath: spec, options: SweepFixture.options(root: SweepFixture.temporaryDirectory("whole"))
    ).directory
  }

  @Test func fourShardsMergeToTheUnshardedBytes() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let whole = try Self.unsharded(spec)
    var folders: [String] = []
    var ran: [String] = []
    for i in 0..<4 {
      let outcome = try SweepRunner.run(
        specPath: spec,
        options: SweepFixture.options(
          root: SweepFixture.temporaryDirectory("shard\(i)"), shard: "\(i)/4"))
      folders.append(outcome.directory)
      ran += outcome.finished.map(\.trial)
      #expect(outcome.preview.shard.index == i)
    }
    #expect(ran.count == 6 && Set(ran).count == 6)
    let target = SweepFixture.temporaryDirectory("merged").appendingPathComponent(
      "sweep-linear-grid"
    ).path
    let merged = try SweepMerger.merge(folders, into: target)
    #expect(
      merged.missing.isEmpty && merged.copied == 6 && merged.complete == 6 && merged.planned == 6)
    #expect(SweepFixture.contents(of: target) == SweepFixture.contents(of: whole))
    // Merging again (or into the first shard's folder) changes nothing.
    let again = try SweepMerger.merge(folders, into: target)
    #expect(again.copied == 0)
    _ = try SweepMerger.merge(folders)
    #expect(SweepFixture.contents(of: folders[0]) == SweepFixture.contents(of: whole))
  }

  /// A shard of an earlier runner, whose `sweep.csv` records no seed, merged with one that
  /// does: the merged folder keeps the seed in either order, and is the unsharded run's
  /// (tester BO-7: named seeded shard first, the seed row was dropped).
  @Test func aShardWithoutTheSeedRowKeepsTheOthersInEitherOrder() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let whole = try Self.unsharded(spec)
    let folders = try (0..<2).map { i in
      try SweepRunner.run(
        specPath: spec,
        options: SweepFixture.options(
          root: SweepFixture.temporaryDirectory("seedless\(i)"), shard: "\(i)/2")
      ).directory
    }
    let settings = URL(fileURLWithPath: folders[0]).appendingPathComponent("sweep.csv")
    let text = try String(contentsOf: settings, encoding: .utf8)
    let seedless = text.split(separator: "\n").filter { !$0.hasPrefix("seed,") }
    #expect(seedless.count < text.split(separator: "\n").count)
    try (seedless.joined(separator: "\n") + "\n").write(
      to: settings, atomically: false, encoding: .utf8)
    for (order, label) in [(folders, "m01"), (folders.reversed(), "m10")] {
      let target = SweepFixture.temporaryDirectory(label).appendingPathComponent(
        "sweep-linear-grid"
      ).path
      _ = try SweepMerger.merge(Array(order), into: target)
      #expect(
        SweepFixture.contents(of: target)["sweep.csv"]
          == SweepFixture.contents(of: whole)[
            "sweep.csv"], "\(label)")
    }
  }

  /// The environment a scheduler gives shard `i` of 3.
  static func environment(_ scheduler: String, _ i: Int) -> [String: String] {
    switch scheduler {
    case "Slurm":
      [
        "SLURM_ARRAY_TASK_ID": "\(i + 1)", "SLURM_ARRAY_TASK_MIN": "1",
        "SLURM_ARRAY_TASK_COUNT": "3",
      ]
    case "Kubernetes": ["JOB_COMPLETION_INDEX": "\(i)", "RUNNER_SHARD_COUNT": "3"]
    default: ["RUNNER_SHARD": "\(i)/3"]
    }
  }

  @Test(arguments: ["RUNNER_SHARD", "Slurm", "Kubernetes"])
  func schedulerEnvironmentShardsMergeToTheUnshardedBytes(_ scheduler: String) throws {
    let spec = SweepFixture.spec("diverging.yaml")
    let whole = try Self.unsharded(spec)
    var folders: [String] = []
    for i in 0..<3 {
      let outcome = try SweepRunner.run(
        specPath: spec,
        options: SweepFixture.options(
          root: SweepFixture.temporaryDirectory("\(scheduler)\(i)"),
          environment: Self.environment(scheduler, i)))
      #expect(outcome.preview.shard.count == 3 && outcome.preview.shard.index == i, "\(scheduler)")
      #expect(outcome.finished.count == 1)
      folders.append(outcome.directory)
    }
    let merged = try SweepMerger.merge(folders)
    #expect(merged.missing.isEmpty)
    #expect(SweepFixture.contents(of: folders[0]) == SweepFixture.contents(of: whole))
  }

  @Test func anIncompleteMergeNamesTheMissingTrials() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let shard = try SweepRunner.run(
      specPath: spec,
      options: SweepFixture.options(root: SweepFixture.temporaryDirectory(), shard: "0/3"))
    let target = SweepFixture.temporaryDirectory("target").path + "/merged"
    let merged = try SweepMerger.merge([shard.directory], into: target)
    #expect(merged.complete == 2 && merged.missing.count == 4)
    #expect(try SweepFixture.table(target + "/summary.csv").rows.count == 2)
  }

  @Test func conflictingTrialResultsAreRefused() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let a = try Self.unsharded(spec)
    let b = try Self.unsharded(spec)
    let id = try #require(try SweepFixture.table(a + "/summary.csv").column("trial")?.first)
    try "iteration,train_loss\n0,1.0\n".write(
      toFile: b + "/\(id)/metrics.csv", atomically: true, encoding: .utf8)
    do {
      _ = try SweepMerger.merge([a, b])
      Issue.record("expected a conflict")
    } catch {
      guard case .conflictingTrial(let trial, _, _, let file, nil) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(trial == id && file == "metrics.csv")
      #expect(error.exitCode == .failure)
    }
  }

  /// Two copies of a trial made in different numeric environments: neither is "the wrong one"
  /// (tester AB8).
  @Test func aTrialFromTwoEnvironmentsIsNotCalledWrong() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let a = try Self.unsharded(spec)
    let b = try Self.unsharded(spec)
    let id = try #require(try SweepFixture.table(a + "/summary.csv").column("trial")?.first)
    try "iteration,train_loss\n0,1.0\n".write(
      toFile: b + "/\(id)/metrics.csv", atomically: true, encoding: .utf8)
    let record = b + "/\(id)/environment.csv"
    let lines = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n").map {
      $0.hasPrefix("numeric_environment,")
        ? "numeric_environment,\"aarch64 OpenBLAS 0.3.21 NeoverseN1 kernel, 1 thread\"" : String($0)
    }
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: record, atomically: true, encoding: .utf8)
    do {
      _ = try SweepMerger.merge([a, b])
      Issue.record("expected a conflict")
    } catch {
      guard case .trialFromTwoEnvironments(let trial, _, _, let file, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(trial == id && file == "metrics.csv")
      #expect(error.exitCode == .failure)
      #expect(
        error.description.hasPrefix(
          "error: trial \(id) has different results in \(a) and \(b) (metrics.csv differs), made "
            + "in different numeric environments ("))
      #expect(
        error.description.hasSuffix(
          "'aarch64 OpenBLAS 0.3.21 NeoverseN1 kernel, 1 thread', which differ in the CPU "
            + "architecture, the BLAS kernel and the C math library), so their figures can differ and neither copy is wrong; keep the copy from "
            + "the environment the rest of the sweep ran in, remove the other, and merge again"))
    }
  }

  /// A folder that does not exist is said to be missing; one without a plan is no sweep.
  @Test func aMissingFolderIsNamedAsMissing() throws {
    let dir = SweepFixture.temporaryDirectory("plain").path
    for (path, expected) in [
      (dir + "/nope", "error: \(dir)/nope: no such folder"),
      (dir, "error: \(dir) is not a sweep results folder (no plan.csv)"),
    ] {
      do {
        _ = try SweepMerger.merge([path])
        Issue.record("expected a refusal")
      } catch {
        #expect(error.description.hasPrefix(expected), "\(error)")
        #expect(error.exitCode == .noInput)
      }
    }
  }

  /// Merging two disagreeing copies into a new folder names both copies (not the new folder,
  /// which held neither) and writes nothing there.
  @Test func aConflictIntoANewFolderNamesTheSourcesAndWritesNothing() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let a = try Self.unsharded(spec)
    let b = try Self.unsharded(spec)
    let id = try #require(try SweepFixture.table(a + "/summary.csv").column("trial")?.last)
    try "iteration,train_loss\n0,1.0\n".write(
      toFile: b + "/\(id)/metrics.csv", atomically: true, encoding: .utf8)
    let target = SweepFixture.temporaryDirectory("target").path + "/merged"
    #expect(throws: SweepError.self) { try SweepMerger.merge([a, b], into: target) }
    do {
      _ = try SweepMerger.merge([a, b], into: target)
    } catch {
      #expect(error.description.contains("in \(a) and \(b) (metrics.csv differs)"))
    }
    #expect(!FileManager.default.fileExists(atPath: target))
  }

  /// A file in one copy of a trial only is named with the copy holding it as found when the
  /// merge was refused: the message does not look at the disk again when it is printed.
  @Test func aConflictSaysWhichCopyHeldTheFileAsFound() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let a = try Self.unsharded(spec)
    let b = try Self.unsharded(spec)
    let id = try #require(try SweepFixture.table(a + "/summary.csv").column("trial")?.first)
    let note = b + "/\(id)/notes.md"
    try "mine\n".write(toFile: note, atomically: true, encoding: .utf8)
    do {
      _ = try SweepMerger.merge([a, b])
      Issue.record("expected a conflict")
    } catch {
      guard case .conflictingTrial(let trial, _, _, let file, let holder) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(trial == id && file == "notes.md" && holder == b)
      try FileManager.default.removeItem(atPath: note)
      #expect(
        error.description
          == "error: trial \(id) has different files in \(a) and \(b): notes.md is only in "
          + "\(b)/\(id); move it out of the trial folder if it is yours, else remove the wrong "
          + "copy of the trial, and merge again")
    }
  }

  /// What `runner export` writes into one copy of a trial (DVC's summary.json, TensorBoard's
  /// event file) is no conflict with a copy that was not exported.
  @Test func exportsInOneCopyOfATrialAreNoConflict() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let a = try Self.unsharded(spec)
    let b = try Self.unsharded(spec)
    let id = try #require(try SweepFixture.table(a + "/summary.csv").column("trial")?.first)
    try "{}".write(toFile: b + "/\(id)/summary.json", atomically: true, encoding: .utf8)
    try "x".write(
      toFile: b + "/\(id)/events.out.tfevents.1.host.runner", atomically: true, encoding: .utf8)
    let merged = try SweepMerger.merge([a, b])
    #expect(merged.missing.isEmpty)
  }

  /// A user's file in an incomplete trial folder of the merged folder is kept in the sweep's
  /// `.history/<trial>/` and named in a note, as `runner sweep` keeps it.
  @Test func aUsersFileInAnIncompleteTrialFolderIsKeptInHistory() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let whole = try Self.unsharded(spec)
    let shards = try (0..<2).map { i in
      try SweepRunner.run(
        specPath: spec,
        options: SweepFixture.options(
          root: SweepFixture.temporaryDirectory("shard\(i)"), shard: "\(i)/2"))
    }
    let id = try #require(shards[1].finished.first?.trial)
    let folder = URL(fileURLWithPath: shards[0].directory).appendingPathComponent(id)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "mine\n".write(
      to: folder.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
    let merged = try SweepMerger.merge([shards[0].directory, shards[1].directory])
    #expect(merged.missing.isEmpty && merged.copied == 3)
    #expect(merged.notes.count == 1 && merged.notes.first?.contains("notes.md") == true)
    let history = URL(fileURLWithPath: shards[0].directory)
      .appendingPathComponent(".history").appendingPathComponent(id)
    let kept = try FileManager.default.contentsOfDirectory(atPath: history.path)
    #expect(kept.count == 1)
    let note = history.appendingPathComponent(kept[0]).appendingPathComponent("notes.md")
    #expect(try String(contentsOf: note, encoding: .utf8) == "mine\n")
    #expect(SweepFixture.contents(of: shards[0].directory) == SweepFixture.contents(of: whole))
    // The shard whose folder it was, for the same merge made again (tester BD F-k).
    #expect(
      SweepFixture.hiddenEntries(in: shards[0].directory) == [".history", ".merged.shard-0-of-2"])
  }

  @Test func differentSweepsAndNonSweepFoldersAreRefused() throws {
    let a = try Self.unsharded(SweepFixture.spec("linear-grid.yaml"))
    let b = try Self.unsharded(SweepFixture.spec("diverging.yaml"))
    #expect(throws: SweepError.self) { try SweepMerger.merge([a, b]) }
    let empty = SweepFixture.temporaryDirectory().path
    do {
      _ = try SweepMerger.merge([a, empty])
      Issue.record("expected an error")
    } catch {
      #expect(error.exitCode == .noInput)
      #expect(error.description.contains("plan.csv"))
    }
  }
}

/// A successive-halving merge into a folder holding another sweep is refused before anything in
/// that folder is written.
@Suite struct HalvingMergeTargetTests {
  @Test func anotherSweepsFolderIsRefusedUntouched() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shard = try SweepRunner.run(
      specPath: SweepHalvingTests.spec,
      options: SweepFixture.options(root: root.appendingPathComponent("a")))
    var other = SweepFixture.options(root: root.appendingPathComponent("b"))
    other.run.spec.overrides = ["seed=99"]
    let target = try SweepRunner.run(specPath: SweepHalvingTests.spec, options: other)
    let before = SweepFixture.contents(of: target.directory)
    #expect(throws: SweepError.self) {
      try SweepMerger.merge([shard.directory], into: target.directory)
    }
    SweepFixture.expectSameFiles(
      SweepFixture.contents(of: target.directory), before, "changed by a refused merge")
  }
}
