import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// A sweep entry whose spec changed besides its swept keys gets new trial IDs: byte for byte,
/// every trial file was only in one side, and `plan.csv: bytes differ` named no cell, so the
/// gate never said what changed (tester BL-1). It now pairs the trials by their swept values,
/// as `runner diff` does, and names the changed keys first.
@Suite struct GateSweepPairingTests {
  @Test func aSweepWithNewTrialIDsIsPairedAndItsChangedKeysNamed() throws {
    let entry = try #require(GateSupport.entries.first { $0.name == "moons-mlp-grid-sweep" })
    let baseline = GateSupport.gate.baseline(entry)
    let fresh = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-gate-pairing-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: fresh) }
    try FileManager.default.copyItem(at: baseline, to: fresh)
    // Every trial under another ID, its resolved spec made from another split seed.
    let ids = try #require(
      try CSVTable(contentsOf: fresh.appendingPathComponent("plan.csv"))
        .column("trial"))
    let renamed = Dictionary(uniqueKeysWithValues: ids.map { ($0, String($0.reversed())) })
    for (old, new) in renamed {
      let folder = fresh.appendingPathComponent(new)
      try FileManager.default.moveItem(at: fresh.appendingPathComponent(old), to: folder)
      let spec = folder.appendingPathComponent("spec.resolved.yaml")
      let text = try String(contentsOf: spec, encoding: .utf8)
      #expect(text.contains("    stratify: true\n    seed: 21\n"), "\(text)")
      try text.replacingOccurrences(
        of: "    stratify: true\n    seed: 21\n", with: "    stratify: true\n    seed: 22\n"
      )
      .write(to: spec, atomically: true, encoding: .utf8)
    }
    let files = ["plan.csv", "summary.csv"] + renamed.values.map { $0 + "/status.csv" }
    for file in files {
      let url = fresh.appendingPathComponent(file)
      var text = try String(contentsOf: url, encoding: .utf8)
      for (old, new) in renamed { text = text.replacingOccurrences(of: old, with: new) }
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    let verdict = try GateSupport.gate.check(entry, fresh: fresh)
    #expect(!verdict.passed)
    #expect(
      Array(verdict.differences.prefix(3)) == [
        "trial IDs differ (the spec changed besides the swept keys): 12 trials of the baseline "
          + "paired with the fresh results' by swept values (optimizer.learning_rate, "
          + "model.layers[0].units)",
        "spec differs: 1 key of spec.resolved.yaml (the runs were made from different specs)",
        "  dataset.split.seed 21 -> 22 (in 12 of 12 resolved specs)",
      ], "\(verdict.differences)")
    // The figures are the same, so nothing else is listed (but the baseline's runner version,
    // when another's: `versionLine`).
    #expect(
      verdict.differences.filter { !$0.hasPrefix("the baseline was recorded by") }.count == 3,
      "\(verdict.differences)")
  }

  /// A copy of the grid sweep's baseline whose `sweep.csv` records the spec's `seed`, its
  /// trials renamed (reversed IDs) when `renamed`.
  static func copy(seed: String, renamed: Bool) throws -> URL {
    let entry = try #require(GateSupport.entries.first { $0.name == "moons-mlp-grid-sweep" })
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-gate-seed-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: GateSupport.gate.baseline(entry), to: folder)
    let settingsFile = folder.appendingPathComponent("sweep.csv")
    var settings = try #require(SweepSettings(table: try CSVTable(contentsOf: settingsFile)))
    settings.seed = seed
    try settings.table.rendered.write(to: settingsFile, atomically: true, encoding: .utf8)
    guard renamed else { return folder }
    let ids = try #require(
      try CSVTable(contentsOf: folder.appendingPathComponent("plan.csv")).column("trial"))
    for id in ids {
      try FileManager.default.moveItem(
        at: folder.appendingPathComponent(id),
        to: folder.appendingPathComponent(String(id.reversed())))
    }
    for file in ["plan.csv", "summary.csv"] + ids.map({ String($0.reversed()) + "/status.csv" }) {
      let url = folder.appendingPathComponent(file)
      var text = try String(contentsOf: url, encoding: .utf8)
      for id in ids { text = text.replacingOccurrences(of: id, with: String(id.reversed())) }
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return folder
  }

  /// The spec's own seed changed: its trials record only their derived seeds, so the gate
  /// named no cause (tester BM-12); `sweep.csv` records it, and the gate names it.
  @Test func aChangedSweepSeedIsNamed() throws {
    let baseline = try Self.copy(seed: "12", renamed: false)
    let fresh = try Self.copy(seed: "13", renamed: true)
    defer { for folder in [baseline, fresh] { try? FileManager.default.removeItem(at: folder) } }
    let lines = try #require(RegressionGate.pairedTrials(baseline, fresh))
    #expect(
      Array(lines.prefix(3)) == [
        "trial IDs differ (the spec changed besides the swept keys): 12 trials of the baseline "
          + "paired with the fresh results' by swept values (optimizer.learning_rate, "
          + "model.layers[0].units)",
        "spec differs: 1 key of sweep.csv (the runs were made from different specs)",
        "  seed 12 -> 13 (sweep.csv)",
      ], "\(lines)")
  }

  /// Only the trial IDs differ (`runner diff` of the folders says the same): the gate says why
  /// it still fails, rather than a bare pairing line (tester BM-12).
  @Test func onlyNewTrialIDsAreSaidToBeTheOnlyDifference() throws {
    let baseline = try Self.copy(seed: "12", renamed: false)
    let fresh = try Self.copy(seed: "12", renamed: true)
    defer { for folder in [baseline, fresh] { try? FileManager.default.removeItem(at: folder) } }
    let lines = try #require(RegressionGate.pairedTrials(baseline, fresh))
    #expect(lines.count == 2, "\(lines)")
    #expect(lines.last?.hasPrefix("no paired file or spec key differs") == true, "\(lines)")
  }
}
