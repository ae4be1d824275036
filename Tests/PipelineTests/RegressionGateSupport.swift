import Conventions
import Foundation
import Pipeline
import Reports

/// The project's regression gate, as the tests use it.
enum GateSupport {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let gate = RegressionGate(root: root)

  /// The manifest's entries (empty when it cannot be read; a test checks it can).
  static let entries: [GateEntry] = (try? gate.entries()) ?? []

  /// Runs `entry` into a fresh temporary folder, without any scheduler's shard variables.
  static func runFresh(_ entry: GateEntry) throws -> URL {
    let results = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-gate-\(entry.name)-\(UUID().uuidString)")
    var environment = ProcessInfo.processInfo.environment
    for name in ["RUNNER_SHARD", "SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"] {
      environment[name] = nil
    }
    return try gate.runFresh(entry, resultsRoot: results, environment: environment)
  }

  /// Removes what `runFresh` or `edited` made in the temporary folder for `folder`.
  static func remove(_ folder: URL) {
    let temporary = FileManager.default.temporaryDirectory.standardizedFileURL.path
    var url = folder.standardizedFileURL
    while url.deletingLastPathComponent().path != temporary, url.path != "/" {
      url = url.deletingLastPathComponent()
    }
    if url.lastPathComponent.hasPrefix("runner-gate-") {
      try? FileManager.default.removeItem(at: url)
    }
  }

  /// A copy of a baseline folder with the first numeric figure of `file` moved by `relative`.
  static func edited(_ entry: GateEntry, file: String, relative: Double) throws -> (URL, String) {
    let copy = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-gate-edit-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: gate.baseline(entry), to: copy)
    let url = copy.appendingPathComponent(file)
    let table = try CSVTable(contentsOf: url)
    let keys: Set<String> = ["trial", "iteration", "epoch", "step", "seed"]
    var rows = table.rows
    // A nonzero value first: an edit relative to 0 (1e-3) is not the size asked for.
    let isZero = { (c: Int) in Double(rows[0][c]) == 0 }
    let columns = table.header.indices.filter { !isZero($0) } + table.header.indices.filter(isZero)
    for c in columns where !keys.contains(table.header[c]) {
      let name = table.header[c]
      if let value = Double(rows[0][c]), value.isFinite {
        rows[0][c] = CSVCell.format(value == 0 ? 1e-3 : value * (1 + relative))
        try CSVTable(header: table.header, rows: rows).write(to: url)
        return (copy, name)
      }
    }
    throw CSVError.noColumns
  }
}
