import Foundation
import Testing

/// Whether the tests run on an x86-64 CPU, whose OpenBLAS kernels they name.
private let onX86: Bool = {
  #if arch(x86_64)
    true
  #else
    false
  #endif
}()

/// A BLAS kernel chosen against the project's policy (`--blas-kernel`, a preset
/// `OPENBLAS_CORETYPE`) is known at the start: `gate --record` and `--strict` runs and sweeps
/// refuse it (64) before anything runs, nothing written (tester BE-1, BE-2: the gate recorded
/// Prescott numbers that every AVX2 machine then compared only within tolerances; `run
/// --strict` replaced the results folder with Sandybridge numbers, then exited 1).
@Suite(
  .serialized,
  .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"),
  .enabled(if: onX86, "the kernels named are x86-64 ones"))
struct OffPolicyKernelBinaryTests {
  /// No kernel preset (one set by hand before the tests would rule): the policy's applies.
  static let policy = ["OPENBLAS_CORETYPE": "", "RUNNER_BLAS_KERNEL_APPLIED": ""]

  @Test(arguments: [
    (
      ["--blas-kernel", "Sandybridge"], policy,
      "Sandybridge BLAS kernel (--blas-kernel Sandybridge)"
    ),
    ([], ["OPENBLAS_CORETYPE": "Prescott"], "Prescott BLAS kernel (OPENBLAS_CORETYPE=Prescott"),
  ])
  func recordingUnderAnotherKernelIsRefusedAndTheBaselineKept(
    extra: [String], environment: [String: String], named: String
  ) throws {
    let (root, baseline) = try GateRecoveryBinaryTests.recorded()
    defer { try? FileManager.default.removeItem(at: root) }
    let before = SweepBinary.contents(of: baseline)
    let r = try GateRecoveryBinaryTests.gate(
      root, ["--record"] + extra, environment: environment)
    #expect(r.status == 64, "\(r.output)\(r.error)")
    #expect(r.error.contains("error: --record under the \(named)"), "\(r.error)")
    #expect(r.error.contains("nothing was recorded"), "\(r.error)")
    #expect(SweepBinary.contents(of: baseline) == before)
    // Under the project's own kernel it records.
    let plain = try GateRecoveryBinaryTests.gate(root, ["--record"], environment: Self.policy)
    #expect(plain.status == 0, "\(plain.error)")
  }

  @Test(arguments: ["run", "sweep"])
  func aStrictRunUnderAPresetKernelIsRefusedBeforeAnythingRuns(command: String) throws {
    let dir = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let spec =
      command == "run"
      ? SweepBinary.root.appendingPathComponent("experiments/and-perceptron-step.yaml").path
      : SweepBinary.fixture("linear-grid.yaml")
    let results = dir.appendingPathComponent("results")
    let r = try SweepBinary.run(
      [command, spec, "--strict", "--results-dir", results.path],
      environment: ["OPENBLAS_CORETYPE": "Sandybridge"])
    #expect(r.status == 64, "\(r.output)\(r.error)")
    #expect(
      r.error.contains(
        "error: OPENBLAS_CORETYPE=Sandybridge is set in the environment and overrides the "),
      "\(r.error)")
    #expect(r.error.contains("--strict refuses it before anything runs"), "\(r.error)")
    #expect(!FileManager.default.fileExists(atPath: results.path))
  }
}
