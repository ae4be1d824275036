import Foundation
import Testing

@testable import Pipeline

/// A leftover `-old` folder that a dead run could only half remove (a file in it immutable, or
/// another user's) is no earlier run: it is never filed in `.history` as "the previous run …
/// had a different spec" (tester BF F6); it is removed when all it holds is the current run's
/// own files, else left with a note to remove it by hand.
@Suite struct RunLeftoversPartialTests {
  /// A results folder holding run `cat` and a dead run's half-removed `-old` folder of it
  /// (its spec and summary gone, `left` files remaining, each holding its name).
  static func halfRemoved(_ left: [String], label: String = #function) throws -> (
    current: URL, old: URL
  ) {
    let dir = TestProject.temporaryDirectory(label)
    let current = dir.appendingPathComponent("cat")
    try RunFolderTests.runFolder(
      current, spec: "name: cat\n", extra: ["report.md", "metrics.csv", "environment.csv"])
    let dead = try RunLeftoversBesideTests.deadPID()
    let old = dir.appendingPathComponent(".staging-cat-\(dead)-1764838000000000-old")
    try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
    for name in left {
      try name.write(to: old.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return (current, old)
  }

  /// Nothing but the current run's own files (timing files aside): removed, nothing filed.
  @Test func aHalfRemovedCopyOfTheRunIsRemovedNotFiled() throws {
    let (current, old) = try Self.halfRemoved(["report.md", "metrics.csv", "environment.csv"])
    defer { try? FileManager.default.removeItem(at: current.deletingLastPathComponent()) }
    #expect(RunLeftovers.clean(current).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: old.path))
    #expect(!FileManager.default.fileExists(atPath: RunLeftovers.historyFolder(of: current).path))
  }

  /// A file that is not the current run's: the leftover is left as it is, said, not filed.
  @Test func aHalfRemovedFolderWithOtherFilesIsLeftAndSaid() throws {
    let (current, old) = try Self.halfRemoved(["report.md", "my-notes.md"])
    defer { try? FileManager.default.removeItem(at: current.deletingLastPathComponent()) }
    let notes = RunLeftovers.clean(current)
    #expect(notes.count == 1)
    let note = notes.first ?? ""
    #expect(
      note.hasPrefix("note: \(old.path), part of an earlier run in \(current.path)"), "\(note)")
    #expect(note.hasSuffix("remove it by hand"), "\(note)")
    #expect(!note.contains("different spec"), "\(note)")
    #expect(FileManager.default.fileExists(atPath: old.appendingPathComponent("my-notes.md").path))
    #expect(!FileManager.default.fileExists(atPath: RunLeftovers.historyFolder(of: current).path))
  }

  /// The tester's case: a file the runner cannot delete (`chattr +i`, as root on a file system
  /// that has the flag): the note that it could not be removed, again at every run, and no
  /// `.history` entry.
  @Test func anImmutableLeftoverKeepsItsNoteAndStaysOutOfHistory() throws {
    let (current, old) = try Self.halfRemoved(["report.md", "metrics.csv"])
    defer { try? FileManager.default.removeItem(at: current.deletingLastPathComponent()) }
    let locked = old.appendingPathComponent("metrics.csv").path
    func chattr(_ arguments: String...) throws -> Int32 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
      process.arguments = arguments
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      return process.terminationStatus
    }
    guard FileManager.default.fileExists(atPath: "/usr/bin/chattr"), try chattr("+i", locked) == 0
    else { return }
    // Wherever the file went (into `.history`, when this fails), it is made removable again.
    defer { _ = try? chattr("-R", "-i", current.deletingLastPathComponent().path) }
    for _ in 0..<2 {
      let notes = RunLeftovers.clean(current)
      #expect(notes.count == 1)
      let note = notes.first ?? ""
      #expect(
        note.hasPrefix(
          "note: \(old.path), a leftover copy of the run in \(current.path), could "
            + "not be removed"), "\(note)")
      #expect(note.hasSuffix("; remove it by hand"), "\(note)")
      #expect(FileManager.default.fileExists(atPath: locked))
      #expect(
        !FileManager.default.fileExists(atPath: RunLeftovers.historyFolder(of: current).path))
    }
  }
}
