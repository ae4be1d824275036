import Foundation
import Pipeline
import Testing

/// What a new user found on the built binary (session 8's QA pass over runs, sweeps and
/// reports): each test failed before its fix.
@Suite(.serialized)
struct UserFindingsBinaryTests {
  /// Runs the few-millisecond single-run spec of `FolderSafetyBinaryTests` into `root/results`
  /// and returns its folder.
  static func tinyRun(in root: URL) throws -> URL {
    let spec = try FolderSafetyBinaryTests.singleSpec(in: root)
    let results = root.appendingPathComponent("results")
    let run = try SweepBinary.run(["run", spec, "--results-dir", results.path])
    #expect(run.status == 0, "\(run.error)")
    return results.appendingPathComponent("tiny")
  }

  /// A CSV saved with pandas' index column trains on the index: the warning came only after a
  /// run that completed, so a run the index made diverge never said it. It comes first now.
  @Test func anIndexColumnIsWarnedOfBeforeTrainingEvenWhenTheRunDiverges() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    var csv = ",x1,x2,label\n"
    for i in 0..<200 {
      let (a, b) = (Double(i * 37 % 200) / 100 - 1, Double(i * 91 % 200) / 100 - 1)
      csv += "\(i),\(a),\(b),\(a + b > 0 ? 1 : 0)\n"
    }
    try FolderSafetyBinaryTests.write(csv, root.appendingPathComponent("indexed.csv"))
    let spec = root.appendingPathComponent("indexed.yaml")
    try FolderSafetyBinaryTests.write(
      "dataset: {file: indexed.csv, target: label}\nmodel: {type: logreg}\n"
        + "optimizer: {type: gd, learning_rate: 5, iterations: 50}\n", spec)
    let r = try SweepBinary.run(
      ["run", spec.path, "--results-dir", root.appendingPathComponent("results").path])
    #expect(r.status == 1, "\(r.error)")
    let warning = try #require(
      r.error.range(
        of: "\(spec.path):1:10: warning: feature column 1 has an empty name (a pandas index?)"),
      "\(r.error)")
    let divergence = try #require(r.error.range(of: "error: training diverged"))
    #expect(warning.lowerBound < divergence.lowerBound)
    // A run that completes says it once, before training, not again at its end.
    try FolderSafetyBinaryTests.write(
      "dataset: {file: indexed.csv, target: label}\nmodel: {type: logreg}\n"
        + "optimizer: {type: gd, learning_rate: 0.0001, iterations: 5}\n", spec)
    let done = try SweepBinary.run(
      ["run", spec.path, "--results-dir", root.appendingPathComponent("results2").path])
    #expect(done.status == 0, "\(done.error)")
    #expect(done.error.components(separatedBy: "feature column 1 has an empty name").count == 2)
    let training = try #require(done.error.range(of: "training for 5 iterations"), "\(done.error)")
    let said = try #require(done.error.range(of: "feature column 1 has an empty name"))
    #expect(said.lowerBound < training.lowerBound)
  }

  /// Trials on the same data give the same data warning: a sweep says it once, with the first
  /// trial (a 3-trial grid on a CSV with a pandas index column said it three times).
  @Test func aSweepSaysTheSameDataWarningOnce() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    var csv = ",x1,label\n"
    for i in 0..<40 { csv += "\(i),\(Double(i % 7) / 3 - 1),\(i % 2)\n" }
    try FolderSafetyBinaryTests.write(csv, root.appendingPathComponent("indexed.csv"))
    let spec = root.appendingPathComponent("grid.yaml")
    try FolderSafetyBinaryTests.write(
      "dataset: {file: indexed.csv, target: label}\nmodel: {type: logreg}\n"
        + "optimizer: {type: gd, learning_rate: 0.0001, iterations: 5}\n"
        + "sweep: {parameters: {optimizer.learning_rate: [0.0001, 0.0002, 0.0003]}}\n", spec)
    let r = try SweepBinary.run(
      ["sweep", spec.path, "--results-dir", root.appendingPathComponent("results").path])
    #expect(r.status == 0, "\(r.error)")
    #expect(r.error.components(separatedBy: "has an empty name").count == 2, "\(r.error)")
    #expect(r.error.contains("warning: trial "), "\(r.error)")
  }

  @Test func reportKeepsTheUsersOwnPlotsAndRemovesOnlyItsStaleOnes() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try Self.tinyRun(in: root)
    let plots = folder.appendingPathComponent("plots")
    let mine = plots.appendingPathComponent("my-sketch.svg")
    try FolderSafetyBinaryTests.write("<svg/>", mine)
    // A plot the earlier report showed whose CSV is gone is stale: removed.
    let stale = plots.appendingPathComponent("mse.svg")
    #expect(FileManager.default.fileExists(atPath: stale.path))
    let metrics = folder.appendingPathComponent("metrics.csv")
    let table = try String(contentsOf: metrics, encoding: .utf8)
    let kept = table.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
        .enumerated().filter {
          !["train_mse", "test_mse"].contains(table.firstLineFields[$0.offset])
        }
        .map(\.element).joined(separator: ",")
    }
    try (kept.joined(separator: "\n") + "\n").write(to: metrics, atomically: true, encoding: .utf8)
    let report = try SweepBinary.run(["report", folder.path])
    #expect(report.status == 0, "\(report.error)")
    #expect(
      FileManager.default.fileExists(atPath: mine.path), "runner report deleted my-sketch.svg")
    #expect(!FileManager.default.fileExists(atPath: stale.path), "a stale plot was kept")
  }

  @Test func outputsThatCannotBeWrittenExit73WithTheirReason() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try Self.tinyRun(in: root)
    let file = root.appendingPathComponent("file")
    try "x".write(to: file, atomically: true, encoding: .utf8)
    // report: `plots` is a file, so its plots cannot be written.
    let plots = folder.appendingPathComponent("plots")
    try FileManager.default.moveItem(at: plots, to: root.appendingPathComponent("plots-moved"))
    try "mine".write(to: plots, atomically: true, encoding: .utf8)
    let report = try SweepBinary.run(["report", folder.path])
    #expect(report.status == 73, "\(report.error)")
    #expect(report.error.contains("error: cannot "), "\(report.error)")
    #expect(try String(contentsOf: plots, encoding: .utf8) == "mine")
    try FileManager.default.removeItem(at: plots)
    // export: a --logdir under a file, and a summary.json that is a folder (not the export's).
    let logdir = file.appendingPathComponent("logs")
    let tensorboard = try SweepBinary.run([
      "export", "tensorboard", "--logdir", logdir.path, folder.path,
    ])
    #expect(tensorboard.status == 73, "\(tensorboard.error)")
    #expect(tensorboard.error.contains("cannot write \(logdir.path)/"), "\(tensorboard.error)")
    #expect(!tensorboard.error.contains("ResultsFileError"), "\(tensorboard.error)")
    #expect(!tensorboard.error.contains("The operation could not be completed"))
    let json = folder.appendingPathComponent("summary.json")
    try FileManager.default.createDirectory(at: json, withIntermediateDirectories: true)
    let dvc = try SweepBinary.run(["export", "dvc", folder.path])
    #expect(dvc.status == 73, "\(dvc.error)")
    #expect(dvc.error.contains("\(json.path) was not written by `runner export`"), "\(dvc.error)")
    // compare: --into under a file.
    let into = file.appendingPathComponent("cmp")
    let compare = try SweepBinary.run([
      "compare", folder.path, folder.path, "--into", into.path,
    ])
    #expect(compare.status == 73, "\(compare.error)")
    #expect(compare.error.contains("error: cannot "), "\(compare.error)")
  }

  @Test func gateOutsideTheProjectSaysWhereItLookedAndExits66() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let gate = try SweepBinary.run(["gate", "--root", root.path])
    let manifest = root.appendingPathComponent("results/baseline/gate.csv").path
    #expect(gate.status == 66, "\(gate.error)")
    #expect(
      gate.error
        == "error: \(manifest): no such file; run the gate in the project folder that holds "
        + "results/baseline/, or name that folder with --root\n", "\(gate.error)")
  }

  @Test func aUsersSummaryJSONIsNeitherReplacedByExportNorDeletedByARerun() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try Self.tinyRun(in: root)
    let json = folder.appendingPathComponent("summary.json")
    try "{\"my\": \"notes\"}\n".write(to: json, atomically: true, encoding: .utf8)
    let export = try SweepBinary.run(["export", "dvc", folder.path])
    #expect(export.status == 73, "\(export.error)")
    #expect(export.error.contains("\(json.path) was not written by `runner export`"))
    #expect(try String(contentsOf: json, encoding: .utf8) == "{\"my\": \"notes\"}\n")
    // A rerun keeps the earlier run, with the user's file, in history.
    let spec = try FolderSafetyBinaryTests.singleSpec(in: root)
    let rerun = try SweepBinary.run([
      "run", spec, "--results-dir", root.appendingPathComponent("results").path,
    ])
    #expect(rerun.status == 0, "\(rerun.error)")
    #expect(
      rerun.error.contains("held files this run does not write (summary.json)"), "\(rerun.error)")
    // The export's own summary.json is replaced by export and by a rerun alike.
    let again = try SweepBinary.run(["export", "dvc", folder.path])
    #expect(again.status == 0, "\(again.error)")
    #expect(try SweepBinary.run(["export", "dvc", folder.path]).status == 0)
    let clean = try SweepBinary.run([
      "run", spec, "--results-dir", root.appendingPathComponent("results").path,
    ])
    #expect(clean.status == 0, "\(clean.error)")
    #expect(!clean.error.contains("held files"), "\(clean.error)")
  }

  @Test func mergeOfAMalformedPlanExits65NamingIt() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = try SweepBinary.run([
      "sweep", SweepBinary.fixture("kill-grid.yaml"), "--results-dir", root.path, "--jobs", "2",
    ])
    #expect(sweep.status == 0, "\(sweep.error)")
    let folder = root.appendingPathComponent("sweep-kill-grid")
    let plan = folder.appendingPathComponent("plan.csv")
    try "trial,x\n\"unterminated".write(to: plan, atomically: true, encoding: .utf8)
    let merge = try SweepBinary.run(["merge", folder.path])
    #expect(merge.status == 65, "\(merge.error)")
    // Damaged in the sweep's own folder: named as `runner report` names it, with the remedy.
    #expect(
      merge.error.contains("\(plan.path) does not parse (line 2: a quoted field is never closed"),
      "\(merge.error)")
    #expect(merge.error.contains("writes it again, keeping every trial folder"), "\(merge.error)")
    // export names a malformed file once.
    let trial = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .first { $0.count == 12 && !$0.hasPrefix(".") }!
    let summary = folder.appendingPathComponent(trial).appendingPathComponent("summary.csv")
    try "a,b\n1\n".write(to: summary, atomically: true, encoding: .utf8)
    let export = try SweepBinary.run(["export", "dvc", folder.appendingPathComponent(trial).path])
    #expect(export.status == 65, "\(export.error)")
    #expect(
      export.error
        == "error: cannot read \(summary.path): line 2: expected 2 fields like the header, found 1\n",
      "\(export.error)")
  }

  @Test func lsOfAFileSaysSoAndExits66() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try Self.tinyRun(in: root)
    let file = folder.appendingPathComponent("summary.csv").path
    let ls = try SweepBinary.run(["ls", file])
    #expect(ls.status == 66, "\(ls.output)\(ls.error)")
    #expect(
      ls.error
        == "error: \(file) is a file, not a folder (name the folder holding runs, e.g. \(folder.path))\n",
      "\(ls.error)")
  }

  @Test func moreJobsThanCoresSuggestsFewerJobsNotTheThreadsItHas() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let cores = AvailableCPUs.count
    // The fixture's 12 trials run at most 12 jobs.
    guard cores < 12 else { return }
    let sweep = try SweepBinary.run([
      "sweep", SweepBinary.fixture("kill-grid.yaml"), "--results-dir", root.path, "--jobs",
      "\(cores + 1)",
    ])
    #expect(sweep.status == 0, "\(sweep.error)")
    #expect(
      sweep.error.contains(
        "× 1 BLAS thread = \(cores + 1) threads on \(cores) core\(cores == 1 ? "" : "s"); the jobs will slow each other "
          + "down (use --jobs \(cores))\n"), "\(sweep.error)")
  }

  /// A diverged trial retried with `--retry-failed` whose retry then fails on its data: the
  /// earlier attempt's folder, with the user's `notes.txt`, goes to the sweep's `.history/`
  /// (it was deleted).
  @Test func aRetryThatFailsOnItsDataKeepsTheUsersFileInHistory() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let rows = (0..<64).map { i -> String in
      let x = Double(i % 16) - 7.5
      return "\(x),\(3 * x + 1 + Double(i % 3) * 0.05)"
    }
    let table = "x,y\n" + rows.joined(separator: "\n") + "\n"
    for name in ["a.csv", "b.csv"] {
      try FolderSafetyBinaryTests.write(table, root.appendingPathComponent(name))
    }
    let spec = root.appendingPathComponent("sw.yaml")
    try FolderSafetyBinaryTests.write(
      """
      name: sw
      seed: 4
      dataset: {file: a.csv, target: y, split: {train: 0.75, test: 0.25}}
      model: {type: linreg, init: zeros}
      loss: mse
      optimizer: {type: gd, learning_rate: 0.001, iterations: 50}
      metrics: [mse]
      sweep:
        parameters:
          optimizer.learning_rate: [0.001, 5.0]
          dataset.file: [a.csv, b.csv]

      """, spec)
    let results = root.appendingPathComponent("results")
    let first = try SweepBinary.run(["sweep", spec.path, "--results-dir", results.path])
    #expect(first.status == 1, "\(first.error)")
    let sweep = results.appendingPathComponent("sw")
    let plan = try String(contentsOf: sweep.appendingPathComponent("plan.csv"), encoding: .utf8)
    let row = try #require(plan.split(separator: "\n").first { $0.hasSuffix(",5.0,b.csv") })
    let trial = String(row.prefix { $0 != "," })
    let folder = sweep.appendingPathComponent(trial)
    try FolderSafetyBinaryTests.write(
      "why it diverges\n", folder.appendingPathComponent("notes.txt"))
    // b.csv no longer parses: the retry fails before writing anything.
    try FolderSafetyBinaryTests.write(
      table.replacingOccurrences(of: "-7.5,", with: "abc,"), root.appendingPathComponent("b.csv"))
    let retry = try SweepBinary.run([
      "sweep", spec.path, "--results-dir", results.path, "--retry-failed",
    ])
    #expect(retry.status == 1, "\(retry.error)")
    #expect(retry.output.contains("failed \(trial): "), "\(retry.output)")
    #expect(retry.output.contains("'abc' is not a number"), "\(retry.output)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["status.csv"])
    let history = sweep.appendingPathComponent(".history").appendingPathComponent(trial)
    let kept = try FileManager.default.contentsOfDirectory(atPath: history.path)
    #expect(kept.count == 1)
    let notes = history.appendingPathComponent(kept[0]).appendingPathComponent("notes.txt")
    #expect(try String(contentsOf: notes, encoding: .utf8) == "why it diverges\n")
    #expect(
      retry.error.contains(
        "note: \(folder.path) held an earlier attempt's results (and any files of yours); "
          + "this attempt failed before writing any, so they are kept in \(history.path)/"),
      "\(retry.error)")
  }

  /// A `.npy` file of version 1.0 with `shape` of float64 values, `count` bytes of zeros as its
  /// data (a sparse file when large).
  static func npy(_ url: URL, shape: String, dataBytes: Int) throws {
    var header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    let length = header.utf8.count
    var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0]
    bytes += [UInt8(length & 0xFF), UInt8(length >> 8)] + Array(header.utf8)
    try Data(bytes).write(to: url)
    let handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: UInt64(bytes.count + dataBytes))
    try handle.close()
  }

  /// A large file whose magic number is not its format's (zeros named `x.npy`, …; a CSV table of
  /// NUL bytes) gets the loader's located error from `validate` and `run`, not the memory
  /// refusal of its bytes read as a CSV table ("needs about 116 GB of memory"); a valid header
  /// too large for the limit is still refused for its memory.
  @Test func aBadMagicNumberIsNamedBeforeTheMemoryEstimate() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.npy(root.appendingPathComponent("y.npy"), shape: "(10,)", dataBytes: 80)
    let limit = ["RUNNER_MEMORY_LIMIT": "100M"]
    let cases: [(file: String, keys: String, error: String)] = [
      ("x.npy", "target_file: y.npy", "(offset 0): not a .npy file: bad magic number 00 00"),
      ("x.h5", "features: [x], target: y", "(offset 0): not an HDF5 file: bad magic number"),
      ("x.npz", "features: [x], target: y", "(offset 0): not an NPZ (zip) archive: bad magic"),
      ("x-ubyte", "target_file: y.npy", "(offset 0): not an IDX file: bad magic number 00 00"),
      ("x.csv", "target: y", "(line 1, byte offset 0): NUL byte: binary data, not text"),
    ]
    for (file, keys, error) in cases {
      let data = root.appendingPathComponent(file)
      try Data().write(to: data)
      let handle = try FileHandle(forWritingTo: data)
      try handle.truncate(atOffset: 20 << 20)
      try handle.close()
      let spec = root.appendingPathComponent("bad-\(file).yaml")
      try FolderSafetyBinaryTests.write(
        """
        name: bad
        dataset: {file: \(file), \(keys), split: {train: 0.75, test: 0.25}}
        model: {type: linreg}
        optimizer: {type: gd, learning_rate: 0.01, iterations: 10}

        """, spec)
      for command in [["validate", spec.path], ["run", spec.path, "--results-dir", root.path]] {
        let result = try SweepBinary.run(command, environment: limit)
        #expect(result.status == 65, "\(command[0]) \(file): \(result.error)")
        #expect(result.error.contains("\(data.path) \(error)"), "\(result.error)")
        #expect(!result.error.contains("of memory"), "\(result.error)")
      }
    }
    // A valid header of 4,000,000 × 4 values (a 128 MB sparse file) with as many targets:
    // refused for its memory (targets of another count are refused by the loader first).
    let large = root.appendingPathComponent("x.npy")
    try Self.npy(large, shape: "(4000000, 4)", dataBytes: 128_000_000)
    try Self.npy(
      root.appendingPathComponent("y.npy"), shape: "(4000000,)", dataBytes: 32_000_000)
    let result = try SweepBinary.run(
      ["validate", root.appendingPathComponent("bad-x.npy.yaml").path], environment: limit)
    #expect(result.status == 65, "\(result.error)")
    #expect(result.error.contains("this run needs about "), "\(result.error)")
  }
}

extension String {
  /// The comma-separated fields of the first line (a CSV header without quoting).
  fileprivate var firstLineFields: [String] {
    (split(separator: "\n").first ?? "").split(separator: ",", omittingEmptySubsequences: false)
      .map(String.init)
  }
}
