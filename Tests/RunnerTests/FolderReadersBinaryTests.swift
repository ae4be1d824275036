import Foundation
import Pipeline
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `runner report` and `runner export` against a run replacing the folder they read and write
/// (tester AQ, session 39, AQ8): they hold the folder's lock, waiting for the run that holds it
/// and saying so, so the report or export is always of the run in the folder; and a run waits
/// for them instead of refusing. The test process holds the lock in place of a training run, and
/// puts another run's folder in place while it holds it, as a run's commit does.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct FolderReadersBinaryTests {
  /// A quick logistic regression named `race`: `iterations` set apart two runs of one folder.
  static func spec(iterations: Int) -> String {
    """
    name: race
    seed: 5
    dataset:
      generator: {type: moons, samples: 200, noise: 0.2}
      split: {train: 0.6, dev: 0.2, test: 0.2}
    model: {type: logreg}
    loss: binary_cross_entropy
    optimizer: {type: gd, learning_rate: 0.5, iterations: \(iterations)}
    record_every: 10
    metrics: [accuracy]

    """
  }

  /// Two runs of `race`: the first in `root/results/race`, the second in `root/next/race`.
  static func twoRuns(in root: URL) throws -> (folder: URL, next: URL) {
    let results = root.appendingPathComponent("results")
    let next = root.appendingPathComponent("next")
    for (iterations, into) in [(40, results), (90, next)] {
      let spec = root.appendingPathComponent("race\(iterations).yaml")
      try Self.spec(iterations: iterations).write(to: spec, atomically: true, encoding: .utf8)
      let run = try SweepBinary.run(["run", spec.path, "--results-dir", into.path])
      #expect(run.status == 0, "\(run.error)")
    }
    return (results.appendingPathComponent("race"), next.appendingPathComponent("race"))
  }

  /// Puts `next` in `folder`'s place, the previous folder moved to `root/retired`, as a run's
  /// commit replaces it.
  static func replace(_ folder: URL, with next: URL, root: URL) throws {
    try FileManager.default.moveItem(at: folder, to: root.appendingPathComponent("retired"))
    try FileManager.default.moveItem(at: next, to: folder)
  }

  @Test func aReportWaitsForTheRunHoldingItsFolderThenReportsTheRunInPlace() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (folder, next) = try Self.twoRuns(in: root)
    let nextReport = try Data(contentsOf: next.appendingPathComponent("report.html"))
    // The two runs' reports differ: a report of the wrong run would be seen.
    #expect(try Data(contentsOf: folder.appendingPathComponent("report.html")) != nextReport)
    let lock = try FolderLock.acquire(folder)
    let report = try StartedRunner(["report", folder.path], in: root)
    #expect(report.waitUntil { $0.contains("waiting for \(folder.path): process \(getpid())") })
    #expect(report.isRunning, "\(report.error)")
    try Self.replace(folder, with: next, root: root)
    lock.release()
    #expect(report.wait() == 0, "\(report.error)")
    #expect(try Data(contentsOf: folder.appendingPathComponent("report.html")) == nextReport)
    #expect(SweepBinary.hiddenEntries(below: folder).isEmpty)
  }

  @Test func aDVCExportWaitsLikewiseAndWritesTheFiguresOfTheRunInPlace() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (folder, next) = try Self.twoRuns(in: root)
    let lock = try FolderLock.acquire(folder)
    let export = try StartedRunner(["export", "dvc", folder.path], in: root)
    #expect(export.waitUntil { $0.contains("waiting for \(folder.path)") })
    try Self.replace(folder, with: next, root: root)
    lock.release()
    #expect(export.wait() == 0, "\(export.error)")
    let written = try String(
      contentsOf: folder.appendingPathComponent("summary.json"), encoding: .utf8)
    #expect(written.contains("\"iterations\":90"), "\(written)")
  }

  /// A run that finds a report (a brief holder) holding its folder's lock waits for it instead
  /// of refusing with 75, saying so after a second, then runs.
  @Test func aRunWaitsForAReportHoldingItsFolderInsteadOfRefusing() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (folder, next) = try Self.twoRuns(in: root)
    let lock = try #require(FolderLock.acquireBriefly(folder) { _, _ in })
    let spec = root.appendingPathComponent("race90.yaml")
    let run = try StartedRunner(
      ["run", spec.path, "--results-dir", folder.deletingLastPathComponent().path], in: root)
    // It says why it waits (a wait without a word looked hung), as long as the lock is held.
    let said = "is reading it for a report or an export; going on once it is done"
    for _ in 0..<600 where !run.error.contains(said) { usleep(50_000) }
    #expect(run.error.contains(said), "\(run.error)")
    #expect(run.isRunning, "\(run.error)")
    lock.release()
    #expect(run.wait() == 0, "\(run.error)")
    let summary = folder.appendingPathComponent("summary.csv")
    #expect(
      try Data(contentsOf: summary) == Data(contentsOf: next.appendingPathComponent("summary.csv")))
  }

  /// SIGTERM while a report waits: exit 143 with a line, nothing of the report written.
  @Test func aReportStoppedWhileWaitingExits143WithALine() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (folder, _) = try Self.twoRuns(in: root)
    let before = SweepBinary.contents(of: folder)
    let lock = try FolderLock.acquire(folder)
    defer { lock.release() }
    let report = try StartedRunner(["report", folder.path], in: root)
    #expect(report.waitUntil { $0.contains("waiting for") })
    report.signal(SIGTERM)
    #expect(report.wait() == 143, "\(report.error)")
    #expect(report.error.contains("terminated: the report in \(folder.path) is the earlier one"))
    #expect(SweepBinary.contents(of: folder) == before)
    #expect(SweepBinary.hiddenEntries(below: folder).isEmpty)
  }
}

/// `runner sweep` and SIGINT delivered twice at once (`timeout -s INT`, `kill -INT -PGID`):
/// one Ctrl-C, so the running trials finish (tester AQ7); a second one later stops at once.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct SweepCtrlCDeliveredTwiceBinaryTests {
  /// Four trials of about 2 s each in a debug build on an idle machine (15 s on a loaded one):
  /// still running when the Ctrl-Cs come, 0.8 s and 1.5 s after the sweep's plan is written.
  static func spec(in root: URL) throws -> (spec: String, folder: URL) {
    let url = root.appendingPathComponent("ctrlc.yaml")
    let text =
      SweepBinary.longRun("ctrlc", epochs: 3000)
      + "sweep:\n  parameters:\n    optimizer.learning_rate: [0.01, 0.02, 0.03, 0.04]\n"
    try text.write(to: url, atomically: true, encoding: .utf8)
    return (url.path, root.appendingPathComponent("results/ctrlc"))
  }

  @Test func twoSIGINTsAtOnceAreOneCtrlCAndTheRunningTrialsFinish() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (spec, folder) = try Self.spec(in: root)
    let r = try SweepBinary.run(
      ["sweep", spec, "--results-dir", folder.deletingLastPathComponent().path, "--jobs", "2"],
      interruptTwiceOnceExists: folder.appendingPathComponent("plan.csv"), twiceApart: 0.005,
      thenAfter: 0.8)
    #expect(r.status == 130, "\(r.error)")
    #expect(r.error.contains("interrupted: starting no more trials"), "\(r.error)")
    #expect(!r.error.contains("stopped; finished trials are kept"), "\(r.error)")
    #expect(r.output.contains("not started"), "\(r.output)")
  }

  @Test func aSecondCtrlCLaterStopsAtOnce() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (spec, folder) = try Self.spec(in: root)
    let r = try SweepBinary.run(
      ["sweep", spec, "--results-dir", folder.deletingLastPathComponent().path, "--jobs", "2"],
      interruptTwiceOnceExists: folder.appendingPathComponent("plan.csv"), twiceApart: 0.7,
      thenAfter: 0.8)
    #expect(r.status == 130, "\(r.error)")
    #expect(r.error.contains("stopped; finished trials are kept"), "\(r.error)")
  }
}

/// `runner data export -o FILE`: Ctrl-C exits 130 with a line and leaves no temporary beside
/// FILE; a later export removes a dead export's temporary of FILE, and nothing else (tester
/// AQ1, AQ2).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct DataExportInterruptBinaryTests {
  @Test func ctrlCExits130AndALaterExportRemovesADeadExportsTemporary() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let big = root.appendingPathComponent("big.yaml")
    try """
    name: big
    seed: 1
    dataset:
      generator: {type: moons, samples: 1500000, noise: 0.2}
      split: {train: 0.6, dev: 0.2, test: 0.2}
    model: {type: logreg}
    loss: binary_cross_entropy
    optimizer: {type: gd, learning_rate: 0.1, iterations: 2}
    """.write(to: big, atomically: true, encoding: .utf8)
    let output = root.appendingPathComponent("out.csv")
    let export = try StartedRunner(["data", "export", big.path, "-o", output.path], in: root)
    usleep(700_000)
    #expect(export.isRunning, "the export ended before its Ctrl-C")
    export.signal(SIGINT)
    #expect(export.wait() == 130, "\(export.error)")
    #expect(export.error.contains("interrupted: \(output.path) is as it was"), "\(export.error)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["big.yaml"])
    // A dead export's temporary of out.csv goes; a live writer's, another file's, and a name
    // not of the runner's form stay.
    let dead = try Self.deadPID()
    let uuid = UUID().uuidString
    let stale = ".out.csv.tmp-\(dead)-\(uuid)"
    let kept = [
      ".out.csv.tmp-\(getpid())-\(uuid)", ".other.csv.tmp-\(dead)-\(uuid)",
      ".out.csv.tmp-\(dead)-notes",
    ]
    for name in [stale] + kept {
      try Data("half".utf8).write(to: root.appendingPathComponent(name))
    }
    let small = root.appendingPathComponent("small.yaml")
    try FolderReadersBinaryTests.spec(iterations: 5).write(
      to: small, atomically: true, encoding: .utf8)
    let again = try SweepBinary.run(["data", "export", small.path, "-o", output.path])
    #expect(again.status == 0, "\(again.error)")
    let hidden = try FileManager.default.contentsOfDirectory(atPath: root.path).filter {
      $0.hasPrefix(".")
    }
    // (And the record of the export the runner wrote there.)
    #expect(hidden.sorted() == (kept + [".runner-written.sha256"]).sorted())
  }

  /// The pid of a process that has ended.
  static func deadPID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }
}

/// The built runner started in the background, its standard error in a file, so a test can
/// act while it runs.
final class StartedRunner {
  private let process = Process()
  private let errorFile: URL

  /// Starts `runner arguments` in `directory`.
  init(_ arguments: [String], in directory: URL) throws {
    guard let executable = SweepBinary.executable else { throw BinaryMissing() }
    errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["LLVM_PROFILE_FILE"] = SweepBinary.profileFile(sizeLimited: false)
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    try? FileManager.default.removeItem(at: errorFile)
  }

  /// What it wrote on standard error so far.
  var error: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

  var isRunning: Bool { process.isRunning }

  /// Waits (up to 60 s) until its standard error satisfies `condition`; false if it never did.
  func waitUntil(_ condition: (String) -> Bool) -> Bool {
    for _ in 0..<6000 {
      if condition(error) { return true }
      if !process.isRunning { return condition(error) }
      usleep(10_000)
    }
    return false
  }

  func signal(_ number: Int32) { kill(process.processIdentifier, number) }

  /// Waits for the exit; its status.
  func wait() -> Int32 {
    process.waitUntilExit()
    return process.terminationStatus
  }
}

/// `runner report` of a sweep stopped after trials completed but before its first summary.csv
/// (tester AQ4) says to resume the sweep, with how many trials are complete, not "run the spec
/// first".
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ReportOfAStoppedSweepBinaryTests {
  @Test func aSweepWithCompleteTrialsButNoSummaryIsToBeResumed() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("sweep-kill-grid")
    let sweep = try SweepBinary.run(
      ["sweep", SweepBinary.fixture("kill-grid.yaml"), "--results-dir", root.path])
    #expect(sweep.status == 0, "\(sweep.error)")
    for name in ["summary.csv", "report.md", "report.html", "plots"] {
      try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
    let report = try SweepBinary.run(["report", folder.path])
    #expect(report.status == 66, "\(report.error)")
    #expect(
      report.error.contains("its sweep stopped before writing one (12 of 12 trials complete)"))
    #expect(
      report.error.contains(
        "sweep \(ShardRecord.shownSpec(SweepBinary.fixture("kill-grid.yaml"))) --results-dir "
          + "\(folder.deletingLastPathComponent().path)` command again to resume it"
      ), "\(report.error)")
  }
}
