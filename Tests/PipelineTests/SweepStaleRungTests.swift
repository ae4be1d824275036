import Foundation
import Pipeline
import Testing

/// An adaptive sweep run again into its folder with fewer rungs or brackets (a smaller
/// `sweep.budget.max`): the earlier plan's `rung-<r>/` or `bracket-<s>/` folder is named in a
/// warning and left as it is, never removed.
@Suite struct SweepStaleRungTests {
  /// The successive-halving fixture (budgets 1…9, eta 3) as `method`, its budget `min`…`max`
  /// and `eta`, written as `spec.yaml` in `root`.
  static func spec(method: String, max: Int, min: Int = 1, eta: Int = 3, in root: URL) throws
    -> String
  {
    let text = try String(
      contentsOfFile: SweepFixture.spec("halving-moons.yaml"), encoding: .utf8
    )
    .replacingOccurrences(of: "method: successive_halving", with: "method: \(method)")
    .replacingOccurrences(
      of: "budget: {min: 1, max: 9}", with: "budget: {min: \(min), max: \(max)}\n  eta: \(eta)")
    let url = root.appendingPathComponent("spec.yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static func stale(_ notes: [String]) -> [String] {
    notes.filter { $0.contains("not part of this sweep's plan") }
  }

  @Test func aRungOfALargerBudgetIsNamedAndLeftAsItIs() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let options = SweepFixture.options(root: root.appendingPathComponent("results"))
    let events = EventLog()
    let first = try SweepRunner.run(
      specPath: try Self.spec(method: "successive_halving", max: 9, in: root), options: options,
      observer: events.append)
    #expect(Self.stale(events.notes).isEmpty)
    let rung2 = URL(fileURLWithPath: first.directory).appendingPathComponent("rung-2")
    let before = SweepFixture.contents(of: rung2.path)
    let again = EventLog()
    _ = try SweepRunner.run(
      specPath: try Self.spec(method: "successive_halving", max: 3, in: root), options: options,
      observer: again.append)
    #expect(
      Self.stale(again.notes) == [
        "warning: \(rung2.path) is not part of this sweep's plan (rung-0 to rung-1; was the "
          + "spec changed?) and is left out of summary.csv; it is left as it is (remove it if "
          + "you no longer need it)"
      ])
    #expect(!before.isEmpty)
    #expect(SweepFixture.contents(of: rung2.path) == before, "rung-2 was changed")
  }

  /// Hyperband with another `eta` (4, not 3; `max` 9): fewer brackets, whose budgets change too
  /// while the trial IDs (the trials at `max`) stay, so after naming the stale bracket the sweep
  /// refuses the earlier plan's trials, and nothing trains or changes.
  @Test func aBracketOfALargerBudgetIsNamedAndTheChangedBudgetsRefused() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let options = SweepFixture.options(root: root.appendingPathComponent("results"))
    let events = EventLog()
    let first = try SweepRunner.run(
      specPath: try Self.spec(method: "hyperband", max: 9, in: root), options: options,
      observer: events.append)
    #expect(Self.stale(events.notes).isEmpty)
    let bracket2 = URL(fileURLWithPath: first.directory).appendingPathComponent("bracket-2")
    let before = SweepFixture.contents(of: first.directory)
    let again = EventLog()
    #expect {
      _ = try SweepRunner.run(
        specPath: try Self.spec(method: "hyperband", max: 9, eta: 4, in: root), options: options,
        observer: again.append)
    } throws: { error in
      guard case .changedBudget(let folder, let sweep, _, _, _, _, let unit)? = error as? SweepError
      else { return false }
      return folder.hasPrefix(first.directory + "/bracket-") && sweep == first.directory
        && unit == "epochs" && (error as? SweepError)?.exitCode == .dataError
    }
    #expect(
      Self.stale(again.notes) == [
        "warning: \(bracket2.path) is not part of this sweep's plan (bracket-0 to bracket-1; "
          + "was the spec changed?) and is left out of summary.csv; it is left as it is (remove "
          + "it if you no longer need it)"
      ])
    #expect(!before.isEmpty)
    #expect(SweepFixture.contents(of: first.directory) == before, "the sweep folder was changed")
  }

  /// Successive halving with `min` 1 → 2 (`max` 9, so the trial IDs stay): rung 0 trains 2
  /// epochs now, so its trials trained to 1 are not this plan's results. They were reused (and ranked as 2-epoch results); the sweep
  /// now refuses before training anything, and says what to do.
  @Test func aRungTrainedToAnotherBudgetIsRefusedNotReused() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let options = SweepFixture.options(root: root.appendingPathComponent("results"))
    let first = try SweepRunner.run(
      specPath: try Self.spec(method: "successive_halving", max: 9, in: root), options: options,
      observer: { _ in })
    let before = SweepFixture.contents(of: first.directory)
    let events = EventLog()
    #expect {
      _ = try SweepRunner.run(
        specPath: try Self.spec(method: "successive_halving", max: 9, min: 2, in: root),
        options: options, observer: events.append)
    } throws: { error in
      (error as? SweepError)?.description
        == "error: \(first.directory)/rung-0 holds 9 complete trials trained to 1 epoch by "
        + "another plan of this sweep; this plan trains rung 0 to 2 epochs (sweep.budget, eta or "
        + "the swept values changed?), so they are not its results: sweep into a new folder "
        + "(--results-dir, or another name or output), or move \(first.directory) away, then run "
        + "again"
    }
    #expect(SweepFixture.contents(of: first.directory) == before, "the sweep folder was changed")
    #expect(events.startedIDs.isEmpty)
    // Fewer swept values, same budget: the rungs' budgets follow the number of trials (rung 1
    // of 3 trials is the last, at max), so rung 1's trial is refused, and plan.csv, which the
    // new plan would rewrite, is left as it was too.
    let fewer = try String(
      contentsOfFile: try Self.spec(method: "successive_halving", max: 9, in: root), encoding: .utf8
    )
    .replacingOccurrences(of: "[0.003, 0.03, 0.3]", with: "[0.3]")
    try fewer.write(to: root.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
    #expect {
      _ = try SweepRunner.run(
        specPath: root.appendingPathComponent("spec.yaml").path, options: options,
        observer: { _ in })
    } throws: { error in
      (error as? SweepError)?.description.contains(
        "/rung-1 holds 1 complete trial trained to 3 epochs by another plan of this sweep; "
          + "this plan trains rung 1 to 9 epochs (sweep.budget, eta or the swept values changed?), "
          + "so it is not one of its results") == true
    }
    #expect(SweepFixture.contents(of: first.directory) == before, "the sweep folder was changed")
    // The same budgets again: the complete sweep is reused whole, as before.
    let same = try SweepRunner.run(
      specPath: try Self.spec(method: "successive_halving", max: 9, in: root), options: options,
      observer: { _ in })
    #expect(same.finished.isEmpty)
  }

  /// Hyperband with `min` 1 → 3 (`max` 9): bracket 2 leaves the plan while the others keep their
  /// budgets. The sweep names it and leaves it out of summary.csv and the report; so does a
  /// `runner merge` of the folder (it took every bracket folder it found, and changed the best
  /// trial), which names it too.
  @Test func aBracketOfAnEarlierPlanStaysOutOfTheMergeAndTheReport() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let options = SweepFixture.options(root: root.appendingPathComponent("results"))
    let first = try SweepRunner.run(
      specPath: try Self.spec(method: "hyperband", max: 9, in: root), options: options,
      observer: { _ in })
    let narrower = try String(
      contentsOfFile: try Self.spec(method: "hyperband", max: 9, in: root), encoding: .utf8
    ).replacingOccurrences(of: "budget: {min: 1, max: 9}", with: "budget: {min: 3, max: 9}")
    let spec = root.appendingPathComponent("spec.yaml")
    try narrower.write(to: spec, atomically: true, encoding: .utf8)
    let events = EventLog()
    let second = try SweepRunner.run(
      specPath: spec.path, options: options, observer: events.append)
    let folder = URL(fileURLWithPath: first.directory)
    let bracket2 = folder.appendingPathComponent("bracket-2").path
    #expect(Self.stale(events.notes).count == 1)
    let summary = try String(
      contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
    #expect(!summary.contains("\n4dc4a5cef10d,ok,2,"), "bracket 2's rows are in summary.csv")
    let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(!report.contains("bracket 2"), "the report shows bracket 2")
    let merged = try SweepMerger.merge([folder.path])
    #expect(
      try String(contentsOf: folder.appendingPathComponent("summary.csv"), encoding: .utf8)
        == summary)
    #expect(merged.notes.contains { $0.contains(bracket2) && $0.contains("not part of") })
    #expect(second.best?.trial == merged.best?.trial)
    #expect(FileManager.default.fileExists(atPath: bracket2))
  }

  /// A halving folder of an earlier version (its `sweep.csv` without `ties`: its rungs promoted
  /// ties by trial ID, its IDs hashed the spec's own epochs) is refused before anything trains
  /// or changes, with what to do; the same folder with this version's `sweep.csv` is reused.
  @Test func aHalvingFolderOfAnEarlierTieRuleIsRefused() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let options = SweepFixture.options(root: root.appendingPathComponent("results"))
    let spec = try Self.spec(method: "successive_halving", max: 9, in: root)
    let first = try SweepRunner.run(specPath: spec, options: options, observer: { _ in })
    let settings = URL(fileURLWithPath: first.directory).appendingPathComponent("sweep.csv")
    let written = try String(contentsOf: settings, encoding: .utf8)
    #expect(written.contains("\nties,swept values\n"))
    try written.replacingOccurrences(of: "ties,swept values\n", with: "")
      .write(to: settings, atomically: true, encoding: .utf8)
    let before = SweepFixture.contents(of: first.directory)
    let events = EventLog()
    #expect {
      _ = try SweepRunner.run(specPath: spec, options: options, observer: events.append)
    } throws: { error in
      guard let error = error as? SweepError, case .earlierTieRule = error else { return false }
      return error.exitCode == .dataError
        && error.description.hasPrefix("error: \(first.directory) holds rungs of a ")
        && error.description.contains("sweep into a new folder")
    }
    #expect(SweepFixture.contents(of: first.directory) == before, "the sweep folder was changed")
    #expect(events.startedIDs.isEmpty)
    try written.write(to: settings, atomically: true, encoding: .utf8)
    let again = try SweepRunner.run(specPath: spec, options: options, observer: { _ in })
    #expect(again.finished.isEmpty)
  }
}
