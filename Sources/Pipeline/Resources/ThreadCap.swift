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
    guard let warning = tooManyThreads(loaded, cpus: cpus, using: true) else {
      return (loaded, nil)
    }
    var capped = loaded
    capped.spec.threads = cpus
    return (capped, warning)
  }

  /// The thread cap's warning as the error `--strict` makes it (as of every warning: a float32
  /// run's last bits depend on its threads, which a CI check under `--strict` should catch),
  /// for `asked`, the spec before the cap. Nothing runs, so it does not say "using".
  public static func strictThreads(_ asked: LoadedSpec, cpus: Int = cpuCount, strict: Bool)
    -> SpecError?
  {
    guard strict, let warning = tooManyThreads(asked, cpus: cpus, using: false) else {
      return nil
    }
    return .invalid([warning.strict])
  }

  /// `threads: 8 is more than the 2 CPUs of this machine` at `threads` (with `; using 2` when
  /// the run goes on capped), nil when the threads fit.
  private static func tooManyThreads(_ loaded: LoadedSpec, cpus: Int, using: Bool) -> Diagnostic? {
    guard loaded.spec.threads > cpus else { return nil }
    return loaded.sourceMap.diagnostic(
      .warning, at: SpecPath.root.appending("threads"),
      "threads: \(loaded.spec.threads) is more than the \(cpus) CPU\(cpus == 1 ? "" : "s") "
        + "of this machine" + (using ? "; using \(cpus)" : ""),
      note: "float32 results are byte-identical only at equal threads; write threads: \(cpus) "
        + "or less to run as written")
  }
}
