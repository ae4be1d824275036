import Foundation
import Pipeline
import Reports
import Testing

/// The regression gate: every experiment of `results/baseline/gate.csv` re-run now matches its
/// committed results within the documented tolerances (docs/sweeps.md, "Regression gate").
/// After an intended change, re-record with `scripts/regression_gate.sh --record`.
@Suite struct RegressionGateTests {
  @Test(arguments: RegressionGateEntry.all)
  func experimentMatchesItsCommittedResults(_ entry: RegressionGateEntry) throws {
    let fresh = try entry.runFresh()
    let diff = try ResultsDiff(entry.baseline, fresh, options: entry.options)
    #expect(
      !diff.differs, "\(entry.name) differs from results/baseline/\(entry.name):\n\(diff.rendered)")
    #expect(diff.files.count >= 2)
  }

  @Test func manifestCoversEveryBaselineFolder() throws {
    let entries = try RegressionGateEntry.load()
    #expect(entries.count >= 5)
    let folders = try FileManager.default.contentsOfDirectory(
      atPath: RegressionGateEntry.baselineRoot.path
    )
    .filter { !$0.hasPrefix(".") && !$0.contains(".") }
    #expect(Set(folders) == Set(entries.map(\.name)))
    for entry in entries {
      #expect(["run", "sweep"].contains(entry.command), "\(entry.name): command")
      #expect(entry.atol >= 0 && entry.rtol >= 0 && entry.rtol <= 1e-6, "\(entry.name): tolerances")
      #expect(
        FileManager.default.fileExists(
          atPath: entry.baseline.appendingPathComponent("summary.csv").path))
    }
  }

  /// A copy of a baseline folder with the first numeric figure of `file` moved by `relative`.
  static func edited(_ entry: RegressionGateEntry, file: String, relative: Double) throws -> (
    URL, String
  ) {
    let copy = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-gate-edit-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: entry.baseline, to: copy)
    let url = copy.appendingPathComponent(file)
    let table = try CSVTable(contentsOf: url)
    let keys: Set<String> = ["trial", "iteration", "epoch", "step", "seed"]
    var rows = table.rows
    for (c, name) in table.header.enumerated() where !keys.contains(name) {
      if let value = Double(rows[0][c]), value.isFinite {
        rows[0][c] = CSVCell.format(value == 0 ? 1e-3 : value * (1 + relative))
        try CSVTable(header: table.header, rows: rows).write(to: url)
        return (copy, name)
      }
    }
    throw CSVError.noColumns
  }

  @Test func editingACommittedNumberFailsTheGate() throws {
    let entry = try #require(RegressionGateEntry.all.first { $0.command == "run" })
    let fresh = try entry.runFresh()
    #expect(try !ResultsDiff(entry.baseline, fresh, options: entry.options).differs)
    let (edited, column) = try Self.edited(entry, file: "summary.csv", relative: 1e-5)
    let diff = try ResultsDiff(edited, fresh, options: entry.options)
    #expect(diff.differs)
    #expect(diff.files.first { $0.name == "summary.csv" }?.changes.map(\.column) == [column])
  }

  @Test func editingANumberInsideASweepTrialFailsTheGate() throws {
    let entry = try #require(RegressionGateEntry.all.first { $0.command == "sweep" })
    let trial = try #require(
      try FileManager.default.contentsOfDirectory(atPath: entry.baseline.path).sorted().first {
        !$0.contains(".")
      })
    let (edited, _) = try Self.edited(entry, file: "\(trial)/metrics.csv", relative: 1e-6)
    let diff = try ResultsDiff(entry.baseline, edited, options: entry.options)
    #expect(diff.differs)
    #expect(diff.files.filter(\.differs).map(\.name) == ["\(trial)/metrics.csv"])
  }
}
