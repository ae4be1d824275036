import CProcessControl
import Foundation
import Synchronization
import Testing

@testable import Pipeline

/// Parallel jobs are sized by the CPU affinity mask, as `nproc` and joblib count (tester R2).
@Suite struct AvailableCPUsTests {
  /// `body` on a new thread restricted to one CPU (`taskset -c` for that thread alone).
  static func onOneCPU<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T? {
    let result = Mutex<T?>(nil)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      if runner_pin_thread_to_one_cpu() == 0 { result.withLock { $0 = body() } }
      done.signal()
    }
    thread.start()
    done.wait()
    return result.withLock { $0 }
  }

  @Test func theCountIsTheAffinityMasksNotTheMachines() throws {
    let pinned = try #require(
      Self.onOneCPU { (AvailableCPUs.count, SweepOptions().jobs, ParallelJobs.workers(jobs: 8)) })
    #expect(pinned.0 == 1 && pinned.1 == 1)
    #expect(pinned.2 == 1)
    // The thread cap stays the online CPUs, so that results do not change under an affinity.
    #expect(Self.onOneCPU { ExperimentRunner.cpuCount } == ExperimentRunner.cpuCount)
    #expect(AvailableCPUs.count <= ExperimentRunner.cpuCount)
  }
}
