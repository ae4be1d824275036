import Foundation
import Testing

/// A command stopped by a handled Ctrl-C, SIGTERM or SIGHUP removes its own staging folder and
/// temporaries, as a write that fails does, says so on its `interrupted`/`terminated` line (and
/// with `--json` in its object on stdout), and exits 130, 143 or 129 (tester B's B3 to B6).
/// The crash hook sends the signal at an exact moment: a results file staged (`run-write`) or
/// a merge's trial copy staged (`merge-copied`).
@Suite(.serialized)
struct SignalCleanupBinaryTests {
  /// Each signal: the hook's name for it, the exit status and the line's first word.
  static let signals: [(hook: String, status: Int32, word: String)] = [
    ("int", 130, "interrupted"), ("term", 143, "terminated"), ("hup", 129, "terminated"),
  ]

  /// The staging folders, temporaries and lock files below `directory`.
  static func litter(below directory: URL) -> [String] {
    SweepBinary.hiddenEntries(below: directory).filter {
      let name = ($0 as NSString).lastPathComponent
      return name.hasPrefix(".staging-") || name.contains(".tmp-") || name.hasSuffix(".lock")
    }
  }

  /// `--json` prints the stopped command's object (B6): scripts reading stdout get its status.
  static func expectStopped(_ output: String, command: String, status: Int32) {
    let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
    #expect(object?["command"] as? String == command, "\(output)")
    #expect(object?["status"] as? String == "interrupted", "\(output)")
    #expect(object?["exit_code"] as? Int == Int(status), "\(output)")
    #expect((object?["message"] as? String)?.contains("re-run") == true, "\(output)")
  }

  @Test(arguments: signals.indices)
  func aStoppedRunLeavesNoStagingFolder(_ index: Int) throws {
    let (hook, status, word) = Self.signals[index]
    let root = SweepBinary.temporaryDirectory("stoppedRun\(index)")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = try FolderSafetyBinaryTests.singleSpec(in: root)
    let results = root.appendingPathComponent("results")
    let r = try SweepBinary.run(
      ["run", spec, "--results-dir", results.path, "--json"],
      environment: ["RUNNER_SWEEP_CRASH_AT": "run-write:2:\(hook)"], killAfter: 60)
    #expect(r.status == status, "\(hook): \(r.error)")
    Self.expectStopped(r.output, command: "run", status: status)
    #expect(r.error.contains("\(word): the results folder is left whole"), "\(hook): \(r.error)")
    #expect(Self.litter(below: results).isEmpty, "\(hook): \(Self.litter(below: results))")
    #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("tiny").path))
  }

  @Test(arguments: signals.indices)
  func aStoppedSweepLeavesNoStagingFolderAndResumes(_ index: Int) throws {
    let (hook, status, word) = Self.signals[index]
    // Ctrl-C's first press lets the running trial finish: only SIGTERM and SIGHUP stop at once.
    guard hook != "int" else { return }
    let root = SweepBinary.temporaryDirectory("stoppedSweep\(index)")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let results = root.appendingPathComponent("results")
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    let r = try SweepBinary.run(
      ["sweep", spec, "--jobs", "1", "--results-dir", results.path, "--json"],
      environment: ["RUNNER_SWEEP_CRASH_AT": "run-write:4:\(hook)"], killAfter: 60)
    #expect(r.status == status, "\(hook): \(r.error)")
    Self.expectStopped(r.output, command: "sweep", status: status)
    #expect(r.error.contains("\(word); finished trials are kept"), "\(hook): \(r.error)")
    #expect(Self.litter(below: results).isEmpty, "\(hook): \(Self.litter(below: results))")
    let resumed = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(resumed.status == 0, "\(hook): \(resumed.error)")
    let reference = root.appendingPathComponent("reference")
    let whole = try SweepBinary.run(["sweep", spec, "--results-dir", reference.path])
    #expect(whole.status == 0, "\(whole.error)")
    #expect(
      SweepBinary.contents(of: sweep)
        == SweepBinary.contents(of: reference.appendingPathComponent("sweep-linear-grid")))
  }

  @Test(arguments: signals.indices)
  func aStoppedMergeRemovesTheTrialCopyUnderWay(_ index: Int) throws {
    let (hook, status, word) = Self.signals[index]
    let root = SweepBinary.temporaryDirectory("stoppedMerge\(index)")
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", root.path])
    #expect(first.status == 0, "\(first.error)")
    let source = root.appendingPathComponent("sweep-linear-grid")
    let target = root.appendingPathComponent("merged")
    let r = try SweepBinary.run(
      ["merge", source.path, "--into", target.path],
      environment: ["RUNNER_SWEEP_CRASH_AT": "merge-copied:2:\(hook)"], killAfter: 60)
    #expect(r.status == status, "\(hook): \(r.error)")
    #expect(r.error.contains("\(word); the trials copied so far are kept whole"), "\(r.error)")
    #expect(Self.litter(below: target).isEmpty, "\(hook): \(Self.litter(below: target))")
    #expect(SweepBinary.completeTrials(in: target) == 1, "\(hook)")
    let again = try SweepBinary.run(["merge", source.path, "--into", target.path])
    #expect(again.status == 0, "\(again.error)")
    #expect(SweepBinary.contents(of: target) == SweepBinary.contents(of: source))
  }
}
