import Foundation
import Testing

@testable import Pipeline

/// A run exported without artifacts, or with files the folder got since, is not taken for
/// unchanged once they can be sent (tester BL-4, BL-3).
struct MLflowArtifactsResendTests {
  let tests = MLflowExportTests()

  /// A copy of the baseline run `cat` in a new folder.
  func catCopy(in root: URL) throws -> URL {
    let folder = root.appendingPathComponent("cat")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: tests.cat, to: folder)
    return folder
  }

  /// An experiment whose artifact location the server does not serve: the export says where it
  /// is, and so does an export again (not a bare "unchanged"); once the experiment's runs can
  /// take artifacts, the run is sent again with them, superseding the one without.
  @Test func aRunSentWithoutArtifactsIsSentAgainOnceTheyCanBe() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try catCopy(in: root)
    let server = FakeMLflowServer(artifactRoot: "/srv/mlruns/1")
    let first = try await tests.export(folder, to: server)
    guard case .created(let id, _, nil, let unserved) = first else {
      Issue.record("expected a run without artifacts, got \(first)")
      return
    }
    #expect(unserved == "/srv/mlruns/1")
    #expect(try await tests.export(folder, to: server) == .unchanged(id: id, unserved: unserved))
    let note = MLflowExport.unservedNote("/srv/mlruns/1")
    #expect(note.contains("/srv/mlruns/1") && note.contains("--experiment NAME"))

    await server.storeArtifacts(in: nil)
    let again = try await tests.export(folder, to: server)
    guard case .created(let newID, _, let artifacts?, nil) = again else {
      Issue.record("expected the run sent again with its artifacts, got \(again)")
      return
    }
    #expect(artifacts > 0)
    #expect(await server.runs[id]?.deleted == true)
    #expect(await server.runs[id]?.tags["runner.superseded_by"] == newID)
    #expect(try await tests.export(folder, to: server) == .unchanged(id: newID))
  }

  /// A file the folder gets after its MLflow export (`summary.json` of `runner export dvc`) is
  /// sent into the same run by the next export, then it is unchanged: the run the user tagged
  /// (or registered a model from) is kept, not deleted for a new one (tester BM-13).
  @Test func aFileAddedSinceTheExportIsSentIntoTheSameRun() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try catCopy(in: root)
    let server = FakeMLflowServer()
    guard
      case .created(let id, let experiment, let count?, _) = try await tests.export(
        folder, to: server)
    else {
      Issue.record("expected a new run with artifacts")
      return
    }
    #expect(try await tests.export(folder, to: server) == .unchanged(id: id))
    try DVCExport.write([try ExportedRun(folder: folder, name: "cat")])
    #expect(
      try await tests.export(folder, to: server)
        == .unchanged(id: id, updatedArtifacts: count + 1))
    let artifacts = await server.artifacts
    #expect(artifacts["\(experiment)/\(id)/artifacts/summary.json"] != nil)
    #expect(await server.runs[id]?.deleted != true)
    #expect(await server.runs.count == 1)
    #expect(try await tests.export(folder, to: server) == .unchanged(id: id))
  }
}
