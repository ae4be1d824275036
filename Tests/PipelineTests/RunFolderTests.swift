import Foundation
import Testing

@testable import Pipeline

/// Run history names and folder kinds (docs/results.md, "Run history").
struct RunFolderTests {
  let root = URL(fileURLWithPath: "/tmp/results", isDirectory: true)

  @Test func theSpecAsWrittenKeepsItsStablePath() {
    #expect(
      RunFolderName.folder(output: "cat", overrides: [], root: root).path == "/tmp/results/cat")
  }

  @Test func overridesNameTheirFolderInKeyOrder() {
    let folder = RunFolderName.folder(
      output: "cat", overrides: ["seed=2", "optimizer.learning_rate=0.01"], root: root)
    #expect(folder.lastPathComponent == "cat@optimizer.learning_rate=0.01,seed=2")
  }

  @Test func anOverrideOfOutputNamesTheFolderOutright() {
    let folder = RunFolderName.folder(
      output: "mine", overrides: ["output=mine", "seed=2"], root: root)
    #expect(folder.path == "/tmp/results/mine")
  }

  @Test func slashesAndLongOverridesStayOneFolderName() {
    let slash = RunFolderName.folder(output: "cat", overrides: ["dataset.path=a/b.csv"], root: root)
    #expect(slash.lastPathComponent == "cat@dataset.path=a_b.csv")
    let long = RunFolderName.folder(
      output: "cat", overrides: ["name=" + String(repeating: "x", count: 400)], root: root)
    #expect(long.lastPathComponent.utf8.count < 200)
    #expect(long.deletingLastPathComponent().path == "/tmp/results")
  }

  @Test func foldersAreRecognizedByTheirFiles() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(ResultsFolderKind.of(dir) == .missing)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    #expect(ResultsFolderKind.of(dir) == .empty)
    try "metric\n".write(
      to: dir.appendingPathComponent("summary.csv"), atomically: true, encoding: .utf8)
    #expect(ResultsFolderKind.of(dir) == .foreign)
    try "name: x\n".write(
      to: dir.appendingPathComponent("spec.resolved.yaml"), atomically: true, encoding: .utf8)
    #expect(ResultsFolderKind.of(dir) == .run)
    try "trial,x\n".write(
      to: dir.appendingPathComponent("plan.csv"), atomically: true, encoding: .utf8)
    #expect(ResultsFolderKind.of(dir) == .sweep)
  }

  @Test func trialIDsAreOnePlainFolderName() {
    #expect(FolderError.isSafeTrialID("1c2dfcba9587"))
    for bad in ["", "..", "../x", "/etc", ".hidden", "a/b", "a\\b"] {
      #expect(!FolderError.isSafeTrialID(bad), "\(bad)")
    }
  }
}
