import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Removing a file or folder the user write-protected (`chmod a-w`, held for root too) is
/// changing it (tester BD F-e, F-j): a finished sweep keeps such a checkpoint and says so, and a
/// comparison refuses (73) with nothing changed. A listing that writes nothing lists a
/// protected folder (F-m), and an export of several runs writes none before refusing one (m1).
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ProtectedRemovalBinaryTests {
  typealias Tree = ProtectedNothingChangedBinaryTests

  /// A successive-halving sweep whose rung 0 two shards ran, merged into `dir/m`: rounds
  /// remain, so its rung-0 trials still hold their checkpoints. The spec and the merged folder.
  static func halfDoneHalving(_ dir: URL) throws -> (spec: String, merged: URL) {
    let spec = SweepBinary.fixture("halving-moons.yaml")
    let name = "sweep-halving-moons"
    for i in 0..<2 {
      let r = try InputFaultBinaryTests.run(
        ["sweep", spec, "--shard", "\(i)/2", "--results-dir", dir.path + "/s\(i)"], in: dir,
        seconds: 300)
      #expect(r.status == 0, "\(r.error)")
    }
    let merged = dir.appendingPathComponent("m/\(name)")
    let m = try InputFaultBinaryTests.run(
      ["merge", dir.path + "/s0/\(name)", dir.path + "/s1/\(name)", "--into", merged.path],
      in: dir)
    #expect(m.status == 0, "\(m.error)")
    return (spec, merged)
  }

  /// Finishing the sweep leaves a write-protected trial folder's checkpoint, and a checkpoint
  /// whose files are 444, as they were, and says so; the others' checkpoints are removed.
  @Test func finishingAnAdaptiveSweepKeepsProtectedCheckpoints() throws {
    let dir = SweepBinary.temporaryDirectory()
    let (spec, merged) = try Self.halfDoneHalving(dir)
    let rung = merged.appendingPathComponent("rung-0")
    let trials = try Tree.trials(rung).filter {
      FileManager.default.fileExists(atPath: rung.path + "/\($0)/checkpoint")
    }
    try #require(trials.count >= 3, "\(trials)")
    let folder = rung.appendingPathComponent(trials[0])
    let checkpoint = rung.appendingPathComponent(trials[1] + "/checkpoint")
    let files = try FileManager.default.contentsOfDirectory(atPath: checkpoint.path)
      .map { checkpoint.appendingPathComponent($0) }
    #expect(chmod(folder.path, 0o555) == 0)
    for file in files { #expect(chmod(file.path, 0o444) == 0) }
    defer { Tree.cleanUp(dir, [folder] + files) }
    let before = [Tree.tree(folder), Tree.tree(checkpoint)]
    let r = try InputFaultBinaryTests.run(
      ["sweep", spec, "--jobs", "1", "--results-dir", dir.path + "/m"], in: dir, seconds: 300)
    #expect(r.status == 0, "\(r.output)\(r.error)")
    #expect([Tree.tree(folder), Tree.tree(checkpoint)] == before)
    #expect(r.error.contains("note: kept 2 checkpoints"), "\(r.error)")
    #expect(r.error.contains("\(folder.path) and 1 more are write-protected"), "\(r.error)")
    let unprotected = rung.appendingPathComponent(trials[2] + "/checkpoint")
    #expect(!FileManager.default.fileExists(atPath: unprotected.path))
  }

  /// A project with the runs `results/points` and `results/other` (the default metrics) and
  /// `results/f1a`, `results/f1b` (f1 too).
  static func runs(label: String = #function) throws -> URL {
    let dir = try InputFaultBinaryTests.project(
      ["spec.yaml": InputFaultBinaryTests.spec("points.csv")], label: label)
    let spec = dir.appendingPathComponent("spec.yaml").path
    for extra in [
      [], ["--set", "output=other"], ["--set", "output=f1a", "--set", "metrics=[accuracy, f1]"],
      ["--set", "output=f1b", "--set", "metrics=[accuracy, f1]", "--set", "seed=2"],
    ] {
      let run = try InputFaultBinaryTests.run(
        ["run", spec, "--results-dir", dir.path + "/results"] + extra, in: dir)
      #expect(run.status == 0, "\(run.error)")
    }
    return dir
  }

  /// `compare --into` where the new comparison makes no chart the earlier one made, and that
  /// chart is 444: refused (73) naming it, nothing changed (it was removed, rc 0).
  @Test func compareRefusesToRemoveAProtectedChart() throws {
    let dir = try Self.runs()
    let results = dir.path + "/results"
    let into = dir.appendingPathComponent("cmp")
    let first = try InputFaultBinaryTests.run(
      ["compare", "f1a", "f1b", "--results-dir", results, "--into", into.path], in: dir)
    #expect(first.status == 0, "\(first.error)")
    let chart = into.appendingPathComponent("plots/compare_train_f1.svg")
    try #require(FileManager.default.fileExists(atPath: chart.path))
    #expect(chmod(chart.path, 0o444) == 0)
    defer { Tree.cleanUp(dir, [chart]) }
    let before = Tree.tree(dir)
    let r = try InputFaultBinaryTests.run(
      ["compare", "points", "other", "--results-dir", results, "--into", into.path], in: dir)
    #expect(r.status == 73, "\(r.output)\(r.error)")
    #expect(
      r.error.contains("cannot remove \(chart.path), a chart of the earlier comparison"),
      "\(r.error)")
    #expect(r.error.contains("\(chart.path) is write-protected"), "\(r.error)")
    #expect(!r.error.contains("make room"), "\(r.error)")
    #expect(Tree.tree(dir) == before)
  }

  /// A protection refusal of `report` and `compare` tells what to do about it, not to make
  /// room (tester BD m7: the full-disk words).
  @Test func protectionRefusalsDoNotSayMakeRoom() throws {
    let dir = try Self.runs()
    let results = dir.path + "/results"
    let into = dir.appendingPathComponent("cmp")
    let first = try InputFaultBinaryTests.run(
      ["compare", "points", "other", "--results-dir", results, "--into", into.path], in: dir)
    #expect(first.status == 0, "\(first.error)")
    let table = into.appendingPathComponent("compare_metrics.csv")
    let page = dir.appendingPathComponent("results/points/report.md")
    let report = try InputFaultBinaryTests.run(["report", results + "/points"], in: dir)
    #expect(report.status == 0, "\(report.error)")
    #expect(chmod(table.path, 0o444) == 0 && chmod(page.path, 0o444) == 0)
    defer { Tree.cleanUp(dir, [table, page]) }
    let before = Tree.tree(dir)
    for arguments in [
      ["compare", "points", "other", "--results-dir", results, "--into", into.path],
      ["report", results + "/points"],
    ] {
      let r = try InputFaultBinaryTests.run(arguments, in: dir)
      #expect(r.status == 73, "\(arguments): \(r.error)")
      #expect(r.error.contains("is write-protected"), "\(arguments): \(r.error)")
      #expect(r.error.contains("as it was: make it writable (chmod u+w)"), "\(r.error)")
      #expect(!r.error.contains("make room"), "\(arguments): \(r.error)")
    }
    #expect(Tree.tree(dir) == before)
  }

  /// `sweep --dry-run` of a finished sweep whose folder or report is write-protected lists it
  /// (exit 0) with a note naming the protected entry, and changes nothing (it was refused, 73).
  @Test(arguments: ["folder", "report.md"])
  func dryRunListsAProtectedSweep(_ what: String) throws {
    let dir = SweepBinary.temporaryDirectory("dryrun\(what)")
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let sweep = try InputFaultBinaryTests.run(
      ["sweep", spec, "--results-dir", dir.path + "/sweeps"], in: dir)
    #expect(sweep.status == 0, "\(sweep.error)")
    let folder = dir.appendingPathComponent("sweeps/sweep-linear-grid")
    let protected = what == "folder" ? folder : folder.appendingPathComponent(what)
    #expect(chmod(protected.path, what == "folder" ? 0o555 : 0o444) == 0)
    defer { Tree.cleanUp(dir, [protected]) }
    let before = Tree.tree(dir)
    let r = try InputFaultBinaryTests.run(
      ["sweep", spec, "--dry-run", "--results-dir", dir.path + "/sweeps"], in: dir)
    #expect(r.status == 0, "\(r.output)\(r.error)")
    #expect(r.output.contains("note: \(protected.path) is write-protected"), "\(r.output)")
    #expect(r.output.contains("would be refused (exit 73)"), "\(r.output)")
    #expect(Tree.tree(dir) == before)
    // The sweep itself still refuses it, nothing changed.
    let run = try InputFaultBinaryTests.run(
      ["sweep", spec, "--results-dir", dir.path + "/sweeps"], in: dir)
    #expect(run.status == 73, "\(run.error)")
    #expect(Tree.tree(dir) == before)
  }

  /// `export dvc` of a results root and `export tensorboard` of two runs, the later run's
  /// folder write-protected: refused (73) before the first run's file is written (tester BD m1).
  @Test(arguments: ["dvc", "tensorboard"])
  func exportOfSeveralRunsWithAProtectedOneWritesNothing(_ format: String) throws {
    let dir = try Self.runs(label: "export\(format)")
    let results = dir.appendingPathComponent("results")
    let protected = results.appendingPathComponent("points")
    #expect(chmod(protected.path, 0o555) == 0)
    defer { Tree.cleanUp(dir, [protected]) }
    let before = Tree.tree(dir)
    let targets =
      format == "dvc" ? [results.path] : [results.path + "/other", results.path + "/points"]
    let r = try InputFaultBinaryTests.run(["export", format] + targets, in: dir)
    #expect(r.status == 73, "\(r.output)\(r.error)")
    #expect(r.error.contains("\(protected.path) is write-protected"), "\(r.error)")
    #expect(!r.error.contains("free some space"), "\(r.error)")
    #expect(r.output == "")
    #expect(Tree.tree(dir) == before)
  }
}
