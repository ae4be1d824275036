import Conventions
import Engine

extension BLASKernelSetup {
  /// Refuses a preset `OPENBLAS_CORETYPE` that OpenBLAS would ignore (no kernel of that name:
  /// it loads `loadedKernel`, its own choice, which no policy made) or that `cpu` cannot run
  /// (the first product would die with an illegal instruction), with the fix: unset it, or
  /// name a kernel this CPU runs. A name OpenBLAS loaded as written is one it knows.
  func checkPreset(_ preset: String, cpu: CPUInfo, loadedKernel: String) throws(PipelineError) {
    let shown = ByteText.environmentValue(Self.coreTypeVariable, preset)
    let setting = "\(Self.coreTypeVariable)=\(shown) (set in the environment)"
    let problem: String
    if let kernel = BLASKernel.openBLASNamed(preset) {
      guard !kernel.runs(on: cpu) else { return }
      let missing = kernel.required.subtracting(cpu.features).sorted().map(\.rawValue)
      problem =
        "names OpenBLAS's \(kernel.name) kernel, which this CPU cannot run (it lacks "
        + "\(missing.joined(separator: ", "))): the run would die with an illegal instruction"
    } else {
      guard loadedKernel.lowercased() != preset.lowercased() else { return }
      problem =
        "is not an OpenBLAS kernel name: OpenBLAS ignores it and loads its own choice "
        + "(\(loadedKernel) here), which no policy made"
    }
    let runnable = BLASKernel.all.filter { $0.runs(on: cpu) }.map(\.name)
    let policyKernel = requestedKernel.map { " (\($0))" } ?? ""
    throw .environment(
      "\(setting) \(problem); unset \(Self.coreTypeVariable) to use the \(policy) policy's "
        + "kernel\(policyKernel), or set it to a kernel this CPU runs: "
        + runnable.joined(separator: ", "))
  }
}
