import Foundation
import Specs

extension ExperimentRunner {
  /// The machine's online CPUs (not the affinity mask `nproc` and `taskset` use, so a run's
  /// threads, and its results, do not change under an affinity).
  public static var cpuCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// `loaded` with `threads` capped at `cpus` (more BLAS threads than CPUs only slow a run
  /// down, and under a memory limit OpenBLAS can retry its per-thread buffers forever), and
  /// the warning located at `threads` when it was capped.
  public static func capThreads(_ loaded: LoadedSpec, cpus: Int = cpuCount)
    -> (LoadedSpec, Diagnostic?)
  {
    guard loaded.spec.threads > cpus else { return (loaded, nil) }
    var capped = loaded
    capped.spec.threads = cpus
    let warning = loaded.sourceMap.diagnostic(
      .warning, at: SpecPath.root.appending("threads"),
      "threads: \(loaded.spec.threads) is more than the \(cpus) CPU\(cpus == 1 ? "" : "s") "
        + "of this machine; using \(cpus)",
      note: "float32 results are byte-identical only at equal threads; write threads: \(cpus) "
        + "or less to run as written")
    return (capped, warning)
  }

  /// The thread cap's warning as the error `--strict` makes it (as of every warning: a float32
  /// run's last bits depend on its threads, which a CI check under `--strict` should catch).
  public static func strictThreads(_ warning: Diagnostic?, strict: Bool) -> SpecError? {
    guard strict, let warning else { return nil }
    return .invalid([warning.strict])
  }
}
