extension ExperimentRunner {
  /// Under `--strict`, the refusal of a run or sweep whose process setup warned (an
  /// `OPENBLAS_CORETYPE` overriding the BLAS policy), before anything trains: the warning is
  /// known at the start, and a CI check would otherwise replace its results folder with another
  /// kernel's numbers before failing (exit 1). nil when not strict or nothing warned.
  public static func strictEnvironment(_ warnings: [String], strict: Bool) -> String? {
    guard strict, let first = warnings.first else { return nil }
    return first + "; --strict refuses it before anything runs (nothing is written)"
  }
}
