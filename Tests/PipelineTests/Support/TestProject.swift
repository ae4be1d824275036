import Conventions
import Foundation
import Pipeline
import Reports

/// Paths and helpers shared by the pipeline tests.
enum TestProject {
  /// The repository root (three levels above this file).
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `experiments/<name>`.
  static func experiment(_ name: String) -> String {
    root.appendingPathComponent("experiments").appendingPathComponent(name).path
  }

  /// A fresh empty folder for one test's results.
  static func temporaryDirectory(_ label: String = #function) -> URL {
    let safe = label.filter { $0.isLetter || $0.isNumber }
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("runner-tests-\(safe)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes `text` as a spec file in `directory` and returns its path.
  static func writeSpec(_ text: String, named name: String = "spec.yaml", in directory: URL) throws
    -> String
  {
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// The text of `experiments/<name>`.
  static func experimentText(_ name: String) throws -> String {
    try String(contentsOfFile: experiment(name), encoding: .utf8)
  }

  /// Runs a spec with results under `resultsRoot`.
  static func run(
    _ specPath: String, resultsRoot: URL, overrides: [String] = []
  ) throws(PipelineError) -> RunOutcome {
    var options = RunOptions(resultsRoot: resultsRoot.path)
    options.spec.overrides = overrides
    options.environment["RUNNER_DATA_PATH"] = nil
    return try ExperimentRunner.run(specPath: specPath, options: options)
  }

  /// A CSV file of a results folder.
  static func table(_ directory: String, _ file: String) throws -> CSVTable {
    try CSVTable(parsing: String(contentsOfFile: directory + "/" + file, encoding: .utf8))
  }

  /// Runs `spec` (its text) in a fresh folder whose `runner.yaml` puts the bundled data on the
  /// path; the outcome and bias_variance.csv's row.
  static func runWithBundledData(_ spec: String, _ overrides: [String] = []) throws -> (
    RunOutcome, [String: String]
  ) {
    let directory = temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let data = root.appendingPathComponent("experiments/data").path
    try "data_path:\n  - \(data)\n".write(
      to: directory.appendingPathComponent("runner.yaml"), atomically: true, encoding: .utf8)
    let outcome = try run(
      try writeSpec(spec, in: directory),
      resultsRoot: directory.appendingPathComponent("results"), overrides: overrides)
    return (outcome, try row(outcome.directory, "bias_variance.csv"))
  }

  /// The first row of a CSV file of a results folder, by column.
  static func row(_ directory: String, _ file: String) throws -> [String: String] {
    let table = try table(directory, file)
    return Dictionary(uniqueKeysWithValues: zip(table.header, table.rows[0]))
  }

  /// The numbers of one column of a CSV table.
  static func numbers(_ table: CSVTable, _ column: String) -> [Double] {
    (table.column(column) ?? []).compactMap(Double.init)
  }

  /// True when nothing (no file, no folder) exists at `url`'s path or below it.
  static func isEmptyOrAbsent(_ url: URL) -> Bool {
    let items = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return items.isEmpty
  }

  /// Runs the data checks `runner validate` makes (and `run` before training) on the spec at
  /// `path`, with results under `folder`.
  static func checkData(_ path: String, in folder: URL) throws {
    let context = try ProjectContext(specPath: path, environment: [:], resultsRoot: folder.path)
    var checked = CheckedData()
    let loaded = try ExperimentRunner.load(specPath: path)
    _ = try ExperimentRunner.checkData(loaded, context: context, checked: &checked)
  }
}
