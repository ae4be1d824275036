import Foundation
import Pipeline
import Testing

/// `runner merge … --into DIR` whose `DIR/plan.csv` was edited (it disagrees with the folder's
/// summary.csv) is refused with what merge supports, not with `runner sweep SPEC`, which never
/// writes the `--into` folder.
@Suite struct MergeIntoDamagedPlanTests {
  @Test func aDamagedPlanInTheIntoFolderNamesMergesRemedies() throws {
    let spec = SweepFixture.spec("linear-grid.yaml")
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try SweepFixture.shards(spec, in: root).map(\.directory)
    let into = root.appendingPathComponent("all/sweep-linear-grid")
    _ = try SweepMerger.merge(shards, into: into.path)
    // Trial 1's learning rate edited in the merged folder's plan.
    let plan = into.appendingPathComponent("plan.csv")
    var lines = try String(contentsOf: plan, encoding: .utf8).split(separator: "\n")
      .map(String.init)
    var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    cells[1] = "0.5"
    lines[1] = cells.joined(separator: ",")
    try (lines.joined(separator: "\n") + "\n").write(to: plan, atomically: true, encoding: .utf8)

    var message = ""
    do { _ = try SweepMerger.merge(shards, into: into.path) } catch { message = "\(error)" }
    #expect(message.contains("error: \(plan.path) gives trial \(cells[0])"), "\(message)")
    #expect(
      message.contains(
        "restore plan.csv, or merge every shard folder into a new folder (`runner merge SHARDS "
          + "--into NEW`), which takes the plan from them (nothing was merged)"), "\(message)")
    #expect(!message.contains("runner sweep"), "\(message)")

    // As it says: into a new folder, the merge is whole.
    let fresh = root.appendingPathComponent("new/sweep-linear-grid")
    let merged = try SweepMerger.merge(shards, into: fresh.path)
    #expect(merged.missing.isEmpty && merged.complete == 6)
  }

  /// Tester AV F14: CRLF line ends, a cut final line end or a deleted row in the `--into`
  /// folder's plan.csv were called "different sweeps ... merge only shards of one spec" (every
  /// damage for a successive-halving sweep, CRLF for a grid): named as damage now, with the
  /// shards' copy to restore it from.
  @Test(arguments: ["grid", "halving"], ["crlf", "cut", "deleted"])
  func damageInTheIntoFolderIsNamedAsDamage(method: String, damage: String) throws {
    let spec = method == "grid" ? SweepFixture.spec("linear-grid.yaml") : SweepHalvingTests.spec
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try SweepFixture.shards(spec, in: root).map(\.directory)
    let name = URL(fileURLWithPath: shards[0]).lastPathComponent
    let into = root.appendingPathComponent("all/\(name)")
    _ = try SweepMerger.merge(shards, into: into.path)
    let plan = into.appendingPathComponent("plan.csv")
    let text = try String(contentsOf: plan, encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let damaged =
      switch damage {
      case "crlf": text.replacingOccurrences(of: "\n", with: "\r\n")
      case "cut": String(text.dropLast())
      default: (lines.prefix(2) + lines.dropFirst(3)).joined(separator: "\n") + "\n"
      }
    try damaged.write(to: plan, atomically: true, encoding: .utf8)

    var message = ""
    do { _ = try SweepMerger.merge(shards, into: into.path) } catch { message = "\(error)" }
    #expect(message.hasPrefix("error: \(plan.path) "), "\(message)")
    #expect(!message.contains("different sweeps"), "\(message)")
    #expect(message.contains("restore plan.csv"), "\(message)")
    #expect(message.contains("merge every shard folder into a new folder"), "\(message)")
    #expect(try String(contentsOf: plan, encoding: .utf8) == damaged)
    // `runner report` names a deleted row too (it was silent for successive halving, whose
    // summary.csv has its rung and budget before the swept keys).
    if damage == "deleted" {
      let refusal = try #require(DamagedPlan.reportRefusal(into))
      #expect(refusal.description.contains("plan.csv lacks trial \(lines[2].prefix(12))"))
    }
  }
}
