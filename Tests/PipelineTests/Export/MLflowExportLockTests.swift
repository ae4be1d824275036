import Conventions
import Foundation
import Testing

@testable import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `runner export mlflow` reads a run's folder under its lock, as a brief holder, like the
/// other exports: one started while a run holds the folder waits, saying so, and then sends the
/// run in place, never the previous run's files as the one that replaced it.
@Suite(
  .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")), .serialized)
struct MLflowExportLockTests {
  /// The lines an export says as it waits, gathered from the thread it waits on.
  final class Said: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
  }

  @Test func anMLflowExportWaitsForTheRunHoldingItsFolderThenSendsTheRunInPlace() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let baseline = TestProject.root.appendingPathComponent("results/baseline")
    let folder = root.appendingPathComponent("results/run")
    let next = root.appendingPathComponent("next")
    try FileManager.default.createDirectory(
      at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: baseline.appendingPathComponent("cat"), to: folder)
    try FileManager.default.copyItem(
      at: baseline.appendingPathComponent("xor-mlp-sigmoid"), to: next)
    let nextSummary = try Data(contentsOf: next.appendingPathComponent("summary.csv"))
    #expect(try Data(contentsOf: folder.appendingPathComponent("summary.csv")) != nextSummary)

    // Another process (`flock(1)`, until its input ends) holds the lock in place of a run
    // writing the folder, the lock file recording pid 4242 as a run's does.
    let holder = try ForeignLockHolder(FolderLock.lockFile(of: folder))
    let run = try ExportedRun(folder: folder, name: "run")
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test/", transport: server)
    let said = Said()
    let export = Task {
      try await MLflowExport(client: client).export(run, now: 0) { said.append($0) }
    }
    for _ in 0..<1000 where said.all.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
    #expect(
      said.all == ["note: " + FolderLock.waitingLine(path: folder.path, holder: 4242, brief: false)]
    )
    #expect(await server.runs.isEmpty)
    // The run puts its folder in place, as its commit does, and lets the lock go.
    try FileManager.default.moveItem(at: folder, to: root.appendingPathComponent("retired"))
    try FileManager.default.moveItem(at: next, to: folder)
    try holder.release()

    guard case .created(let id, _, _, _) = try await export.value else {
      Issue.record("expected a new MLflow run")
      return
    }
    let artifacts = await server.artifacts
    #expect(artifacts["1/\(id)/artifacts/summary.csv"] == Array(nextSummary))
    #expect(await server.runs[id]?.status == "FINISHED")
  }

  /// The folder is read under its lock and sent after it is let go: a run waiting for the
  /// folder (its lock polled at every request the server gets) never waits for the upload.
  @Test func theLockIsLetGoBeforeAnythingIsSent() async throws {
    let (root, exported, _) = try run("run")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = exported.folder
    let file = FolderLock.lockFile(of: folder)
    let held = Said()
    let server = FakeMLflowServer()
    await server.observe { request in
      let fd = open(file.path, O_RDWR | O_CREAT, 0o644)
      let free = flock(fd, LOCK_EX | LOCK_NB) == 0
      close(fd)
      held.append(free ? "free" : "held at \(request.url)")
    }
    let client = try MLflowClient(trackingURI: "http://mlflow.test/", transport: server)
    let run = exported
    guard
      case .created(_, _, let artifacts?, _) = try await MLflowExport(client: client).export(
        run, now: 0)
    else {
      Issue.record("expected a new MLflow run with its artifacts")
      return
    }
    #expect(artifacts > 0)
    #expect(!held.all.isEmpty && held.all.allSatisfy { $0 == "free" }, "\(held.all)")
  }
}
