import Foundation
import Pipeline
import Testing

/// Tester BB F7: a merge of shards one of whose trials failed said "3 of 3 complete" and
/// exited 0, `--json` `complete` with no word of the failure, while `runner sweep` on the
/// merged folder exits 1. The merge names the failed trial, lists it in `--json`'s `failed`
/// (status `failed`) and exits 1, as the sweep does; CI templates keep a shard's results when a
/// trial failed (`|| test $? -eq 1`), so the merge is where a job learns it.
@Suite struct MergeFailedTrialBinaryTests {
  @Test func aFailedTrialIsNamedAndTheMergeExitsOneAsTheSweepDoes() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    var folders: [String] = []
    for shard in 0..<3 {
      let results = root.appendingPathComponent("s\(shard)")
      _ = try SweepBinary.run([
        "sweep", SweepBinary.fixture("diverging.yaml"), "--results-dir", results.path,
        "--shard", "\(shard)/3",
      ])
      folders.append(results.appendingPathComponent("sweep-diverging").path)
    }
    let into = root.appendingPathComponent("m/sweep-diverging").path
    let text = try SweepBinary.run(["merge"] + folders + ["--into", into])
    #expect(text.status == 1, "\(text.output)\(text.error)")
    #expect(text.output.contains("3 of 3 complete"), "\(text.output)")
    #expect(text.output.contains("failed 1 trial: "), "\(text.output)")
    // The command that runs it again, in the merged folder (tester m9: it named the option only).
    #expect(
      text.output.contains(
        "run them again in the merged folder: `\(SweepBinary.command()) sweep "
          + "\(ShardRecord.shownSpec(SweepBinary.fixture("diverging.yaml"))) --results-dir \(root.path)/m --retry-failed`)"
      ),
      "\(text.output)")
    let json = try SweepBinary.run(["merge"] + folders + ["--into", into, "--json"])
    #expect(json.status == 1, "\(json.error)")
    let object = try MergeJSONBinaryTests.object(json.output)
    #expect(object["status"] as? String == "failed" && object["exit_code"] as? Int == 1)
    let failed = try #require(object["failed"] as? [[String: Any]], "\(json.output)")
    #expect(failed.count == 1 && !((failed.first?["reason"] as? String) ?? "").isEmpty)
    // The same folder's sweep, with nothing left to run, exits 1 too.
    let sweep = try SweepBinary.run([
      "sweep", SweepBinary.fixture("diverging.yaml"), "--results-dir",
      root.appendingPathComponent("m").path,
    ])
    #expect(sweep.status == 1, "\(sweep.error)")
  }
}
