import Engine
import Foundation
import Specs

extension ExperimentRunner {
  /// The machine's online CPUs (not the affinity mask `nproc` and `taskset` use, so a run's
  /// threads, and its results, do not change under an affinity).
  public static var cpuCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// `loaded` with `threads` capped at what runs here: `cpus` (more BLAS threads than CPUs only
  /// slow a run down, and under a memory limit OpenBLAS can retry its per-thread buffers
  /// forever), and 1 with a single-threaded OpenBLAS build (`model` serial), which runs every
  /// call on one thread whatever it is asked; with the warning located at `threads` when it
  /// was capped, so that the record names the threads that ran.
  public static func capThreads(
    _ loaded: LoadedSpec, cpus: Int = cpuCount, model: BLAS.ParallelModel = BLAS.parallelModel
  ) -> (LoadedSpec, Diagnostic?) {
    guard let (used, warning) = threadCap(loaded, cpus: cpus, model: model, using: true) else {
      return (loaded, nil)
    }
    var capped = loaded
    capped.spec.threads = used
    return (capped, warning)
  }

  /// The thread cap's warning as the error `--strict` makes it (as of every warning: a run's
  /// last bits depend on its threads, which a CI check under `--strict` should catch), for
  /// `asked`, the spec before the cap. Nothing runs, so it does not say "using".
  public static func strictThreads(
    _ asked: LoadedSpec, cpus: Int = cpuCount, model: BLAS.ParallelModel = BLAS.parallelModel,
    strict: Bool
  ) -> SpecError? {
    guard strict, let (_, warning) = threadCap(asked, cpus: cpus, model: model, using: false)
    else { return nil }
    return .invalid([warning.strict])
  }

  /// The threads that run and the warning at `threads` (with `; using N` when the run goes on
  /// capped), nil when the threads asked for run: `threads: 8 is more than the 2 CPUs of this
  /// machine`, or a count above 1 that a single-threaded OpenBLAS cannot honour.
  private static func threadCap(
    _ loaded: LoadedSpec, cpus: Int, model: BLAS.ParallelModel, using: Bool
  ) -> (Int, Diagnostic)? {
    let asked = loaded.spec.threads
    let serial = BLAS.threadsRun(requested: asked, model: model) < asked
    guard serial || asked > cpus else { return nil }
    let used = serial ? 1 : cpus
    let message =
      serial
      ? "threads: \(asked) cannot be honoured by this OpenBLAS, a single-threaded build "
        + "(SINGLE_THREADED)"
      : "threads: \(asked) is more than the \(cpus) CPU\(cpus == 1 ? "" : "s") of this machine"
    let fix =
      serial
      ? "write threads: 1, or use an OpenBLAS built with threads (pthreads or OpenMP) to run "
        + "with \(asked)"
      : "write threads: \(cpus) or less to run as written"
    let warning = loaded.sourceMap.diagnostic(
      .warning, at: SpecPath.root.appending("threads"),
      message + (using ? "; using \(used)" : ""),
      note: "results (float64 and float32) are byte-identical only at equal threads; \(fix)")
    return (used, warning)
  }
}
