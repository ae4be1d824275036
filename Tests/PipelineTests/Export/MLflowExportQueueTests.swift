import Foundation
import Testing

@testable import Pipeline

/// Two `runner export mlflow` of one folder at once (tester BL-8): the second waits for the
/// first, saying so, then looks the runs up and finds them sent, rather than sending them again.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
struct MLflowExportQueueTests {
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
}
