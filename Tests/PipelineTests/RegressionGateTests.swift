import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// The regression gate: every experiment of `results/baseline/gate.csv` re-run now matches its
/// committed results: byte for byte in the baseline's numeric environment, else within the
/// documented tolerances (docs/sweeps.md, "Regression gate").
/// After an intended change, re-record with `scripts/regression_gate.sh --record`.
@Suite struct RegressionGateTests {
  /// Every entry (the cat entry when the cat files are here: see `CourseData`).
  @Test(arguments: GateSupport.entries.filter { $0.name != "cat" || CourseData.cat })
  func experimentMatchesItsCommittedResults(_ entry: GateEntry) throws {
    let fresh = try GateSupport.runFresh(entry)
    defer { GateSupport.remove(fresh) }
    let verdict = try GateSupport.gate.check(entry, fresh: fresh)
    #expect(verdict.passed, "\(verdict.rendered)")
  }

  @Test func manifestCoversEveryBaselineFolder() throws {
    let entries = try GateSupport.gate.entries()
    #expect(entries.count >= 5)
    let folders = try FileManager.default.contentsOfDirectory(
      atPath: GateSupport.gate.baselineRoot.path
    )
    .filter { !$0.hasPrefix(".") && !$0.contains(".") }
    #expect(Set(folders) == Set(entries.map(\.name)))
    for entry in entries {
      #expect(entry.rtol <= 1e-6 && entry.iterationTolerance <= 0.25, "\(entry.name): tolerances")
      let baseline = GateSupport.gate.baseline(entry)
      #expect(
        FileManager.default.fileExists(atPath: baseline.appendingPathComponent("summary.csv").path))
      #expect(RunEnvironment.numericEnvironment(of: baseline) != nil, "\(entry.name): environment")
    }
  }

  @Test func editingACommittedNumberFailsBothComparisons() throws {
    let entry = try #require(GateSupport.entries.first { $0.command == "run" })
    let fresh = try GateSupport.runFresh(entry)
    defer { GateSupport.remove(fresh) }
    #expect(
      try !ResultsDiff(GateSupport.gate.baseline(entry), fresh, options: entry.toleranceOptions)
        .differs)
    let (edited, column) = try GateSupport.edited(entry, file: "summary.csv", relative: 1e-5)
    defer { GateSupport.remove(edited) }
    let diff = try ResultsDiff(edited, fresh, options: entry.toleranceOptions)
    #expect(diff.differs)
    #expect(diff.files.first { $0.name == "summary.csv" }?.changes.map(\.column) == [column])
    // Below the tolerances, only the byte comparison sees an edit.
    let (tiny, tinyColumn) = try GateSupport.edited(entry, file: "summary.csv", relative: 1e-13)
    defer { GateSupport.remove(tiny) }
    #expect(try !ResultsDiff(tiny, fresh, options: entry.toleranceOptions).differs)
    // The byte comparison names the cell that moved, as `runner diff` lists it.
    let differences = try RegressionGate.byteDifferences(tiny, fresh)
    #expect(differences.count == 1)
    let lines = differences.first?.split(separator: "\n").map(String.init) ?? []
    #expect(lines.first == "summary.csv: bytes differ")
    #expect(
      lines.dropFirst().contains { $0.hasPrefix("      row 1  \(tinyColumn) ") }, "\(lines)")
  }

  @Test func editingANumberInsideASweepTrialFailsTheGate() throws {
    let entry = try #require(GateSupport.entries.first { $0.command == "sweep" })
    let trial = try #require(
      try FileManager.default.contentsOfDirectory(atPath: GateSupport.gate.baseline(entry).path)
        .sorted().first { !$0.contains(".") })
    let (edited, _) = try GateSupport.edited(entry, file: "\(trial)/metrics.csv", relative: 1e-6)
    defer { GateSupport.remove(edited) }
    let diff = try ResultsDiff(
      GateSupport.gate.baseline(entry), edited, options: entry.toleranceOptions)
    #expect(diff.differs)
    #expect(diff.files.filter(\.differs).map(\.name) == ["\(trial)/metrics.csv"])
  }

  @Test func anotherNumericEnvironmentIsComparedWithinTolerancesAndSaysSo() throws {
    let entry = try #require(GateSupport.entries.first { $0.name == "blobs-logreg-lbfgs" })
    let (copy, _) = try GateSupport.edited(entry, file: "summary.csv", relative: 0)
    defer { GateSupport.remove(copy) }
    let environment = copy.appendingPathComponent("environment.csv")
    let text = try String(contentsOf: environment, encoding: .utf8)
    try text.replacingOccurrences(of: "Haswell kernel", with: "Other kernel")
      .write(to: environment, atomically: true, encoding: .utf8)
    let verdict = try GateSupport.gate.check(entry, fresh: copy)
    #expect(verdict.passed)
    guard case .tolerance(_, let fresh) = verdict.comparison else {
      Issue.record("expected a tolerance comparison, got \(verdict.comparison)")
      return
    }
    #expect(fresh.contains("Other kernel"))
    #expect(verdict.rendered.contains("within tolerances"))
  }

  /// A baseline that differs and was recorded by another runner version ends its account
  /// with the versions and the command that re-records it (tester BO-6: only `runner diff`
  /// named them); none when it records this version.
  @Test func aDifferingBaselineOfAnotherVersionSaysSo() throws {
    let entry = try #require(GateSupport.entries.first { $0.name == "blobs-logreg-lbfgs" })
    let (copy, _) = try GateSupport.edited(entry, file: "summary.csv", relative: 1e-3)
    defer { GateSupport.remove(copy) }
    let environment = copy.appendingPathComponent("environment.csv")
    let text = try String(contentsOf: environment, encoding: .utf8)
    let recorded = try #require(RunEnvironment.read(from: copy)?[RunEnvironment.versionKey])
    try text.replacingOccurrences(
      of: "runner_version,\(recorded)", with: "runner_version,0.3.0"
    ).write(to: environment, atomically: false, encoding: .utf8)
    let line = try #require(RegressionGate.versionLine(copy, entry: "blobs"))
    #expect(
      line.hasPrefix(
        "the baseline was recorded by runner 0.3.0, this is runner \(RunnerVersion.current), "
          + "whose results can differ: if the differences above are the new version's, "
          + "re-record it (`"))
    #expect(line.hasSuffix(" gate --record blobs`)"), "\(line)")
    #expect(RegressionGate.versionLine(copy, entry: "blobs", current: "0.3.0") == nil)
    // The gate's account of a differing entry ends with it when the baseline is another's.
    let verdict = try GateSupport.gate.check(entry, fresh: copy)
    #expect(!verdict.passed)
    let baseline = RunEnvironment.read(from: GateSupport.gate.baseline(entry))
    let other = baseline?[RunEnvironment.versionKey] != RunnerVersion.current
    #expect(verdict.differences.last?.hasPrefix("the baseline was recorded by") == other)
  }
}
