import Foundation
import Testing

@testable import Conventions

/// A file that cannot be opened is never taken for one that differs (tester V7: a run that ran
/// out of file descriptors was told its previous run "held files that differ"), and running out
/// of descriptors is said with the limit and what to do, not as a permission problem.
@Suite struct FileComparisonTests {
  @Test func anUnopenableFileIsUncomparedNotDifferent() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("file-comparison-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let (a, b, c) = (
      dir.appendingPathComponent("a"), dir.appendingPathComponent("b"),
      dir.appendingPathComponent("c")
    )
    try Data("same".utf8).write(to: a)
    try Data("same".utf8).write(to: b)
    try Data("other".utf8).write(to: c)
    #expect(FileComparison.of(a.path, b.path) == .same)
    #expect(FileComparison.of(a.path, c.path) == .different)
    #expect(FileComparison.of(a.path, dir.appendingPathComponent("none").path) == .different)
    // A link to itself (ELOOP) stands for a file that cannot be opened (EMFILE, EACCES).
    let loop = dir.appendingPathComponent("loop")
    try FileManager.default.createSymbolicLink(atPath: loop.path, withDestinationPath: "loop")
    #expect(
      FileComparison.of(a.path, loop.path)
        == .uncompared(path: loop.path, reason: String(cString: strerror(ELOOP))))
  }

  @Test func runningOutOfDescriptorsNamesTheLimit() {
    let limit = OSErrorText.openFileLimit.map { "ulimit -n \($0)" } ?? "ulimit -n unlimited"
    #expect(OSErrorText.of(EMFILE) == "too many open files (\(limit)): raise it")
    #expect(OSErrorText.of(ENOSPC) == "No space left on device")
    #expect(
      OSErrorText.code(
        of: NSError(
          domain: NSCocoaErrorDomain, code: 512,
          userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EMFILE))]))
        == EMFILE)
  }
}
