import Datasets
import Foundation
import Testing

@testable import Pipeline

/// The runner version moves whenever the results it writes do: a sweep resumed, or shards
/// merged, across two builds is warned about only when their recorded versions differ (tester
/// BM-5: "0.4.0" stayed through commits that re-recorded the gate's baselines). The gate's
/// baselines stand for the results; the fixture records the version that made them and their
/// digest.
@Suite struct RunnerVersionBaselineTests {
  static let fixture = TestProject.root.appendingPathComponent(
    "Tests/PipelineTests/Fixtures/baseline_digest.txt")

  /// SHA-256 over the files the gate compares below `results/baseline` (its manifest, the
  /// result CSVs and resolved specs; not the timing and environment records), each as its
  /// relative path and its own digest.
  static func baselineDigest() throws -> String {
    let baselines = TestProject.root.appendingPathComponent("results/baseline")
    let lines = try RegressionGate.comparedFiles(in: baselines).map { path in
      let digest = try SHA256Digest.hex(ofFile: baselines.appendingPathComponent(path).path)
      return "\(digest)  \(path)\n"
    }
    return SHA256Digest.hex(Array(lines.joined().utf8))
  }

  @Test func theBaselinesAreThoseOfThisRunnerVersion() throws {
    let recorded = try String(contentsOf: Self.fixture, encoding: .utf8)
      .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    let digest = try Self.baselineDigest()
    let current = RunnerVersion.current
    let bump =
      "bump RunnerVersion.current (Sources/Pipeline/Environment/RunnerVersion.swift), then "
      + "RECORD_BASELINE_DIGEST=1 swift test --filter RunnerVersionBaseline"
    if ProcessInfo.processInfo.environment["RECORD_BASELINE_DIGEST"] == "1" {
      guard recorded.first != current || recorded.last == digest else {
        Issue.record("results/baseline changed but the version is still \(current): \(bump)")
        return
      }
      try "\(current) \(digest)\n".write(to: Self.fixture, atomically: true, encoding: .utf8)
      return
    }
    #expect(
      recorded == [current, digest],
      """
      results/baseline differs from the baselines runner \(recorded.first ?? "?") recorded \
      (\(Self.fixture.lastPathComponent)): results that differ need another version, or a \
      resumed sweep or merged shards mixing the two builds are not warned about; \(bump)
      """)
  }
}
