import Conventions
import Foundation
import Pipeline
import Testing

/// `runner sweep --json` gives a trial ID as a string whatever its characters: an all-digit ID
/// keeps its leading zero and `1234567890e1` is not read as a number (tester G1).
@Suite struct SweepJSONTextColumnTests {
  @Test func trialIDsAndWordColumnsStayStrings() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let outcome = try SweepRunner.run(
      specPath: SweepFixture.spec("linear-grid.yaml"),
      options: SweepFixture.options(root: root.appendingPathComponent("ids")))
    let table = try SweepFixture.table(outcome.summary)
    let trial = try #require(table.columnIndex("trial"))
    var rows = table.rows
    (rows[0][trial], rows[1][trial]) = ("048101224034", "1234567890e1")
    try CSVTable(header: table.header, rows: rows).rendered.write(
      toFile: outcome.summary, atomically: true, encoding: .utf8)
    let json = CommandJSON.sweep(outcome, exitCode: .success).portable.rendered
    #expect(json.contains(#"{"trial":"048101224034","status":"ok""#), "\(json)")
    #expect(json.contains(#"{"trial":"1234567890e1","status":"ok""#), "\(json)")
    #expect(json.contains(#""dtype":"float64""#) && json.contains(#""stop_reason":"completed""#))
    #expect(!json.contains(#""optimizer.learning_rate":""#), "numbers stay numbers: \(json)")
  }
}
