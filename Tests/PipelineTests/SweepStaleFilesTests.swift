import Foundation
import Pipeline
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct SweepStaleFilesTests {
  /// The ID of a process that has exited.
  static func deadPID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  @Test func leftoversOfDeadProcessesAreRemovedAndLiveOnesKept() throws {
    let root = SweepFixture.temporaryDirectory()
    let spec = SweepFixture.spec("diverging.yaml")
    let preview = try SweepRunner.preview(specPath: spec, options: SweepFixture.options(root: root))
    let folder = URL(fileURLWithPath: preview.directory)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let dead = try Self.deadPID()
    let live = getpid()
    let id = preview.trials[0].id
    let deadEntries = [
      ".summary.csv.tmp-\(dead)-A", ".plan.csv.tmp-\(dead)-B", ".report.html.tmp-\(dead)-C",
      ".staging-\(id)-\(dead)-123", ".staging-\(id)-\(dead)-123-old", ".merge-\(id)-\(dead)-D",
    ]
    let liveEntries = [".summary.csv.tmp-\(live)-E", ".staging-\(id)-\(live)-456"]
    for name in deadEntries + liveEntries {
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
    }
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    let left = Set(SweepFixture.hiddenEntries(in: folder.path))
    #expect(left == Set(liveEntries))
  }
}
