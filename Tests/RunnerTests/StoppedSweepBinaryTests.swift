import Foundation
import Pipeline
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Tester AR3 with the built binary: a successive-halving or Hyperband sweep killed inside rung 0
/// (before its summary.csv) is reported as one to resume, rung by rung (not as "run the spec
/// first"); killed after rung 0, its summary.csv holds rung 0 (written as each rung completes)
/// and `runner report` reports it; `runner ls` lists its complete trials (not "no runs").
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct StoppedSweepBinaryTests {
  /// The successive-halving fixture (9 trials: rungs 9×1, 3×3, 1×9), or as Hyperband.
  static func spec(in root: URL, hyperband: Bool) throws -> String {
    let halving = SweepBinary.fixture("halving-moons.yaml")
    guard hyperband else { return halving }
    let text = try String(contentsOfFile: halving, encoding: .utf8)
      .replacingOccurrences(of: "method: successive_halving", with: "method: hyperband")
    let spec = root.appendingPathComponent("hyperband.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    return spec.path
  }

  /// Killed (`kill -9`) as rung 0's fifth trial is committed (Hyperband: bracket 2's): 5 of its
  /// 9 trials are complete, and no summary.csv was written.
  @Test(arguments: [false, true])
  func anAdaptiveSweepKilledInRungZeroIsToBeResumed(hyperband: Bool) throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.spec(in: root, hyperband: hyperband)
    let killed = try SweepBinary.run(
      ["sweep", spec, "--results-dir", root.path, "--jobs", "1"],
      environment: ["RUNNER_SWEEP_CRASH_AT": "trial-committed:5"])
    #expect(killed.killed && killed.status == SIGKILL, "the hook did not fire: \(killed.error)")
    let folder = root.appendingPathComponent("sweep-halving-moons")
    #expect(
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.csv").path))

    let report = try SweepBinary.run(["report", folder.path])
    #expect(report.status == 66, "\(report.error)")
    let rungs = (hyperband ? "bracket 2 " : "") + "rung 0: 4 of 9 trials complete"
    #expect(
      report.error.contains(
        "error: no summary to report in \(folder.path): its sweep stopped before writing one "
          + "(\(rungs)"), "\(report.error)")
    #expect(
      report.error.contains(
        "sweep \(ShardRecord.shownSpec(spec)) --results-dir "
          + "\(folder.deletingLastPathComponent().path)` command again to resume it"
      ), "\(report.error)")
    #expect(!report.error.contains("run the spec first"), "\(report.error)")
  }

  /// Killed (`kill -9`) as rung 1's second trial is committed (Hyperband: bracket 2's): the 9
  /// trials of rung 0 and one of rung 1 are complete, and summary.csv holds rung 0's 9.
  @Test(arguments: [false, true])
  func anAdaptiveSweepKilledAfterRungZeroIsReportedAndIsListed(hyperband: Bool) throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.spec(in: root, hyperband: hyperband)
    let killed = try SweepBinary.run(
      ["sweep", spec, "--results-dir", root.path, "--jobs", "1"],
      environment: ["RUNNER_SWEEP_CRASH_AT": "trial-committed:11"])
    #expect(killed.killed && killed.status == SIGKILL, "the hook did not fire: \(killed.error)")
    let folder = root.appendingPathComponent("sweep-halving-moons")
    let summary = try String(
      contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
    #expect(summary.split(separator: "\n").count == 10, "\(summary)")

    // The report is of summary.csv and rungs.csv, which are behind the rung-1 trial's folder
    // (tester AV F16): said, with the command that resumes the sweep.
    let report = try SweepBinary.run(["report", folder.path])
    #expect(report.status == 0, "\(report.error)")
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.md").path))
    #expect(
      report.error.contains("summary.csv and rungs.csv are behind its trial folders (trial "),
      "\(report.error)")
    #expect(report.error.contains(" command again to resume it"), "\(report.error)")

    // Each complete trial once, at the highest rung its folders hold it complete: the rung-1
    // trial at rung 1 (it was listed at rung 0, as summary.csv still gives it), 8 at rung 0.
    let ls = try SweepBinary.run([
      "ls", root.path, "--format", "csv", "--columns",
      hyperband ? "name,bracket,rung" : "name,rung",
    ])
    #expect(ls.status == 0, "\(ls.error)")
    let rows = ls.output.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(rows.count == 9, "\(ls.output)")
    #expect(rows.allSatisfy { $0[0].hasPrefix("sweep-halving-moons/") }, "\(ls.output)")
    #expect(rows.filter { $0.last == "0" }.count == 8, "\(ls.output)")
    #expect(rows.filter { $0.last == "1" }.count == 1, "\(ls.output)")
    if hyperband { #expect(rows.allSatisfy { $0[1] == "2" }, "\(ls.output)") }
  }

  /// Tester AT's F12: Ctrl-C (SIGINT) as rung 0's third trial is committed leaves a summary.csv
  /// of the header only; `runner report` said "0 epochs trained" (exit 0, no resume line) and
  /// `runner ls` "no runs": now as after a kill, the trials complete and the command resuming it.
  /// Tester AV's F2: stopped before its first trial completed (a Ctrl-C inside it; here its
  /// trials' markers removed), the same (it still said "0 epochs trained", exit 0).
  /// Tester AX's F6: the sweep itself still wrote a report saying "0 epochs trained" while it
  /// printed 24 epochs and `summary: …/summary.csv` for the header only; the resume command
  /// said `SPEC` for the spec its trials record. Now it writes no report, as `runner report`
  /// writes none, and says where the trials complete so far are (Hyperband alike).
  @Test(arguments: [(false, false), (true, false), (false, true)])
  func anAdaptiveSweepInterruptedInRungZeroIsToBeResumedAndIsListed(
    noneComplete: Bool, hyperband: Bool
  ) throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.spec(in: root, hyperband: hyperband)
    let stopped = try SweepBinary.run(
      ["sweep", spec, "--results-dir", root.path, "--jobs", "1"],
      environment: ["RUNNER_SWEEP_CRASH_AT": "trial-committed:3:int"])
    #expect(stopped.status == 130, "\(stopped.error)")
    let folder = root.appendingPathComponent("sweep-halving-moons")
    #expect(
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.md").path))
    #expect(!stopped.output.contains("summary: \(folder.path)/summary.csv"), "\(stopped.output)")
    #expect(
      stopped.output.contains(
        "summary: none yet, no rung is complete (the sweep's summary.csv and report are written "
          + "once its first rung is); the "), "\(stopped.output)")
    #expect(
      stopped.output.contains(
        "rung-0/ complete so far: \(folder.path)/\(hyperband ? "bracket-" : "rung-0/summary.csv")"),
      "\(stopped.output)")
    if noneComplete {
      let rung = folder.appendingPathComponent("rung-0")
      for trial in try FileManager.default.contentsOfDirectory(atPath: rung.path) {
        try? FileManager.default.removeItem(
          at: rung.appendingPathComponent(trial).appendingPathComponent("status.csv"))
      }
    }
    let summary = try String(
      contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
    #expect(summary.split(separator: "\n").count == 1, "\(summary)")

    let report = try SweepBinary.run(["report", folder.path])
    #expect(report.status == 66, "\(report.error)")
    #expect(
      report.error.contains(
        "error: no results to report in \(folder.path) yet: its sweep stopped before completing "
          + "its first rung (\(hyperband ? "bracket 2 " : "")rung 0: "), "\(report.error)")
    #expect(
      report.error.contains(
        "sweep \(ShardRecord.shownSpec(spec)) --results-dir \(root.path)` command again to resume it"
      ), "\(report.error)")
    #expect(!report.error.contains("SPEC"), "\(report.error)")

    guard !noneComplete else {
      #expect(report.error.contains("(rung 0: 0 of "), "\(report.error)")
      return
    }
    let ls = try SweepBinary.run(["ls", root.path, "--format", "csv", "--columns", "name,rung"])
    #expect(ls.status == 0, "\(ls.error)")
    let rows = ls.output.split(separator: "\n").dropFirst()
    #expect(rows.count >= 2, "\(ls.output)")
    #expect(rows.allSatisfy { $0.hasPrefix("sweep-halving-moons/") && $0.hasSuffix(",0") })
  }

  /// Tester AX's F6, stopped inside rung 1 (Ctrl-C as its second trial is committed; Hyperband:
  /// bracket 2's): the report's compute left out the partly run rung's epochs the sweep printed
  /// (`rungs.csv` recorded 0 for it). Now the sweep's report and `runner report` count what the
  /// printed line counts.
  @Test(arguments: [false, true])
  func anAdaptiveSweepInterruptedInRungOneReportsTheComputeItPrinted(hyperband: Bool) throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.spec(in: root, hyperband: hyperband)
    let stopped = try SweepBinary.run(
      ["sweep", spec, "--results-dir", root.path, "--jobs", "1"],
      environment: ["RUNNER_SWEEP_CRASH_AT": "trial-committed:11:int"])
    #expect(stopped.status == 130, "\(stopped.error)")
    let line = try #require(
      stopped.output.split(separator: "\n").first { $0.contains("successive halving: ") },
      "\(stopped.output)")
    #expect(line.contains(" of 3×3 epochs so far = "), "\(line)")
    let printed = try #require(
      line.split(separator: " = ").dropFirst().first?.split(separator: " ").first.flatMap {
        Int($0)
      }, "\(line)")
    let folder = root.appendingPathComponent("sweep-halving-moons")
    let file = folder.appendingPathComponent("report.md")
    for pass in ["sweep", "report"] {
      if pass == "report" {
        let report = try SweepBinary.run(["report", folder.path])
        #expect(report.status == 0, "\(report.error)")
      }
      let text = try String(contentsOf: file, encoding: .utf8)
      let computes = text.split(separator: "\n").filter { $0.contains("Compute: ") }
      #expect(!computes.isEmpty, "\(text)")
      #expect(
        computes.allSatisfy { $0.contains("Compute: \(printed) epochs trained") },
        "\(pass): \(computes) against the printed \(line)")
    }
  }
}
