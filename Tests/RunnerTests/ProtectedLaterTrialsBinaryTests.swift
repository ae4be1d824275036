import Foundation
import Pipeline
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a sweep could only meet after training is checked before any trial trains (tester
/// BD): an incomplete, write-protected trial folder of a later rung or bayes batch, and a
/// protected `<results root>/.history/<sweep>` that would keep your edited report. Refused
/// (73) naming it, with nothing changed; they were refused once earlier rungs, batches or
/// every trial had trained.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ProtectedLaterTrialsBinaryTests {
  typealias Protected = ProtectedNothingChangedBinaryTests

  /// A finished sweep of fixture `name` in `dir/results`; its folder.
  static func finished(_ name: String, in dir: URL) throws -> URL {
    let r = try SweepBinary.run(
      ["sweep", SweepBinary.fixture(name + ".yaml"), "--results-dir", dir.path + "/results"])
    #expect(r.status == 0, "\(r.error)")
    return dir.appendingPathComponent("results/sweep-" + name)
  }

  /// The trial IDs of `folder`'s `plan.csv`, in plan order.
  static func planned(_ folder: URL) throws -> [String] {
    let plan = try String(contentsOf: folder.appendingPathComponent("plan.csv"), encoding: .utf8)
    return plan.split(separator: "\n").dropFirst().map { String($0.prefix(12)) }
  }

  /// Runs the sweep of fixture `name` again in `dir/results`, expecting it refused for
  /// `protected` with `dir` unchanged.
  static func expectRefused(_ name: String, in dir: URL, protected: URL) throws {
    let before = Protected.tree(dir)
    let r = try SweepBinary.run(
      ["sweep", SweepBinary.fixture(name + ".yaml"), "--results-dir", dir.path + "/results"])
    #expect(r.status == 73, "\(r.output)\(r.error)")
    #expect(r.error.contains("\(protected.path) is write-protected"), "\(r.error)")
    #expect(Protected.tree(dir) == before, "a trial trained before the refusal")
  }

  /// A halving sweep with a rung-0 trial to run and an incomplete, protected rung-1 trial
  /// folder; a bayes sweep with a batch-0 trial to run and an incomplete, protected trial
  /// folder of its last batch.
  @Test(arguments: ["halving-moons", "bayes-moons"])
  func aLaterTrialsProtectedFolderIsRefusedBeforeTraining(_ name: String) throws {
    let dir = SweepBinary.temporaryDirectory(name)
    let folder = try Self.finished(name, in: dir)
    let first: URL
    let later: URL
    if name.hasPrefix("halving") {
      let rung1 = folder.appendingPathComponent("rung-1")
      first = folder.appendingPathComponent("rung-0/" + (try Self.planned(folder))[0])
      later = rung1.appendingPathComponent(try Self.planned(rung1)[0])
    } else {
      let ids = try Self.planned(folder)
      (first, later) = (
        folder.appendingPathComponent(ids[0]), folder.appendingPathComponent(ids.last!)
      )
    }
    try FileManager.default.removeItem(at: first)
    try FileManager.default.removeItem(at: later.appendingPathComponent("status.csv"))
    #expect(chmod(later.path, 0o555) == 0)
    defer { Protected.cleanUp(dir, [later]) }
    try Self.expectRefused(name, in: dir, protected: later)
  }

  /// A grid sweep with a trial to run and your edited report.md, which its rewrite keeps in a
  /// write-protected `.history/<sweep>`: refused before the trial trains (it trained, then the
  /// sweep stopped at the report).
  @Test func aProtectedHistoryOfTheSweepIsRefusedBeforeTraining() throws {
    let dir = SweepBinary.temporaryDirectory()
    let folder = try Self.finished("linear-grid", in: dir)
    try FileManager.default.removeItem(
      at: folder.appendingPathComponent(try Self.planned(folder)[0]))
    let report = folder.appendingPathComponent("report.md")
    try (String(contentsOf: report, encoding: .utf8) + "\nmy notes\n").write(
      to: report, atomically: true, encoding: .utf8)
    let history = dir.appendingPathComponent("results/.history/sweep-linear-grid")
    try FileManager.default.createDirectory(at: history, withIntermediateDirectories: true)
    #expect(chmod(history.path, 0o555) == 0)
    defer { Protected.cleanUp(dir, [history]) }
    try Self.expectRefused("linear-grid", in: dir, protected: history)
    // Without the edit nothing is kept there: the sweep runs, the history left as it is.
    try FileManager.default.removeItem(at: report)
    let r = try SweepBinary.run(
      [
        "sweep", SweepBinary.fixture("linear-grid.yaml"), "--results-dir",
        dir.path + "/results",
      ])
    #expect(r.status == 0, "\(r.error)")
  }

  /// A trial folder protected while the sweep runs (after the checks at its start) stops it
  /// when that trial starts (73), the trials finished before kept, and the refusal says how to
  /// resume (it said to choose another `output`).
  @Test func aFolderProtectedWhileTheSweepRunsSaysHowToResume() throws {
    let dir = SweepBinary.temporaryDirectory()
    let folder = try Self.finished("linear-grid", in: dir)
    let ids = try Self.planned(folder)
    for id in ids {
      try FileManager.default.removeItem(at: folder.appendingPathComponent(id + "/status.csv"))
    }
    let last = folder.appendingPathComponent(ids.last!)
    defer { Protected.cleanUp(dir, [last]) }
    let r = try SweepBinary.run(
      [
        "sweep", SweepBinary.fixture("linear-grid.yaml"), "--jobs", "1", "--results-dir",
        dir.path + "/results",
      ],
      environment: [CrashHook.variable: "trial-start:2:stop"],
      whenStopped: { #expect(chmod(last.path, 0o555) == 0) })
    #expect(r.status == 73, "\(r.output)\(r.error)")
    #expect(r.error.contains("\(last.path) is write-protected"), "\(r.error)")
    #expect(
      r.error.contains(
        "make it writable (chmod -R u+w \(last.path)), then run the same command "
          + "again to resume"), "\(r.error)")
    #expect(
      FileManager.default.fileExists(
        atPath: folder.appendingPathComponent(ids[0] + "/status.csv").path))
  }
}
