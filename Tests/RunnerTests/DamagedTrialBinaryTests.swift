import Foundation
import Testing

/// A trial marked ok whose own `summary.csv` is damaged (a truncated artifact, a bad copy) is
/// never ranked as an ok trial: the resume runs it again naming the file, a merge neither
/// copies nor counts it, and `runner report` refuses the sweep (tester B's B1).
@Suite(.serialized)
struct DamagedTrialBinaryTests {
  /// Ways a trial's `summary.csv` arrives damaged, given its whole text.
  static let damages: [(name: String, damage: @Sendable (String) -> Data?)] = [
    ("header cut, no row", { Data($0.utf8.prefix(40)) }),
    ("header only", { Data(($0.split(separator: "\n")[0] + "\n").utf8) }),
    ("row cut", { Data($0.utf8.dropLast(12)) }),
    (
      "figure not a number",
      { text in
        let lines = text.split(separator: "\n").map {
          $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let column = lines[0].firstIndex(of: "test_loss")!
        var row = lines[1]
        row[column] = "abc"
        return Data(
          (lines[0].joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n").utf8)
      }
    ),
    ("random bytes", { _ in Data((0..<300).map { UInt8(($0 * 73 + 11) % 256) }) }),
    ("deleted", { _ in nil }),
  ]

  @Test(arguments: damages.indices)
  func aDamagedTrialSummaryIsRunAgainNotRanked(_ index: Int) throws {
    let (name, damage) = Self.damages[index]
    let root = SweepBinary.temporaryDirectory("damaged\(index)")
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let spec = SweepBinary.fixture("linear-grid.yaml")
    let first = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(first.status == 0, "\(first.error)")
    let sweep = results.appendingPathComponent("sweep-linear-grid")
    let reference = SweepBinary.contents(of: sweep)
    let plan = try String(contentsOf: sweep.appendingPathComponent("plan.csv"), encoding: .utf8)
    let trial = String(plan.split(separator: "\n")[1].split(separator: ",")[0])
    let file = sweep.appendingPathComponent(trial).appendingPathComponent("summary.csv")
    let whole = try String(contentsOf: file, encoding: .utf8)
    if let bytes = damage(whole) {
      try bytes.write(to: file)
    } else {
      try FileManager.default.removeItem(at: file)
    }
    // runner report of the sweep: refused, naming the file, nothing rewritten.
    let report = try SweepBinary.run(["report", sweep.path])
    #expect(report.status == 65, "\(name): \(report.error)")
    #expect(report.error.contains(file.path), "\(name): \(report.error)")
    // A merge of it: the trial is missing (exit 1), said why, and not copied.
    let merged = root.appendingPathComponent("merged")
    let merge = try SweepBinary.run(["merge", sweep.path, "--into", merged.path])
    #expect(merge.status == 1, "\(name): \(merge.output) \(merge.error)")
    #expect(
      merge.error.contains("trial \(trial) is marked ok but \(file.path)"),
      "\(name): \(merge.error)")
    #expect(
      !FileManager.default.fileExists(atPath: merged.appendingPathComponent(trial).path), "\(name)")
    // The resume runs it again, saying why, and the folder is the whole sweep again.
    let resumed = try SweepBinary.run(["sweep", spec, "--results-dir", results.path])
    #expect(resumed.status == 0, "\(name): \(resumed.error)")
    #expect(
      resumed.error.contains("note: trial \(trial) is marked ok but \(file.path)")
        && resumed.error.contains("running it again"), "\(name): \(resumed.error)")
    #expect(resumed.output.contains("ran 1 trial"), "\(name): \(resumed.output)")
    #expect(SweepBinary.contents(of: sweep) == reference, "\(name)")
  }
}
