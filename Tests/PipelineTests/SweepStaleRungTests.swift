import Foundation
import Pipeline
import Testing

/// An adaptive sweep run again into its folder with fewer rungs or brackets (a smaller
/// `sweep.budget.max`): the earlier plan's `rung-<r>/` or `bracket-<s>/` folder is named in a
/// warning and left as it is, never removed.
@Suite struct SweepStaleRungTests {
  /// The successive-halving fixture (budgets 1…9, eta 3) as `method`, its `max` `max`, written
  /// as `spec.yaml` in `root`.
  static func spec(method: String, max: Int, in root: URL) throws -> String {
    let text = try String(
      contentsOfFile: SweepFixture.spec("halving-moons.yaml"), encoding: .utf8
    )
    .replacingOccurrences(of: "method: successive_halving", with: "method: \(method)")
    .replacingOccurrences(of: "budget: {min: 1, max: 9}", with: "budget: {min: 1, max: \(max)}")
    let url = root.appendingPathComponent("spec.yaml")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static func stale(_ notes: [String]) -> [String] {
    notes.filter { $0.contains("not part of this sweep's plan") }
  }

  @Test func aRungOfALargerBudgetIsNamedAndLeftAsItIs() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let options = SweepFixture.options(root: root.appendingPathComponent("results"))
    let events = EventLog()
    let first = try SweepRunner.run(
      specPath: try Self.spec(method: "successive_halving", max: 9, in: root), options: options,
      observer: events.append)
    #expect(Self.stale(events.notes).isEmpty)
    let rung2 = URL(fileURLWithPath: first.directory).appendingPathComponent("rung-2")
    let before = SweepFixture.contents(of: rung2.path)
    let again = EventLog()
    _ = try SweepRunner.run(
      specPath: try Self.spec(method: "successive_halving", max: 3, in: root), options: options,
      observer: again.append)
    #expect(
      Self.stale(again.notes) == [
        "warning: \(rung2.path) is not part of this sweep's plan (rung-0 to rung-1; was the "
          + "spec changed?) and is left out of summary.csv; it is left as it is (remove it if "
          + "you no longer need it)"
      ])
    #expect(!before.isEmpty)
    #expect(SweepFixture.contents(of: rung2.path) == before, "rung-2 was changed")
  }

  @Test func aBracketOfALargerBudgetIsNamedAndLeftAsItIs() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let options = SweepFixture.options(root: root.appendingPathComponent("results"))
    let events = EventLog()
    let first = try SweepRunner.run(
      specPath: try Self.spec(method: "hyperband", max: 9, in: root), options: options,
      observer: events.append)
    #expect(Self.stale(events.notes).isEmpty)
    let bracket2 = URL(fileURLWithPath: first.directory).appendingPathComponent("bracket-2")
    let before = SweepFixture.contents(of: bracket2.path)
    let again = EventLog()
    _ = try SweepRunner.run(
      specPath: try Self.spec(method: "hyperband", max: 3, in: root), options: options,
      observer: again.append)
    #expect(
      Self.stale(again.notes) == [
        "warning: \(bracket2.path) is not part of this sweep's plan (bracket-0 to bracket-1; "
          + "was the spec changed?) and is left out of summary.csv; it is left as it is (remove "
          + "it if you no longer need it)"
      ])
    #expect(!before.isEmpty)
    #expect(SweepFixture.contents(of: bracket2.path) == before, "bracket-2 was changed")
  }
}
