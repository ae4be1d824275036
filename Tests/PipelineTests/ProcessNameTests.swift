import Testing

@testable import Pipeline

/// After the kernel re-exec through `/proc/self/exe` the process is named after its command
/// again, not `exe` (tester R6).
@Suite struct ProcessNameTests {
  @Test func theNameIsTheCommandsBaseNameCutAt15Bytes() {
    #expect(BLASKernelSetup.processName(argument0: "/usr/local/bin/runner") == "runner")
    #expect(BLASKernelSetup.processName(argument0: "runner") == "runner")
    #expect(
      BLASKernelSetup.processName(argument0: "./a-very-long-runner-name") == "a-very-long-run")
    // Never half a character: "é" is 2 bytes.
    #expect(BLASKernelSetup.processName(argument0: "runnerééééé") == "runneréééé")
  }
}
