import Engine
import Foundation
import Pipeline

/// The BLAS facts printed beside every benchmark figure: the kernel, the policy that chose it
/// and the thread count, so that figures from different machines or modes are never confused.
enum BenchEnvironment {
  /// `[OpenBLAS 0.3.21 Haswell kernel, policy reproducible, 2 threads]`.
  static var tag: String {
    let setup = BLASKernelSetup.current
    let policy =
      setup.map { $0.preset.map { "preset OPENBLAS_CORETYPE=\($0)" } ?? "policy \($0.policy)" }
      ?? "policy none"
    let threads = BLAS.threads ?? BLAS.activeThreads
    return
      "[OpenBLAS \(BLAS.version) \(BLAS.coreName) kernel, \(policy), \(threads) thread\(threads == 1 ? "" : "s")]"
  }

  /// The environment for a peer process (numpy, PyTorch): the user's own, without the
  /// `OPENBLAS_CORETYPE` the runner's policy set for itself, so a peer with its own OpenBLAS
  /// picks its own kernel as it would for the user.
  static var peerEnvironment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    let marker = environment[BLASKernelSetup.markerVariable]
    if let marker, environment[BLASKernelSetup.coreTypeVariable] == marker {
      environment[BLASKernelSetup.coreTypeVariable] = nil
    }
    environment[BLASKernelSetup.markerVariable] = nil
    return environment
  }
}
