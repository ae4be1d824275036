import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// `runner ls` lists a successive-halving trial with the same columns whether its sweep was
/// killed inside rung 0 (no summary.csv yet: read from the rung folders) or got further (its
/// summary.csv): `rung` and `budget` both times (the budget was missing before rung 0 completed).
@Suite struct ResultsIndexRungBudgetTests {
  @Test func aTrialOfASweepKilledInRungZeroIsListedWithItsBudget() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepHalvingTests.spec
    // Rung 0 (9 trials × 1 epoch) stopped after 4 trials; a kill writes no summary.csv or
    // rungs.csv, as the stop does.
    let stopped = try SweepFixture.interrupted(spec, root: root, rung: 0, finished: 4)
    let folder = URL(fileURLWithPath: stopped.directory)
    for name in ["summary.csv", "rungs.csv"] {
      try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
    let killed = ResultsIndex.trials(of: folder, name: "sweep")
    #expect(killed.count == 4)
    for trial in killed {
      #expect(
        trial.reached == [ListedRun.NamedValue("rung", "0"), ListedRun.NamedValue("budget", "1")])
    }

    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let complete = ResultsIndex.trials(of: folder, name: "sweep")
    #expect(complete.count == 9)
    for trial in complete {
      #expect(trial.reached.map(\.name) == ["rung", "budget"])
    }
  }

  /// Ctrl-C or `--timeout` inside rung 0 leaves a summary.csv of the header only: its complete
  /// trials are listed from the rung folders, as after a kill (it said "no runs").
  @Test func aSweepStoppedGracefullyInRungZeroListsItsCompleteTrials() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let stopped = try SweepFixture.interrupted(
      SweepHalvingTests.spec, root: root, rung: 0, finished: 3)
    let folder = URL(fileURLWithPath: stopped.directory)
    let summary = try CSVTable(contentsOf: folder.appendingPathComponent("summary.csv"))
    #expect(summary.rows.isEmpty)
    let listed = ResultsIndex.trials(of: folder, name: "sweep")
    #expect(listed.count == 3)
    #expect(listed.allSatisfy { $0.reached.map(\.text) == ["0", "1"] })
  }
}
