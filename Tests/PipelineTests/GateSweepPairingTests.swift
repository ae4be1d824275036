import Conventions
import Foundation
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
        "trial IDs differ (the spec changed besides the swept keys): 12 trials of A paired with "
          + "B's by swept values (optimizer.learning_rate, model.layers[0].units)",
        "spec differs: 1 key of spec.resolved.yaml (the runs were made from different specs)",
        "  dataset.split.seed 21 -> 22 (in 12 of 12 resolved specs)",
      ], "\(verdict.differences)")
    // The figures are the same, so nothing else is listed.
    #expect(verdict.differences.count == 3, "\(verdict.differences)")
  }
}
