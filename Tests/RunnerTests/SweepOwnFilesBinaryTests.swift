import Foundation
import Testing

/// A sweep's own files, damaged or left stale (tester AK's AK9-AK11; a damaged `plan.csv` is
/// `DamagedPlanBinaryTests`'): a bayes replay calls no own trial a stray; a sweep stopped while writing its report leaves no earlier report that looks current; a
/// `--jobs` the open-file limit cannot serve is refused before the first trial (exit 71).
@Suite(.serialized)
struct SweepOwnFilesBinaryTests {
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
        text.contains(
          "71 the limit on open files (ulimit -n) or on the stack (ulimit -s) is too low to start"),
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
