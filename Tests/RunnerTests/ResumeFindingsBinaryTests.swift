import Foundation
import Testing

/// What a hostile tester found resuming, merging and listing sweeps with the built binary
/// (a QA pass): each test failed before its fix.
@Suite(.serialized)
struct ResumeFindingsBinaryTests {
  /// The linear-grid fixture swept into `results`; its sweep folder.
  func linearGridSweep(in results: URL) throws -> URL {
    let run = try SweepBinary.run([
      "sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir", results.path,
    ])
    #expect(run.status == 0, "\(run.error)")
    return results.appendingPathComponent("sweep-linear-grid")
  }

  /// A 3-trial grid of exact linear regressions on `root/points.csv` (`rows` rows of y = 2x + 1).
  static func csvSweep(in root: URL, rows: Int = 20, slope: Double = 2) throws -> String {
    let points = (0..<rows).map { "\($0),\(slope * Double($0) + 1 + Double($0 % 3) * 0.1)" }
    try FolderSafetyBinaryTests.write(
      (["x,y"] + points).joined(separator: "\n") + "\n", root.appendingPathComponent("points.csv"))
    let spec = root.appendingPathComponent("points-sweep.yaml")
    try FolderSafetyBinaryTests.write(
      """
      name: points-sweep
      seed: 1
      dataset: {file: points.csv, features: [x], target: y, split: {train: 0.6, dev: 0.2, test: 0.2}}
      model: {type: linreg, solver: exact}
      loss: mse
      sweep:
        parameters:
          regularization.l2: [0.0, 0.01, 0.1]

      """, spec)
    return spec.path
  }

  @Test func aResumeAfterTheDataChangedSaysTheSkippedTrialsRanOnTheEarlierData() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.csvSweep(in: root)
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    // Unchanged data: a re-run says nothing about it.
    let again = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(again.status == 0, "\(again.error)")
    #expect(!again.error.contains("points.csv"), "\(again.error)")
    // The user edits the data, removes one trial and resumes: the two skipped trials were
    // trained on the earlier data, and the user is told which file and what to do.
    let sweep = results.appendingPathComponent("points-sweep")
    let plan = try String(contentsOf: sweep.appendingPathComponent("plan.csv"), encoding: .utf8)
    let removed = String(plan.split(separator: "\n")[1].split(separator: ",")[0])
    try FileManager.default.removeItem(at: sweep.appendingPathComponent(removed))
    Thread.sleep(forTimeInterval: 0.05)
    _ = try Self.csvSweep(in: root, slope: 5)
    let resumed = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(
      resumed.error.contains("warning: dataset.file: ")
        && resumed.error.contains("points.csv was modified after 2 complete trials"),
      "\(resumed.error)")
    #expect(resumed.error.contains("--results-dir"), "\(resumed.error)")
  }

  /// A data file given as a link: the file it names is what changes, and is what is compared.
  @Test func aResumeAfterTheLinkedDataChangedWarnsToo() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try Self.csvSweep(in: root)
    let points = root.appendingPathComponent("points.csv")
    let real = root.appendingPathComponent("real.csv")
    try FileManager.default.moveItem(at: points, to: real)
    try FileManager.default.createSymbolicLink(at: points, withDestinationURL: real)
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("points-sweep")
    let plan = try String(contentsOf: sweep.appendingPathComponent("plan.csv"), encoding: .utf8)
    let removed = String(plan.split(separator: "\n")[1].split(separator: ",")[0])
    try FileManager.default.removeItem(at: sweep.appendingPathComponent(removed))
    Thread.sleep(forTimeInterval: 0.05)
    let text = try String(contentsOf: real, encoding: .utf8)
    try FolderSafetyBinaryTests.write(text + "20,41.0\n", real)
    let resumed = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(resumed.status == 0, "\(resumed.error)")
    #expect(
      resumed.error.contains("real.csv was modified after 2 complete trials"), "\(resumed.error)")
  }

  @Test func aHalvingMergeOfOneShardCountsTheTrialsItHas() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shard = root.appendingPathComponent("shard0")
    let run = try SweepBinary.run([
      "sweep", SweepBinary.fixture("halving-moons.yaml"), "--shard", "0/2", "--results-dir",
      shard.path,
    ])
    #expect(run.status == 0, "\(run.error)")
    // Hyperband: rung 0 of each bracket. It said "copied 10 trials; 0 of 9 complete".
    let text = try String(
      contentsOfFile: SweepBinary.fixture("halving-moons.yaml"), encoding: .utf8
    ).replacingOccurrences(of: "successive_halving", with: "hyperband")
    let hyperband = root.appendingPathComponent("hyperband.yaml")
    try FolderSafetyBinaryTests.write(text, hyperband)
    let bands = root.appendingPathComponent("bands0")
    let banded = try SweepBinary.run([
      "sweep", hyperband.path, "--shard", "0/2", "--results-dir", bands.path,
    ])
    #expect(banded.status == 0, "\(banded.error)")
    let bandsMerge = try SweepBinary.run([
      "merge", bands.appendingPathComponent("sweep-halving-moons").path, "--into",
      root.appendingPathComponent("bands-merged").path,
    ])
    #expect(bandsMerge.status == 1, "\(bandsMerge.error)")
    // (Shard 0's share follows the trial IDs, those of the trials at sweep.budget.max.)
    // Counted in trial runs per bracket, as the sweep counts them (it said "5 of 9 complete").
    #expect(
      bandsMerge.output.contains("copied 10 trial runs; 10 of 22 trial runs complete: bracket 2 ")
        && bandsMerge.output.contains("missing 4 trials"), "\(bandsMerge.output)")
    let merged = root.appendingPathComponent("merged")
    let merge = try SweepBinary.run([
      "merge", shard.appendingPathComponent("sweep-halving-moons").path, "--into", merged.path,
    ])
    // Rung 0's 9 trials, 5 of them in shard 0: it said "copied 5 trials; 0 of 9 complete".
    #expect(merge.status == 1, "\(merge.error)")
    #expect(
      merge.output.contains(
        "copied 5 trial runs; 5 of 13 trial runs complete: rung 0 5 of 9, rung 1 0 of 3, rung 2 0 "
          + "of 1"), "\(merge.output)")
    // The rung is not complete: no further round is due yet, the missing trials come first.
    #expect(!merge.output.contains("not complete yet"), "\(merge.output)")
    #expect(merge.output.contains("missing 4 trials"), "\(merge.output)")
  }

  /// Shards of one halving spec whose `sweep.budget` differs (edited between the shards' runs)
  /// have the same plan.csv but train their rungs to other budgets: the merge refuses them.
  @Test func aHalvingMergeOfShardsWithOtherBudgetsIsRefused() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let fixture = try String(
      contentsOfFile: SweepBinary.fixture("halving-moons.yaml"), encoding: .utf8)
    var shards: [String] = []
    // Another min, the same max: the same trials (their IDs are those at max), other rungs.
    for (index, min) in [(0, 1), (1, 2)] {
      let spec = root.appendingPathComponent("spec\(index).yaml")
      try FolderSafetyBinaryTests.write(
        fixture.replacingOccurrences(of: "{min: 1, max: 9}", with: "{min: \(min), max: 9}"), spec)
      let shard = root.appendingPathComponent("shard\(index)")
      let run = try SweepBinary.run([
        "sweep", spec.path, "--shard", "\(index)/2", "--results-dir", shard.path,
      ])
      #expect(run.status == 0, "\(run.error)")
      shards.append(shard.appendingPathComponent("sweep-halving-moons").path)
    }
    let merged = root.appendingPathComponent("merged")
    let merge = try SweepBinary.run(["merge"] + shards + ["--into", merged.path])
    #expect(merge.status == 65, "\(merge.error)")
    #expect(
      merge.error.contains(
        "error: \(shards[0]) and \(shards[1]) hold different sweeps (their rungs.csv budgets "
          + "differ); merge only shards of one spec"), "\(merge.error)")
    // A shard killed before it wrote rungs.csv: its complete trials are checked one by one.
    try FileManager.default.removeItem(atPath: shards[1] + "/rungs.csv")
    let killed = try SweepBinary.run(
      ["merge"] + shards + ["--into", root.appendingPathComponent("merged2").path])
    #expect(killed.status == 65, "\(killed.error)")
    #expect(
      killed.error.contains(
        "error: \(shards[1])/rung-0 holds 4 complete trials trained to 2 epochs by another plan "
          + "of this sweep; this plan trains rung 0 to 1 epoch"), "\(killed.error)")
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("merged2").path))
  }

  /// Hyperband shards with a trial trained to another budget: the merge refuses before it
  /// writes anything (it merged the larger brackets first), naming the shard's sweep folder.
  @Test func aHyperbandMergeRefusedWritesNothing() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("hyperband.yaml")
    try FolderSafetyBinaryTests.write(
      try String(contentsOfFile: SweepBinary.fixture("halving-moons.yaml"), encoding: .utf8)
        .replacingOccurrences(of: "successive_halving", with: "hyperband"), spec)
    var shards: [String] = []
    for index in 0..<2 {
      let shard = root.appendingPathComponent("shard\(index)")
      let run = try SweepBinary.run([
        "sweep", spec.path, "--shard", "\(index)/2", "--results-dir", shard.path,
      ])
      #expect(run.status == 0, "\(run.error)")
      shards.append(shard.appendingPathComponent("sweep-halving-moons").path)
    }
    // One complete trial of bracket 0 (the last merged) trained, it says, to another budget.
    let rung = URL(fileURLWithPath: shards[1]).appendingPathComponent("bracket-0/rung-0")
    let trial = try #require(
      try FileManager.default.contentsOfDirectory(atPath: rung.path).first {
        FileManager.default.fileExists(atPath: rung.appendingPathComponent("\($0)/status.csv").path)
      })
    let resolved = rung.appendingPathComponent("\(trial)/spec.resolved.yaml")
    try FolderSafetyBinaryTests.write(
      try String(contentsOf: resolved, encoding: .utf8).replacingOccurrences(
        of: "  epochs: 9\n", with: "  epochs: 4\n"), resolved)
    let merged = root.appendingPathComponent("merged")
    let merge = try SweepBinary.run(["merge"] + shards + ["--into", merged.path])
    #expect(merge.status == 65, "\(merge.error)")
    #expect(
      merge.error.contains(
        "holds 1 complete trial trained to 4 epochs by another plan of this sweep; this plan "
          + "trains rung 0 to 9 epochs") && merge.error.contains("or move \(shards[1]) away"),
      "\(merge.error)")
    #expect(!FileManager.default.fileExists(atPath: merged.path))
  }

  /// Each subcommand's `--help` states a default once (the argument parser adds
  /// `(default: …)` after a help text that already said it: `runner ls`, `runner gate`).
  @Test func helpTextsStateEachDefaultOnce() throws {
    let commands = [
      ["run"], ["validate"], ["explain"], ["sweep"], ["merge"], ["diff"], ["report"],
      ["predict"], ["data", "show"], ["gradcheck"], ["gate"], ["env"], ["ls"], ["compare"],
      ["export", "dvc"],
    ]
    for command in commands {
      let help = try SweepBinary.run(command + ["--help"])
      #expect(help.status == 0, "\(command): \(help.error)")
      let text = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      let twice = text.range(
        of: #"\(default: [^)]*\)\.? \(default: "#, options: .regularExpression)
      #expect(twice == nil, "\(command): \(text)")
    }
  }

  /// A note of the user's in one copy of a trial stops the merge (the copies differ), and the
  /// error says which copy holds the file instead of "mynote.txt differs".
  @Test func aMergeRefusedOverAUsersFileNamesTheCopyHoldingIt() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweepA = try linearGridSweep(in: root.appendingPathComponent("a"))
    let sweepB = root.appendingPathComponent("b")
    try FileManager.default.copyItem(at: sweepA, to: sweepB)
    let plan = try String(contentsOf: sweepA.appendingPathComponent("plan.csv"), encoding: .utf8)
    let id = String(plan.split(separator: "\n")[1].split(separator: ",")[0])
    let note = sweepA.appendingPathComponent(id).appendingPathComponent("mynote.txt")
    try FolderSafetyBinaryTests.write("mine", note)
    let merge = try SweepBinary.run(["merge", sweepA.path, sweepB.path])
    #expect(merge.status == 1, "\(merge.error)")
    #expect(
      merge.error.contains("mynote.txt is only in \(sweepA.path)/\(id); move it out"),
      "\(merge.error)")
    #expect(try String(contentsOf: note, encoding: .utf8) == "mine")
  }

  /// A `sweep.csv` that is not the settings (hand-edited, cut short) is refused by merge, named
  /// (exit 65), as docs/sweeps.md says; it was taken for an older folder without one, and the
  /// merged summary ranked by the default objective instead of the spec's.
  @Test func mergeOfAMalformedSweepFileExits65NamingIt() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = try linearGridSweep(in: root.appendingPathComponent("results"))
    let settings = sweep.appendingPathComponent("sweep.csv")
    for text in ["garbage\n\"\n", "key,value\nobjective.metric,test_loss\n"] {
      try FolderSafetyBinaryTests.write(text, settings)
      let merged = root.appendingPathComponent("merged")
      let merge = try SweepBinary.run(["merge", sweep.path, "--into", merged.path])
      #expect(merge.status == 65, "\(merge.output) \(merge.error)")
      #expect(merge.error.contains(settings.path), "\(merge.error)")
      #expect(!FileManager.default.fileExists(atPath: merged.path))
    }
  }
}
