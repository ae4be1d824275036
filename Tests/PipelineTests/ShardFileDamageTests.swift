import Foundation
import Testing

@testable import Pipeline

/// Tester AT's F2: `runner merge` of two shards of one spec, one of whose plan.csv is damaged
/// (CRLF line ends, its final line end cut, another shard's row deleted, a row added or edited),
/// names the damage and the intact copy; it said "hold different sweeps … merge only shards of
/// one spec". Plans of two sweeps are still refused as such.
@Suite struct ShardFileDamageTests {
  static let plan = "trial,lr\naaaaaaaaaaaa,0.1\nbbbbbbbbbbbb,0.2\ncccccccccccc,0.3\n"
  static let crlf = plan.replacingOccurrences(of: "\n", with: "\r\n")
  /// `crlf` without its last `\n` (a `Character` is the whole `\r\n`, so scalars are cut).
  static let crlfCutAtCR = String(String.UnicodeScalarView(crlf.unicodeScalars.dropLast()))

  @Test func eachDamageIsNamedInTheDamagedCopy() throws {
    let held = { (id: String) in id == "bbbbbbbbbbbb" }
    // (damaged copy, whether the first copy given is the damaged one, the fault, intact copy)
    let cases: [(String, Bool?, String, String)] = [
      (Self.crlf, false, "has CRLF line ends", Self.plan),
      (String(Self.plan.dropLast()), false, "lacks its final line end", Self.plan),
      // Review B8: both copies CRLF, one cut at its final line end (was "different sweeps").
      (
        String(Self.crlf.dropLast()), false, "lacks its final line end",
        Self.crlf
      ),
      // Review s43 B7(b): a CRLF copy cut between its last `\r` and `\n` (was "one row
      // edited"), beside a CRLF copy and beside an LF one.
      (Self.crlfCutAtCR, false, "lacks its final line end", Self.crlf),
      (Self.crlfCutAtCR, false, "lacks its final line end", Self.plan),
      // Review B8: a row repeated (sets of rows were equal: "different sweeps").
      (Self.plan + "bbbbbbbbbbbb,0.2\n", false, "repeats the row `bbbbbbbbbbbb,0.2`", Self.plan),
      // A row whose trial is complete is the plan's: the copy without it is damaged.
      (
        Self.plan.replacingOccurrences(of: "bbbbbbbbbbbb,0.2\n", with: ""), false,
        "lacks the row `bbbbbbbbbbbb,0.2`", Self.plan
      ),
      // A row no folder holds: deleted from one, or added to the other.
      (
        Self.plan.replacingOccurrences(of: "cccccccccccc,0.3\n", with: ""), nil,
        "the row `cccccccccccc,0.3` is in one copy only", Self.plan
      ),
      (
        Self.plan + "dddddddddddd,0.4\n", nil, "the row `dddddddddddd,0.4` is in one copy only",
        Self.plan
      ),
      (
        Self.plan.replacingOccurrences(of: "0.2", with: "0.5"), nil,
        "one gives `bbbbbbbbbbbb,0.2`, the other `bbbbbbbbbbbb,0.5`", Self.plan
      ),
    ]
    for (damaged, inFirst, fault, intact) in cases {
      let found = try #require(ShardFileDamage.damage(intact, damaged, holds: held), "\(fault)")
      #expect(found.inFirst == inFirst, "\(fault)")
      #expect(found.fault.hasPrefix(fault), "\(found.fault)")
      let swapped = try #require(ShardFileDamage.damage(damaged, intact, holds: held))
      #expect(swapped.inFirst == inFirst.map { !$0 }, "\(fault)")
    }
  }

  @Test func anotherSweepsPlanIsNoDamage() {
    #expect(ShardFileDamage.damage(Self.plan, "trial,units\neeeeeeeeeeee,4\n") == nil)
    #expect(
      ShardFileDamage.damage(Self.plan, "trial,lr\neeeeeeeeeeee,0.1\nffffffffffff,0.2\n") == nil)
  }

  /// Two shards of the 6-trial grid; shard 1's plan.csv loses the row of a trial shard 0 ran.
  @Test func aMergeNamesTheDamagedShardPlan() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("linear-grid.yaml")
    let shards = try SweepFixture.shards(spec, in: root)
    let ran = try #require(shards[0].finished.first?.trial)
    let plan = URL(fileURLWithPath: shards[1].directory).appendingPathComponent("plan.csv")
    let lines = try String(contentsOf: plan, encoding: .utf8).split(separator: "\n")
    try (lines.filter { !$0.hasPrefix(ran) }.joined(separator: "\n") + "\n")
      .write(to: plan, atomically: true, encoding: .utf8)
    do {
      _ = try SweepMerger.merge(
        shards.map(\.directory), into: root.appendingPathComponent("all/x").path)
      Issue.record("merged")
    } catch {
      guard case .damagedShardFile(let damaged, let intact, let fault, true) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(damaged.hasSuffix("/s1/sweep-linear-grid/plan.csv"), "\(damaged)")
      #expect(intact.hasSuffix("/s0/sweep-linear-grid/plan.csv"), "\(intact)")
      #expect(fault.contains(ran), "\(fault)")
      #expect(error.description.contains("cp "), "\(error.description)")
    }
  }
}
