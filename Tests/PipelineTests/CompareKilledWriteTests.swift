import Foundation
import Reports
import Testing

@testable import Pipeline

/// `runner compare --into` after one killed (`kill -9`) before or between its renames: the
/// temporaries of the dead process go, and a folder holding only those is the comparison's to
/// write (tester BO-12: refused for good as a folder the runner did not write).
@Suite struct CompareKilledWriteTests {
  @Test func aComparisonKilledBeforeItsRenamesLeavesTheFolderWritable() throws {
    let root = try ResultsIndexTests.results()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("compare")
    let pid = try RunLeftoversBesideTests.deadPID()
    let leftovers = [
      ".\(RunComparison.htmlFile)", ".\(WrittenRecord.name)", "plots/.compare_train_loss.svg",
    ].map { out.appendingPathComponent("\($0)\(AtomicFile.temporaryMark)\(pid)-\(UUID())") }
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    for file in leftovers.prefix(2) { try Data("half".utf8).write(to: file) }
    let entries = try RunComparer.entries(["cat", "xor-mlp-sigmoid"], root: root)
    try RunComparer.write(RunComparison(entries), into: out) { _ in }
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("compare.html").path))
    #expect(leftovers.allSatisfy { !FileManager.default.fileExists(atPath: $0.path) })
    // Killed between renames: its chart's temporary goes at the next comparison; a live
    // writer's (this process) stays.
    try Data("half".utf8).write(to: leftovers[2])
    let live = out.appendingPathComponent(
      ".compare.html\(AtomicFile.temporaryMark)\(getpid())-\(UUID())")
    try Data("writing".utf8).write(to: live)
    try RunComparer.write(RunComparison(entries), into: out) { _ in }
    #expect(!FileManager.default.fileExists(atPath: leftovers[2].path))
    #expect(FileManager.default.fileExists(atPath: live.path))
  }
}
