import Conventions
import Foundation
import Reports
import Testing

@testable import Pipeline

/// Which parent a sweep folder's trials go to (reviewer C, session 43): the shards of one run
/// of a sweep share one, never with another run of it on other data (F3); a shard rerun with
/// `--retry-failed` supersedes its trials in place (F4); no shard's files replace another's or
/// the merged folder's, and the parent's end never moves earlier (F6); the choice is the
/// export's, not the server's search order (F8); a parent whose trials a user deleted is kept
/// (F13b).
struct MLflowShardParentTests {
  let tests = MLflowExportTests()
  let leftovers = MLflowLeftoverTests()
  static let name = "sweep-linear-grid"

  /// Shard `shard` (`0/2`) of the 6-trial grid, run into `root`, its trials recording data
  /// of SHA-256 `sha256` (nil: none, generated data).
  static func shard(_ shard: String, root: URL, sha256: String? = nil) throws -> URL {
    let folder = URL(
      fileURLWithPath: try ShardRecordTests.shard(shard, root: root).directory)
    if let sha256 {
      for trial in try ExportedRun.find([folder.path]) {
        try "key,file,bytes,sha256\ndataset.file,data/points.csv,10,\(sha256)\n".write(
          to: trial.folder.appendingPathComponent(ResultsFile.dataFiles), atomically: true,
          encoding: .utf8)
      }
    }
    return folder
  }

  /// Makes the trial in `folder` as a rerun of it would: started at another time.
  static func rerun(_ folder: URL) throws {
    let environment = folder.appendingPathComponent(ResultsFile.environment)
    let text = try String(contentsOf: environment, encoding: .utf8)
    #expect(text.contains("started_at,20"))
    try text.replacingOccurrences(of: "started_at,20", with: "started_at,21")
      .write(to: environment, atomically: true, encoding: .utf8)
  }

  /// The parents on `server` not deleted, by ID.
  func parents(_ server: FakeMLflowServer) async -> [String: FakeMLflowServer.Run] {
    await leftovers.active(server).filter { $0.value.tags["runner.kind"] == "sweep" }
  }

  /// The parent of each trial not deleted, by its name.
  func parentOfTrials(_ server: FakeMLflowServer) async -> [String: String] {
    var parents: [String: String] = [:]
    for run in await leftovers.active(server).values {
      if let parent = run.tags["mlflow.parentRunId"] { parents[run.name] = parent }
    }
    return parents
  }

  /// Shard 1 of a second run of the sweep, on other data (the data file fixed and the shards
  /// run again), exported while the first run's parent holds only its shard 0: it joined that
  /// parent, mixing results on two data; shard 1 of the first run, on the same data, does.
  @Test func aShardOfAnotherRunOnOtherDataGetsAParentOfItsOwn() async throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let old = String(repeating: "a", count: 64)
    let first = try Self.shard("0/2", root: root.appendingPathComponent("a0"), sha256: old)
    let second = try Self.shard(
      "1/2", root: root.appendingPathComponent("b1"), sha256: String(repeating: "b", count: 64))
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    _ = try await tests.exportSweep(first, to: server, with: MLflowExport(client: client))
    _ = try await tests.exportSweep(second, to: server, with: MLflowExport(client: client))
    #expect(await parents(server).count == 2)
    #expect(Set(await parentOfTrials(server).values).count == 2)
    let sameData = try Self.shard("1/2", root: root.appendingPathComponent("a1"), sha256: old)
    let server2 = FakeMLflowServer()
    let client2 = try MLflowClient(trackingURI: "http://mlflow.test", transport: server2)
    _ = try await tests.exportSweep(first, to: server2, with: MLflowExport(client: client2))
    _ = try await tests.exportSweep(sameData, to: server2, with: MLflowExport(client: client2))
    await leftovers.expectOneWholeSweep(server2, trials: 6)
    let trial = try #require(
      await leftovers.active(server2).values.first { $0.tags["runner.shard"] == "1/2" })
    #expect(trial.tags["runner.data"] == "dataset.file \(old) data/points.csv")
  }

  /// Shard 1 rerun (`--retry-failed`: every trial of it changed) and exported again: its
  /// trials supersede its earlier ones under the parent the shards share (they went to a new
  /// parent, the earlier ones left under the first for good).
  @Test func aRetriedShardSupersedesItsTrialsInPlace() async throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try ["0/2", "1/2"].enumerated().map { index, shard in
      try Self.shard(shard, root: root.appendingPathComponent("s\(index)"))
    }
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    for shard in shards {
      _ = try await tests.exportSweep(shard, to: server, with: MLflowExport(client: client))
    }
    for trial in try ExportedRun.find([shards[1].path]) { try Self.rerun(trial.folder) }
    let again = try await tests.exportSweep(
      shards[1], to: server, with: MLflowExport(client: client))
    #expect(again.allSatisfy { if case .created = $0 { true } else { false } })
    await leftovers.expectOneWholeSweep(server, trials: 6)
  }

  /// A shard exported again after the merged folder: the parent keeps the merged folder's
  /// files and each shard's are in a folder of its own (they replaced the merged summary.csv);
  /// a shard whose trials ended earlier, exported later, leaves the parent's end (it moved it
  /// earlier).
  @Test func aShardKeepsToItsOwnFilesAndNeverMovesTheEndEarlier() async throws {
    let root = SweepFixture.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = try ["0/2", "1/2"].enumerated().map { index, shard in
      try Self.shard(shard, root: root.appendingPathComponent("s\(index)"))
    }
    // Shard 0's trials a century earlier: the two shards' ends differ whatever the clock
    // (they can end in the same millisecond).
    for trial in try ExportedRun.find([shards[0].path]) {
      let environment = trial.folder.appendingPathComponent(ResultsFile.environment)
      let text = try String(contentsOf: environment, encoding: .utf8)
      try text.replacingOccurrences(of: "started_at,20", with: "started_at,19")
        .write(to: environment, atomically: true, encoding: .utf8)
    }
    let merged = root.appendingPathComponent("all/\(Self.name)")
    _ = try SweepMerger.merge(shards.map(\.path), into: merged.path)
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    // The shard whose trials ended last exported first.
    let ends = try shards.map {
      try #require(MLflowExport.readSweep($0, name: Self.name).span?.end)
    }
    #expect(ends[0] != ends[1])
    let last = ends.max()!
    for shard in ends[0] > ends[1] ? shards : shards.reversed() {
      _ = try await tests.exportSweep(shard, to: server, with: MLflowExport(client: client))
    }
    var (id, parent) = try #require(await parents(server).first)
    #expect(parent.endTime == last)
    _ = try await tests.exportSweep(merged, to: server, with: MLflowExport(client: client))
    _ = try await tests.exportSweep(shards[0], to: server, with: MLflowExport(client: client))
    await leftovers.expectOneWholeSweep(server, trials: 6)
    (id, parent) = try #require(await parents(server).first)
    let artifacts = await server.artifacts
    let folder = "1/\(id)/artifacts/"
    let summary = try Array(Data(contentsOf: merged.appendingPathComponent("summary.csv")))
    #expect(artifacts[folder + "summary.csv"] == summary)
    let shardSummary = try Array(
      Data(contentsOf: shards[0].appendingPathComponent("summary.csv")))
    #expect(artifacts[folder + "shard-0-of-2/summary.csv"] == shardSummary)
    #expect(parent.endTime == last)
    #expect(parent.tags["runner.fingerprint.shard-1-of-2"] != nil)
  }

  /// Two parents hold the folder's trials (one trial under a later one, as a split left it):
  /// a changed trial goes to the one holding the most, whatever order the server gives them
  /// in (the first the server named: the later one).
  @Test func theParentHoldingMostOfTheFolderIsChosenWhateverTheServerOrder() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = try tests.sweepCopy(in: root)
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    _ = try await tests.exportSweep(sweep, to: server, with: MLflowExport(client: client))
    let (firstID, first) = try #require(await parents(server).first)
    var later = first
    later.startTime += 1
    let laterID = String(repeating: "f", count: 32)
    await server.addRun(later, id: laterID)
    let trials = await leftovers.active(server).filter {
      $0.value.tags["mlflow.parentRunId"] != nil
    }
    .sorted { $0.value.name < $1.value.name }
    await server.setTag(of: trials[0].key, "mlflow.parentRunId", to: laterID)
    let changed = try #require(
      try ExportedRun.find([sweep.path]).first { $0.name == trials[1].value.name })
    try Self.rerun(changed.folder)
    _ = try await tests.exportSweep(sweep, to: server, with: MLflowExport(client: client))
    #expect(await parentOfTrials(server)[trials[1].value.name] == firstID)
  }

  /// The trials of a parent whose exporter is gone deleted by a user, the parent kept (with its
  /// notes): another folder's export of the sweep deleted it as an empty leftover.
  @Test func aParentWhoseTrialsAUserDeletedIsKept() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let first = try tests.sweepCopy(in: root.appendingPathComponent("a"))
    let second = try tests.sweepCopy(in: root.appendingPathComponent("b")) { copy in
      for trial in try ExportedRun.find([copy.path]) { try Self.rerun(trial.folder) }
    }
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    _ = try await tests.exportSweep(first, to: server, with: MLflowLeftoverTests.cutOff(client))
    let (keptID, _) = try #require(await parents(server).first)
    for (id, run) in await server.runs where run.tags["mlflow.parentRunId"] == keptID {
      await server.deleteRun(id)
    }
    _ = try await tests.exportSweep(second, to: server, with: MLflowExport(client: client))
    _ = try await tests.exportSweep(second, to: server, with: MLflowExport(client: client))
    #expect(await server.runs[keptID]?.deleted == false)
    #expect(await parents(server).count == 2)
    #expect(await !parentOfTrials(server).values.contains(keptID))
  }
}
