import CProcessControl
import Datasets
import Foundation

/// The CPUs this process may use: its affinity mask (`taskset`, a cgroup cpuset, a batch
/// scheduler's binding), which `nproc` counts, and no more than its cgroup's CPU quota allows
/// (a container's `--cpus 1.5` is 2), as joblib's `cpu_count` counts. Parallel jobs are sized by
/// it (a sweep's default `--jobs`, its oversubscription warning, analysis workers, the memory
/// each job may use); BLAS `threads` are not (`ExperimentRunner.cpuCount`), so results do not
/// change under an affinity or a quota.
public enum AvailableCPUs {
  /// The CPUs in the calling thread's affinity mask (the process's, unless a thread was given
  /// its own; the online CPUs when the mask cannot be read), capped by the CPU quota.
  public static var count: Int {
    let cpus = Int(runner_affinity_cpu_count())
    let affinity = cpus > 0 ? cpus : max(1, ProcessInfo.processInfo.activeProcessorCount)
    return min(affinity, ControlGroup.current.cpuQuota ?? affinity)
  }
}
