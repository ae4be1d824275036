import Foundation
import Testing

/// Started with standard output closed (`runner run x.yaml >&-`): the command exits 73 as for
/// any output it cannot write, and a run or sweep says that its results are complete and where
/// (tester BB F15: a script took the 73 for lost results); `--version` and `--help` exit 73 too
/// (they exited 0 with their output lost).
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct ClosedOutputBinaryTests {
  /// Runs `runner arguments` with standard output closed from the start; returns the exit
  /// status and standard error.
  static func withOutputClosed(_ arguments: [String]) throws -> (status: Int32, error: String) {
    let executable = try #require(SweepBinary.executable)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exec \"$0\" \"$@\" >&-", executable.path] + arguments
    process.environment = [
      "PATH": "/usr/bin:/bin", "NO_COLOR": "1",
      "LLVM_PROFILE_FILE": SweepBinary.profileFile(sizeLimited: false),
    ]
    let error = Pipe()
    process.standardError = error
    try process.run()
    let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  static let closed =
    "error: cannot write the output (standard output): it was closed when the runner started "
    + "(Bad file descriptor)"

  @Test func aRunSaysItsResultsAreCompleteAndWhere() throws {
    let dir = try WriteFaultBinaryTests.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = dir.appendingPathComponent("results")
    let r = try Self.withOutputClosed([
      "run", dir.appendingPathComponent("m.yaml").path, "--results-dir", root.path,
    ])
    #expect(r.status == 73, "\(r.error)")
    let folder = root.appendingPathComponent("m").path
    #expect(
      r.error.hasSuffix(
        "\(Self.closed); the run's results are complete in \(folder): only this output is lost\n"),
      "\(r.error)")
    #expect(FileManager.default.fileExists(atPath: folder + "/summary.csv"))
  }

  @Test func aSweepSaysItsResultsAreCompleteAndWhere() throws {
    let dir = try WriteFaultBinaryTests.project()
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = dir.appendingPathComponent("results")
    let spec = dir.appendingPathComponent("s.yaml").path
    let r = try Self.withOutputClosed(["sweep", spec, "--results-dir", root.path])
    #expect(r.status == 73, "\(r.error)")
    let folder = root.appendingPathComponent("s").path
    #expect(
      r.error.hasSuffix(
        "\(Self.closed); the sweep's results are complete in \(folder): only this output is "
          + "lost\n"), "\(r.error)")
    #expect(SweepBinary.completeTrials(in: URL(fileURLWithPath: folder)) == 3)
    // A shard's: its own trials.
    let shard = dir.appendingPathComponent("shard")
    let s = try Self.withOutputClosed([
      "sweep", spec, "--shard", "1/2", "--results-dir", shard.path,
    ])
    #expect(s.status == 73, "\(s.error)")
    #expect(
      s.error.contains(
        "; shard 1/2's trials are complete in \(shard.appendingPathComponent("s").path)"),
      "\(s.error)")
  }

  @Test(arguments: [["--version"], ["--help"], ["run", "--help"], ["help"]])
  func versionAndHelpExit73AsEveryCommandDoes(arguments: [String]) throws {
    let r = try Self.withOutputClosed(arguments)
    #expect(r.status == 73, "\(arguments): \(r.error)")
    #expect(r.error == Self.closed + "\n", "\(arguments): \(r.error)")
  }
}
