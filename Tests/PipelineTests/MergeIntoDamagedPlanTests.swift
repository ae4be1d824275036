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
    let shards = try (0..<2).map {
      try SweepRunner.run(
        specPath: spec,
        options: SweepFixture.options(root: root.appendingPathComponent("s\($0)"), shard: "\($0)/2")
      ).directory
    }
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
}
