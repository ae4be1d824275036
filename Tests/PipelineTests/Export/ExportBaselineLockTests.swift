import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// A run among the gate's baselines is read for an export without its folder's lock: no lock
/// file is made there, where only `runner gate --record` writes (tester BO-9). In the lock
/// tests' serialized suite: were the lock taken, the read would wait for another process.
extension MLflowExportLockTests {
  @Test func aBaselineRunIsReadWithoutItsFolderLock() async throws {
    let (root, run, _) = try run()
    defer { try? FileManager.default.removeItem(at: root) }
    let baselines = run.folder.deletingLastPathComponent()
    try (GateManifest.header.joined(separator: ",") + "\n").write(
      to: baselines.appendingPathComponent(GateManifest.file), atomically: true, encoding: .utf8)
    #expect(ExportedRun.liesInGateBaselines(run.folder))
    #expect(!ExportedRun.liesInGateBaselines(baselines))
    // Another process holds the lock a run of the folder would: the read does not wait for it.
    let holder = try ForeignLockHolder(FolderLock.lockFile(of: run.folder))
    let said = Said()
    let read = Task { try run.locked(waiting: { said.append($0) }) { $0.name } }
    for _ in 0..<200 where said.all.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
    #expect(said.all.isEmpty, "\(said.all)")
    try holder.release()
    #expect(try await read.value == "cat")
  }
}
