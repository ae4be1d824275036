import Conventions
import Foundation
import Testing

@testable import Reports

/// Tester BD F-c: `runner diff` given a link to a results folder (`results/latest`, a common
/// pattern) listed nothing below it, so a folder against a link to itself was "82 only in A",
/// exit 1. A folder given as a side is listed through its link (links inside it are still
/// never followed).
@Suite("runner diff: a side given as a link to a folder")
struct DiffThroughLinkTests {
  @Test("a link to a run folder is compared as that folder")
  func aLinkToTheSameFolderIsTheSame() throws {
    let root = try DiffNestedBaselineTests.project()
    defer { try? FileManager.default.removeItem(at: root) }
    let run = root.appendingPathComponent("results/cat")
    let latest = root.appendingPathComponent("latest")
    try FileManager.default.createSymbolicLink(at: latest, withDestinationURL: run)
    #expect(ResultsFile.visibleFiles(below: latest) == ["metrics.csv", "spec.resolved.yaml"])
    let diff = DiffCommandResult.run(a: run.path, b: latest.path, options: DiffOptions())
    #expect(diff.status == .success, "\(diff.output)")
    #expect(!diff.output.contains("only in"), "\(diff.output)")
    // A difference behind the link is still one.
    try AtomicFile.write("epoch,loss\n0,3\n", to: run.appendingPathComponent("metrics.csv"))
    let baseline = root.appendingPathComponent("results/baseline/cat")
    let changed = DiffCommandResult.run(a: baseline.path, b: latest.path, options: DiffOptions())
    #expect(changed.status == .failure, "\(changed.output)")
    #expect(changed.output.contains("metrics.csv: 1 difference"), "\(changed.output)")
  }
}
