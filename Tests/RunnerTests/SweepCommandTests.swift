import Foundation
import Testing

/// `runner sweep` and `runner merge` as a user runs them: exit codes, dry run, Ctrl-C.
@Suite(.serialized) struct SweepCommandTests {
  @Test func aFailedTrialExitsOneAndIsListed() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = SweepBinary.fixture("diverging.yaml")
    let result = try SweepBinary.run(["sweep", spec, "--results-dir", root.path, "--jobs", "2"])
    #expect(result.status == 1)
    #expect(result.output.contains("ran 3 trials (2 ok, 1 failed)"))
    #expect(result.error.contains("failed: training diverged"))
    // Rerun: nothing to do, the failed trial is still failed.
    let again = try SweepBinary.run(["sweep", spec, "--results-dir", root.path])
    #expect(again.status == 1)
    #expect(again.output.contains("skipped 3 already complete"))
  }

  /// `--jobs -1` and `--jobs=-1` use every core, as scikit-learn's `n_jobs=-1` (ArgumentParser
  /// took `-1` for a flag: "Missing value"), with the files of `--jobs 1`; 0 and other negative
  /// counts are refused with exit 64, saying what fits.
  @Test func jobsMinusOneIsEveryCoreAndCountsBelowOneAreRefused() throws {
    let spec = SweepBinary.fixture("linear-grid.yaml")
    func files(_ root: URL) throws -> [String: Data] {
      let folder = root.appendingPathComponent("sweep-linear-grid")
      let paths = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
      var contents: [String: Data] = [:]
      for path in paths.sorted() where path.hasSuffix(".csv") && !path.hasSuffix("timings.csv") {
        guard !path.hasSuffix("environment.csv") else { continue }
        contents[path] = try Data(contentsOf: folder.appendingPathComponent(path))
      }
      return contents
    }
    let one = SweepBinary.temporaryDirectory("jobs one")
    #expect(
      try SweepBinary.run(["sweep", spec, "--results-dir", one.path, "--jobs", "1"]).status == 0)
    let expected = try files(one)
    #expect(expected.keys.contains("summary.csv"))
    for form in [["--jobs", "-1"], ["--jobs=-1"]] {
      let root = SweepBinary.temporaryDirectory("jobs all \(form.count)")
      let result = try SweepBinary.run(["sweep", spec, "--results-dir", root.path] + form)
      #expect(result.status == 0, "\(form): \(result.error)")
      #expect(try files(root) == expected, "\(form)")
    }
    for count in ["0", "-2"] {
      let root = SweepBinary.temporaryDirectory("jobs \(count)")
      let result = try SweepBinary.run(["sweep", spec, "--results-dir", root.path, "--jobs", count])
      #expect(result.status == 64)
      #expect(
        result.error.contains(
          "error: --jobs must be a number of trials at once, at least 1, or -1 for every core "
            + "(got \(count))"), "\(result.error)")
    }
  }

  @Test func dryRunListsTrialsAndWritesNothing() throws {
    let root = SweepBinary.temporaryDirectory()
    let result = try SweepBinary.run(
      [
        "sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir", root.path, "--dry-run",
        "--shard", "1/2",
      ])
    #expect(result.status == 0)
    let lines = result.output.split(separator: "\n")
    #expect(lines.first?.contains("optimizer.learning_rate") == true)
    #expect(lines.filter { $0.contains("  to run  ") }.count == 3)
    #expect(result.output.contains("6 trials, shard 1/2 (--shard) has 3; 3 to run"))
    #expect(result.output.contains("estimated cost:"))
    #expect((try? FileManager.default.contentsOfDirectory(atPath: root.path))?.isEmpty == true)
  }

  /// `--dry-run --json` is the listing as one JSON object (it printed the text table before).
  @Test func dryRunWithJSONPrintsTheListingAsData() throws {
    let root = SweepBinary.temporaryDirectory()
    let result = try SweepBinary.run(
      [
        "sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir", root.path, "--dry-run",
        "--shard", "1/2", "--json",
      ])
    #expect(result.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(object["status"] as? String == "dry_run")
    #expect(object["trials_in_sweep"] as? Int == 6 && object["trials_in_shard"] as? Int == 3)
    let trials = try #require(object["trials"] as? [[String: Any]])
    #expect(trials.count == 3 && trials.allSatisfy { $0["state"] as? String == "to_run" })
    let values = try #require(trials.first?["values"] as? [String: Any])
    #expect(values["optimizer.learning_rate"] != nil)
    #expect(object["estimated_cost"] is [String: Any] && object["rungs"] is NSNull)
    #expect((try? FileManager.default.contentsOfDirectory(atPath: root.path))?.isEmpty == true)
  }

  /// Trials too big for their share of the memory are marked in the dry run (it listed them
  /// `to run`, and the sweep then failed them), and `runner validate` names the swept value to
  /// blame (it pointed at the axis only).
  @Test func trialsTooBigForMemoryAreMarkedAndTheValueToBlameNamed() throws {
    let folder = SweepBinary.temporaryDirectory()
    let spec = folder.appendingPathComponent("mem-sweep.yaml")
    try """
    name: mem-sweep
    dataset: {generator: {type: moons, samples: 2000}}
    model:
      type: mlp
      layers: [{units: 4, activation: relu}, {units: 1, activation: sigmoid}]
    optimizer: {type: adam, batch_size: 64, epochs: 1}
    sweep:
      method: grid
      parameters:
        optimizer.learning_rate: [0.1, 0.01]
        model.layers[0].units: [4, 200000]

    """.write(to: spec, atomically: true, encoding: .utf8)
    let environment = ["RUNNER_MEMORY_LIMIT": "300M"]
    let results = folder.appendingPathComponent("results").path
    let dry = try SweepBinary.run(
      ["sweep", spec.path, "--results-dir", results, "--dry-run", "--jobs", "1"],
      environment: environment)
    #expect(dry.status == 0, "\(dry.error)")
    let rows = dry.output.split(separator: "\n")
    #expect(rows.filter { $0.contains("  too big: about ") && $0.contains("200000") }.count == 2)
    #expect(rows.filter { $0.contains("  to run  ") && !$0.contains("200000") }.count == 2)
    #expect(
      dry.output.contains("4 to run (2 too big for memory, which would fail)"), "\(dry.output)")
    #expect(
      dry.output.contains(
        "too big: 2 trials to run need more than the 292 MB limit (set by RUNNER_MEMORY_LIMIT, "
          + "less 8.1 MB for the sweep itself)"),
      "\(dry.output)")
    #expect(dry.output.contains(") and would fail: model.layers[0].units: 200000\n"))
    let json = try SweepBinary.run(
      ["sweep", spec.path, "--results-dir", results, "--dry-run", "--jobs", "1", "--json"],
      environment: environment)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
    let trials = try #require(object["trials"] as? [[String: Any]])
    #expect(trials.filter { ($0["too_big"] as? Double ?? 0) > 300 * 1024 * 1024 }.count == 2)
    #expect(trials.filter { $0["too_big"] is NSNull }.count == 2)
    let validate = try SweepBinary.run(["validate", spec.path], environment: environment)
    #expect(validate.status == 65)
    #expect(
      validate.error.contains("2 of the 4 trials are too big, at model.layers[0].units: 200000"),
      "\(validate.error)")
    // Validate shares the limit as `runner sweep`'s default --jobs (the cores) does.
    let jobs = min(4, ProcessInfo.processInfo.activeProcessorCount)
    #expect(jobs == 1 || validate.error.contains("shared by \(jobs) jobs"), "\(validate.error)")
    // A trial's share is said as a trial's, not "this run" (the sweep is many runs) nor each
    // trial's (only the 200000-unit ones are too big).
    #expect(validate.error.contains("error: a trial needs about "), "\(validate.error)")
  }

  /// A trial too big only for its swept value is refused at that axis, with the axis's advice,
  /// even when the data every trial shares takes the largest part of the estimate (tester N6:
  /// the caret pointed at `dataset.name`, the note at the swept value).
  @Test func aTrialTooBigForItsSweptValueIsRefusedAtTheAxis() throws {
    let folder = SweepBinary.temporaryDirectory()
    let spec = folder.appendingPathComponent("data-heavy.yaml")
    try """
    name: data-heavy
    dataset: {generator: {type: moons, samples: 1000000}}
    model:
      type: mlp
      layers: [{units: 4, activation: relu}, {units: 1, activation: sigmoid}]
    optimizer: {type: adam, batch_size: 64, epochs: 1}
    sweep:
      method: grid
      parameters:
        model.layers[0].units: [4, 8192]

    """.write(to: spec, atomically: true, encoding: .utf8)
    // About 194 MB for 4 units, 243 MB for 8192 (data 91.6 MB of it): 220 MB a job.
    let jobs = min(2, ProcessInfo.processInfo.activeProcessorCount)
    let validate = try SweepBinary.run(
      ["validate", spec.path], environment: ["RUNNER_MEMORY_LIMIT": "\(220 * jobs)M"])
    #expect(validate.status == 65, "\(validate.error)")
    #expect(
      validate.error.contains(
        "data-heavy.yaml:10:5: error: a trial needs about 243 MB of memory (data 91.6 MB"),
      "\(validate.error)")
    #expect(
      validate.error.contains(
        "note: use fewer units in this layer, run fewer sweep jobs at once (--jobs), or raise")
        || jobs == 1, "\(validate.error)")
    #expect(
      validate.error.contains("1 of the 2 trials is too big, at model.layers[0].units: 8192"),
      "\(validate.error)")
    #expect(!validate.error.contains("generate fewer samples"), "\(validate.error)")
  }

  @Test func aBadSpecExits65WithALocatedDiagnostic() throws {
    let folder = SweepBinary.temporaryDirectory()
    let spec = folder.appendingPathComponent("bad.yaml")
    try "name: bad\nsweep:\n  parameters:\n    optimizer.learning_rate: []\n".write(
      to: spec, atomically: true, encoding: .utf8)
    let result = try SweepBinary.run(["sweep", spec.path, "--results-dir", folder.path])
    #expect(result.status == 65)
    #expect(result.error.contains("bad.yaml:"))
  }

  @Test func ctrlCFinishesRunningTrialsExits130AndARerunCompletes() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = SweepBinary.fixture("kill-grid.yaml")
    let folder = root.appendingPathComponent("sweep-kill-grid")
    let interrupted = try SweepBinary.run(
      ["sweep", spec, "--results-dir", root.path, "--jobs", "1"],
      interruptOnceExists: folder.appendingPathComponent("plan.csv"))
    #expect(interrupted.status == 130, "\(interrupted.error)")
    #expect(interrupted.output.contains("interrupted:"))
    #expect(interrupted.error.contains("starting no more trials"))
    #expect(SweepBinary.hiddenEntries(below: folder).isEmpty)
    let summary = try String(
      contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
    let done = summary.split(separator: "\n").count - 1
    #expect(done < 12)  // 0 when the signal came before the first trial started

    let resumed = try SweepBinary.run(["sweep", spec, "--results-dir", root.path, "--jobs", "2"])
    #expect(resumed.status == 0)
    #expect(resumed.output.contains("skipped \(done) already complete"))
    #expect(resumed.output.contains("12 of 12 trials complete"))
  }

  /// SIGTERM (a scheduler's stop, which SIGKILL follows) stops at once, as a second Ctrl-C:
  /// exit 143, and a rerun resumes to the same files as one go, leaving no lock or temporary.
  @Test func sigtermStopsAtOnceExits143AndARerunCompletes() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("kill-grid.yaml")
    let folder = root.appendingPathComponent("sweep-kill-grid")
    let stopped = try SweepBinary.run(
      ["sweep", spec, "--results-dir", root.path, "--jobs", "1"],
      interruptOnceExists: folder.appendingPathComponent("plan.csv"), with: SIGTERM)
    #expect(stopped.status == 143, "\(stopped.error)")
    #expect(
      stopped.error.hasSuffix(
        "\nterminated; finished trials are kept, re-run the same command to resume\n"))
    // Stopped at once, a write of the sweep's own files under way may leave its temporary (or a
    // lock file just created): the rerun removes what a dead process left.
    let resumed = try SweepBinary.run(["sweep", spec, "--results-dir", root.path, "--jobs", "2"])
    #expect(resumed.status == 0)
    #expect(resumed.output.contains("12 of 12 trials complete"))
    #expect(SweepBinary.hiddenEntries(below: folder).isEmpty)
    #expect(
      !FileManager.default.fileExists(
        atPath: root.appendingPathComponent(".sweep-kill-grid.lock").path))
    let whole = root.appendingPathComponent("whole")
    #expect(try SweepBinary.run(["sweep", spec, "--results-dir", whole.path]).status == 0)
    #expect(
      SweepBinary.contents(of: folder)
        == SweepBinary.contents(of: whole.appendingPathComponent("sweep-kill-grid")))
  }
}

/// A sweep resumed over trials run with other seeds than this runner derives (an earlier
/// runner's rule) warns, naming one, instead of mixing two seed rules in one summary silently.
@Suite struct StaleSeedBinaryTests {
  @Test func aResumeOverTrialsOfOtherSeedsWarns() throws {
    let root = SweepBinary.temporaryDirectory()
    let arguments = [
      "sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir", root.path, "--jobs", "1",
    ]
    let first = try SweepBinary.run(arguments)
    #expect(first.status == 0, "\(first.error)")
    let again = try SweepBinary.run(arguments)
    #expect(!again.error.contains("run with other seeds"), "\(again.error)")
    let sweep = try #require(
      try FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil)
        .first { !$0.lastPathComponent.hasPrefix(".") })
    let trial = try #require(
      try FileManager.default.contentsOfDirectory(at: sweep, includingPropertiesForKeys: nil)
        .filter {
          FileManager.default.fileExists(atPath: $0.appendingPathComponent("status.csv").path)
        }
        .sorted { $0.path < $1.path }.first)
    let resolved = trial.appendingPathComponent("spec.resolved.yaml")
    let text = try String(contentsOf: resolved, encoding: .utf8)
    let edited = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasPrefix("seed: ") ? "seed: 12345" : String($0)
    }.joined(separator: "\n")
    try edited.write(to: resolved, atomically: true, encoding: .utf8)
    let resumed = try SweepBinary.run(arguments)
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(
      resumed.error.contains(
        "warning: 1 complete trial was run with other seeds than this runner derives (e.g. "
          + "\(trial.lastPathComponent): seed 12345, now "), "\(resumed.error)")
  }
}
