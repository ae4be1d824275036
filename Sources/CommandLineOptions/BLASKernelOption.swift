import ArgumentParser

/// `--blas-kernel`: the BLAS kernel policy. The process applies it at start-up, before the
/// arguments are parsed (`BLASKernelSetup.configureProcess`); this declaration gives it its
/// help text and lets the parser accept it.
public struct BLASKernelOption: ParsableArguments {
  /// An option group with no policy given (ArgumentParser fills it in when parsing).
  public init() {}

  /// The policy as typed (`reproducible`, `fastest` or a kernel name); nil when not given.
  @Option(
    name: .customLong("blas-kernel"),
    help: ArgumentHelp(
      "BLAS kernel policy: reproducible (default: one kernel on every AVX2 CPU), fastest, or an "
        + "OpenBLAS kernel name. Also RUNNER_BLAS_KERNEL or blas_kernel in runner.yaml.",
      valueName: "policy"))
  public var policy: String?
}
