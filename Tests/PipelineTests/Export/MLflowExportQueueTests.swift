import Foundation
import Reports
import Testing

@testable import Pipeline

/// Two `runner export mlflow` of one folder at once (tester BL-8): the second waits for the
/// first, saying so, then looks the runs up and finds them sent, rather than sending them again.
/// In the lock tests' suite, which runs its tests one at a time: two exports waiting for a
/// lock another process holds at once block both of the cooperative pool's threads on a 2-core
/// machine, and the exports they wait for cannot run.
extension MLflowExportLockTests {
  @Test func anExportWaitsForAnotherOfItsFolderThenFindsItsRunsUnchanged() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("results/run")
    try FileManager.default.createDirectory(
      at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: TestProject.root.appendingPathComponent("results/baseline/cat"), to: folder)
    let run = try ExportedRun(folder: folder, name: "run")
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test/", transport: server)

    // Another export (here `flock(1)` in its place) holds the folder's exports' lock.
    let file = MLflowExportQueue.lockFile(of: run)
    #expect(file.lastPathComponent == ".run.mlflow-export.lock")
    let holder = try ForeignLockHolder(file)
    let said = MLflowExportLockTests.Said()
    let second = Task {
      try await MLflowExport(client: client).export(run, now: 0) { said.append($0) }
    }
    for _ in 0..<1000 where said.all.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
    #expect(
      said.all == ["note: " + MLflowExportQueue.waitingLine(path: folder.path, holder: 4242)])
    #expect(await server.runs.isEmpty)
    // The first sends the run meanwhile, then lets the lock go.
    let first = try await MLflowExport(client: client).export(
      MLflowExport.FolderRead(run), now: 0)
    try holder.release()

    guard case .created(let id, _, _, _) = first else {
      Issue.record("expected the first export to create the run")
      return
    }
    #expect(try await second.value == .unchanged(id: id))
    #expect(await server.runs.count == 1)
    #expect(!FileManager.default.fileExists(atPath: file.path))
  }

  /// A baseline of the regression gate is exported without the lock: its file would lie in
  /// the baselines' folder, where only `runner gate --record` writes (tester BM-6).
  @Test func aGateBaselineTakesNoLockBesideIt() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let baselines = root.appendingPathComponent("results/baseline")
    try FileManager.default.createDirectory(at: baselines, withIntermediateDirectories: true)
    let folder = baselines.appendingPathComponent("cat")
    try FileManager.default.copyItem(
      at: TestProject.root.appendingPathComponent("results/baseline/cat"), to: folder)
    let run = try ExportedRun(folder: folder, name: "cat")
    let held = MLflowExportQueue.acquire(run, waiting: { _ in })
    #expect(held != nil)
    held?.release()
    try (GateManifest.header.joined(separator: ",") + "\n").write(
      to: baselines.appendingPathComponent(GateManifest.file), atomically: true, encoding: .utf8)
    #expect(MLflowExportQueue.acquire(run, waiting: { _ in }) == nil)
    #expect(!FileManager.default.fileExists(atPath: MLflowExportQueue.lockFile(of: run).path))
  }
}
