import Foundation
import Testing

@testable import Pipeline

/// A run settles what dead runs left beside its folder, whatever their output (a kill of
/// `k-Excavator` left its staging folder and lock file, and a run of another output kept them):
/// only the runner's own leftovers of processes that are gone.
@Suite struct RunLeftoversBesideTests {
  /// The pid of a process that has ended.
  static func deadPID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  @Test func stagingFolderNamesGiveTheirRunFolder() {
    #expect(
      RunLeftovers.stagedFolder(".staging-k-Excavator-23922-1764838000000000") == "k-Excavator")
    #expect(RunLeftovers.stagedFolder(".staging-cat-1-2-old") == "cat")
    #expect(RunLeftovers.stagedFolder(".staging-cat@seed=2-17-99") == "cat@seed=2")
    for name in [
      ".staging-mine", ".staging-x-12-old-copy", ".staging-a-1-", "staging-a-1-2", ".staging--1-2",
    ] {
      #expect(RunLeftovers.stagedFolder(name) == nil, "\(name)")
    }
  }

  @Test func deadRunsLeftoversOfOtherFoldersGoAndNothingElse() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("runner-beside-\(UUID().uuidString)")
    try fm.createDirectory(at: root, withIntermediateDirectories: true)
    let dead = try Self.deadPID()
    let live = getpid()
    let entries = [
      ".staging-k-Excavator-\(dead)-1764838000000000",  // a killed run's: removed
      ".staging-other-\(live)-1764838000000000",  // a live process's: kept
      ".staging-mine",  // not the runner's name: kept
      ".staging-gone-\(dead)-1764838000000001-old",  // a previous run swapped out: back in place
    ]
    for name in entries {
      let folder = root.appendingPathComponent(name)
      try fm.createDirectory(at: folder, withIntermediateDirectories: true)
      try "x".write(
        to: folder.appendingPathComponent("spec.resolved.yaml"), atomically: true, encoding: .utf8)
    }
    try "\(dead)\n".write(
      to: root.appendingPathComponent(".k-Excavator.lock"), atomically: true, encoding: .utf8)
    // A report's or export's (brief) lock file, its process killed with SIGKILL: removed too.
    try "\(dead) brief\n".write(
      to: root.appendingPathComponent(".reported.lock"), atomically: true, encoding: .utf8)
    try "\(live) brief\n".write(
      to: root.appendingPathComponent(".reporting.lock"), atomically: true, encoding: .utf8)
    try "\(dead) briefly\n".write(
      to: root.appendingPathComponent(".mine.lock"), atomically: true, encoding: .utf8)
    try "my notes\n".write(
      to: root.appendingPathComponent(".notes.lock"), atomically: true, encoding: .utf8)
    // A file of the user's that holds a number, or a live process's pid, is no dead run's lock.
    try "\(dead)".write(
      to: root.appendingPathComponent(".count.lock"), atomically: true, encoding: .utf8)
    try "\(live)\n".write(
      to: root.appendingPathComponent(".alive.lock"), atomically: true, encoding: .utf8)
    let held = try FolderLock.acquire(root.appendingPathComponent("busy"))
    defer { held.release() }

    _ = RunLeftovers.cleanBeside(root.appendingPathComponent("new"))
    let left = Set(try fm.contentsOfDirectory(atPath: root.path))
    #expect(
      left
        == [
          ".staging-other-\(live)-1764838000000000", ".staging-mine", "gone", ".notes.lock",
          ".busy.lock", ".count.lock", ".alive.lock", ".reporting.lock", ".mine.lock",
        ])
  }

  /// The holder a lock file records, in the runner's two forms only (`FolderLock` writes them).
  @Test func lockFilesGiveTheirHolderInTheRunnersFormOnly() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("runner-holder-\(UUID().uuidString)")
    try fm.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: root) }
    let cases: [(text: String, holder: (Int32, Bool)?)] = [
      ("12\n", (12, false)), ("12 brief\n", (12, true)), ("12", nil), ("12 brief", nil),
      ("12 other\n", nil), ("12  brief\n", nil), ("012\n", nil), ("-3\n", nil), ("0\n", nil),
      ("12 brief x\n", nil), ("notes\n", nil), ("\n", nil),
    ]
    for (text, holder) in cases {
      let file = root.appendingPathComponent(".x.lock")
      try text.write(to: file, atomically: true, encoding: .utf8)
      let read = FolderLock.recordedHolder(of: file)
      #expect(read?.pid == holder?.0 && read?.brief == holder?.1, "\(text.debugDescription)")
    }
    // What a brief holder writes is read back as it.
    let folder = root.appendingPathComponent("run")
    let lock = FolderLock.acquireBriefly(folder) { _, _ in }
    defer { lock?.release() }
    let read = FolderLock.recordedHolder(of: FolderLock.lockFile(of: folder))
    #expect(read?.pid == getpid() && read?.brief == true)
  }
}
