import Engine
import Foundation
import Pipeline
import Testing

/// Where the BLAS kernel policy comes from, and when a process must re-execute to apply it.
@Suite struct BLASKernelSetupTests {
  static let avx2 = CPUInfo(
    architecture: "x86_64", vendor: "AuthenticAMD", model: "test",
    features: [.sse3, .ssse3, .sse41, .sse42, .avx, .fma, .avx2])

  /// A folder holding a `runner.yaml` with `config`, and a spec beside it.
  static func project(_ config: String) throws -> (folder: String, spec: String) {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("runner-blas-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try config.write(
      to: folder.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    let spec = folder.appendingPathComponent("x.yaml").path
    try "name: x\n".write(toFile: spec, atomically: true, encoding: .utf8)
    return (folder.path, spec)
  }

  /// A CPU with AVX-512 (an Intel Xeon's, say).
  static let avx512 = CPUInfo(
    architecture: "x86_64", vendor: "GenuineIntel", model: "test",
    features: avx2.features.union([.avx512f, .avx512cd, .avx512bw, .avx512dq, .avx512vl]))

  static func setup(
    _ arguments: [String], _ environment: [String: String] = [:], in folder: String,
    cpu: CPUInfo = avx2, loaded: String = "Haswell"
  ) throws(PipelineError) -> BLASKernelSetup {
    try BLASKernelSetup(
      arguments: ["runner"] + arguments, environment: environment, currentDirectory: folder,
      cpu: cpu, loadedKernel: loaded)
  }

  /// The refusal of a preset `OPENBLAS_CORETYPE` (nil when accepted).
  static func presetRefusal(_ value: String, cpu: CPUInfo = avx2, loaded: String = "Haswell")
    throws -> String?
  {
    let (folder, spec) = try project("")
    do {
      _ = try setup(
        ["run", spec], ["OPENBLAS_CORETYPE": value], in: folder, cpu: cpu, loaded: loaded)
      return nil
    } catch {
      #expect(error.exitCode == .usage)
      return error.description
    }
  }

  /// A `.bashrc`'s `OPENBLAS_CORETYPE=SkylakeX` from an AVX-512 Xeon, on a CPU without AVX-512,
  /// and AMD's FMA4 and 3DNow! kernels on a CPU without them, are refused before anything runs
  /// (OpenBLAS loads them anyway, and the first product dies with SIGILL), naming what the CPU
  /// lacks and the fix; on a CPU that has them they rule as before.
  @Test func aPresetKernelTheCPUCannotRunIsRefused() throws {
    let fix =
      "unset OPENBLAS_CORETYPE to use the reproducible policy's kernel (Haswell), or set it to "
      + "a kernel this CPU runs: Prescott, Nehalem, Sandybridge, Zen, Haswell"
    #expect(
      try Self.presetRefusal("SkylakeX")
        == "error: OPENBLAS_CORETYPE=SkylakeX (set in the environment) names OpenBLAS's "
        + "SkylakeX kernel, which this CPU cannot run (it lacks avx512f, avx512cd, avx512bw, "
        + "avx512dq, avx512vl): the run would die with an illegal instruction; \(fix)")
    #expect(try Self.presetRefusal("skylakex", cpu: Self.avx512) == nil)
    #expect(
      try Self.presetRefusal("Bulldozer")?.contains(
        "names OpenBLAS's Bulldozer kernel, which this CPU cannot run (it lacks fma4)") == true)
    #expect(try Self.presetRefusal("Opteron")?.contains("(it lacks 3dnow)") == true)
    var fma4 = Self.avx2
    fma4.features.insert(.fma4)
    for name in ["Bulldozer", "Piledriver", "Steamroller", "Excavator"] {
      #expect(try Self.presetRefusal(name)?.hasSuffix(fix) == true, "\(name)")
      #expect(try Self.presetRefusal(name, cpu: fma4) == nil, "\(name)")
    }
    for name in ["Core2", "Penryn", "Katmai", "Barcelona", "Zen"] {
      #expect(try Self.presetRefusal(name) == nil, "\(name)")
    }
  }

  /// A name OpenBLAS does not know (it ignores it and loads its own choice) is refused with
  /// the kernel it loaded and the names this CPU runs; a name the loaded library reports as
  /// itself (a newer OpenBLAS's kernel) is accepted.
  @Test func aPresetNameOpenBLASDoesNotKnowIsRefused() throws {
    #expect(
      try Self.presetRefusal("Skylake", cpu: Self.avx512, loaded: "Cooperlake")
        == "error: OPENBLAS_CORETYPE=Skylake (set in the environment) is not an OpenBLAS kernel "
        + "name: OpenBLAS ignores it and loads its own choice (Cooperlake here), which no policy "
        + "made; unset OPENBLAS_CORETYPE to use the reproducible policy's kernel (Haswell), or set "
        + "it to a kernel this CPU runs: Prescott, Nehalem, Sandybridge, Zen, Haswell, SkylakeX")
    #expect(try Self.presetRefusal("Zen3", loaded: "Zen")?.contains("(Zen here)") == true)
    #expect(try Self.presetRefusal("SapphireRapids", loaded: "SapphireRapids") == nil)
  }

  @Test func commandLineThenEnvironmentThenConfigThenDefault() throws {
    let (folder, spec) = try Self.project("blas_kernel: Zen\n")
    let env = ["RUNNER_BLAS_KERNEL": "fastest"]
    let cli = try Self.setup(["run", spec, "--blas-kernel", "Sandybridge"], env, in: folder)
    #expect(cli.policy == .kernel("Sandybridge") && cli.source == "--blas-kernel")
    let cliEquals = try Self.setup(["run", spec, "--blas-kernel=Sandybridge"], env, in: folder)
    #expect(cliEquals.requestedKernel == "Sandybridge")
    let variable = try Self.setup(["run", spec], env, in: folder)
    #expect(variable.policy == .fastest && variable.source == "RUNNER_BLAS_KERNEL")
    let config = try Self.setup(["run", spec], in: "/")
    #expect(config.policy == .kernel("Zen") && config.source.hasSuffix("runner.yaml: blas_kernel"))
    let (plain, plainSpec) = try Self.project("results_dir: out\n")
    let fallback = try Self.setup(["run", plainSpec], in: plain)
    #expect(fallback.policy == .reproducible && fallback.source == "default")
    #expect(fallback.requestedKernel == "Haswell")
  }

  @Test func aPresetKernelRulesAndWarnsOnlyWhenItsArithmeticDiffers() throws {
    let (folder, spec) = try Self.project("")
    let preset = try Self.setup(["run", spec], ["OPENBLAS_CORETYPE": "Prescott"], in: folder)
    #expect(preset.preset == "Prescott")
    #expect(preset.environmentToApply(["OPENBLAS_CORETYPE": "Prescott"]) == nil)
    #expect(preset.warning?.hasPrefix("warning: OPENBLAS_CORETYPE=Prescott is set") == true)
    let sameClass = try Self.setup(["run", spec], ["OPENBLAS_CORETYPE": "Zen"], in: folder)
    #expect(sameClass.preset == "Zen" && sameClass.warning == nil)
  }

  @Test func aKernelSetByARunnerIsNotAPreset() throws {
    let (folder, spec) = try Self.project("")
    let environment = ["OPENBLAS_CORETYPE": "Zen", "RUNNER_BLAS_KERNEL_APPLIED": "Zen"]
    let child = try Self.setup(
      ["run", spec, "--blas-kernel", "Sandybridge"], environment, in: folder)
    #expect(child.preset == nil)
    if BLAS.choosesKernelAtLoad {
      let applied = child.environmentToApply(environment)
      #expect(applied?["OPENBLAS_CORETYPE"] == "Sandybridge")
      #expect(applied?["RUNNER_BLAS_KERNEL_APPLIED"] == "Sandybridge")
      let done = ["OPENBLAS_CORETYPE": "Sandybridge", "RUNNER_BLAS_KERNEL_APPLIED": "Sandybridge"]
      #expect(child.environmentToApply(done) == nil)
    }
  }

  @Test func badPoliciesAreRefusedWithTheirSource() throws {
    // A policy misspelt in runner.yaml is no usage error (it was 64, unlocated): the process
    // starts with the default, and every command reading the project refuses the file at the
    // value, exit 65, as it refuses any other error there (tester BU-7).
    let (folder, spec) = try Self.project("# the project\nblas_kernel: haswel\n")
    #expect(try Self.setup(["run", spec], in: folder).policy == .reproducible)
    do {
      _ = try ProjectContext(specPath: spec, environment: [:], resultsRoot: nil)
      Issue.record("runner.yaml's blas_kernel 'haswel' was accepted")
    } catch {
      #expect(
        error.description.hasPrefix(
          "\(folder)/runner.yaml:2:14: error: unknown BLAS kernel policy 'haswel'; did you mean "
            + "'Haswell'?"), "\(error.description)")
      #expect(error.exitCode == .dataError)
    }
    do {
      _ = try Self.setup(["run", spec, "--blas-kernel", "SkylakeX"], in: folder)
      Issue.record("accepted SkylakeX on an AVX2-only CPU")
    } catch {
      #expect(error.description.hasPrefix("error: --blas-kernel SkylakeX: this CPU cannot run"))
    }
  }

  @Test func environmentRecordAndTheDiffNote() throws {
    let record = RunEnvironment.current(
      specDirectory: FileManager.default.currentDirectoryPath, threads: 2)
    let keys = record.fields.map(\.key)
    for key in [
      "runner_version", "git_commit", "git_dirty", "swift_version", "os", "cpu_model",
      "blas_library",
      "blas_version", "blas_kernel", "blas_kernel_policy", "blas_threads", "numeric_environment",
      "started_at",
    ] {
      #expect(keys.contains(key), "\(key)")
    }
    #expect(record["blas_threads"] == "2")
    #expect(record["numeric_environment"]?.contains("kernel, 2 threads, math library ") == true)
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-env-\(UUID().uuidString)")
    let (a, b) = (root.appendingPathComponent("a"), root.appendingPathComponent("b"))
    for folder in [a, b] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    try record.table.write(to: a.appendingPathComponent("environment.csv"))
    try record.table.write(to: b.appendingPathComponent("environment.csv"))
    #expect(RunEnvironment.differenceNote(a, b) == nil)
    var other = record
    other.fields = other.fields.map {
      $0.key == "numeric_environment"
        ? ($0.key, "x86_64 OpenBLAS 0.3.21 Prescott kernel, 2 threads") : $0
    }
    try other.table.write(to: b.appendingPathComponent("environment.csv"))
    #expect(
      RunEnvironment.differenceNote(a, b)?.hasPrefix(
        "note: A and B were made in different numeric environments") == true)
    // A sweep whose trials mix environments (shards merged from two machines) is said to,
    // against a folder of one environment too (no note was given: the folder had none).
    let (sweep, single) = (root.appendingPathComponent("sweep"), root.appendingPathComponent("c"))
    for (trial, table) in [("t1", record.table), ("t2", other.table)] {
      let folder = sweep.appendingPathComponent(trial)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try table.write(to: folder.appendingPathComponent("environment.csv"))
    }
    try FileManager.default.createDirectory(at: single, withIntermediateDirectories: true)
    try record.table.write(to: single.appendingPathComponent("environment.csv"))
    #expect(
      RunEnvironment.differenceNote(single, sweep)?.hasPrefix(
        "note: the runs of A and B were made in 2 numeric environments ('") == true)
    #expect(RunEnvironment.mixedNote(single) == nil)
    #expect(
      RunEnvironment.mixedNote(sweep)?.hasPrefix(
        "warning: the trials were made in 2 numeric environments") == true)
  }
}
