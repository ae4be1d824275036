import Engine
import Foundation
import Pipeline
import Testing

/// The BLAS kernel policy on the built binary: kernels of one numeric class give the same
/// bytes, other kernels change results (which is why the policy exists), and a preset
/// `OPENBLAS_CORETYPE` rules. The kernel-forcing tests skip when the machine presets
/// `OPENBLAS_CORETYPE`, since tests never change a preset value.
@Suite(.serialized) struct BLASKernelBinaryTests {
  static let presetKernel: String? = {
    let environment = ProcessInfo.processInfo.environment
    guard let value = environment["OPENBLAS_CORETYPE"], !value.isEmpty else { return nil }
    return environment["RUNNER_BLAS_KERNEL_APPLIED"] == value ? nil : value
  }()
  static let noPreset = ConditionTrait.enabled(
    if: presetKernel == nil,
    "OPENBLAS_CORETYPE is preset on this machine (\(presetKernel ?? "")); tests never change it")
  static let avx2 = ConditionTrait.enabled(
    if: BLASKernel.named("Haswell")!.runs(on: .current), "the CPU has no AVX2 and FMA")

  /// The gate's experiments (name, spec, command) from the manifest.
  /// The gate's entries (the cat entry when the cat files are here).
  static let gateEntries: [GateEntry] =
    ((try? GateEntry.load(SweepBinary.root.appendingPathComponent("results/baseline/gate.csv")))
    ?? []).filter { $0.name != "cat" || CourseDataSupport.cat }

  /// Runs `entry` with `--blas-kernel kernel` into a fresh folder; returns that folder.
  static func run(_ entry: GateEntry, kernel: String) throws -> URL {
    let root = SweepBinary.temporaryDirectory("kernel\(kernel)")
    var arguments = [
      entry.command, SweepBinary.root.appendingPathComponent(entry.spec).path,
      "--results-dir", root.path, "--blas-kernel", kernel,
    ]
    if entry.command == "sweep" { arguments += ["--jobs", "2", "--shard", "0/1"] }
    let result = try SweepBinary.run(arguments)
    #expect(result.status == 0, "\(entry.name) with \(kernel): \(result.error)")
    let folder = root.appendingPathComponent(entry.name)
    let recorded = RunEnvironment.read(from: firstRunFolder(folder))
    #expect(recorded?["blas_kernel"]?.lowercased() == kernel.lowercased(), "\(entry.name)")
    #expect(recorded?["blas_kernel_source"] == "--blas-kernel")
    return folder
  }

  /// The folder itself for a run, its first trial for a sweep.
  static func firstRunFolder(_ folder: URL) -> URL {
    if FileManager.default.fileExists(atPath: folder.appendingPathComponent("environment.csv").path)
    {
      return folder
    }
    let trial = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted()
      .first { !$0.contains(".") && $0 != "plots" }
    return folder.appendingPathComponent(trial ?? "")
  }

  @Test(noPreset, avx2, arguments: gateEntries)
  func zenAndHaswellKernelsGiveIdenticalBytes(_ entry: GateEntry) throws {
    let zen = try Self.run(entry, kernel: "Zen")
    let haswell = try Self.run(entry, kernel: "Haswell")
    let (a, b) = (SweepBinary.contents(of: zen), SweepBinary.contents(of: haswell))
    #expect(!a.isEmpty)
    #expect(a == b, "\(entry.name): Zen and Haswell kernels gave different files")
  }

  @Test(noPreset, avx2)
  func otherKernelsChangeTheResults() throws {
    let entry = try #require(Self.gateEntries.first { $0.name == "blobs-logreg-lbfgs" })
    let haswell = SweepBinary.contents(of: try Self.run(entry, kernel: "Haswell"))
    var others = ["Prescott"]
    if BLASKernel.named("SkylakeX")!.runs(on: .current) { others.append("SkylakeX") }
    for kernel in others {
      let other = SweepBinary.contents(of: try Self.run(entry, kernel: kernel))
      // The history: L-BFGS converges to the same final figures to the last digit here.
      #expect(other["metrics.csv"] != haswell["metrics.csv"], "\(kernel) gave Haswell's history")
    }
  }

  @Test(noPreset, avx2)
  func theDefaultPolicyIsHaswellAndAPresetValueRulesWithAWarning() throws {
    let clean = ["OPENBLAS_CORETYPE": "", "RUNNER_BLAS_KERNEL_APPLIED": ""]
    let defaultRun = try SweepBinary.run(["env", "--kernel"], environment: clean)
    #expect(defaultRun.output == "Haswell\n")
    let fastest = try SweepBinary.run(
      ["env", "--kernel", "--blas-kernel", "fastest"], environment: clean)
    let best = try #require(try BLASKernelPolicy.fastest.kernel(for: .current))
    #expect(fastest.output == "\(best)\n")
    let byVariable = try SweepBinary.run(
      ["env", "--kernel"], environment: clean.merging(["RUNNER_BLAS_KERNEL": "Zen"]) { $1 })
    #expect(byVariable.output == "Zen\n")

    let preset = try SweepBinary.run(
      ["env"], environment: ["OPENBLAS_CORETYPE": "Sandybridge", "RUNNER_BLAS_KERNEL_APPLIED": ""])
    #expect(preset.status == 0)
    #expect(preset.output.contains("blas_kernel          Sandybridge"))
    #expect(preset.output.contains("blas_kernel_policy   preset"))
    #expect(preset.output.contains("blas_kernel_source   OPENBLAS_CORETYPE=Sandybridge"))
    #expect(
      preset.error.hasPrefix(
        "warning: OPENBLAS_CORETYPE=Sandybridge is set in the environment and overrides the reproducible BLAS kernel (Haswell)"
      ))
  }

  /// glibc runs an FMA or an SSE2 variant of `exp`, `log1p`, `sin` and `cos` by the CPU (or
  /// `GLIBC_TUNABLES`), and their last bits differ (iris, cat and the moons grid changed; the
  /// BLAS kernel was Haswell in both): the numeric environment names the math library's
  /// results, so runs made with the two are never called byte-identical.
  @Test(avx2, .enabled(if: Self.glibc, "glibc's libm variants"))
  func theMathLibraryVariantIsPartOfTheNumericEnvironment() throws {
    let numeric = { (environment: [String: String]) throws -> String? in
      try SweepBinary.run(["env"], environment: environment).output.split(separator: "\n")
        .first { $0.hasPrefix("numeric_environment") }.map(String.init)
    }
    let fma = try numeric([:])
    let sse2 = try numeric(["GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX2,-FMA"])
    #expect(fma?.contains("Haswell kernel") == true)
    #expect(sse2?.contains("Haswell kernel") == true)
    #expect(fma != sse2, "libm's FMA and SSE2 variants recorded as one numeric environment")
  }

  static let glibc: Bool = {
    #if os(Linux)
      FileManager.default.fileExists(atPath: "/lib/x86_64-linux-gnu/libm.so.6")
    #else
      false
    #endif
  }()

  @Test func versionAndABadPolicy() throws {
    let version = try SweepBinary.run(["--version"])
    #expect(version.status == 0)
    #expect(version.output == "runner \(RunnerVersion.current)\n")
    let bad = try SweepBinary.run(["env", "--blas-kernel", "turbo"])
    #expect(bad.status == 64)
    #expect(
      bad.error == """
        error: --blas-kernel: unknown BLAS kernel policy 'turbo'; expected reproducible, fastest or \
        a kernel (Prescott, Nehalem, Sandybridge, Zen, Haswell, SkylakeX, Cooperlake)

        """)
  }
}
