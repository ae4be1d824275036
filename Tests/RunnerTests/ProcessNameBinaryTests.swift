import Engine
import Foundation
import Testing

/// After re-executing itself with the policy's BLAS kernel (through `/proc/self/exe`, which the
/// kernel names `exe`), the runner is named `runner` again, so `ps`, `pgrep -x runner` and
/// `killall runner` find it (tester R6).
@Suite struct ProcessNameBinaryTests {
  /// The runner re-executes only where OpenBLAS chooses its kernel at load (x86_64 builds
  /// with DYNAMIC_ARCH); the name is read from /proc.
  static let reexecutes = ConditionTrait.enabled(
    if: BLAS.choosesKernelAtLoad && CPUInfo.current.architecture == "x86_64"
      && FileManager.default.fileExists(atPath: "/proc/self/comm"),
    "no kernel re-exec here")

  @Test(reexecutes)
  func aReexecutedRunnerIsNamedRunner() throws {
    let executable = try #require(SweepBinary.executable)
    let folder = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = folder.appendingPathComponent("long.yaml")
    try SweepBinary.longRun("long", epochs: 600).write(to: spec, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = executable
    process.arguments = ["run", spec.path, "--results-dir", folder.path]
    // No OPENBLAS_CORETYPE: the runner sets it and re-executes itself.
    process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { process.terminate() } }
    let proc = "/proc/\(process.processIdentifier)"
    var reexecuted = false
    for _ in 0..<200 where process.isRunning {
      let environ = (try? Data(contentsOf: URL(fileURLWithPath: proc + "/environ"))) ?? Data()
      if String(decoding: environ, as: UTF8.self).contains("RUNNER_BLAS_KERNEL_APPLIED=") {
        reexecuted = true
        break
      }
      Thread.sleep(forTimeInterval: 0.01)
    }
    try #require(reexecuted, "the runner did not re-execute itself")
    Thread.sleep(forTimeInterval: 0.3)
    let name = try String(contentsOfFile: proc + "/comm", encoding: .utf8)
    #expect(name == executable.lastPathComponent + "\n")
  }
}
