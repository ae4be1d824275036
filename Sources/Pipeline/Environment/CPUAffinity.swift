import CProcessControl
import Foundation

/// The CPUs this process may run on: its affinity mask (`taskset`, a cgroup cpuset, a batch
/// scheduler's binding), which `nproc` and joblib's `cpu_count` count. Parallel jobs are sized
/// by it (a sweep's default `--jobs`, its oversubscription warning, analysis workers, the
/// memory each job may use); BLAS `threads` are not (`ExperimentRunner.cpuCount`), so results
/// do not change under an affinity.
public enum CPUAffinity {
  /// The CPUs in the calling thread's affinity mask (the process's, unless a thread was given
  /// its own); the online CPUs when the mask cannot be read.
  public static var count: Int {
    let cpus = Int(runner_affinity_cpu_count())
    return cpus > 0 ? cpus : max(1, ProcessInfo.processInfo.activeProcessorCount)
  }
}
