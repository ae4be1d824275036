import Foundation
import Pipeline
import Testing

/// A trial's `spec.resolved.yaml` run again with `runner run` keeps the trial's `output`, which
/// is inside the sweep folder: refused, with how to write elsewhere, and nothing written there
/// (`runner ls` lists a sweep's trials only, and the sweep would meet a folder not in its plan).
@Suite struct RunInsideSweepTests {
  let spec = """
    name: mine
    output: study/0123456789ab
    dataset: {generator: {type: linear, samples: 20}, split: {train: 0.8, test: 0.2}}
    model: {type: linreg, solver: exact}
    loss: mse

    """

  @Test func aRunInsideASweepFolderIsRefused() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let results = directory.appendingPathComponent("results")
    let sweep = results.appendingPathComponent("study")
    try FileManager.default.createDirectory(at: sweep, withIntermediateDirectories: true)
    try "trial,seed\n0123456789ab,1\n".write(
      to: sweep.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
    let path = try TestProject.writeSpec(spec, in: directory)
    for overrides in [[], ["seed=3"]] {
      #expect {
        _ = try TestProject.run(path, resultsRoot: results, overrides: overrides)
      } throws: { error in
        guard let error = error as? PipelineError else { return false }
        return error.exitCode.rawValue == 73
          && error.description.hasPrefix("error: \(sweep.path)/0123456789ab")
          && error.description.contains("is inside the sweep folder \(sweep.path)")
          && error.description.contains("give another with --set output=NAME")
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: sweep.path) == ["plan.csv"])
    // Elsewhere, the same spec runs.
    let elsewhere = try TestProject.run(path, resultsRoot: results, overrides: ["output=mine"])
    #expect(elsewhere.directory.hasSuffix("/results/mine"))
  }

  /// A run inside another run's folder (the docs once showed `output: cat/float32` beside
  /// `name: cat`) is refused: a rerun of the outer run would move it to `.history` with its own
  /// folder. The outer run's name, once it holds only other runs, is said to be such a folder.
  @Test func aRunInsideAnotherRunsFolderIsRefused() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let results = directory.appendingPathComponent("results")
    let path = try TestProject.writeSpec(spec, in: directory)
    let outer = try TestProject.run(path, resultsRoot: results, overrides: ["output=cat"])
    #expect {
      _ = try TestProject.run(path, resultsRoot: results, overrides: ["output=cat/float32"])
    } throws: { error in
      guard let error = error as? PipelineError else { return false }
      return error.exitCode.rawValue == 73
        && error.description.contains("is inside the run folder \(outer.directory)")
        && error.description.contains("(e.g. cat-float32)")
    }
    #expect(!FileManager.default.fileExists(atPath: outer.directory + "/float32"))
    // A folder of runs (made by hand, or by an older runner) is named as such.
    let study = results.appendingPathComponent("study")
    try FileManager.default.createDirectory(at: study, withIntermediateDirectories: true)
    try FileManager.default.moveItem(
      atPath: outer.directory, toPath: study.appendingPathComponent("cat").path)
    #expect {
      _ = try TestProject.run(path, resultsRoot: results, overrides: ["output=study"])
    } throws: { error in
      (error as? PipelineError)?.description.contains(
        "is a folder of other runs' results (cat), not a run's own") == true
    }
    // Beside it, the run goes ahead.
    let beside = try TestProject.run(path, resultsRoot: results, overrides: ["output=study/dog"])
    #expect(beside.directory.hasSuffix("/results/study/dog"))
    // Nested, the folder suggested is beside the run, in its own folder.
    #expect {
      _ = try TestProject.run(path, resultsRoot: results, overrides: ["output=study/dog/b"])
    } throws: { error in
      (error as? PipelineError)?.description.contains("(e.g. study/dog-b)") == true
    }
    // A sweep inside a run folder is refused alike, before any trial.
    let sweep = try TestProject.writeSpec(
      spec.replacingOccurrences(of: "study/0123456789ab", with: "study/dog/sweep")
        + "sweep: {parameters: {seed: [1, 2]}}\n", named: "sweep.yaml", in: directory)
    #expect {
      _ = try SweepRunner.run(
        specPath: sweep, options: SweepFixture.options(root: results), observer: { _ in })
    } throws: { error in
      "\(error)".contains("is inside the run folder \(beside.directory)")
    }
    #expect(!FileManager.default.fileExists(atPath: beside.directory + "/sweep"))
  }

  /// Only folders below the results folder count: a results folder inside a run's folder (a
  /// run's `spec.resolved.yaml` run again from that folder) writes as any other.
  @Test func aResultsFolderInsideARunFolderIsNoRunOfItsOwn() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = try TestProject.writeSpec(spec, in: directory)
    let outer = try TestProject.run(path, resultsRoot: directory, overrides: ["output=run"])
    let inner = URL(fileURLWithPath: outer.directory).appendingPathComponent("results")
    let again = try TestProject.run(path, resultsRoot: inner, overrides: ["output=again"])
    #expect(again.directory.hasSuffix("/run/results/again"))
  }
}
