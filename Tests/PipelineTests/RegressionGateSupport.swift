import Foundation
import Pipeline
import Reports

/// The regression gate's manifest, `results/baseline/gate.csv`: one row per experiment with the
/// spec, how it runs (`run` or `sweep`) and the tolerances its results are compared with.
struct RegressionGateEntry: Sendable, CustomStringConvertible {
  var name: String
  var spec: String
  var command: String
  var atol: Double
  var rtol: Double

  var description: String { name }

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let baselineRoot = root.appendingPathComponent("results/baseline")

  /// The manifest's entries (empty when it cannot be read; a test checks it can).
  static let all: [RegressionGateEntry] = (try? load()) ?? []

  static func load() throws -> [RegressionGateEntry] {
    let table = try CSVTable(contentsOf: baselineRoot.appendingPathComponent("gate.csv"))
    return table.rows.map { row in
      let field = { (name: String) in row[table.columnIndex(name)!] }
      return RegressionGateEntry(
        name: field("name"), spec: field("spec"), command: field("command"),
        atol: Double(field("atol")) ?? -1, rtol: Double(field("rtol")) ?? -1)
    }
  }

  /// The committed results.
  var baseline: URL { Self.baselineRoot.appendingPathComponent(name) }

  /// How results are compared: the entry's tolerances, `seed` columns exactly, timings ignored.
  var options: DiffOptions {
    DiffOptions(absoluteTolerance: atol, relativeTolerance: rtol, columnTolerances: ["seed": 0])
  }

  /// Runs the experiment into a fresh folder and returns its results folder.
  func runFresh() throws -> URL {
    let results = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-gate-\(name)-\(UUID().uuidString)")
    let spec = Self.root.appendingPathComponent(spec).path
    // The whole sweep, even when the tests run inside a scheduler's job (no shard variables).
    var environment = ProcessInfo.processInfo.environment
    for name in ["RUNNER_SHARD", "SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"] {
      environment[name] = nil
    }
    let run = RunOptions(environment: environment, resultsRoot: results.path)
    switch command {
    case "sweep":
      return URL(
        fileURLWithPath: try SweepRunner.run(
          specPath: spec, options: SweepOptions(run: run, jobs: 1)
        ).directory)
    default:
      return URL(fileURLWithPath: try ExperimentRunner.run(specPath: spec, options: run).directory)
    }
  }
}
