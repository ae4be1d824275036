import Conventions
import Engine
import Specs

extension ProjectConfig {
  /// Refuses a `blas_kernel` that names no policy, located in `runner.yaml` (exit 65) as every
  /// other error in it is, with the policy its spelling is nearest to.
  public func checkBLASKernel() throws(SpecError) {
    guard let text = blasKernel, let at = blasKernelLocation, BLASKernelPolicy(text) == nil
    else { return }
    let policies = ["reproducible", "fastest"] + BLASKernel.all.map(\.name)
    let guess = text.closest(among: policies).map { "; did you mean '\($0)'?" } ?? ""
    throw .invalid([
      Diagnostic(
        .error, at: at, "unknown BLAS kernel policy '\(text)'\(guess)",
        note: "blas_kernel is \(BLASKernelPolicy.accepted)")
    ])
  }
}
