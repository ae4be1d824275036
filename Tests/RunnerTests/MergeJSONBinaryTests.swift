import Foundation
import Testing

/// Tester AZ F2: `runner merge` had no --json, and exits 0 both for a finished sweep and for a
/// round of an adaptive one with rounds left. `--json` prints one object whose `status`
/// (`complete`, `more_rounds`, `missing`) and `rounds_left` tell them apart; errors give
/// `status: error` with the exit code, as other commands' --json does.
@Suite struct MergeJSONBinaryTests {
  @Test func mergeJSONTellsCompleteFromMoreRoundsFromMissing() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let grid = try SweepBinary.shards("linear-grid", in: root.appendingPathComponent("grid"))
    let complete = try SweepBinary.run(
      ["merge"] + grid.map(\.path) + ["--into", root.appendingPathComponent("m1").path, "--json"])
    #expect(complete.status == 0, "\(complete.error)")
    let done = try Self.object(complete.output)
    #expect(done["command"] as? String == "merge")
    #expect(done["status"] as? String == "complete")
    #expect(done["rounds_left"] as? Int == 0 && done["exit_code"] as? Int == 0)

    let part = try SweepBinary.run(
      ["merge", grid[0].path, "--into", root.appendingPathComponent("m2").path, "--json"])
    #expect(part.status == 1, "\(part.error)")
    let missing = try Self.object(part.output)
    #expect(missing["status"] as? String == "missing" && missing["exit_code"] as? Int == 1)
    #expect(!((missing["missing"] as? [String]) ?? []).isEmpty)

    let halving = try SweepBinary.shards("halving-moons", in: root.appendingPathComponent("h"))
    let round = try SweepBinary.run(
      ["merge"] + halving.map(\.path) + [
        "--into", root.appendingPathComponent("m3/sweep-halving-moons").path, "--json",
      ])
    #expect(round.status == 0, "\(round.error)")
    let more = try Self.object(round.output)
    #expect(more["status"] as? String == "more_rounds" && more["rounds_left"] as? Int == 2)
    let next = try #require(more["next_round"] as? [String: Any])
    #expect((next["copy"] as? String)?.hasSuffix(" SHARD_RESULTS/sweep-halving-moons/") == true)
    // Each named shard's copy over its own folder, beside its command (tester BB F2).
    let copies = try #require(next["shard_copies"] as? [String], "\(next)")
    #expect(copies.count == 2 && copies.allSatisfy { $0.hasPrefix("mkdir -p ") }, "\(copies)")

    let user = root.appendingPathComponent("userdir")
    try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: user.appendingPathComponent("notes.txt"))
    let refused = try SweepBinary.run(
      ["merge"] + grid.map(\.path) + ["--into", user.path, "--json"])
    #expect(refused.status == 73, "\(refused.error)")
    let error = try Self.object(refused.output)
    #expect(error["status"] as? String == "error" && error["exit_code"] as? Int == 73)
    #expect((error["error"] as? String)?.contains("choose another --into") == true, "\(error)")
  }

  /// The one JSON object `output` holds.
  static func object(_ output: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(output.utf8))
    return try #require(value as? [String: Any], "\(output)")
  }
}
