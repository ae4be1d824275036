import Conventions
import Foundation
import Pipeline
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The runner never overwrites or deletes what it did not write (tester AB12, AB13, AB14, AB4):
/// a sweep's or merge's report you annotated, a comparison page you edited and files of yours
/// in a gate baseline are kept; its own earlier report is recognised as its own; a sweep folder
/// that is a symbolic link is never written through.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct KeepYourFilesBinaryTests {
  static let grid = SweepBinary.fixture("linear-grid.yaml")

  /// Runs the 6-trial grid into `results` with `extra` arguments; expects it to succeed.
  static func sweep(_ results: URL, _ extra: [String] = []) throws -> SweepBinary.Result {
    let outcome = try SweepBinary.run(
      ["sweep", grid, "--results-dir", results.path, "--jobs", "1"] + extra)
    #expect(outcome.status == 0, "\(outcome.error)")
    return outcome
  }

  /// The entries of `.history/<name>` beside `folder` (none when it does not exist).
  static func kept(_ folder: URL) -> [URL] {
    let history = folder.deletingLastPathComponent().appendingPathComponent(
      ".history/\(folder.lastPathComponent)")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: history.path)) ?? []
    return names.sorted().map { history.appendingPathComponent($0) }
  }

  /// The note `runner report` prints for `files` of `folder` kept in `copy`.
  static func note(_ files: String, _ folder: URL, _ copy: URL, writer: String = "this report")
    -> String
  {
    "note: \(files) in \(folder.path) differed from what \(writer) writes (edited, or written "
      + "by another runner version): kept in \(copy.path)\n"
  }

  @Test func aResumedSweepKeepsTheReportYouAnnotated() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    _ = try Self.sweep(results)
    let folder = results.appendingPathComponent("sweep-linear-grid")
    let report = folder.appendingPathComponent("report.md")
    let written = try String(contentsOf: report, encoding: .utf8)
    try (written + "MY NOTES: lr 0.1 best\n").write(to: report, atomically: true, encoding: .utf8)
    let resumed = try Self.sweep(results)
    let kept = Self.kept(folder)
    try #require(kept.count == 1, "\(resumed.error)")
    #expect(resumed.error.contains(Self.note("report.md", folder, kept[0])), "\(resumed.error)")
    let copy = kept[0].appendingPathComponent("report.md")
    #expect(try String(contentsOf: copy, encoding: .utf8) == written + "MY NOTES: lr 0.1 best\n")
    #expect(try String(contentsOf: report, encoding: .utf8) == written)
    // Its own report is replaced with no second copy and no note.
    let again = try Self.sweep(results)
    #expect(!again.error.contains("note: report"), "\(again.error)")
    #expect(Self.kept(folder).count == 1)
  }

  /// A report.html you edited survives the resume byte for byte: not removed with the runner's
  /// own earlier report but kept in `.history/` with a note, as docs/sweeps.md says, and the
  /// sweep writes its new report in its place (the clean sweep's; its report.md, the runner's
  /// own, is replaced without a copy).
  @Test func aResumedSweepKeepsTheReportPageYouEdited() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    _ = try Self.sweep(results)
    let folder = results.appendingPathComponent("sweep-linear-grid")
    let reference = SweepBinary.contents(of: folder)
    let page = folder.appendingPathComponent("report.html")
    let edited = try Data(contentsOf: page) + Data("<!-- MY NOTES: lr 0.1 best -->\n".utf8)
    try edited.write(to: page)
    let resumed = try Self.sweep(results)
    let kept = Self.kept(folder)
    try #require(kept.count == 1, "\(resumed.error)")
    #expect(resumed.error.contains(Self.note("report.html", folder, kept[0])), "\(resumed.error)")
    #expect(try Data(contentsOf: kept[0].appendingPathComponent("report.html")) == edited)
    #expect(
      !FileManager.default.fileExists(atPath: kept[0].appendingPathComponent("report.md").path))
    #expect(SweepBinary.contents(of: folder) == reference)
  }

  /// A shard's report (of its 3 trials) is the runner's own: the whole sweep replaces it
  /// without a copy, though it differs from the report of 6 trials.
  @Test func theRunnersOwnEarlierReportIsReplacedWithoutACopy() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    _ = try Self.sweep(results, ["--shard", "0/2"])
    let folder = results.appendingPathComponent("sweep-linear-grid")
    let report = folder.appendingPathComponent("report.md")
    let ofAShard = try Data(contentsOf: report)
    let whole = try Self.sweep(results)
    #expect(!whole.error.contains("note: report"), "\(whole.error)")
    #expect(try Data(contentsOf: report) != ofAShard)
    #expect(Self.kept(folder).isEmpty)
  }

  @Test func aMergeKeepsTheReportYouAnnotated() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (one, two) = (root.appendingPathComponent("one"), root.appendingPathComponent("two"))
    _ = try Self.sweep(one, ["--shard", "0/2"])
    _ = try Self.sweep(two, ["--shard", "1/2"])
    let folder = one.appendingPathComponent("sweep-linear-grid")
    let page = folder.appendingPathComponent("report.html")
    let written = try String(contentsOf: page, encoding: .utf8)
    try (written + "<!-- mine -->\n").write(to: page, atomically: true, encoding: .utf8)
    let merged = try SweepBinary.run([
      "merge", folder.path, two.appendingPathComponent("sweep-linear-grid").path,
    ])
    #expect(merged.status == 0, "\(merged.error)")
    let kept = Self.kept(folder)
    try #require(kept.count == 1, "\(merged.error)")
    #expect(merged.error.contains(Self.note("report.html", folder, kept[0])), "\(merged.error)")
    let copy = kept[0].appendingPathComponent("report.html")
    #expect(try String(contentsOf: copy, encoding: .utf8) == written + "<!-- mine -->\n")
    #expect(try !String(contentsOf: page, encoding: .utf8).contains("<!-- mine -->"))
  }

  @Test func aComparisonKeepsThePageYouEdited() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("m.yaml")
    // (Noisy moons: the seed draws the noise, so each seed has a folder of its own.)
    try
      "name: m\ndataset: {generator: {type: moons, samples: 40, noise: 0.2}}\nmodel: {type: logreg}\n"
      .write(to: spec, atomically: true, encoding: .utf8)
    let results = root.appendingPathComponent("results")
    for seed in ["3", "4"] {
      let run = try SweepBinary.run([
        "run", spec.path, "--results-dir", results.path, "--set", "seed=\(seed)",
      ])
      #expect(run.status == 0, "\(run.error)")
    }
    let into = results.appendingPathComponent("cmp")
    let compare = [
      "compare", "m@seed=3", "m@seed=4", "--results-dir", results.path, "--into", into.path,
    ]
    let first = try SweepBinary.run(compare)
    #expect(first.status == 0 && !first.error.contains("note:"), "\(first.error)")
    let page = into.appendingPathComponent("compare.html")
    let written = try String(contentsOf: page, encoding: .utf8)
    try (written + "<!-- seed 4 is the one -->\n").write(
      to: page, atomically: true, encoding: .utf8)
    let again = try SweepBinary.run(compare)
    #expect(again.status == 0, "\(again.error)")
    let kept = Self.kept(into)
    try #require(kept.count == 1, "\(again.error)")
    #expect(
      again.error == Self.note("compare.html", into, kept[0], writer: "this comparison"),
      "\(again.error)")
    let copy = kept[0].appendingPathComponent("compare.html")
    #expect(try String(contentsOf: copy, encoding: .utf8).hasSuffix("<!-- seed 4 is the one -->\n"))
    #expect(try String(contentsOf: page, encoding: .utf8) == written)
    let third = try SweepBinary.run(compare)
    #expect(third.status == 0 && !third.error.contains("note:"), "\(third.error)")
    #expect(Self.kept(into).count == 1)
  }

  /// `gate --record` copies a NOTES.md, a folder and a hidden file of yours into the new
  /// baseline, says so, and replaces the rest.
  @Test func recordingABaselineKeepsYourFiles() throws {
    let (root, baseline) = try GateRecoveryBinaryTests.recorded()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    let notes = baseline.appendingPathComponent("NOTES.md")
    try "why this baseline\n".write(to: notes, atomically: true, encoding: .utf8)
    try fm.createDirectory(
      at: baseline.appendingPathComponent("extra"), withIntermediateDirectories: true)
    try "1\n".write(
      to: baseline.appendingPathComponent("extra/keep.txt"), atomically: true, encoding: .utf8)
    try "x\n".write(
      to: baseline.appendingPathComponent(".mine"), atomically: true, encoding: .utf8)
    try GateRecoveryBinaryTests.outdate(baseline)
    let recorded = try GateRecoveryBinaryTests.gate(root, ["--record"])
    #expect(recorded.status == 0, "\(recorded.error)")
    #expect(
      recorded.error == "note: m: kept .mine, NOTES.md, extra (not written by the runner) in "
        + "the new baseline\n")
    #expect(try String(contentsOf: notes, encoding: .utf8) == "why this baseline\n")
    #expect(
      try String(contentsOf: baseline.appendingPathComponent("extra/keep.txt"), encoding: .utf8)
        == "1\n")
    #expect(fm.fileExists(atPath: baseline.appendingPathComponent(".mine").path))
    #expect(fm.fileExists(atPath: baseline.appendingPathComponent("summary.csv").path))
    // The gate still passes: what it compares is the new baseline.
    let check = try GateRecoveryBinaryTests.gate(root)
    #expect(check.status == 0, "\(check.output)\(check.error)")
  }

  /// While a sweep holds its folder, `runner report` says the report is of the trials so far
  /// (keeping no copy of the sweep's own report), and with none complete yet, exits 75.
  @Test func aReportWhileTheSweepRunsSaysSo() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    _ = try Self.sweep(results, ["--shard", "0/2"])
    let folder = results.appendingPathComponent("sweep-linear-grid")
    // This process stands for the running sweep: it holds the lock a sweep holds.
    let lock = try FolderLock.acquire(folder.appendingPathComponent("sweep-\(getpid())"))
    defer { lock.release() }
    // The sweep went on since the report was written: more trials complete, a new summary.
    let fm = FileManager.default
    let other = root.appendingPathComponent("other")
    _ = try Self.sweep(other)
    let whole = other.appendingPathComponent("sweep-linear-grid")
    for name in try fm.contentsOfDirectory(atPath: whole.path)
    where name.count == 12 && !fm.fileExists(atPath: folder.appendingPathComponent(name).path) {
      try fm.copyItem(
        at: whole.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    try fm.removeItem(at: folder.appendingPathComponent("summary.csv"))
    try fm.copyItem(
      at: whole.appendingPathComponent("summary.csv"),
      to: folder.appendingPathComponent("summary.csv"))
    let earlier = try Data(contentsOf: folder.appendingPathComponent("report.md"))
    let report = try SweepBinary.run(["report", folder.path])
    #expect(report.status == 0, "\(report.error)")
    #expect(
      report.error
        == "note: the sweep writing \(folder.path) is still running (pid \(getpid())): this "
        + "report is a snapshot of the 6 of 6 trials complete so far, and the sweep rewrites it "
        + "when it ends\n")
    #expect(Self.kept(folder).isEmpty)
    #expect(try Data(contentsOf: folder.appendingPathComponent("report.md")) != earlier)
    // A sweep folder with its plan only: nothing to report yet.
    let starting = results.appendingPathComponent("starting")
    try fm.createDirectory(at: starting, withIntermediateDirectories: true)
    try fm.copyItem(
      at: folder.appendingPathComponent("plan.csv"),
      to: starting.appendingPathComponent("plan.csv"))
    let held = try FolderLock.acquire(starting.appendingPathComponent("sweep-\(getpid())"))
    defer { held.release() }
    let early = try SweepBinary.run(["report", starting.path])
    #expect(early.status == 75, "\(early.error)")
    #expect(
      early.error
        == "error: no results to report in \(starting.path) yet: the sweep writing it is still "
        + "running (pid \(getpid())); run `\(SweepBinary.command()) report \(starting.path)` "
        + "again once a trial completes\n")
  }

  @Test func aSweepFolderThatIsALinkIsNeverWrittenThrough() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (real, linked) = (root.appendingPathComponent("real"), root.appendingPathComponent("L5"))
    _ = try Self.sweep(real, ["--shard", "0/2"])
    let target = real.appendingPathComponent("sweep-linear-grid")
    let before = SweepBinary.contents(of: target)
    try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
    let link = linked.appendingPathComponent("sweep-linear-grid")
    try FileManager.default.createSymbolicLink(
      atPath: link.path, withDestinationPath: "../real/sweep-linear-grid")
    let sweep = try SweepBinary.run(["sweep", Self.grid, "--results-dir", linked.path])
    #expect(sweep.status == 73)
    let refusal =
      "error: \(link.path) is a symbolic link to \(target.path); `runner sweep` never writes "
      + "through a link (nor replaces it with a folder of its own, which would train every "
      + "trial again), so it leaves both untouched: "
    #expect(
      sweep.error
        == refusal + "sweep into the folder it names (--results-dir \(real.path)), or remove "
        + "the link\n")
    let other = root.appendingPathComponent("two")
    _ = try Self.sweep(other, ["--shard", "1/2"])
    let merge = try SweepBinary.run([
      "merge", other.appendingPathComponent("sweep-linear-grid").path, "--into", link.path,
    ])
    #expect(merge.status == 73)
    #expect(
      merge.error
        == refusal.replacingOccurrences(of: "runner sweep", with: "runner merge")
        + "merge into the folder it names (--into \(target.path)), or remove the link\n")
    #expect(SweepBinary.contents(of: target) == before)
    #expect(PathEntry.linkTarget(link.path) == "../real/sweep-linear-grid")
  }
}
