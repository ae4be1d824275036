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
    let (root, run, _) = try run("run")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = run.folder
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

  /// A copy of the `cat` baseline at `results/<name>` in a new temporary root, exported as run
  /// `name`, and a temporary folder for the queue's lock files.
  func run(_ name: String = "cat") throws -> (root: URL, run: ExportedRun, temporary: URL) {
    let root = TestProject.temporaryDirectory()
    let folder = root.appendingPathComponent("results/\(name)")
    try FileManager.default.createDirectory(
      at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: TestProject.root.appendingPathComponent("results/baseline/cat"), to: folder)
    let temporary = root.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    return (root, try ExportedRun(folder: folder, name: name), temporary)
  }

  /// A baseline of the regression gate is exported without a lock file beside it: that would lie
  /// in the baselines' folder, where only `runner gate --record` writes (tester BM-6). Its lock
  /// is taken in TMPDIR, so two exports of it at once still take turns (tester BM-15).
  @Test func aGateBaselineTakesItsLockInTMPDIR() throws {
    let (root, run, temporary) = try run()
    defer { try? FileManager.default.removeItem(at: root) }
    let baselines = run.folder.deletingLastPathComponent()
    try (GateManifest.header.joined(separator: ",") + "\n").write(
      to: baselines.appendingPathComponent(GateManifest.file), atomically: true, encoding: .utf8)
    let held = try #require(MLflowExportQueue.acquire(run, waiting: { _ in }, temporary: temporary))
    let file = try #require(MLflowExportQueue.temporaryLockFile(of: run.folder, in: temporary))
    #expect(held.path == file.path)
    #expect(FileManager.default.fileExists(atPath: file.path))
    #expect(!FileManager.default.fileExists(atPath: MLflowExportQueue.lockFile(of: run).path))
    held.release()
    #expect(!FileManager.default.fileExists(atPath: file.path))
  }

  /// Where no lock file can be made beside the folder (a read-only parent; here a folder in
  /// the lock file's place, as root writes anywhere), the lock is taken in TMPDIR, keyed by the
  /// folder's device and inode, not skipped (tester BM-15: two exports at once duplicated every
  /// trial); an export of the folder meanwhile waits for it, saying so.
  @Test func aFolderWithoutALockBesideItIsLockedInTMPDIR() async throws {
    let (root, run, temporary) = try run()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(
      at: MLflowExportQueue.lockFile(of: run), withIntermediateDirectories: false)
    let file = try #require(MLflowExportQueue.temporaryLockFile(of: run.folder, in: temporary))
    #expect(file.lastPathComponent.hasSuffix(".mlflow-export.lock"))
    let holder = try ForeignLockHolder(file)
    let said = MLflowExportLockTests.Said()
    let waiting = Task {
      let lock = MLflowExportQueue.acquire(run, waiting: { said.append($0) }, temporary: temporary)
      defer { lock?.release() }
      return lock?.path
    }
    for _ in 0..<1000 where said.all.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
    #expect(
      said.all == ["note: " + MLflowExportQueue.waitingLine(path: run.folder.path, holder: 4242)])
    try holder.release()
    #expect(await waiting.value == file.path)
  }

  /// Where no lock file can be made beside the folder nor in TMPDIR, the export goes on and
  /// says once that concurrent exports of the folder are not guarded.
  @Test func noLockAnywhereIsSaidOnce() throws {
    let (root, run, _) = try run("unguarded-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(
      at: MLflowExportQueue.lockFile(of: run), withIntermediateDirectories: false)
    let notFolder = root.appendingPathComponent("not-a-folder")
    try "x".write(to: notFolder, atomically: true, encoding: .utf8)
    let said = MLflowExportLockTests.Said()
    for _ in 0..<2 {
      #expect(
        MLflowExportQueue.acquire(run, waiting: { said.append($0) }, temporary: notFolder) == nil)
    }
    #expect(said.all == ["note: " + MLflowExportQueue.unguardedLine(path: run.folder.path)])
  }
}
