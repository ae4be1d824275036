import Conventions
import Foundation
import Testing

@testable import Pipeline

/// `runner export mlflow` against an in-memory MLflow server: params, metric history and
/// artifacts arrive exactly; a second export changes nothing; errors are clear.
struct MLflowExportTests {
  let cat = TestProject.root.appendingPathComponent("results/baseline/cat")

  func export(_ folder: URL, to server: FakeMLflowServer, name: String? = nil) async throws
    -> MLflowExport.Outcome
  {
    let run = try ExportedRun(folder: folder, name: name ?? folder.lastPathComponent)
    let client = try MLflowClient(trackingURI: "http://mlflow.test/", transport: server)
    return try await MLflowExport(client: client).export(run, now: 0)
  }

  @Test func paramsMetricsHistoryAndArtifactsArriveExactly() async throws {
    let server = FakeMLflowServer()
    let outcome = try await export(cat, to: server)
    let runs = await server.runs
    #expect(runs.count == 1)
    let (id, stored) = try #require(runs.first)
    #expect(outcome == .created(id: id, experiment: "1", artifacts: 5))
    #expect(await server.experiments == ["cat": "1"])
    #expect(stored.name == "cat" && stored.status == "FINISHED")
    #expect(stored.tags["mlflow.note.content"]?.hasPrefix("Cat vs non-cat") == true)
    #expect(stored.tags["runner.stop_reason"] == "completed")
    #expect(stored.params["optimizer.learning_rate"] == "0.005")
    #expect(stored.params["model.init.type"] == "zeros")

    let metrics = try CSVTable(
      parsing: String(contentsOf: cat.appendingPathComponent("metrics.csv"), encoding: .utf8))
    let history = stored.metrics.filter { $0.key == "test_loss" }
    // metrics.csv ends with the final state (iteration 2000): no extra step.
    #expect(history.map(\.step) == metrics.column("iteration")!.map { Int($0)! })
    #expect(history.last?.step == 2000)
    #expect(
      history.map(\.value) == metrics.column("test_loss")!.map { CSVCell.number(from: $0)! })
    #expect(history.last?.value == 0.7504292138002018)
    #expect(stored.metrics.contains { $0.key == "iterations" && $0.value == 2000 })

    let artifacts = await server.artifacts
    #expect(
      artifacts.keys.sorted()
        == [
          "bias_variance.csv", "environment.csv", "metrics.csv", "spec.resolved.yaml",
          "summary.csv",
        ].map { "1/\(id)/artifacts/\($0)" })
    let summary = try Data(contentsOf: cat.appendingPathComponent("summary.csv"))
    #expect(artifacts["1/\(id)/artifacts/summary.csv"] == Array(summary))
  }

  @Test func aSecondExportOfTheSameFolderChangesNothing() async throws {
    let server = FakeMLflowServer()
    _ = try await export(cat, to: server)
    let again = try await export(cat, to: server)
    #expect(await server.runs.count == 1)
    guard case .unchanged = again else {
      Issue.record("expected unchanged, got \(again)")
      return
    }
  }

  /// An export cut off partway (here an artifact upload refused) leaves a run without the
  /// fingerprint tag, so the next export sends the folder again instead of "unchanged".
  @Test func anExportCutOffPartwayIsNotTakenForComplete() async throws {
    let server = FakeMLflowServer()
    await server.failUploads(500)
    do {
      _ = try await export(cat, to: server)
      Issue.record("a refused upload should be an error")
    } catch {}
    #expect(await server.runs.values.allSatisfy { $0.tags["runner.fingerprint"] == nil })
    await server.acceptUploads()
    let again = try await export(cat, to: server)
    guard case .created = again else {
      Issue.record("expected a new export, got \(again)")
      return
    }
    #expect(await server.runs.values.contains { $0.tags["runner.fingerprint"] != nil })
  }

  @Test func batchesStayWithinMLflowsLimits() async throws {
    let server = FakeMLflowServer()
    let trial = TestProject.root.appendingPathComponent(
      "results/baseline/moons-mlp-grid-sweep/8f7dfd590681")
    _ = try await export(trial, to: server, name: "moons-mlp-grid-sweep/8f7dfd590681")
    for request in await server.requests where request.url.hasSuffix("runs/log-batch") {
      let body = try JSONSerialization.jsonObject(with: Data(request.body)) as! [String: Any]
      #expect(((body["params"] as? [Any])?.count ?? 0) <= 100)
      #expect(((body["metrics"] as? [Any])?.count ?? 0) <= 1000)
    }
    let stored = try #require(await server.runs.values.first { $0.name.contains("/") })
    #expect(stored.params["model.layers.0.units"] == "16")
    #expect(stored.metrics.filter { $0.key == "dev_accuracy" }.last?.step == 100)
  }

  @Test func sweepTrialsNestUnderOneRunOfTheSweep() async throws {
    let server = FakeMLflowServer()
    let sweep = TestProject.root.appendingPathComponent("results/baseline/moons-mlp-grid-sweep")
    for trial in ["8f7dfd590681", "16bbb8793899"] {
      _ = try await export(
        sweep.appendingPathComponent(trial), to: server, name: "moons-mlp-grid-sweep/\(trial)")
    }
    let runs = await server.runs
    #expect(runs.count == 3)
    let parents = runs.filter { $0.value.tags["runner.kind"] == "sweep" }
    let (parentID, parent) = try #require(parents.first)
    #expect(parents.count == 1 && parent.name == "moons-mlp-grid-sweep")
    #expect(parent.status == "FINISHED")
    let trials = runs.values.filter { $0.tags["mlflow.parentRunId"] == parentID }
    #expect(
      trials.map(\.name).sorted() == [
        "moons-mlp-grid-sweep/16bbb8793899", "moons-mlp-grid-sweep/8f7dfd590681",
      ])
    #expect(await server.experiments == ["moons-mlp-grid-sweep": "1"])
  }

  @Test func aServerThatDoesNotServeArtifactsGetsTheNumbersOnly() async throws {
    let server = FakeMLflowServer(artifactRoot: "/srv/mlruns/1/x/artifacts")
    let outcome = try await export(cat, to: server)
    guard case .created(_, _, let artifacts) = outcome else {
      Issue.record("expected a created run")
      return
    }
    #expect(artifacts == nil)
    #expect(await server.artifacts.isEmpty)
  }

  @Test func serverErrorsAndBadURIsAreClearMessages() async throws {
    do {
      _ = try await export(cat, to: FakeMLflowServer(failWith: 500))
      Issue.record("a failing server should be an error")
    } catch let error as ExportError {
      #expect(error.exitCode == .unavailable)
      #expect(error.description.contains("answered 500"))
      #expect(error.description.contains("INTERNAL_ERROR: boom"))
    }
    #expect(throws: ExportError.self) {
      try MLflowClient(trackingURI: "ftp://example", transport: FakeMLflowServer())
    }
  }

  @Test func aServerThatIsDownIsUnreachableNotAHang() async throws {
    // Port 9 (discard) on loopback: nothing listens in a test environment.
    let client = try MLflowClient(
      trackingURI: "http://127.0.0.1:9", transport: URLSessionTransport(timeout: 10))
    let run = try ExportedRun(folder: cat, name: "cat")
    do {
      _ = try await MLflowExport(client: client).export(run, now: 0)
      Issue.record("nothing listens on port 9")
    } catch {
      #expect(error.exitCode == .unavailable)
      #expect(error.description.contains("cannot reach the MLflow server at http://127.0.0.1:9"))
    }
  }
}
