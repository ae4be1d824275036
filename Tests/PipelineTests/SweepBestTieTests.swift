import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// The best trial's line says when other trials tie with it: ties go to the smaller swept
/// values, which a reader took for a winner (three momentum trials at 53/60).
@Suite struct SweepBestTieTests {
  @Test func trialsTiedWithTheBestAreNamed() throws {
    let summary = try CSVTable(
      header: ["trial", "status", "optimizer.type", "dev_accuracy"],
      rows: [
        ["0a24", "ok", "momentum", "0.8833"], ["4d8a", "ok", "momentum", "0.8833"],
        ["a064", "ok", "sgd", "0.8833"], ["b60e", "ok", "adam", "0.85"],
        ["c111", "failed", "adam", "0.8833"],
      ])
    let best = try #require(
      SweepBest(
        summary: summary, settings: SweepSettings(objective: "dev_accuracy", goal: "max"),
        axes: ["optimizer.type"], folder: URL(fileURLWithPath: "/r/s")))
    #expect(best.tied == ["4d8a", "a064"])
    #expect(
      best.line.hasSuffix(
        "\nnote: 2 other trials tie with it (4d8a, a064); ties go to the smaller swept values, so "
          + "compare them on another figure too"))
    let alone = try CSVTable(header: summary.header, rows: Array(summary.rows[2...]))
    let single = try #require(
      SweepBest(
        summary: alone, settings: SweepSettings(objective: "dev_accuracy", goal: "max"),
        axes: [], folder: URL(fileURLWithPath: "/r/s")))
    #expect(single.tied.isEmpty && !single.line.contains("tie"))
  }
}
