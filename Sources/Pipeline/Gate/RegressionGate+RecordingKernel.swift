import Engine

extension RegressionGate {
  /// Refuses (64) recording under a BLAS kernel of another numeric class than the one the
  /// project's own policy (`runner.yaml`'s `blas_kernel`, else `reproducible`) gives on this
  /// machine, before anything runs: a baseline is compared byte for byte only where the gate
  /// runs with the kernel it was recorded with, so one recorded under `--blas-kernel Prescott`
  /// or a preset `OPENBLAS_CORETYPE` would be checked only within tolerances everywhere else.
  public func refuseOffPolicyKernel(
    _ setup: BLASKernelSetup?, environment: [String: String]
  ) throws(GateError) {
    guard let setup, let used = setup.preset ?? setup.requestedKernel else { return }
    var plain = environment
    for name in [
      BLASKernelSetup.policyVariable, BLASKernelSetup.coreTypeVariable,
      BLASKernelSetup.markerVariable,
    ] {
      plain[name] = nil
    }
    guard
      let project = try? BLASKernelSetup(
        arguments: [], environment: plain, currentDirectory: root.path),
      let wanted = project.requestedKernel,
      BLASKernel.numericClass(of: used) != BLASKernel.numericClass(of: wanted)
    else { return }
    let chosen =
      setup.preset.map { "\(BLASKernelSetup.coreTypeVariable)=\($0) in the environment" }
      ?? (setup.source == BLASKernelSetup.option
        ? "\(BLASKernelSetup.option) \(setup.policy)" : "\(setup.source)=\(setup.policy)")
    let policy = project.source == "default" ? "the reproducible policy" : project.source
    throw .offPolicyKernel(used: used, chosen: chosen, wanted: wanted, policy: policy)
  }
}
