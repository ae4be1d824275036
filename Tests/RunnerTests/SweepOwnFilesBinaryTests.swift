import Foundation
import Testing

/// A sweep's own files, damaged or left stale (tester AK's AK9-AK11): a bayes or Hyperband
/// sweep's damaged `plan.csv` is named as such, not as "a folder of other runs' results"; a
/// sweep stopped while writing its report leaves no earlier report that looks current; a
/// `--jobs` the open-file limit cannot serve is refused before the first trial (exit 71).
@Suite(.serialized)
struct SweepOwnFilesBinaryTests {
  /// A bayes sweep whose plan.csv is emptied or holds other bytes: refused (exit 65) saying
  /// the plan is damaged and cannot be rebuilt, what to do, and the folder is left untouched.
  @Test(arguments: ["empty", "binary", "deleted"])
  func aBayesSweepsDamagedPlanIsNamed(_ damage: String) throws {
    let root = SweepBinary.temporaryDirectory("bayesPlan\(damage)")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("bayes-moons.yaml")
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-bayes-moons")
    let plan = sweep.appendingPathComponent("plan.csv")
    switch damage {
    case "empty": try Data().write(to: plan)
    case "binary": try Data((0..<100).map { UInt8(($0 * 89 + 200) % 256) }).write(to: plan)
    default: try FileManager.default.removeItem(at: plan)
    }
    let before = SweepBinary.contents(of: sweep)
    let again = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(again.status == 65, "\(again.error)")
    let said = ["empty": "is empty", "binary": "is not UTF-8 text", "deleted": "is missing"][
      damage]!
    #expect(again.error.contains("\(plan.path) \(said)"), "\(again.error)")
    #expect(again.error.contains("cannot be rebuilt from the spec"), "\(again.error)")
    #expect(again.error.contains("restore plan.csv"), "\(again.error)")
    #expect(!again.error.contains("other runs' results, not"), "\(again.error)")
    #expect(SweepBinary.contents(of: sweep) == before)
  }

  /// A successive-halving sweep whose rung's plan.csv holds other bytes: the rung's folder is
  /// named with what to do (move it away: the sweep runs that rung again).
  @Test func aRungsDamagedPlanIsNamed() throws {
    let root = SweepBinary.temporaryDirectory("rungPlan")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("halving-moons.yaml")
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let rung = results.appendingPathComponent("sweep-halving-moons/rung-1")
    try Data([0xFF, 0x00, 0x93, 0x10]).write(to: rung.appendingPathComponent("plan.csv"))
    let again = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(again.status == 65, "\(again.error)")
    #expect(again.error.contains("\(rung.path)/plan.csv is not UTF-8 text"), "\(again.error)")
    #expect(again.error.contains("move \(rung.path) away"), "\(again.error)")
    // The sweep's own plan, beside its rung folders (as a Hyperband sweep's beside its
    // brackets): named, not "a folder of other runs' results".
    try FileManager.default.removeItem(at: rung)
    let sweep = results.appendingPathComponent("sweep-halving-moons")
    try Data().write(to: sweep.appendingPathComponent("plan.csv"))
    let top = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(top.status == 65, "\(top.error)")
    #expect(top.error.contains("\(sweep.path)/plan.csv is empty"), "\(top.error)")
    #expect(
      top.error.contains("a successive-halving sweep's plan is not rebuilt"), "\(top.error)")
  }

  /// A bayes resume replaying its batches after a batch's status.csv was deleted says nothing
  /// of the later batches' own trials being "not in this sweep's plan".
  @Test func aBayesReplayCallsNoOwnTrialAStray() throws {
    let root = SweepBinary.temporaryDirectory("bayesReplay")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("bayes-moons.yaml")
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-bayes-moons")
    let reference = SweepBinary.contents(of: sweep)
    let batches = try String(
      contentsOf: sweep.appendingPathComponent("batches.csv"), encoding: .utf8)
    let firstTrial = String(batches.split(separator: "\n")[1].split(separator: ",")[1])
    try FileManager.default.removeItem(
      at: sweep.appendingPathComponent(firstTrial).appendingPathComponent("status.csv"))
    let again = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(again.status == 0, "\(again.error)")
    #expect(!again.error.contains("not in this sweep's plan"), "\(again.error)")
    #expect(again.output.contains("ran 1 trial"), "\(again.output)")
    #expect(SweepBinary.contents(of: sweep) == reference)
  }

  /// A sweep whose final report cannot be written (a plot's name taken by a folder, as a full
  /// disk fails a write) stops with exit 73 beside its complete summary.csv, and leaves no
  /// report of fewer trials that looks current; once it can, the resume writes the folder of
  /// the clean sweep, byte for byte.
  @Test func aSweepStoppedWritingItsReportLeavesNoStaleReport() throws {
    let root = SweepBinary.temporaryDirectory("staleReport")
    defer { try? FileManager.default.removeItem(at: root) }
    let fewer = root.appendingPathComponent("fewer.yaml")
    let whole = try String(
      contentsOfFile: SweepBinary.fixture("linear-grid.yaml"), encoding: .utf8)
    try whole.replacingOccurrences(of: "[0.01, 0.1, 0.3]", with: "[0.01, 0.1]")
      .write(to: fewer, atomically: true, encoding: .utf8)
    let full = root.appendingPathComponent("linear-grid.yaml")
    try whole.write(to: full, atomically: true, encoding: .utf8)
    // The clean sweep, for reference.
    let clean = root.appendingPathComponent("clean")
    let reference = try SweepBinary.run(["sweep", full.path, "--results-dir", clean.path])
    #expect(reference.status == 0, "\(reference.error)")
    let cleanSweep = clean.appendingPathComponent("sweep-linear-grid")
    // Four trials, then the six of the whole grid with a plot's name taken.
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", fewer.path, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    let plots = try FileManager.default.contentsOfDirectory(
      atPath: cleanSweep.appendingPathComponent("plots").path
    ).sorted()
    let taken = sweep.appendingPathComponent("plots").appendingPathComponent(plots[0])
    try? FileManager.default.removeItem(at: taken)
    try FileManager.default.createDirectory(
      at: taken.appendingPathComponent("mine"), withIntermediateDirectories: true)
    let stopped = try SweepBinary.run(["sweep", full.path, "--results-dir", results.path])
    #expect(stopped.status == 73, "\(stopped.error)")
    let summary = try String(
      contentsOf: sweep.appendingPathComponent("summary.csv"), encoding: .utf8)
    #expect(summary.split(separator: "\n").count == 7, "\(summary)")
    for name in ["report.md", "report.html"] {
      #expect(
        !FileManager.default.fileExists(atPath: sweep.appendingPathComponent(name).path), "\(name)")
    }
    // Room made: the resume writes the report, and the folder is the clean sweep's.
    try FileManager.default.removeItem(at: taken)
    let resumed = try SweepBinary.run(["sweep", full.path, "--results-dir", results.path])
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(SweepBinary.contents(of: sweep) == SweepBinary.contents(of: cleanSweep))
  }

  /// Each command whose help lists its exit codes names 71 (the open-file limit), in one phrase.
  @Test func theHelpOfRunSweepReportAndMergeNamesExit71() throws {
    for command in ["run", "sweep", "report", "merge"] {
      let help = try SweepBinary.run([command, "--help"])
      let text = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      #expect(
        text.contains("71 the limit on open files (ulimit -n) is too low to start"),
        "\(command): \(text)")
    }
  }

  /// `sweep --jobs 2` under a limit that serves one trial at once but not two is refused before
  /// any trial (exit 71), naming the limit and what the jobs need; nothing is trained.
  @Test func aJobsCountTheOpenFileLimitCannotServeIsRefusedFirst() throws {
    let root = SweepBinary.temporaryDirectory("jobsLimit")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let results = root.appendingPathComponent("results")
    let needed = 16 + 2 + 2 * 4
    let refused = try SweepBinary.run(
      ["sweep", spec, "--jobs", "2", "--results-dir", results.path],
      openFileLimit: needed - 1, killAfter: 120)
    #expect(refused.status == 71, "\(refused.error)")
    #expect(
      refused.error.contains(
        "the limit on open files is too low (ulimit -n \(needed - 1)) for 2 trials at once: "
          + "the sweep needs at least \(needed)"), "\(refused.error)")
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    let trials = ((try? FileManager.default.contentsOfDirectory(atPath: sweep.path)) ?? [])
      .filter { $0.count == 12 }
    #expect(trials.isEmpty, "\(trials)")
    let served = try SweepBinary.run(
      ["sweep", spec, "--jobs", "2", "--results-dir", results.path], openFileLimit: needed,
      killAfter: 120)
    #expect(served.status == 0, "\(served.error)")
  }
}
