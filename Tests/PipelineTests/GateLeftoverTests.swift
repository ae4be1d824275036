import Foundation
import Testing

@testable import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the gate removes of its own leftovers, and what it leaves: the work folders of gates
/// killed with `kill -9` (named `runner-gate-<pid>`, marked, and their pid dead), and the
/// `.recording-<name>` folder of a record stopped while copying (marked).
struct GateLeftoverTests {
  /// The ID of no process: the largest pid, above the range of pids of every system (at most
  /// 2^22 on Linux, 99998 on macOS). Not the pid of a child that has exited: while the tests run
  /// in parallel, another process may be given that pid.
  static func deadPID() throws -> Int32 {
    let pid = Int32.max
    let none = kill(pid, 0) == -1 && errno == ESRCH
    try #require(none, "pid \(pid) names a process")
    return pid
  }

  /// A folder `name` in `parent`, holding a file of the user's and, when `mark` is given, the
  /// work folder's mark with that text.
  @discardableResult
  static func folder(_ name: String, in parent: URL, mark: String?) throws -> URL {
    let url = parent.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try "mine\n".write(
      to: url.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
    if let mark {
      try mark.write(
        to: url.appendingPathComponent(GateWorkFolder.mark), atomically: true, encoding: .utf8)
    }
    return url
  }

  @Test func aDeadGatesMarkedWorkFolderIsRemovedAndNothingElse() throws {
    let temporary = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: temporary) }
    let dead = try Self.deadPID()
    let gone = try Self.folder("runner-gate-\(dead)", in: temporary, mark: "\(dead)\n")
    let goneToo = try Self.folder("runner-gate-\(dead)-2", in: temporary, mark: "\(dead)\n")
    // Kept: unmarked, marked for another pid, a live pid's (pid 1, and this process's), a link,
    // another name.
    let kept = [
      try Self.folder("runner-gate-\(dead)-3", in: temporary, mark: nil),
      try Self.folder("runner-gate-\(dead)-4", in: temporary, mark: "1\n"),
      try Self.folder("runner-gate-1", in: temporary, mark: "1\n"),
      try Self.folder("runner-gate-\(getpid())", in: temporary, mark: "\(getpid())\n"),
      try Self.folder("runner-gate-\(dead)x", in: temporary, mark: "\(dead)\n"),
      try Self.folder("my-runner-gate-\(dead)", in: temporary, mark: "\(dead)\n"),
    ]
    let elsewhere = try Self.folder("elsewhere", in: temporary, mark: "\(dead)\n")
    let link = temporary.appendingPathComponent("runner-gate-\(dead)-5")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: elsewhere)
    // Killed before it marked its folder: an empty one goes (nothing is lost).
    let empty = temporary.appendingPathComponent("runner-gate-\(dead)-6")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    let removed = GateWorkFolder.removeLeftovers(in: temporary)
    #expect(
      Set(removed.map(\.lastPathComponent)) == [
        gone.lastPathComponent, goneToo.lastPathComponent, empty.lastPathComponent,
      ])
    #expect(!FileManager.default.fileExists(atPath: gone.path))
    #expect(!FileManager.default.fileExists(atPath: goneToo.path))
    for folder in kept + [elsewhere] {
      #expect(
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.txt").path))
    }
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == elsewhere.path)
  }

  @Test func theWorkFolderIsMarkedWithItsPidAndNeverTakesAnotherFolder() throws {
    let temporary = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: temporary) }
    let mine = try Self.folder("runner-gate-\(getpid())", in: temporary, mark: nil)
    let work = try GateWorkFolder.create(in: temporary)
    #expect(work.url.lastPathComponent == "runner-gate-\(getpid())-2")
    #expect(
      FileManager.default.contents(
        atPath: work.url.appendingPathComponent(GateWorkFolder.mark).path)
        == Data("\(getpid())\n".utf8))
    // A live gate's folder (this process's) is not a leftover.
    #expect(GateWorkFolder.removeLeftovers(in: temporary).isEmpty)
    work.remove()
    #expect(!FileManager.default.fileExists(atPath: work.url.path))
    #expect(FileManager.default.fileExists(atPath: mine.appendingPathComponent("notes.txt").path))
  }

  @Test func aWorkFolderThatCannotBeMadeIsAnError() throws {
    let temporary = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: temporary) }
    let file = temporary.appendingPathComponent("file")
    try "x".write(to: file, atomically: true, encoding: .utf8)
    #expect {
      try GateWorkFolder.create(in: file)
    } throws: { error in
      guard case GateError.workFolder(let path, let reason) = error else { return false }
      return path == file.appendingPathComponent("runner-gate-\(getpid())").path
        && reason == "Not a directory"
        && (error as? GateError)?.exitCode == .cannotCreate
        && "\(error)".hasPrefix("error: cannot make the gate's work folder \(path): ")
        && "\(error)".hasSuffix("; set TMPDIR to a writable folder, then run the gate again")
    }
  }

  /// A record stopped while copying leaves `.recording-<name>`, marked: the next record (or
  /// `recover`) removes it. One the runner did not mark, or a link, is refused and kept.
  @Test func aMarkedRecordingLeftoverIsRemovedAndAnUnmarkedOneRefused() throws {
    let (gate, entry, fresh) = try GateRecoveryTests.project()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    let staging = gate.staging(entry)
    let fm = FileManager.default
    // Marked: the record removes it and records.
    try Self.folder(staging.lastPathComponent, in: gate.baselineRoot, mark: nil)
    try Data().write(to: staging.appendingPathComponent(RegressionGate.recordingMark))
    try gate.record(entry, fresh: fresh)
    #expect(GateRecoveryTests.summary(gate, entry) == "loss\n2.0\n")
    #expect(GateRecoveryTests.names(gate.baselineRoot) == ["gate.csv", "m"])
    #expect(GateRecoveryTests.names(gate.baseline(entry)) == ["summary.csv"])
    // Marked, then `recover`: removed too.
    try Self.folder(staging.lastPathComponent, in: gate.baselineRoot, mark: nil)
    try Data().write(to: staging.appendingPathComponent(RegressionGate.recordingMark))
    #expect(try gate.recover([entry]).isEmpty)
    #expect(GateRecoveryTests.names(gate.baselineRoot) == ["gate.csv", "m"])
    // Unmarked, or a link to a marked folder: kept by `recover`, refused by the record.
    let elsewhere = try Self.folder("elsewhere", in: gate.root, mark: nil)
    try Data().write(to: elsewhere.appendingPathComponent(RegressionGate.recordingMark))
    for link in [false, true] {
      if link {
        try fm.createSymbolicLink(at: staging, withDestinationURL: elsewhere)
      } else {
        try Self.folder(staging.lastPathComponent, in: gate.baselineRoot, mark: nil)
      }
      #expect(try gate.recover([entry], recording: true).isEmpty)
      #expect {
        try gate.record(entry, fresh: gate.root.appendingPathComponent("fresh"))
      } throws: { error in
        guard case GateError.inTheWay(let path) = error else { return false }
        return path == staging.path
          && "\(error)"
            == "error: \(staging.path) is in the way: recording writes the new baseline under "
            + "that name first, and it is not marked as one the runner made; move it away, then "
            + "record again"
      }
      #expect(GateRecoveryTests.summary(gate, entry) == "loss\n2.0\n")
      #expect(fm.fileExists(atPath: staging.appendingPathComponent("notes.txt").path))
      try fm.removeItem(at: staging)
    }
    #expect(GateRecoveryTests.names(elsewhere).contains("notes.txt"))
    // Empty and unmarked (a record killed between making it and marking it): nothing is lost,
    // so the record removes it and records.
    try fm.createDirectory(at: staging, withIntermediateDirectories: false)
    try gate.record(entry, fresh: fresh)
    #expect(GateRecoveryTests.names(gate.baselineRoot) == ["gate.csv", "m"])
  }

  /// The gate's work folders live in a folder only this user may write to, so no other user of
  /// a shared temporary directory can put a link where a gate removes its leftovers; one of this
  /// user's that others may open is made private, and a link is not used (nil: the work folder
  /// then goes in the temporary directory itself, and no leftovers are removed).
  @Test func workFoldersLiveInAFolderOnlyTheirUserMayWriteTo() throws {
    let temporary = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: temporary) }
    let fm = FileManager.default
    func mode(_ url: URL) throws -> Int {
      try #require(try fm.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }
    let parent = try #require(GateWorkFolder.privateParent(in: temporary))
    #expect(parent.lastPathComponent == "runner-gate-user-\(geteuid())")
    #expect(try mode(parent) & 0o077 == 0)
    #expect(GateWorkFolder.privateParent(in: temporary)?.path == parent.path)
    try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: parent.path)
    #expect(GateWorkFolder.privateParent(in: temporary)?.path == parent.path)
    #expect(try mode(parent) & 0o077 == 0)
    try fm.removeItem(at: parent)
    let elsewhere = try Self.folder("elsewhere", in: temporary, mark: nil)
    try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: elsewhere.path)
    try fm.createSymbolicLink(at: parent, withDestinationURL: elsewhere)
    #expect(GateWorkFolder.privateParent(in: temporary) == nil)
    #expect(fm.fileExists(atPath: elsewhere.appendingPathComponent("notes.txt").path))
  }

  /// Killed after the new baseline went in place, before its mark was removed: `recover`
  /// removes the mark.
  @Test func aRecordingMarkLeftInABaselineIsRemoved() throws {
    let (gate, entry, _) = try GateRecoveryTests.project()
    defer { try? FileManager.default.removeItem(at: gate.root) }
    try Data().write(
      to: gate.baseline(entry).appendingPathComponent(RegressionGate.recordingMark))
    #expect(try gate.recover([entry]).isEmpty)
    #expect(GateRecoveryTests.names(gate.baseline(entry)) == ["summary.csv"])
  }
}

/// A TMPDIR that does not exist is refused, not made (the gate created `/nonexistent` at the
/// root of the file system for `TMPDIR=/nonexistent`), as mktemp refuses it.
@Suite struct GateMissingTemporaryTests {
  @Test func aMissingTemporaryFolderIsNotMade() throws {
    let missing = TestProject.temporaryDirectory().appendingPathComponent("no/such/tmp")
    #expect(GateWorkFolder.privateParent(in: missing) == nil)
    #expect(throws: GateError.self) { try GateWorkFolder.create(in: missing) }
    #expect(!FileManager.default.fileExists(atPath: missing.deletingLastPathComponent().path))
  }
}
