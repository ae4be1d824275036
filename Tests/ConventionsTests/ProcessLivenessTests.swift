import Conventions
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A process recorded with its start time is running only while that very process runs: a
/// later process given the same pid is not it (what an MLflow export's `runner.exporter` tag
/// relies on to tell a cut-off export's run from one under way).
struct ProcessLivenessTests {
  @Test func aProcessRunsOnlyAsTheOneThatStartedThen() throws {
    let pid = getpid()
    #expect(ProcessLiveness.isRunning(pid, startedAt: nil))
    #expect(!ProcessLiveness.isRunning(.max, startedAt: nil))
    #if os(Linux)
      let start = try #require(ProcessLiveness.startTime(of: pid))
      #expect(ProcessLiveness.isRunning(pid, startedAt: start))
      #expect(!ProcessLiveness.isRunning(pid, startedAt: start + "0"))
    #endif
  }
}
