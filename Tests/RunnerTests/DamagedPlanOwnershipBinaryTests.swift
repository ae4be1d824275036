import Foundation
import Testing

/// A damaged `plan.csv` is written again only in the sweep's own folder, beside complete trials
/// of its own plan, and its bytes are kept (reviewer's finding 2 of session 38: a hand-written
/// `plan.csv` beside a trial folder copied from another sweep was replaced).
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct DamagedPlanOwnershipBinaryTests {
  static let spec = SweepBinary.fixture("linear-grid.yaml")

  /// A user's `plan.csv` (`step,notes`) beside a complete trial folder of another sweep (the
  /// same grid under another seed) is refused as a folder of other runs' results; the file
  /// stays byte for byte.
  @Test func aUsersPlanBesideAnotherSweepsTrialIsRefused() throws {
    let root = SweepBinary.temporaryDirectory("foreignPlan")
    defer { try? FileManager.default.removeItem(at: root) }
    let other = root.appendingPathComponent("other")
    let first = try SweepBinary.run(
      ["sweep", Self.spec, "--set", "seed=4", "--results-dir", other.path])
    #expect(first.status == 0, "\(first.error)")
    let otherSweep = other.appendingPathComponent("sweep-linear-grid@seed=4")
    let trial = try #require(
      try FileManager.default.contentsOfDirectory(atPath: otherSweep.path)
        .filter { $0.count == 12 }.sorted().first)
    let results = root.appendingPathComponent("results")
    let study = results.appendingPathComponent("sweep-linear-grid")
    try FileManager.default.createDirectory(at: study, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: otherSweep.appendingPathComponent(trial), to: study.appendingPathComponent(trial))
    let plan = study.appendingPathComponent("plan.csv")
    let notes = Data("step,notes\n1,lr 0.1 looked best\n".utf8)
    try notes.write(to: plan)
    let refused = try SweepBinary.run(["sweep", Self.spec, "--results-dir", results.path])
    #expect(refused.status == 73, "\(refused.error)")
    #expect(
      refused.error.contains("\(study.path) is a folder of other runs' results (\(trial))"),
      "\(refused.error)")
    #expect(!refused.error.contains("written again"), "\(refused.error)")
    #expect(try Data(contentsOf: plan) == notes)
    #expect(
      !FileManager.default.fileExists(atPath: results.appendingPathComponent(".history").path))
    // `runner report` says what the sweep does (session 38's leftover: it said the sweep would
    // write the plan again).
    let report = try SweepBinary.run(["report", study.path])
    #expect(report.status == 73, "\(report.error)")
    #expect(
      report.error.contains("\(study.path) is a folder of other runs' results (\(trial))"),
      "\(report.error)")
    #expect(!report.error.contains("writes it again"), "\(report.error)")
    // A file of the user's that begins with the `trial` column is checked the same way: the
    // sweep and the report refuse the folder, the file untouched.
    let trialNotes = Data("trial,notes\nbest,lr 0.1 looked best\n".utf8)
    try trialNotes.write(to: plan)
    for command in [["sweep", Self.spec, "--results-dir", results.path], ["report", study.path]] {
      let refusedAgain = try SweepBinary.run(command)
      #expect(refusedAgain.status == 73, "\(command[0]): \(refusedAgain.error)")
      #expect(
        refusedAgain.error.contains("\(study.path) is a folder of other runs' results (\(trial))"),
        "\(command[0]): \(refusedAgain.error)")
      #expect(try Data(contentsOf: plan) == trialNotes, "\(command[0])")
    }
    #expect(
      !FileManager.default.fileExists(atPath: results.appendingPathComponent(".history").path))
  }

  /// A folder named like a rung's is the sweep's only when it holds a rung's own files: a
  /// user's `plan.csv` beside a `rung-0` folder of the user's notes is refused, untouched
  /// (session 38's leftover: rung folders were recognized by name alone).
  @Test func aRungNamedFolderOfTheUsersMakesNoSweepFolder() throws {
    let root = SweepBinary.temporaryDirectory("rungNamed")
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let study = results.appendingPathComponent("sweep-linear-grid")
    let rung = study.appendingPathComponent("rung-0")
    try FileManager.default.createDirectory(at: rung, withIntermediateDirectories: true)
    try Data("first try\n".utf8).write(to: rung.appendingPathComponent("notes.txt"))
    let plan = study.appendingPathComponent("plan.csv")
    let notes = Data("step,notes\n1,lr 0.1 looked best\n".utf8)
    try notes.write(to: plan)
    let refused = try SweepBinary.run(["sweep", Self.spec, "--results-dir", results.path])
    #expect(refused.status == 73, "\(refused.error)")
    #expect(!refused.error.contains("written again"), "\(refused.error)")
    #expect(try Data(contentsOf: plan) == notes)
    #expect(
      !FileManager.default.fileExists(atPath: results.appendingPathComponent(".history").path))
  }

  /// A bayes sweep's emptied plan beside a complete trial copied from another bayes sweep, its
  /// `batches.csv` moved away (its `sweep.csv` the spec's): the copied trial is in neither the
  /// replayed plan nor what the folder records, so the folder is refused and the plan left
  /// as it is (session 38's leftover: every complete trial was accepted).
  @Test func aBayesFolderWithoutBatchesAdoptsNoTrialOfAnotherSweep() throws {
    let root = SweepBinary.temporaryDirectory("bayesForeignTrial")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("bayes-moons.yaml")
    let other = root.appendingPathComponent("other")
    let seeded = try SweepBinary.run(
      ["sweep", spec, "--set", "seed=4", "--results-dir", other.path])
    #expect(seeded.status == 0, "\(seeded.error)")
    let otherName = try #require(
      try FileManager.default.contentsOfDirectory(atPath: other.path)
        .filter { !$0.hasPrefix(".") }.first)
    let otherSweep = other.appendingPathComponent(otherName)
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-bayes-moons")
    let own = Set(try FileManager.default.contentsOfDirectory(atPath: sweep.path))
    let trial = try #require(
      try FileManager.default.contentsOfDirectory(atPath: otherSweep.path)
        .filter { $0.count == 12 && !own.contains($0) }.sorted().first)
    try FileManager.default.copyItem(
      at: otherSweep.appendingPathComponent(trial), to: sweep.appendingPathComponent(trial))
    try FileManager.default.moveItem(
      at: sweep.appendingPathComponent("batches.csv"), to: root.appendingPathComponent("b.csv"))
    let plan = sweep.appendingPathComponent("plan.csv")
    try Data().write(to: plan)
    let before = SweepBinary.contents(of: sweep)
    let refused = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(refused.status == 73, "\(refused.error)")
    #expect(refused.error.contains("a folder of other runs' results"), "\(refused.error)")
    #expect(!refused.error.contains("written again"), "\(refused.error)")
    #expect(SweepBinary.contents(of: sweep) == before)
  }

  /// The sweep's own folder with its `plan.csv` replaced by a user's file: the plan is written
  /// again, the trials kept, and the file's bytes kept in the folder's history.
  @Test func aRebuiltPlansDamagedBytesAreKept() throws {
    let root = SweepBinary.temporaryDirectory("keptPlan")
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", Self.spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    let reference = SweepBinary.contents(of: sweep)
    let plan = sweep.appendingPathComponent("plan.csv")
    let notes = Data("step,notes\n1,lr 0.1 looked best\n".utf8)
    try notes.write(to: plan)
    let again = try SweepBinary.run(["sweep", Self.spec, "--results-dir", results.path])
    #expect(again.status == 0, "\(again.error)")
    let history = results.appendingPathComponent(".history/sweep-linear-grid")
    let kept = try #require(
      try FileManager.default.contentsOfDirectory(atPath: history.path).first)
    let copy = history.appendingPathComponent(kept).appendingPathComponent("plan.csv")
    #expect(try Data(contentsOf: copy) == notes)
    #expect(
      again.error.contains(
        "note: \(plan.path) does not begin with the `trial` column of a plan: written again "
          + "from the spec and its seed; every trial folder there is kept; its damaged bytes "
          + "are kept in \(history.appendingPathComponent(kept).path)"), "\(again.error)")
    #expect(SweepBinary.contents(of: sweep) == reference)
  }
}
