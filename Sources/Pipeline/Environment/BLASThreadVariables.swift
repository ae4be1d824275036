import Conventions

/// The thread-count variables OpenBLAS reads as it loads. The runner sets the count itself from
/// the spec's `threads` (float64 and float32 results depend on it), so these never change a run; a note
/// says so when one asks for another count.
public enum BLASThreadVariables {
  /// The variables, in the order OpenBLAS consults them.
  public static let names = ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"]

  /// `note: OPENBLAS_NUM_THREADS=2 is ignored: …` when any of the variables in `environment` asks
  /// for other than the `threads` in use (`source` says where that count comes from: the spec's
  /// `threads` by default), with the `threads:` value to write (at most `cpus`); nil when none
  /// does.
  public static func note(
    threads: Int, cpus: Int, environment: [String: String], source: String? = nil
  ) -> String? {
    let set = names.compactMap { name in
      environment[name].flatMap { $0.isEmpty || Int($0) == threads ? nil : (name, $0) }
    }
    guard let first = set.first else { return nil }
    let settings = set.map { "\($0.0)=\($0.1)" }
    let wanted = Int(first.1).map { min(max($0, 1), cpus) }
    let fix = wanted.flatMap {
      $0 == threads ? nil : " (write threads: \($0) in the spec to use \($0))"
    }
    return "note: \(settings.listed()) \(set.count == 1 ? "is" : "are") ignored: "
      + "BLAS threads come from \(source ?? "the spec's threads (\(threads))"), for the same "
      + "results on every machine"
      + (fix ?? "")
  }
}
