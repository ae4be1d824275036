import Foundation
import Reports
import Testing

@testable import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A sweep rebuilding its report while another process holds its folder's lock waits for it,
/// saying so once in the line every brief holder says (`FolderLock.acquireBriefly(_:shownAs:
/// say:)`, the folder shown as its path), then writes the report.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
struct SweepReportWaitTests {
  @Test func theReportWaitsForTheFoldersHolderSayingItOnce() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let outcome = try SweepRunner.run(
      specPath: SweepFixture.spec("linear-grid.yaml"),
      options: SweepFixture.options(root: root.appendingPathComponent("results")))
    let layout = SweepLayout(directory: URL(fileURLWithPath: outcome.directory))
    let report = layout.directory.appendingPathComponent(ResultsFile.reportMarkdown)
    try FileManager.default.removeItem(at: report)

    // Another process (`flock(1)`, until its input ends) holds the lock, recorded as pid 4242's,
    // a writer's.
    let holder = try ForeignLockHolder(FolderLock.lockFile(of: layout.directory))
    let said = MLflowExportLockTests.Said()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      _ = try? SweepReport.rebuild(in: layout) { said.append($0) }
      done.signal()
    }
    for _ in 0..<1000 where said.all.isEmpty { usleep(10_000) }
    let line =
      "note: " + FolderLock.waitingLine(path: layout.directory.path, holder: 4242, brief: false)
    #expect(said.all == [line])
    #expect(!FileManager.default.fileExists(atPath: report.path))
    // The holder lets the lock go: the report is written, the wait said once.
    try holder.release()
    #expect(done.wait(timeout: .now() + 60) == .success)
    #expect(FileManager.default.fileExists(atPath: report.path))
    #expect(said.all == [line])
  }
}
