import Conventions
import Foundation
import Pipeline
import Reports
import Testing

/// Under a learning-rate schedule, `metrics.csv` records the rate each row's next steps use.
@Suite struct ScheduledRateColumnTests {
  /// Mini-batch sgd on moons for 6 epochs, the rate halved every 2 epochs.
  static let moons = """
    name: moons-step
    dataset: {generator: {type: moons, samples: 100, noise: 0.2}, split: {train: 0.8, test: 0.2}}
    model: {type: logreg}
    optimizer:
      type: sgd
      batch_size: 16
      epochs: 6
      learning_rate: 0.4
      schedule: {type: step, step_size: 2, gamma: 0.5}
    record_every: 1
    """

  /// The header and rows of `metrics.csv` of `spec` with `overrides`.
  func metrics(_ overrides: [String] = [], spec: String = moons) throws -> CSVTable {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = try TestProject.writeSpec(spec, in: directory)
    let outcome = try TestProject.run(
      path, resultsRoot: directory.appendingPathComponent("results"), overrides: overrides)
    return try TestProject.table(outcome.directory, "metrics.csv")
  }

  @Test func aStepScheduleRecordsEachEpochsRate() throws {
    let table = try metrics()
    #expect(table.header.last == "learning_rate", "\(table.header)")
    #expect(
      table.column("learning_rate") == ["0.4", "0.4", "0.2", "0.2", "0.1", "0.1", "0.05"])
    #expect(table.column("epoch") == ["0", "1", "2", "3", "4", "5", "6"])
  }

  @Test func aFloat32RunPrintsTheRateAsFloat32() throws {
    let table = try metrics(["dtype=float32", "optimizer.schedule.gamma=0.3"])
    #expect(table.column("learning_rate")?[2] == "0.12", "\(table.column("learning_rate") ?? [])")
  }

  @Test func aConstantRateAddsNoColumn() throws {
    let constant = Self.moons.replacingOccurrences(
      of: "{type: step, step_size: 2, gamma: 0.5}", with: "{type: constant}")
    let table = try metrics(spec: constant)
    #expect(!table.header.contains("learning_rate"), "\(table.header)")
  }
}
