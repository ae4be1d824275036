import ArgumentParser

/// `--blas-kernel`: the BLAS kernel policy. The process applies it at start-up, before the
/// arguments are parsed (`BLASKernelSetup.configureProcess`); this declaration gives it its
/// help text and lets the parser accept it.
public struct BLASKernelOption: ParsableArguments {
  public init() {}

  @Option(
    name: .customLong("blas-kernel"),
    help: ArgumentHelp(
      "BLAS kernel policy: reproducible (default: one kernel on every AVX2 CPU), fastest, or an "
        + "OpenBLAS kernel name. Also RUNNER_BLAS_KERNEL or blas_kernel in runner.yaml.",
      valueName: "policy"))
  public var policy: String?
}
