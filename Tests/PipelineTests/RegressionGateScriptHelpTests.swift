import Foundation
import Testing

/// `scripts/regression_gate.sh --help` prints its usage without building: it started a
/// `swift build` in the checkout's default build folder before printing anything.
@Suite struct RegressionGateScriptHelpTests {
  @Test(arguments: ["--help", "-h"])
  func helpPrintsTheUsageWithoutASwiftOnThePath(_ option: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [
      GateSupport.root.appendingPathComponent("scripts/regression_gate.sh").path, option,
    ]
    // No Swift toolchain and no RUNNER: only a script that builds nothing can succeed.
    process.environment = ["PATH": "/usr/bin:/bin"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(text.hasPrefix("The regression gate: re-runs the experiments listed in"))
    #expect(text.contains("scripts/regression_gate.sh --record"))
    #expect(text.hasSuffix("All options: runner gate --help.\n"))
  }
}
