import Foundation
import Testing

/// The built binary in a network namespace with no network at all (`unshare -n`: not even a
/// loopback interface), as a fresh-clone check without network runs it.
@Suite(.enabled(if: SweepBinary.executable != nil && NoNetwork.available, "needs unshare -n"))
struct NoNetworkBinaryTests {
  @Test func aRunFinishesAndRecordsItsCommitWithoutAnyNetwork() throws {
    let results = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: results) }
    let spec = SweepBinary.root.appendingPathComponent("experiments/gates-logreg.yaml").path
    let status = try NoNetwork.run(
      [SweepBinary.executable!.path, "run", spec, "--results-dir", results.path])
    #expect(status == 0, "exit status \(status) (a hang is killed after 60 s: 9)")
    let environment = try String(
      contentsOf: results.appendingPathComponent("gates-logreg/environment.csv"), encoding: .utf8)
    #expect(environment.contains("git_commit,"))
  }
}

/// Runs commands under `unshare -n`.
enum NoNetwork {
  /// Whether this process may create a network namespace (root, or user namespaces allowed).
  static let available: Bool = (try? run(["/bin/true"])) == 0

  /// Runs `arguments` under `unshare -n` and returns its exit status; SIGKILLed after 60 s.
  static func run(_ arguments: [String]) throws -> Int32 {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return -1 }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
    process.arguments = ["-n"] + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let pid = process.processIdentifier
    let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
    process.waitUntilExit()
    watchdog.cancel()
    return process.terminationStatus
  }
}
