import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A command refused for a write-protected file or folder (`chmod a-w`, held for root too)
/// exits 73 with nothing changed: every file and folder it would replace or create is checked
/// before it writes any (tester BB F8, F17, F4). Each test compares the whole tree, hidden
/// files and modes included, before and after.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ProtectedNothingChangedBinaryTests {
  /// Every entry below `dir` (hidden ones included) with its mode and, for a file, its bytes.
  static func tree(_ dir: URL) -> [String: String] {
    var out: [String: String] = [:]
    for path in (try? FileManager.default.subpathsOfDirectory(atPath: dir.path)) ?? [] {
      let url = dir.appendingPathComponent(path)
      var info = stat()
      guard lstat(url.path, &info) == 0 else { continue }
      let bytes = FileManager.default.contents(atPath: url.path)?.base64EncodedString() ?? ""
      let isFile = info.st_mode & S_IFMT == S_IFREG
      out[path] = String(info.st_mode, radix: 8) + (isFile ? " \(bytes)" : "")
    }
    return out
  }

  /// Makes `urls` writable again and removes `dir`.
  static func cleanUp(_ dir: URL, _ urls: [URL]) {
    for url in urls { _ = chmod(url.path, 0o755) }
    try? FileManager.default.removeItem(at: dir)
  }

  /// A finished 6-trial grid sweep in `dir/sweeps`, and a copy of it merged from its two
  /// shards' folders (`dir/s0`, `dir/s1`) into `dir/m`: the spec, the sweep folder, the shard
  /// folders and the merged folder.
  static func sweepAndShards(_ dir: URL) throws -> (
    spec: String, sweep: URL, shards: [URL], merged: URL
  ) {
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let name = "sweep-linear-grid"
    var shards: [URL] = []
    for i in 0..<2 {
      let r = try InputFaultBinaryTests.run(
        ["sweep", spec, "--shard", "\(i)/2", "--results-dir", dir.path + "/s\(i)"], in: dir)
      #expect(r.status == 0, "\(r.error)")
      shards.append(dir.appendingPathComponent("s\(i)/\(name)"))
    }
    let merged = dir.appendingPathComponent("m/\(name)")
    let m = try InputFaultBinaryTests.run(
      ["merge"] + shards.map(\.path) + ["--into", merged.path], in: dir)
    #expect(m.status == 0, "\(m.error)")
    return (spec, dir.appendingPathComponent("sweeps/\(name)"), shards, merged)
  }

  /// The trial folders of sweep folder `folder`, in name order.
  static func trials(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.count == 12 }
      .sorted()
  }

  /// `merge` refused 73 naming `protected`, in the merge's own words, the merged folder unchanged.
  static func expectMergeRefused(_ shards: [URL], into merged: URL, protected: URL, in dir: URL)
    throws
  {
    let before = Self.tree(dir)
    let r = try InputFaultBinaryTests.run(
      ["merge"] + shards.map(\.path) + ["--into", merged.path], in: dir)
    #expect(r.status == 73, "\(r.output)\(r.error)")
    #expect(r.error.contains("\(protected.path) is write-protected"), "\(r.error)")
    #expect(r.error.contains("nothing was merged"), "\(r.error)")
    #expect(!r.error.contains("resume"), "a sweep's words: \(r.error)")
    #expect(Self.tree(dir) == before)
  }

  /// A trial the merge would copy in place of an incomplete, write-protected trial folder
  /// (tester BB F4 for merge); and a protected summary.csv with a trial missing (F8: the missing
  /// trial was placed first).
  @Test(arguments: ["trial", "summary.csv", ".history"])
  func mergeRefusesBeforeCopying(_ what: String) throws {
    let dir = SweepBinary.temporaryDirectory("merge\(what)")
    let (_, _, shards, merged) = try Self.sweepAndShards(dir)
    let trial = merged.appendingPathComponent(try Self.trials(merged)[0])
    let protected: URL
    switch what {
    case "trial":
      try FileManager.default.removeItem(at: trial.appendingPathComponent("summary.csv"))
      protected = trial
    case ".history":
      // An incomplete trial folder whose files of yours a copy would keep in `.history`.
      try FileManager.default.removeItem(at: trial.appendingPathComponent("status.csv"))
      try "mine\n".write(
        to: trial.appendingPathComponent("NOTES.md"), atomically: true, encoding: .utf8)
      protected = merged.appendingPathComponent(".history")
      try FileManager.default.createDirectory(at: protected, withIntermediateDirectories: true)
    default:
      try FileManager.default.removeItem(at: trial)
      protected = merged.appendingPathComponent(what)
    }
    #expect(chmod(protected.path, what == "summary.csv" ? 0o444 : 0o555) == 0)
    defer { Self.cleanUp(dir, [protected]) }
    try Self.expectMergeRefused(shards, into: merged, protected: protected, in: dir)
  }

  /// `merge --into` a folder inside one of the shard folders it reads: refused (64) naming
  /// it, nothing made (tester BB: it nested a copy of the whole sweep in the shard's folder).
  @Test func mergeIntoAShardsOwnFolderIsRefused() throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (_, _, shards, _) = try Self.sweepAndShards(dir)
    let before = Self.tree(dir)
    let inside = shards[0].appendingPathComponent("inner/sweep-linear-grid")
    let r = try InputFaultBinaryTests.run(
      ["merge"] + shards.map(\.path) + ["--into", inside.path], in: dir)
    #expect(r.status == 64, "\(r.output)\(r.error)")
    #expect(r.error.contains("is inside \(shards[0].path)"), "\(r.error)")
    #expect(Self.tree(dir) == before)
  }

  /// `export dvc` and `export tensorboard` of a sweep folder with one write-protected trial
  /// folder: refused before any trial's file is written (F8: the other trials got theirs).
  @Test(arguments: ["dvc", "tensorboard"])
  func exportOfASweepWithAProtectedTrialWritesNothing(_ format: String) throws {
    let dir = SweepBinary.temporaryDirectory("export\(format)")
    let (_, _, _, merged) = try Self.sweepAndShards(dir)
    let protected = merged.appendingPathComponent(try Self.trials(merged).last!)
    #expect(chmod(protected.path, 0o555) == 0)
    defer { Self.cleanUp(dir, [protected]) }
    let before = Self.tree(dir)
    let r = try InputFaultBinaryTests.run(["export", format, merged.path], in: dir)
    #expect(r.status == 73, "\(r.output)\(r.error)")
    #expect(r.error.contains("\(protected.path) is write-protected"), "\(r.error)")
    #expect(r.output == "")
    #expect(Self.tree(dir) == before)
  }

  /// A grid sweep with two trials to run again, the later one's folder write-protected: refused
  /// before the first is run again (it was, then the sweep stopped with 73).
  @Test func sweepRefusesAProtectedTrialBeforeRunningAny() throws {
    let dir = SweepBinary.temporaryDirectory()
    let (spec, _, shards, _) = try Self.sweepAndShards(dir)
    let folder = shards[0]
    // In plan order, the order the sweep runs them in.
    let plan = try String(contentsOf: folder.appendingPathComponent("plan.csv"), encoding: .utf8)
    let names = plan.split(separator: "\n").dropFirst().map { String($0.prefix(12)) }.filter {
      FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
    }
    let (first, last) = (
      folder.appendingPathComponent(names[0]), folder.appendingPathComponent(names.last!)
    )
    for trial in [first, last] {
      try FileManager.default.removeItem(at: trial.appendingPathComponent("summary.csv"))
    }
    #expect(chmod(last.path, 0o555) == 0)
    defer { Self.cleanUp(dir, [last]) }
    let before = Self.tree(dir)
    let r = try InputFaultBinaryTests.run(
      ["sweep", spec, "--shard", "0/2", "--results-dir", dir.path + "/s0"], in: dir)
    #expect(r.status == 73, "\(r.output)\(r.error)")
    #expect(r.error.contains("\(last.path) is write-protected"), "\(r.error)")
    #expect(Self.tree(dir) == before)
  }

  /// A rerun whose earlier run would be kept in a write-protected `.history`: refused before
  /// training (it was written into).
  @Test func runRefusesAProtectedHistory() throws {
    let dir = try InputFaultBinaryTests.project(
      ["spec.yaml": InputFaultBinaryTests.spec("points.csv")], label: "history")
    let spec = dir.appendingPathComponent("spec.yaml").path
    let results = dir.appendingPathComponent("results")
    let first = try InputFaultBinaryTests.run(
      ["run", spec, "--results-dir", results.path], in: dir)
    #expect(first.status == 0, "\(first.error)")
    try "mine\n".write(
      to: results.appendingPathComponent("points/NOTES.md"), atomically: true, encoding: .utf8)
    let history = results.appendingPathComponent(".history")
    try FileManager.default.createDirectory(at: history, withIntermediateDirectories: true)
    #expect(chmod(history.path, 0o555) == 0)
    defer { Self.cleanUp(dir, [history]) }
    let before = Self.tree(dir)
    for command in ["validate", "run"] {
      let r = try InputFaultBinaryTests.run(
        [command, spec, "--results-dir", results.path], in: dir)
      #expect(r.status == 73, "\(command): \(r.output)\(r.error)")
      #expect(r.error.contains("\(history.path) is write-protected"), "\(r.error)")
    }
    #expect(Self.tree(dir) == before)
  }

  /// `gate --record` with the baseline folder, a file in it or results/baseline itself
  /// write-protected: refused (73) naming it, before anything runs (tester BB F17: recording
  /// wrote through them).
  @Test(arguments: ["m", "m/summary.csv", ""])
  func gateRecordRefusesAProtectedBaseline(_ name: String) throws {
    let (root, baseline) = try GateRecoveryBinaryTests.recorded("gate\(name)")
    try GateRecoveryBinaryTests.outdate(baseline)
    let protected = baseline.deletingLastPathComponent().appendingPathComponent(name)
    #expect(chmod(protected.path, name.hasSuffix(".csv") ? 0o444 : 0o555) == 0)
    defer { Self.cleanUp(root, [protected]) }
    let tmp = root.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    let before = Self.tree(root)
    let r = try GateRecoveryBinaryTests.gate(root, ["--record"])
    #expect(r.status == 73, "\(r.output)\(r.error)")
    #expect(
      r.error.contains(
        "cannot record \(baseline.path): \(protected.standardizedFileURL.path) is write-protected"),
      "\(r.error)")
    #expect(Self.tree(root) == before)
  }

  /// `gate` with TMPDIR write-protected: a clear refusal naming it (73), nothing made there.
  @Test func gateRefusesAProtectedTemporaryFolder() throws {
    let (root, _) = try GateRecoveryBinaryTests.recorded()
    let tmp = root.appendingPathComponent("ro-tmp")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    #expect(chmod(tmp.path, 0o555) == 0)
    defer { Self.cleanUp(root, [tmp]) }
    let before = Self.tree(root)
    let r = try SweepBinary.run(["gate", "--root", root.path], environment: ["TMPDIR": tmp.path])
    #expect(r.status == 73, "\(r.output)\(r.error)")
    #expect(r.error.contains("\(tmp.path) is write-protected"), "\(r.error)")
    #expect(r.error.contains("set TMPDIR to a writable folder"), "\(r.error)")
    #expect(Self.tree(root) == before)
  }
}
