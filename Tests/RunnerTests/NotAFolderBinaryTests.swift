import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A named pipe where a folder should be is named as one, by each command that needs a folder
/// there (it used to be called "a file").
@Suite struct NotAFolderBinaryTests {
  @Test func aNamedPipeWhereTheResultsOrRunsFolderShouldBeIsNamed() throws {
    let dir = try WriteFaultBinaryTests.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let pipe = dir.appendingPathComponent("pipe").path
    #expect(mkfifo(pipe, 0o600) == 0)
    let spec = dir.appendingPathComponent("m.yaml").path
    let run = try SweepBinary.run(["run", spec, "--results-dir", pipe + "/results"])
    #expect(run.status != 0)
    #expect(run.error.contains("\(pipe) is a named pipe (FIFO), not a folder"), "\(run.error)")
    let ls = try SweepBinary.run(["ls", pipe])
    #expect(ls.status == 66)
    #expect(
      ls.error.hasPrefix("error: \(pipe) is a named pipe (FIFO), not a folder (name the folder"),
      "\(ls.error)")
  }
}
