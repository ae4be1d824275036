import Foundation
import Testing

/// `runner merge --json` gave its warnings only among `notes` (a consumer looking for
/// `warnings`, as `runner sweep --json` gives them, found none), and `runner merge >&-` exited
/// 73 without saying where the merged folder is, as `run` and `sweep` say theirs.
@Suite(.enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct MergeOutputBinaryTests {
  @Test func mergeJSONListsTheWarningsTheTextPrints() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try SweepBinary.shards("halving-moons", in: root.appendingPathComponent("h"))
    // Merged into a folder the sweep's runs do not read, with rounds left: a warning.
    let text = try SweepBinary.run(
      ["merge"] + shards.map(\.path) + ["--into", root.appendingPathComponent("m1/other").path])
    #expect(text.status == 0, "\(text.error)")
    let printed = text.error.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
    #expect(printed.count == 1, "\(text.error)")
    let json = try SweepBinary.run(
      ["merge"] + shards.map(\.path) + [
        "--into", root.appendingPathComponent("m2/other").path, "--json",
      ])
    #expect(json.status == 0, "\(json.error)")
    let object = try MergeJSONBinaryTests.object(json.output)
    let warnings = try #require(object["warnings"] as? [String], "\(json.output)")
    #expect(warnings.count == 1, "\(warnings)")
    #expect(warnings.first?.hasPrefix("\(root.path)/m2/other is not named as the sweep") == true)
    #expect(json.error.contains("warning: " + (warnings.first ?? "?")), "\(json.error)")
    let notes = try #require(object["notes"] as? [String])
    #expect(!notes.contains { $0.hasPrefix("warning: ") }, "\(notes)")
  }

  @Test func aMergeWithItsOutputClosedSaysWhereTheMergedFolderIs() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try SweepBinary.shards("linear-grid", in: root)
    let into = root.appendingPathComponent("merged").path
    let r = try ClosedOutputBinaryTests.withOutputClosed(
      ["merge"] + shards.map(\.path) + ["--into", into])
    #expect(r.status == 73, "\(r.error)")
    #expect(
      r.error.hasSuffix(
        "\(ClosedOutputBinaryTests.closed); the trials are merged into \(into): only this "
          + "output is lost\n"), "\(r.error)")
    #expect(FileManager.default.fileExists(atPath: into + "/summary.csv"))
  }
}
