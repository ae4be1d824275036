import Conventions
import Foundation
import Testing

@testable import Pipeline

/// What an MLflow export cut off leaves on the server is taken up by the next export, so the end
/// state is that of an export never cut off (tester AV, session 43: F10, F10b): a run whose
/// `runs/create` timed out yet landed, or one a Ctrl-C left `RUNNING`, is superseded once the
/// process that created it is gone. The shards of one sweep share one parent (F15).
struct MLflowLeftoverTests {
  let tests = MLflowExportTests()

  /// An export whose process is gone: no process has the largest pid.
  static func cutOff(_ client: MLflowClient) -> MLflowExport {
    var export = MLflowExport(client: client)
    export.exporter = MLflowExporter(host: MLflowExporter.hostName(), pid: .max, start: nil)
    return export
  }

  /// A gone process is known only on its own machine and pid namespace: a laptop or container
  /// of the same host name, or a tag without the machine (an older runner), may still be
  /// sending, and its run was deleted (reviewer C1).
  @Test func onlyAnExportOfThisMachineCanBeKnownGone() throws {
    let host = MLflowExporter.hostName()
    let here = try #require(MLflowExporter.machine())
    #expect(MLflowExporter.isGone("host=\(host) pid=\(Int32.max) start= machine=\(here)"))
    #expect(!MLflowExporter.isGone("host=\(host) pid=\(Int32.max) start= machine=other/pid:[1]"))
    #expect(!MLflowExporter.isGone("host=\(host) pid=\(Int32.max) start="))
    #expect(!MLflowExporter.isGone("host=\(host) pid=\(getpid()) start= machine=\(here)"))
  }

  /// Every MLflow run not deleted, by ID.
  func active(_ server: FakeMLflowServer) async -> [String: FakeMLflowServer.Run] {
    await server.runs.filter { !$0.value.deleted }
  }

  /// One parent holding one child per trial, every run ended `FINISHED` with a fingerprint.
  func expectOneWholeSweep(_ server: FakeMLflowServer, trials: Int) async {
    let runs = await active(server)
    let parents = runs.filter { $0.value.tags["runner.kind"] == "sweep" }
    #expect(parents.count == 1)
    #expect(runs.count == trials + 1)
    let children = runs.values.filter { $0.tags["mlflow.parentRunId"] == parents.first?.key }
    #expect(children.count == trials && Set(children.map(\.name)).count == trials)
    #expect(runs.values.allSatisfy { $0.status == "FINISHED" })
    // A parent only shards were exported to has each shard's (`runner.fingerprint.shard-…`).
    #expect(runs.values.allSatisfy { $0.tags.keys.contains { $0.hasPrefix("runner.fingerprint") } })
  }

  @Test func aTrialWhoseCreateTimedOutYetLandedIsSupersededNextTime() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = try tests.sweepCopy(in: root)
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    // The parent's and two trials' creates are answered; the third trial's lands unanswered.
    await server.timeOutCreate(after: 3)
    await #expect(throws: ExportError.self) {
      _ = try await tests.exportSweep(sweep, to: server, with: Self.cutOff(client))
    }
    let left = await server.runs.filter { $0.value.status == "RUNNING" }
    let (leftID, _) = try #require(left.first)
    #expect(left.count == 1)
    _ = try await tests.exportSweep(sweep, to: server, with: MLflowExport(client: client))
    await expectOneWholeSweep(server, trials: 12)
    let replaced = await server.runs[leftID]
    #expect(replaced?.deleted == true && replaced?.tags["runner.superseded_by"] != nil)
  }

  /// The parent's `runs/create` timed out, and the run landed after the next export looked for
  /// parents (a loaded server): that export made another, and the one after supersedes the
  /// empty one.
  @Test(arguments: [false, true])
  func aParentWhoseCreateTimedOutYetLandedLateIsSuperseded(refusedDelete: Bool) async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = try tests.sweepCopy(in: root)
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    await server.timeOutCreate(after: 0)
    await #expect(throws: ExportError.self) {
      _ = try await tests.exportSweep(sweep, to: server, with: Self.cutOff(client))
    }
    let (orphanID, orphan) = try #require(await server.runs.first)
    #expect(orphan.tags["runner.kind"] == "sweep" && orphan.status == "RUNNING")
    await server.hide(orphanID)
    _ = try await tests.exportSweep(sweep, to: server, with: MLflowExport(client: client))
    await server.hide(orphanID, false)
    if refusedDelete {
      // The cleanup is housekeeping: on a server that refuses this user's deletes the export
      // still sends (it failed before sending anything, every time: reviewer C13), and a later
      // export allowed to delete cleans up.
      await server.failDeletes(403)
      _ = try await tests.exportSweep(sweep, to: server, with: MLflowExport(client: client))
      #expect(await server.runs[orphanID]?.deleted == false)
      await server.failDeletes(nil)
    }
    let again = try await tests.exportSweep(sweep, to: server, with: MLflowExport(client: client))
    #expect(again.allSatisfy { if case .unchanged = $0 { true } else { false } })
    await expectOneWholeSweep(server, trials: 12)
    #expect(await server.runs[orphanID]?.deleted == true)
  }

  /// A Ctrl-C while a trial was being sent leaves it `RUNNING` under the parent: the next
  /// export reuses that parent and supersedes the trial (it made a second parent, for good).
  @Test func aTrialLeftRunningByACtrlCIsSupersededUnderTheSameParent() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = try tests.sweepCopy(in: root)
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    let parentFiles = MLflowExport.readSweep(sweep, name: "moons-mlp-grid-sweep").files.count
    await server.failUploads(after: parentFiles + 1)
    await #expect(throws: ExportError.self) {
      _ = try await tests.exportSweep(sweep, to: server, with: Self.cutOff(client))
    }
    let (cutID, _) = try #require(await server.runs.first { $0.value.status == "FAILED" })
    // As the process left it when a Ctrl-C ended it before it could end the run.
    await server.setStatus(of: cutID, to: "RUNNING")
    await server.acceptUploads()
    _ = try await tests.exportSweep(sweep, to: server, with: MLflowExport(client: client))
    await expectOneWholeSweep(server, trials: 12)
    #expect(await server.runs[cutID]?.deleted == true)
  }

  /// The shards of one sweep, exported one by one as each shard's job would, then merged and
  /// exported: one parent holding every trial, naming the merged folder's best trial (each
  /// shard made its own parent, and the merged export named a trial of shard 1 on shard 0's).
  @Test func theShardsOfOneSweepShareOneParent() async throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try ["0/2", "1/2"].enumerated().map { index, shard in
      try ShardRecordTests.shard(shard, root: root.appendingPathComponent("s\(index)")).directory
    }
    let merged = root.appendingPathComponent("all/sweep-linear-grid")
    _ = try SweepMerger.merge(shards, into: merged.path)
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    for shard in shards {
      _ = try await tests.exportSweep(
        URL(fileURLWithPath: shard), to: server, with: MLflowExport(client: client))
    }
    // A shard's best is only its own trials': none is named yet.
    #expect(await server.runs.values.allSatisfy { $0.tags["runner.best_trial"] == nil })
    let again = try await tests.exportSweep(merged, to: server, with: MLflowExport(client: client))
    #expect(again.allSatisfy { if case .unchanged = $0 { true } else { false } })
    await expectOneWholeSweep(server, trials: 6)
    let runs = await active(server)
    let (id, parent) = try #require(runs.first { $0.value.tags["runner.kind"] == "sweep" })
    let best = try #require(
      try CSVTable(contentsOf: merged.appendingPathComponent("summary.csv")).rows.first?.first)
    #expect(parent.tags["runner.best_trial"] == best)
    #expect(parent.tags["runner.best_trial_so_far"] == "false")
    #expect(
      runs.values.contains {
        $0.name == "sweep-linear-grid/\(best)" && $0.tags["mlflow.parentRunId"] == id
      })
  }
}
