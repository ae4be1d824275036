import Conventions
import Foundation
import Testing

@testable import Reports

/// Two files compared with a data record or a resolved spec beside one side only (tester BM-4):
/// said, not passed over, and under `--only METRIC` the data record is not called the same.
@Suite("runner diff: records beside one side only")
struct DiffBesideOneSideTests {
  /// Two run folders `A/one` and `B/one` holding the same `summary.csv`.
  func folders() throws -> (URL, URL) {
    let root = try temporaryDirectory()
    let (a, b) = (root.appendingPathComponent("A/one"), root.appendingPathComponent("B/one"))
    for side in [a, b] {
      try AtomicFile.write(
        "dev_accuracy,dev_loss\n0.9,0.3\n", to: side.appendingPathComponent("summary.csv"))
    }
    return (a, b)
  }

  @Test("a data record or resolved spec beside one file only is named as not compared")
  func recordBesideOneSideIsSaid() throws {
    let (a, b) = try folders()
    defer {
      try? FileManager.default.removeItem(
        at: a.deletingLastPathComponent().deletingLastPathComponent())
    }
    try AtomicFile.write("key,sha256\nfile,bb\n", to: b.appendingPathComponent("data_files.csv"))
    try AtomicFile.write("name: one\n", to: a.appendingPathComponent("spec.resolved.yaml"))
    let (summaryA, summaryB) = (
      a.appendingPathComponent("summary.csv"), b.appendingPathComponent("summary.csv")
    )
    for (first, second) in [(summaryA, summaryB), (summaryA, b), (a, summaryB)] {
      let diff = try ResultsDiff(first, second, specReader: DiffSpecChangesTests.reader)
      #expect(
        diff.notCompared.map(\.line) == [
          "data_files.csv: only beside B: the data read was not compared",
          "spec.resolved.yaml: only beside A: the specs were not compared",
        ])
      #expect(
        diff.rendered.contains(
          "\ndata_files.csv: only beside B: the data read was not compared\n"),
        "\(diff.rendered)")
      #expect(!diff.differs)
    }
    // Between folders a file of one side only is a difference already: no note.
    #expect(try ResultsDiff(a, b, specReader: DiffSpecChangesTests.reader).notCompared.isEmpty)
  }

  @Test("--only naming none of the data record's columns does not call it the same")
  func onlyLeavesTheDataRecordOut() throws {
    let (a, b) = try folders()
    defer {
      try? FileManager.default.removeItem(
        at: a.deletingLastPathComponent().deletingLastPathComponent())
    }
    try AtomicFile.write("key,sha256\nfile,aa\n", to: a.appendingPathComponent("data_files.csv"))
    try AtomicFile.write("key,sha256\nfile,bb\n", to: b.appendingPathComponent("data_files.csv"))
    let (summaryA, summaryB) = (
      a.appendingPathComponent("summary.csv"), b.appendingPathComponent("summary.csv")
    )
    var options = DiffOptions()
    options.onlyColumns = ["dev_accuracy"]
    let diff = try ResultsDiff(summaryA, summaryB, options: options)
    #expect(diff.files.map(\.name) == ["summary.csv"])
    #expect(!diff.rendered.contains("data_files.csv: same"), "\(diff.rendered)")
    #expect(
      diff.notCompared.map(\.line) == [
        "data_files.csv: not compared: --only names none of its columns (add --only sha256 "
          + "to compare the data read)"
      ])
    // Named by --only, it is compared, and differs.
    options.onlyColumns = ["dev_accuracy", "sha256"]
    let both = try ResultsDiff(summaryA, summaryB, options: options)
    #expect(both.differs && both.dataChanges == ["data_files.csv"] && both.notCompared.isEmpty)
  }
}
