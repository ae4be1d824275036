import Conventions
import Foundation
import Testing

@testable import Reports

/// `runner diff` as CI uses it (tester AZ): a column left out on purpose is no typo, a check
/// that compares nothing does not pass, and the gate's manifest is not a result.
@Suite("runner diff: what is left out, and comparing nothing")
struct DiffNothingComparedTests {
  /// A sweep folder (`SweepPairingTests.sweep`) whose trials' IDs are `ids`, trained for
  /// `epochs`, with a `seed` derived from each ID in `summary.csv` and in a trial's
  /// `metrics.csv`, and a resolved spec in each trial folder.
  static func seeded(_ ids: [String], seed: Int, epochs: Int) throws -> URL {
    let folder = try SweepPairingTests.sweep(ids, epochs: epochs)
    for file in ["summary.csv", "\(ids[0])/metrics.csv"] {
      let url = folder.appendingPathComponent(file)
      let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
      let text = lines.enumerated().map { $0 == 0 ? $1 + ",seed" : $1 + ",\(seed + $0)" }
      try (text.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }
    for (index, id) in ids.enumerated() {
      try AtomicFile.write(
        "output: results/sw\nseed: \(seed + index)\noptimizer.epochs: \(epochs)\n",
        to: folder.appendingPathComponent("\(id)/spec.resolved.yaml"))
    }
    return folder
  }

  /// Two versions of a sweep whose trial IDs differ: B trained 30 epochs instead of 20.
  static func regression() throws -> (a: String, b: String) {
    let a = try seeded(
      ["a00000000001", "a00000000002"], seed: 7_840_574_520_815_527_318, epochs: 20)
    let b = try seeded(["b00000000001", "b00000000002"], seed: 893_166_883_929_745_556, epochs: 30)
    return (a.path, b.path)
  }

  /// The shipped sweep workflow's `--tol seed=0`: with trial IDs that differ, `seed` is left
  /// out on purpose, which was "trouble" (exit 2, nothing on stdout) and hid the regression.
  @Test("--tol seed=0 on trials paired by swept values: the regression's exit 1 and report")
  func toleranceOnDerivedSeedKeepsTheVerdict() throws {
    let (a, b) = try Self.regression()
    let options = DiffOptions(absoluteTolerance: 1e-10, relativeTolerance: 1e-7)
    for (x, y) in [(a, b), (a + "/summary.csv", b + "/summary.csv")] {
      let result = DiffCommandResult.run(
        a: x, b: y, options: options, columnTolerances: ["seed=0"],
        specReader: DiffSpecChangesTests.reader)
      #expect(result.status == .failure, "\(result.error)")
      #expect(result.error.isEmpty)
      #expect(result.output.hasPrefix("trial IDs differ (the spec changed besides the swept keys)"))
      #expect(result.output.contains("seed: derived from each trial's ID"))
      #expect(result.output.contains("optimizer.epochs  20   30"), "\(result.output)")
    }
    // A misspelt column is still trouble, and `trial` (paired, not compared) says why.
    let typo = DiffCommandResult.run(
      a: a, b: b, options: options, columnTolerances: ["sed=0"],
      specReader: DiffSpecChangesTests.reader)
    #expect(typo.status == .trouble)
    let trial = DiffCommandResult.run(
      a: a + "/summary.csv", b: b + "/summary.csv", options: options,
      columnTolerances: ["trial=0"], specReader: DiffSpecChangesTests.reader)
    #expect(trial.status == .trouble)
    #expect(
      trial.error.contains("'trial', which is not compared: the trials of A and B are paired"),
      "\(trial.error)")
  }

  /// `--only seed` on those trials compared nothing and said "same within tolerance".
  @Test("--only naming only what is left out compares nothing: trouble, saying why")
  func onlyOnDerivedSeedIsTrouble() throws {
    let (a, b) = try Self.regression()
    for reader in [DiffSpecChangesTests.reader, nil] {
      var options = DiffOptions()
      options.onlyColumns = ["seed"]
      let seed = DiffCommandResult.run(a: a, b: b, options: options, specReader: reader)
      #expect(seed.status == .trouble)
      #expect(seed.output.isEmpty)
      #expect(
        seed.error.contains(
          "--only 'seed' compares nothing: each trial's seed is derived from its ID"),
        "\(seed.error)")
      // Beside a column that is compared, the gate compares that column.
      options.onlyColumns = ["seed", "dev_loss"]
      #expect(
        DiffCommandResult.run(a: a, b: b, options: options, specReader: reader).status == .success)
    }
    // `output` (where results were written) is a key of the specs, never compared.
    var options = DiffOptions()
    options.onlyColumns = ["output"]
    let output = DiffCommandResult.run(
      a: a, b: b, options: options, specReader: DiffSpecChangesTests.reader)
    #expect(output.status == .trouble)
    #expect(
      output.error.hasPrefix(
        "--only compares nothing: no compared file or resolved spec compares 'output'"))
  }

  /// An artifact download that made the folders and fetched nothing passed the check.
  @Test("two folders holding no results file are trouble, not the same (AZ F7)")
  func foldersWithNothingToCompare() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (a, b) = (root.appendingPathComponent("A"), root.appendingPathComponent("B"))
    for side in [a, b] {
      try FileManager.default.createDirectory(at: side, withIntermediateDirectories: true)
    }
    let empty = DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(empty.status == .trouble)
    #expect(empty.error.contains("hold no results file to compare"), "\(empty.error)")
    #expect(empty.json.rendered.contains(#""verdict":"trouble","exit_code":2"#))
    // Timings alone are not compared: nothing to compare either, unless asked.
    for side in [a, b] {
      try AtomicFile.write(
        "phase,seconds\ntrain,1\n", to: side.appendingPathComponent("timings.csv"))
    }
    #expect(DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions()).status == .trouble)
    #expect(
      DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions(includeTimings: true))
        .status == .success)
    // environment.csv alone: the same, and the message names both files left out (it said
    // "no CSV file, timings aside" of folders holding one, tester BB).
    for side in [a, b] {
      try FileManager.default.removeItem(at: side.appendingPathComponent("timings.csv"))
      try AtomicFile.write(
        "key,value\nhost,h\n", to: side.appendingPathComponent("environment.csv"))
    }
    let environment = DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(environment.status == .trouble)
    #expect(
      environment.error.contains(
        "(no CSV file but environment.csv and timings.csv, which differ between identical runs "
          + "and are compared only with --include-timings, nor spec.resolved.yaml)"),
      "\(environment.error)")
    // One side holding results against an empty one: they differ.
    try AtomicFile.write("epoch,loss\n0,1\n", to: a.appendingPathComponent("run/metrics.csv"))
    #expect(DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions()).status == .failure)
  }

  /// `runner diff results/baseline <fresh results root>`: the gate's manifest was "only in A",
  /// so the documented comparison could never pass.
  @Test("the gate's manifest on one side only is not a result; both sides' are compared (AZ F4)")
  func gateManifestIsNoResult() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (a, b) = (root.appendingPathComponent("baseline"), root.appendingPathComponent("fresh"))
    let manifest =
      "name,spec,command,atol,rtol,iteration_rtol\ncat,experiments/cat.yaml,run,0,0,0\n"
    try AtomicFile.write(manifest, to: a.appendingPathComponent("gate.csv"))
    for side in [a, b] {
      try AtomicFile.write("epoch,loss\n0,1\n", to: side.appendingPathComponent("cat/metrics.csv"))
    }
    let fresh = DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(fresh.status == .success, "\(fresh.output)")
    #expect(
      fresh.output == """
        gate.csv: the regression gate's manifest, only in A: not a result, not compared
        cat/metrics.csv: same (1 row, key: epoch)
        same within tolerance: 1 file (atol 0.0, rtol 0.0)

        """)
    #expect(fresh.json.rendered.contains(#""gate_manifests_only_in_a":["gate.csv"]"#))
    // Two baseline roots: their manifests are compared like any table.
    try AtomicFile.write(
      manifest.replacingOccurrences(of: "run,0,0,0", with: "run,0,1e-9,0"),
      to: b.appendingPathComponent("gate.csv"))
    let two = DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(two.status == .failure)
    #expect(two.output.contains("gate.csv: 1 difference"), "\(two.output)")
    // A results table that happens to be called gate.csv is a result.
    try FileManager.default.removeItem(at: b.appendingPathComponent("gate.csv"))
    try AtomicFile.write("epoch,loss\n0,1\n", to: a.appendingPathComponent("gate.csv"))
    let table = DiffCommandResult.run(a: a.path, b: b.path, options: DiffOptions())
    #expect(table.status == .failure)
    #expect(table.output.contains("gate.csv: only in A (missing in B)"))
  }
}
