import Foundation
import Testing

@testable import Pipeline

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An MLflow export cut off after its run was created (tester AT, F8) ends that run `FAILED`, as
/// MLflow's client does on an exception, and the next export supersedes it; a request with no
/// answer says it timed out; a trial's resume checkpoint is never sent (F5).
struct MLflowCutOffTests {
  let tests = MLflowExportTests()

  @Test func aRunCutOffEndsFailedAndTheNextExportSupersedesIt() async throws {
    let server = FakeMLflowServer()
    await server.failUploads(504)
    await #expect(throws: ExportError.self) { _ = try await tests.export(tests.cat, to: server) }
    let (cutID, cut) = try #require(await server.runs.first)
    #expect(cut.status == "FAILED" && cut.endTime != nil)
    await server.acceptUploads()
    guard case .created(let id, _, _, _) = try await tests.export(tests.cat, to: server) else {
      Issue.record("expected a new run")
      return
    }
    let runs = await server.runs
    #expect(runs[cutID]?.deleted == true)
    #expect(runs[cutID]?.tags["runner.superseded_by"] == id)
    #expect(runs[id]?.status == "FINISHED" && runs[id]?.deleted == false)
    // A complete earlier run (a rerun of the spec) is kept.
    _ = try await tests.export(tests.cat, to: server)
    #expect(await server.runs.values.filter { !$0.deleted }.count == 1)
  }

  /// Review B10: the export after a cut-off one completes its run, but the server refuses to
  /// delete the cut-off run; the next export finds its run unchanged and supersedes it then (it
  /// returned at once, and the cut-off run stayed for good).
  @Test func aFailedSupersedeIsDoneByTheNextExport() async throws {
    let server = FakeMLflowServer()
    await server.failUploads(504)
    await #expect(throws: ExportError.self) { _ = try await tests.export(tests.cat, to: server) }
    let (cutID, _) = try #require(await server.runs.first)
    await server.acceptUploads()
    await server.failDeletes(500)
    await #expect(throws: ExportError.self) { _ = try await tests.export(tests.cat, to: server) }
    #expect(await server.runs[cutID]?.deleted == false)
    await server.failDeletes(nil)
    guard case .unchanged(let id, _, _) = try await tests.export(tests.cat, to: server) else {
      Issue.record("expected the complete run unchanged")
      return
    }
    let runs = await server.runs
    #expect(runs[cutID]?.deleted == true && runs[cutID]?.tags["runner.superseded_by"] == id)
    #expect(runs[id]?.deleted == false && runs.count == 2)
  }

  /// A run without its fingerprint that is still `RUNNING` may be another export of the same
  /// folder under way (a shared server, a second terminal): it is never deleted (reviewer:
  /// every fingerprint-less run was taken for one cut off, and a live export's run deleted).
  @Test func anExportStillUnderWayIsNotSuperseded() async throws {
    let server = FakeMLflowServer()
    await server.failUploads(504)
    await #expect(throws: ExportError.self) { _ = try await tests.export(tests.cat, to: server) }
    let (liveID, _) = try #require(await server.runs.first)
    await server.setStatus(of: liveID, to: "RUNNING")
    await server.acceptUploads()
    _ = try await tests.export(tests.cat, to: server)
    let live = await server.runs[liveID]
    #expect(live?.deleted == false && live?.tags["runner.superseded_by"] == nil)
  }

  @Test func aTrialCutOffIsSupersededUnderTheSameParent() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = try tests.sweepCopy(in: root)
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    let trials = try ExportedRun.find([sweep.path])
    let first = try #require(trials.first)
    // The parent's files go through; the trial's second upload is refused.
    let parentFiles = MLflowExport.readSweep(sweep, name: "moons-mlp-grid-sweep").files.count
    await server.failUploads(after: parentFiles + 1)
    await #expect(throws: ExportError.self) {
      _ = try await MLflowExport(client: client).export(first, now: 0)
    }
    let cut = await server.runs.values.filter { $0.name == first.name }
    #expect(cut.count == 1 && cut.allSatisfy { $0.status == "FAILED" })
    await server.acceptUploads()
    _ = try await tests.exportSweep(sweep, to: server, with: MLflowExport(client: client))
    let active = await server.runs.filter { !$0.value.deleted }
    let parents = active.filter { $0.value.tags["runner.kind"] == "sweep" }
    #expect(parents.count == 1)
    #expect(active.count == trials.count + 1)
    let superseded = await server.runs.values.filter(\.deleted)
    #expect(superseded.map(\.name) == [first.name])
  }

  @Test func aTrialsResumeCheckpointIsNotSent() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("cat")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: tests.cat, to: folder)
    let checkpoint = folder.appendingPathComponent("checkpoint")
    try FileManager.default.createDirectory(at: checkpoint, withIntermediateDirectories: true)
    try Data("format,1\n".utf8).write(to: checkpoint.appendingPathComponent("state.csv"))
    let server = FakeMLflowServer()
    let outcome = try await tests.export(folder, to: server)
    let names = await server.artifacts.keys.map { $0.split(separator: "/").dropFirst(3) }
    #expect(names.count == 6 && !names.contains { $0.first == "checkpoint" }, "\(names)")
    guard case .created(_, _, 6, _) = outcome else {
      Issue.record("expected 6 artifacts, got \(outcome)")
      return
    }
  }

  /// A server that takes the connection and never answers: the request times out after the
  /// `--timeout` given, and says so (not "cannot reach").
  @Test func aRequestWithNoAnswerSaysItTimedOut() async throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #expect(listener >= 0)
    defer { close(listener) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        bind(listener, pointer, length) == 0 && listen(listener, 4) == 0
          && getsockname(listener, pointer, &length) == 0
      }
    }
    #expect(bound)
    let port = UInt16(bigEndian: address.sin_port)
    let client = try MLflowClient(
      trackingURI: "http://127.0.0.1:\(port)", transport: URLSessionTransport(timeout: 0.2))
    let run = try ExportedRun(folder: tests.cat, name: "cat")
    do {
      _ = try await MLflowExport(client: client).export(run, now: 0)
      Issue.record("nothing answers")
    } catch {
      #expect(error.exitCode == .unavailable)
      #expect(
        error.description.hasPrefix(
          "the request to the MLflow server at http://127.0.0.1:\(port)/"),
        "\(error.description)")
      #expect(error.description.contains("timed out after 1s (--timeout)"), "\(error.description)")
      // A firewalled host times out too (reviewer B5): the check to make, at the server's root.
      #expect(
        error.description.contains(
          "check that `curl http://127.0.0.1:\(port)/health` answers OK from this machine; if it "
            + "hangs too, the host or port is wrong or a firewall drops the connection"),
        "\(error.description)")
    }
  }
}
