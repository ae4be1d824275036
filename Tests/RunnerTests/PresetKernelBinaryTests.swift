import Engine
import Foundation
import Pipeline
import Testing

/// A preset `OPENBLAS_CORETYPE` this CPU cannot run (Bulldozer's FMA4 kernels on anything but
/// AMD's 2011-2015 CPUs) killed runs with SIGILL and a crash dump mid-training; one OpenBLAS does
/// not know was called an override. Both are refused by every command before anything is
/// read or written. OpenBLAS's thread variables change no run, and a note says so.
@Suite(.serialized) struct PresetKernelBinaryTests {
  static let dynamicX86 = ConditionTrait.enabled(
    if: CPUInfo.current.architecture == "x86_64" && BLAS.choosesKernelAtLoad
      && BLASKernelBinaryTests.presetKernel == nil,
    "OpenBLAS with DYNAMIC_ARCH on x86-64, and no OPENBLAS_CORETYPE preset on this machine")
  static let noFMA4 = ConditionTrait.enabled(
    if: !CPUInfo.current.features.contains(.fma4), "this CPU runs Bulldozer's kernels")

  @Test(dynamicX86, noFMA4) func aKernelTheCPUCannotRunIsRefusedByEveryCommand() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = try FolderSafetyBinaryTests.singleSpec(in: root)
    let results = root.appendingPathComponent("results")
    let preset = ["OPENBLAS_CORETYPE": "Bulldozer", "RUNNER_BLAS_KERNEL_APPLIED": ""]
    let refusal = try #require(
      try SweepBinary.run(["validate", spec], environment: preset).error.split(separator: "\n")
        .first)
    #expect(
      refusal.hasPrefix(
        "error: OPENBLAS_CORETYPE=Bulldozer (set in the environment) names OpenBLAS's Bulldozer "
          + "kernel, which this CPU cannot run (it lacks fma4): the run would die with an illegal "
          + "instruction; unset OPENBLAS_CORETYPE to use the reproducible policy's kernel"))
    for arguments in [
      ["run", spec, "--results-dir", results.path], ["validate", spec], ["env"],
      ["sweep", SweepBinary.fixture("kill-grid.yaml"), "--results-dir", results.path],
    ] {
      let result = try SweepBinary.run(arguments, environment: preset)
      #expect(!result.killed, "\(arguments[0]): \(result.error)")
      #expect(result.status == 64, "\(arguments[0])")
      #expect(result.error == refusal + "\n", "\(arguments[0])")
      #expect(result.output.isEmpty, "\(arguments[0])")
    }
    #expect(!FileManager.default.fileExists(atPath: results.path))
  }

  @Test(dynamicX86) func aNameOpenBLASDoesNotKnowIsRefusedNamingWhatItLoaded() throws {
    let result = try SweepBinary.run(
      ["env"], environment: ["OPENBLAS_CORETYPE": "Skylake", "RUNNER_BLAS_KERNEL_APPLIED": ""])
    #expect(result.status == 64)
    #expect(
      result.error.hasPrefix(
        "error: OPENBLAS_CORETYPE=Skylake (set in the environment) is not an OpenBLAS kernel "
          + "name: OpenBLAS ignores it and loads its own choice ("))
    #expect(result.error.contains("a kernel this CPU runs: Prescott, Nehalem"))
  }

  @Test func threadVariablesAreNotedAndChangeNothing() throws {
    let root = SweepBinary.temporaryDirectory()
    let spec = try FolderSafetyBinaryTests.singleSpec(in: root)
    let variables = ["OPENBLAS_NUM_THREADS": "2", "OMP_NUM_THREADS": "2"]
    let note =
      "note: OPENBLAS_NUM_THREADS=2 and OMP_NUM_THREADS=2 are ignored: BLAS threads come from "
      + "the spec's threads (1), for the same results on every machine"
    let (plain, noted) = (
      root.appendingPathComponent("plain"), root.appendingPathComponent("noted")
    )
    let first = try SweepBinary.run(["run", spec, "--results-dir", plain.path])
    #expect(first.status == 0 && !first.error.contains("NUM_THREADS"))
    let run = try SweepBinary.run(
      ["run", spec, "--results-dir", noted.path], environment: variables)
    #expect(run.status == 0)
    #expect(run.error.contains(note), "\(run.error)")
    #expect(
      SweepBinary.contents(of: plain.appendingPathComponent("tiny"))
        == SweepBinary.contents(of: noted.appendingPathComponent("tiny")))
    let validate = try SweepBinary.run(["validate", spec], environment: variables)
    #expect(
      validate.status == 0 && validate.error.contains("\(spec): \(note)"), "\(validate.error)")
    let env = try SweepBinary.run(["env"], environment: ["OPENBLAS_NUM_THREADS": "1"])
    #expect(env.status == 0 && !env.error.contains("OPENBLAS_NUM_THREADS"))
    let envNoted = try SweepBinary.run(["env"], environment: ["GOTO_NUM_THREADS": "3"])
    #expect(envNoted.error.contains("note: GOTO_NUM_THREADS=3 is ignored"), "\(envNoted.error)")
  }

  /// A run killed mid-training leaves its lock file, one killed while writing its staging
  /// folder too; the next run of another output into the same results folder removes them
  /// (they were kept until the same output ran again).
  @Test func aRunOfAnotherOutputRemovesKilledRunsLeftovers() throws {
    let root = SweepBinary.temporaryDirectory()
    let results = root.appendingPathComponent("results")
    let long = root.appendingPathComponent("long.yaml")
    try SweepBinary.longRun("long").write(to: long, atomically: true, encoding: .utf8)
    let leftovers = {
      ((try? FileManager.default.contentsOfDirectory(atPath: results.path)) ?? []).filter {
        $0.hasPrefix(".staging-") || $0.hasSuffix(".lock")
      }.sorted()
    }
    let training = try SweepBinary.run(
      ["run", long.path, "--results-dir", results.path],
      killWhen: { leftovers() == [".long.lock"] }, thenAfter: 0.5)
    #expect(training.killed, "\(training.error)")
    #expect(leftovers() == [".long.lock"])
    let spec = try FolderSafetyBinaryTests.singleSpec(in: root)
    let writing = try SweepBinary.run(
      ["run", spec, "--results-dir", results.path, "--set", "output=early"],
      environment: ["RUNNER_SWEEP_CRASH_AT": "run-write:2"])
    #expect(writing.killed, "\(writing.error)")
    // The killed writer's start removed the first one's lock; its own are left.
    #expect(leftovers().count == 2, "\(leftovers())")
    #expect(leftovers().first { $0.hasPrefix(".staging-early-") } != nil, "\(leftovers())")
    #expect(leftovers().contains(".early.lock"), "\(leftovers())")
    #expect(try SweepBinary.run(["run", spec, "--results-dir", results.path]).status == 0)
    #expect(leftovers().isEmpty, "\(leftovers())")
    #expect(try FileManager.default.contentsOfDirectory(atPath: results.path) == ["tiny"])
  }
}
