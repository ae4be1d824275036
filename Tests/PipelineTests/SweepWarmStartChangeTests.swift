import Foundation
import Testing

@testable import Pipeline

/// A resumed warm-start sweep whose `model.init.from` weights changed since its trials ran says
/// so once for the saved run (its arrays counted), and says summary.csv mixes both weights only
/// when it does: some trials run now, or were run on the new weights before.
@Suite struct SweepWarmStartChangeTests {
  @Test func changedWeightsAreOneWarningSayingWhatSummaryHolds() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (source, _, results) = try InitFromFolderTests.warmStart(in: directory)
    let spec = try InitFromFolderTests.spec(
      from: results.path + "/warm", name: "warmsweep", in: directory)
    try
      (String(contentsOfFile: spec, encoding: .utf8)
      + "\nsweep: {parameters: {optimizer.learning_rate: [0.1, 0.5]}}\n").write(
        toFile: spec, atomically: true, encoding: .utf8)
    let into = directory.appendingPathComponent("sweeps")
    let first = try SweepDataDigestTests.sweep(spec, into: into)
    let ids = first.outcome.finished.map(\.trial).sorted()
    #expect(ids.count == 2)
    // New weights: the saved run run again, longer.
    try String(contentsOfFile: source, encoding: .utf8)
      .replacingOccurrences(of: "iterations: 5", with: "iterations: 9")
      .write(toFile: source, atomically: true, encoding: .utf8)
    _ = try TestProject.run(source, resultsRoot: results)
    func warnings(_ notes: [String]) -> [String] { notes.filter { $0.contains("model.init.from") } }

    // Every trial skipped: one warning for both arrays, and nothing mixed.
    let skipped = warnings(try SweepDataDigestTests.sweep(spec, into: into).notes)
    #expect(skipped.count == 1, "\(skipped)")
    let warning = try #require(skipped.first)
    #expect(
      warning.hasPrefix(
        "warning: model.init.from: all 2 saved arrays in \(results.path)/warm/params were modified "
          + "after 2 complete trials of this sweep were recorded (e.g. \(ids[0]): its "
          + "data_files.csv records SHA-256 "), "\(warning)")
    #expect(
      warning.contains(
        "they are skipped, and as no trial is left to run, every trial in summary.csv used the "
          + "earlier weights; to train every trial on the current weights, sweep into a new "
          + "folder"), "\(warning)")
    #expect(!warning.contains("mixes both"))

    // One trial run again now, on the new weights, beside one kept: both in summary.csv.
    try FileManager.default.removeItem(atPath: first.outcome.directory + "/" + ids[0])
    let rerun = try SweepDataDigestTests.sweep(spec, into: into)
    #expect(rerun.outcome.finished.map(\.trial) == [ids[0]])
    let mixed = warnings(rerun.notes)
    #expect(mixed.count == 1, "\(mixed)")
    #expect(
      mixed.first?.contains(
        "after 1 complete trial of this sweep was recorded (e.g. \(ids[1]): ") == true
        && mixed.first?.contains("the earlier weights and summary.csv mixes both") == true,
      "\(mixed)")
    // Nothing left to run, but the folder holds trials of both weights: still mixed.
    let again = warnings(try SweepDataDigestTests.sweep(spec, into: into).notes)
    #expect(again.count == 1 && again[0].contains("summary.csv mixes both"), "\(again)")
  }
}
