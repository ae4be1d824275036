import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A run folder that cannot be listed vanished from `runner ls` without a word, and `runner
/// diff` called its files "only in A" (exit 1) (tester AK12, session 37). Root reads any folder
/// whatever its mode, so as root the runner runs as user nobody (`setpriv`).
@Suite("runner ls and diff: a folder that cannot be read")
struct UnreadableFolderBinaryTests {
  /// Runs the built runner with `arguments`, as nobody when this process is root.
  static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let runner = try #require(SweepBinary.executable)
    let process = Process()
    if getuid() == 0 {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
      process.arguments =
        ["--reuid=65534", "--regid=65534", "--clear-groups", runner.path] + arguments
    } else {
      process.executableURL = runner
      process.arguments = arguments
    }
    let (out, err) = (Pipe(), Pipe())
    (process.standardOutput, process.standardError) = (out, err)
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: output, as: UTF8.self),
      String(decoding: error, as: UTF8.self)
    )
  }

  @Test(
    .enabled(
      if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
      "as root, needs setpriv to drop privileges"))
  func listedWithAWarningAndDiffIsTrouble() throws {
    // Outside this test process's scratch folder, which stays 0700 (TestScratchTests): user
    // nobody must traverse every folder above the runs.
    var template = Array("/tmp/runner-unreadable-XXXXXX".utf8CString)
    let made = try #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) })
    let root = URL(fileURLWithPath: String(cString: made), isDirectory: true)
    defer {
      chmod(root.appendingPathComponent("res/b").path, 0o755)
      try? FileManager.default.removeItem(at: root)
    }
    let fm = FileManager.default
    for name in ["a", "b"] {
      let run = root.appendingPathComponent("res/\(name)")
      try fm.createDirectory(at: run, withIntermediateDirectories: true)
      try "name: \(name)\nseed: 1\n".write(
        to: run.appendingPathComponent("spec.resolved.yaml"), atomically: true, encoding: .utf8)
      try "train_loss\n0.5\n".write(
        to: run.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
    }
    // Readable by nobody but b.
    for path in [root.path, root.appendingPathComponent("res").path] { chmod(path, 0o755) }
    let b = root.appendingPathComponent("res/b")
    try #require(chmod(b.path, 0) == 0)
    let ls = try Self.run(["ls", root.appendingPathComponent("res").path, "--format", "csv"])
    #expect(ls.status == 65, "\(ls.error)")
    let rows = ls.output.split(separator: "\n")
    #expect(rows.contains { $0.hasPrefix("a,") && $0.contains(",0.5") }, "\(ls.output)")
    #expect(rows.contains { $0.hasPrefix("b,") && !$0.contains("0.5") }, "\(ls.output)")
    #expect(
      ls.error.contains("warning: cannot read \(b.path): Permission denied; give read access"),
      "\(ls.error)")
    let a = root.appendingPathComponent("res/a")
    let diff = try Self.run(["diff", a.path, b.path])
    #expect(diff.status == 2, "\(diff.output)")
    #expect(
      diff.error.contains("error: \(b.path): cannot read the folder: Permission denied"),
      "\(diff.error)")
    #expect(!diff.output.contains("only in A"))
  }
}
