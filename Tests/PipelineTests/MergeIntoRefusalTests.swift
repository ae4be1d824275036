import Foundation
import Pipeline
import Testing

/// Tester BA F-M: `runner merge --into`'s refusal of a folder it did not write named `output`
/// and --results-dir, options merge does not have; it names --into.
@Suite struct MergeIntoRefusalTests {
  @Test func theRefusalOfAUserFolderNamesMergesOwnOption() throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try SweepFixture.shards(
      SweepFixture.spec("halving-moons.yaml"), count: 2, in: root)
    let user = root.appendingPathComponent("userdir")
    try FileManager.default.createDirectory(at: user, withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: user.appendingPathComponent("notes.txt"))
    do {
      _ = try SweepMerger.merge(shards.map(\.directory), into: user.path)
      Issue.record("merged into a folder the runner did not write")
    } catch {
      #expect(error.description.contains("choose another --into"), "\(error.description)")
      #expect(!error.description.contains("--results-dir"), "\(error.description)")
    }
  }
}
