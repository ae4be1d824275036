import Conventions
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// Promoted trials of successive halving go on from their checkpoint of the rung below where
/// nothing depends on the total budget, and the result is a standalone run's, byte for byte;
/// a cosine schedule whose period is the budget restarts and says why; a checkpoint that is
/// missing or damaged is never used: the trial restarts with a warning, to the same bytes.
@Suite struct SweepHalvingContinuationTests {
  static let spec = SweepHalvingTests.spec

  /// The files of a trial folder a standalone run also writes.
  static func runFiles(_ directory: String) -> [String: Data] {
    SweepFixture.contents(of: directory).filter {
      !$0.key.hasPrefix(CheckpointFiles.folder + "/") && $0.key != TrialStart.file
        && $0.key != "status.csv"
    }
  }

  /// A last rung's files as a standalone run of its spec writes them: its advice names the key
  /// that sets its budget, `sweep.budget.max`, where the run's names `optimizer.epochs`.
  static func asStandalone(_ files: [String: Data]) -> [String: Data] {
    files.mapValues { data in
      guard let text = String(data: data, encoding: .utf8), text.contains("sweep.budget.max")
      else { return data }
      return Data(text.replacingOccurrences(of: "sweep.budget.max", with: "optimizer.epochs").utf8)
    }
  }

  @Test func continuedTrialIsByteIdenticalToAStandaloneRunAtItsBudget() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = try SweepRunner.run(specPath: Self.spec, options: SweepFixture.options(root: root))
    let best = try #require(sweep.best)
    // Rung 2's trial went on from rung 1 (3 epochs), which went on from rung 0 (1 epoch).
    let start = try #require(TrialStart.read(URL(fileURLWithPath: best.directory)))
    #expect(start.from == 3 && start.continued)
    #expect(start.reason.contains("adam with the constant schedule"))
    let below = "\(sweep.directory)/rung-1/\(best.trial)"
    #expect(TrialStart.read(URL(fileURLWithPath: below))?.from == 1)
    // The sweep is complete: no trial goes on from a checkpoint any more, so none is kept.
    #expect(!FileManager.default.fileExists(atPath: below + "/checkpoint"))
    #expect(!FileManager.default.fileExists(atPath: best.directory + "/checkpoint"))
    // The trial's own resolved spec (9 epochs), run on its own from the start.
    let alone = root.appendingPathComponent("alone")
    try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
    let specFile = alone.appendingPathComponent("trial.yaml").path
    try FileManager.default.copyItem(
      atPath: best.directory + "/spec.resolved.yaml", toPath: specFile)
    let run = try ExperimentRunner.run(
      specPath: specFile, options: RunOptions(environment: [:], resultsRoot: alone.path))
    let expected = Self.runFiles(run.directory)
    let continued = Self.asStandalone(Self.runFiles(best.directory))
    #expect(
      expected.keys.contains("metrics.csv") && expected.keys.contains("params/layer1_weights.npy"))
    SweepFixture.expectSameFiles(
      continued, expected, "of the continued trial differs from the standalone run's")
  }

  @Test func cosineScheduleFollowingTheBudgetRestartsAndSaysWhy() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    var options = SweepFixture.options(root: root)
    options.run.spec.overrides = ["optimizer.schedule.type=cosine"]
    let events = EventLog()
    let sweep = try SweepRunner.run(specPath: Self.spec, options: options) { events.append($0) }
    let rungs = try SweepFixture.table(sweep.directory + "/rungs.csv")
    #expect(rungs.column("epochs") == ["9", "9", "9"])
    #expect(rungs.column("continued") == ["0", "0", "0"])
    #expect(sweep.halving?.contains("(promoted trials: 0 continued, 4 restarted)") == true)
    let best = try #require(sweep.best)
    let start = try #require(TrialStart.read(URL(fileURLWithPath: best.directory)))
    #expect(!start.continued && start.from == 0)
    #expect(start.reason.contains("cosine schedule's t_max is the run's length"))
    #expect(events.notes.contains { $0.hasPrefix("rung 2: 1 restarted: the cosine schedule") })
    // Each rung is a whole cosine at its own budget, as a standalone run; no checkpoint saved.
    let resolved = try String(
      contentsOfFile: best.directory + "/spec.resolved.yaml", encoding: .utf8)
    #expect(resolved.contains("t_max: 9"))
    #expect(
      !FileManager.default.fileExists(atPath: "\(sweep.directory)/rung-0/\(best.trial)/checkpoint"))
    // A t_max given in the spec does not follow the budget: the trials go on.
    let fixed = SweepFixture.temporaryDirectory("fixed")
    defer { try? FileManager.default.removeItem(at: fixed) }
    var given = SweepFixture.options(root: fixed)
    given.run.spec.overrides = ["optimizer.schedule.type=cosine", "optimizer.schedule.t_max=9"]
    let preview = try SweepRunner.preview(specPath: Self.spec, options: given)
    #expect(SweepText.listing(preview).contains("total: 21 epochs"))
    let going = try SweepRunner.run(specPath: Self.spec, options: given)
    #expect(
      try SweepFixture.table(going.directory + "/rungs.csv").column("continued") == ["0", "3", "1"])
  }

  @Test func damagedOrMissingCheckpointRestartsWithAWarningToTheSameResult() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let first = try SweepRunner.run(
      specPath: Self.spec, options: SweepFixture.options(root: root.appendingPathComponent("a")))
    let reference = SweepFixture.contents(of: first.directory)
    // A sweep stopped after rung 0, one checkpoint cut short and another gone.
    let stopped = try SweepFixture.interrupted(
      Self.spec, root: root.appendingPathComponent("b"), rung: 1, finished: 0)
    let copy = URL(fileURLWithPath: stopped.directory)
    #expect(stopped.cancelled && stopped.best == nil)
    let wentOn = try #require(
      try SweepFixture.table(first.directory + "/rungs.csv").column("went_on"))
    let ids = wentOn[0].split(separator: " ").map(String.init)
    let cut = copy.appendingPathComponent("rung-0/\(ids[0])/checkpoint/model0_theta.npy")
    let bytes = try Data(contentsOf: cut)
    try bytes.prefix(bytes.count / 2).write(to: cut)
    try fm.removeItem(at: copy.appendingPathComponent("rung-0/\(ids[1])/checkpoint"))
    let events = EventLog()
    let again = try SweepRunner.run(
      specPath: Self.spec, options: SweepFixture.options(root: root.appendingPathComponent("b"))
    ) { events.append($0) }
    let note = try #require(
      events.notes.first { $0.hasPrefix("rung 1:") && $0.contains("continued") })
    #expect(note.contains("1 continued from the rung below; 2 restarted: its checkpoint"))
    let warnings = events.notes.filter { $0.hasPrefix("warning: rung 1: ") }
    #expect(warnings.count == 2)
    #expect(warnings.contains { $0.contains("model0_theta.npy does not match manifest.csv") })
    #expect(warnings.contains { $0.contains("there is no") && $0.contains("\(ids[1])/checkpoint") })
    for id in ids.prefix(2) {
      let start = try #require(TrialStart.read(copy.appendingPathComponent("rung-1/\(id)")))
      #expect(!start.continued && start.reason.hasPrefix("its checkpoint cannot be used"))
    }
    #expect(
      try SweepFixture.table(again.directory + "/rungs.csv").column("epochs") == ["9", "8", "6"])
    // Restarted or continued, every result file is the same (but the damaged checkpoints).
    let damaged = ids.prefix(2).map { "rung-0/\($0)/checkpoint/" }
    let after = SweepFixture.contents(of: again.directory).filter { file, _ in
      !damaged.contains { file.hasPrefix($0) }
    }
    let kept = reference.filter { file, _ in !damaged.contains { file.hasPrefix($0) } }
    #expect(after.keys.sorted() == kept.keys.sorted())
    for (file, data) in kept where after[file] != data {
      // The report renders rungs.csv (epochs trained per rung).
      let expected =
        file.hasSuffix(TrialStart.file) || ["rungs.csv", "report.md", "report.html"].contains(file)
      if !expected { Issue.record("\(file) differs after restarting from damaged checkpoints") }
    }
  }
}
