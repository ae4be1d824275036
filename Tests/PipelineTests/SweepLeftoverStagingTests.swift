import Foundation
import Pipeline
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A sweep killed (`kill -9`) and resumed before the killed process was reaped (its pid still
/// taken) keeps its staging folders; once those trials are complete nothing writes their
/// folders again, so a sweep and a merge settle every trial's dead leftovers at their start
/// and end. Simulated without kills: staging folders named with the pid of a process that has
/// exited (dead) or this test's own (live).
@Suite struct SweepLeftoverStagingTests {
  /// A sweep of `fixture` run whole in a fresh folder, and the same command again.
  struct Completed {
    let root = SweepFixture.temporaryDirectory()
    let spec: String
    let first: SweepOutcome
    /// The sweep folder.
    var folder: URL { URL(fileURLWithPath: first.directory) }

    init(_ fixture: String = "linear-grid.yaml") throws {
      spec = SweepFixture.spec(fixture)
      first = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    }

    /// Runs the sweep again into its folder.
    func again(observer: @escaping SweepObserver = { _ in }) throws -> SweepOutcome {
      try SweepRunner.run(
        specPath: spec, options: SweepFixture.options(root: root), observer: observer)
    }
  }

  /// Creates folder `name` in `folder` holding one file.
  static func make(_ name: String, in folder: URL) throws {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try Data("half\n".utf8).write(to: url.appendingPathComponent("metrics.csv"))
  }

  static func exists(_ name: String, in folder: URL) -> Bool {
    FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path)
  }

  @Test func aResumeSettlesTheLeftoversOfCompleteTrials() throws {
    let sweep = try Completed()
    defer { try? FileManager.default.removeItem(at: sweep.root) }
    let (first, folder) = (sweep.first, sweep.folder)
    let before = SweepFixture.contents(of: folder.path)
    let ids = first.finished.map(\.trial).sorted()
    let dead = try SweepStaleFilesTests.deadPID()
    let live = getpid()
    let deadEntries = [".staging-\(ids[0])-\(dead)-123", ".staging-\(ids[1])-\(dead)-456-old"]
    // A live process's, a name that is no trial of the plan's, a folder of the user's.
    let kept = [
      ".staging-\(ids[2])-\(live)-789", ".staging-0123456789ab-\(dead)-1", ".staging-notes",
      ".mine",
    ]
    for name in deadEntries + kept { try Self.make(name, in: folder) }
    let second = try sweep.again()
    #expect(second.finished.isEmpty, "every trial was complete")
    #expect(Set(SweepFixture.hiddenEntries(in: folder.path)) == Set(kept))
    SweepFixture.expectSameFiles(
      SweepFixture.contents(of: folder.path), before, "differs after settling leftovers")
  }

  /// A dead process's staging folder of a trial whose lock another process holds (a shard
  /// writing it, the lock file shared): left for that holder, and settled once it lets go.
  @Test func aLockedTrialsLeftoversWaitForItsHolder() throws {
    let sweep = try Completed()
    defer { try? FileManager.default.removeItem(at: sweep.root) }
    let (first, folder) = (sweep.first, sweep.folder)
    let id = try #require(first.finished.map(\.trial).min())
    let name = ".staging-\(id)-\(try SweepStaleFilesTests.deadPID())-7"
    try Self.make(name, in: folder)
    // Another open file description's lock, as another process's would be.
    let lockFile = FolderLock.lockFile(of: folder.appendingPathComponent(id))
    let fd = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
    _ = try sweep.again()
    #expect(Self.exists(name, in: folder), "settled while its trial was locked")
    close(fd)
    _ = try sweep.again()
    #expect(!Self.exists(name, in: folder))
  }

  /// Killed between the two renames of the fallback swap: the trial's folder is missing and
  /// its complete earlier folder waits as `-old`; it goes back into place, complete, and is
  /// not trained again.
  @Test func aCompleteTrialSwappedOutGoesBackWithoutRunningAgain() throws {
    let sweep = try Completed()
    defer { try? FileManager.default.removeItem(at: sweep.root) }
    let (first, folder) = (sweep.first, sweep.folder)
    let before = SweepFixture.contents(of: folder.path)
    let id = try #require(first.finished.first?.trial)
    try FileManager.default.moveItem(
      at: folder.appendingPathComponent(id),
      to: folder.appendingPathComponent(
        ".staging-\(id)-\(try SweepStaleFilesTests.deadPID())-1-old"))
    let second = try sweep.again()
    #expect(second.finished.isEmpty)
    #expect(SweepFixture.hiddenEntries(in: folder.path).isEmpty)
    SweepFixture.expectSameFiles(
      SweepFixture.contents(of: folder.path), before, "differs after putting the trial back")
  }

  /// A process that dies while the sweep runs (another shard killed, or the killed process
  /// reaped only now): its leftovers are settled at the end.
  @Test func leftoversOfAProcessGoneDuringTheSweepAreSettledAtItsEnd() throws {
    let sweep = try Completed()
    defer { try? FileManager.default.removeItem(at: sweep.root) }
    let (first, folder) = (sweep.first, sweep.folder)
    let name = ".staging-\(first.finished[0].trial)-\(try SweepStaleFilesTests.deadPID())-5"
    nonisolated(unsafe) var made = false
    _ = try sweep.again { event in
      guard case .planned = event, !made else { return }
      made = true
      try? Self.make(name, in: folder)
    }
    #expect(made)
    #expect(!Self.exists(name, in: folder))
  }

  /// Successive halving: the trial folders of every rung, complete ones included.
  @Test func aResumedHalvingSweepSettlesEveryRungsLeftovers() throws {
    let sweep = try Completed("halving-moons.yaml")
    defer { try? FileManager.default.removeItem(at: sweep.root) }
    let (first, folder) = (sweep.first, sweep.folder)
    let before = SweepFixture.contents(of: folder.path)
    let dead = try SweepStaleFilesTests.deadPID()
    var made: [(URL, String)] = []
    for rung in ["rung-0", "rung-1", "rung-2"] {
      let layout = folder.appendingPathComponent(rung)
      let trial = try #require(
        try FileManager.default.contentsOfDirectory(atPath: layout.path).sorted().first {
          !$0.hasPrefix(".") && !$0.contains(".")
            && FileManager.default.fileExists(atPath: layout.path + "/\($0)/status.csv")
        })
      let name = ".staging-\(trial)-\(dead)-7"
      try Self.make(name, in: layout)
      made.append((layout, name))
    }
    let live = ".staging-\(first.finished[0].trial)-\(getpid())-8"
    try Self.make(live, in: folder.appendingPathComponent("rung-0"))
    let second = try sweep.again()
    #expect(second.finished.isEmpty)
    for (layout, name) in made {
      #expect(!Self.exists(name, in: layout), "\(layout.lastPathComponent)/\(name) is left")
    }
    #expect(Self.exists(live, in: folder.appendingPathComponent("rung-0")))
    SweepFixture.expectSameFiles(
      SweepFixture.contents(of: folder.path), before, "differs after settling leftovers")
  }

  /// `runner merge` settles the merged folder's leftovers too, complete trials' included.
  @Test func aMergeSettlesTheLeftoversOfCompleteTrials() throws {
    let sweep = try Completed()
    defer { try? FileManager.default.removeItem(at: sweep.root) }
    let (first, folder) = (sweep.first, sweep.folder)
    let dead = ".staging-\(first.finished[0].trial)-\(try SweepStaleFilesTests.deadPID())-9"
    let live = ".staging-\(first.finished[1].trial)-\(getpid())-9"
    try Self.make(dead, in: folder)
    try Self.make(live, in: folder)
    let merged = try SweepMerger.merge([folder.path])
    #expect(merged.copied == 0)
    #expect(SweepFixture.hiddenEntries(in: folder.path) == [live])
  }
}
