import Conventions
import Foundation
import Testing

@testable import Pipeline

/// Exporting a sweep again, as it grows or from one of its trials, adds no duplicate to MLflow
/// (tester I, session 29: #2, #3), and every run's end time is its start plus its duration (#9).
struct MLflowReexportTests {
  let tests = MLflowExportTests()

  /// Every MLflow run not deleted, by ID.
  func active(_ server: FakeMLflowServer) async -> [String: FakeMLflowServer.Run] {
    await server.runs.filter { !$0.value.deleted }
  }

  /// A trial folder named directly is its sweep's trial (`sweep/trial`): found unchanged when
  /// its sweep was exported, never a second, un-nested copy; a run of no sweep keeps its name.
  @Test func aTrialFolderNamedDirectlyIsItsSweepsTrial() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = try tests.sweepCopy(in: root)
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    _ = try await tests.exportSweep(sweep, to: server, with: MLflowExport(client: client))
    #expect(await server.runs.count == 13)
    let trial = sweep.appendingPathComponent("8f7dfd590681")
    let found = try ExportedRun.find([trial.path])
    #expect(found.map(\.name) == ["moons-mlp-grid-sweep/8f7dfd590681"])
    #expect(found.first?.sweep == "moons-mlp-grid-sweep")
    let outcomes = try await tests.exportSweep(
      trial, to: server, with: MLflowExport(client: client))
    #expect(outcomes.allSatisfy { if case .unchanged = $0 { true } else { false } })
    #expect(await server.runs.count == 13)
    let cat = TestProject.root.appendingPathComponent("results/baseline/cat")
    #expect(try ExportedRun.find([cat.path]).map(\.name) == ["cat"])
  }

  /// A bayes sweep exported before it finished and again after it went on (more trials, as a
  /// resume runs them): one parent, its earlier trials unchanged, the new ones added.
  @Test func aBayesSweepExportedAsItGrowsKeepsOneParent() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("bayes-moons.yaml")
    var options = SweepFixture.options(root: root)
    options.run.spec.overrides = ["sweep.trials=5", "output=sweep-bayes-moons"]
    let first = try SweepRunner.run(specPath: spec, options: options)
    let folder = URL(fileURLWithPath: first.directory)
    let earlyVersion = MLflowExport.version(of: folder)
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    _ = try await tests.exportSweep(folder, to: server, with: MLflowExport(client: client))
    #expect(await server.runs.count == 6)
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    #expect(MLflowExport.version(of: folder) == earlyVersion)
    let again = try await tests.exportSweep(folder, to: server, with: MLflowExport(client: client))
    let unchanged = again.filter { if case .unchanged = $0 { true } else { false } }
    #expect(again.count == 7 && unchanged.count == 5)
    let runs = await server.runs
    #expect(runs.count == 8)
    let parents = runs.filter { $0.value.tags["runner.kind"] == "sweep" }
    #expect(parents.count == 1)
    #expect(runs.values.filter { $0.tags["mlflow.parentRunId"] == parents.first?.key }.count == 7)
    // What grows with the plan is a tag (MLflow refuses a changed param), up to date.
    let parent = try #require(parents.first?.value)
    #expect(parent.params["trials"] == nil && parent.params["objective.goal"] == "min")
    #expect(parent.tags["runner.trials"] == "7")
    let values = try #require(parent.tags["runner.values.optimizer.learning_rate"])
    #expect(values.split(separator: ",").count == 7, "\(values)")
  }

  /// A successive-halving sweep exported with rung 0 done and again once complete: each
  /// promoted trial's earlier child is tagged `runner.superseded_by` its new one and deleted,
  /// so the parent holds one child per trial, at the largest budget it reached.
  @Test func aPromotedTrialSupersedesItsEarlierChild() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = SweepFixture.spec("halving-moons.yaml")
    let stopped = try SweepFixture.interrupted(spec, root: root, rung: 1, finished: 0)
    let folder = URL(fileURLWithPath: stopped.directory)
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    _ = try await tests.exportSweep(folder, to: server, with: MLflowExport(client: client))
    let early = await active(server).filter { $0.value.tags["runner.kind"] != "sweep" }
    #expect(early.count == 9)
    // Rung 0's leader is the best so far, not the sweep's result (tester AV, F17).
    let stoppedParent = await active(server).values.first { $0.tags["runner.kind"] == "sweep" }
    #expect(stoppedParent?.tags["runner.best_trial_so_far"] == "true")
    _ = try SweepRunner.run(specPath: spec, options: SweepFixture.options(root: root))
    _ = try await tests.exportSweep(folder, to: server, with: MLflowExport(client: client))
    let runs = await active(server)
    let parents = runs.filter { $0.value.tags["runner.kind"] == "sweep" }
    #expect(parents.count == 1)
    #expect(parents.first?.value.tags["runner.best_trial_so_far"] == "false")
    let children = runs.values.filter { $0.tags["mlflow.parentRunId"] == parents.first?.key }
    #expect(children.count == 9 && Set(children.map(\.name)).count == 9)
    let superseded = await server.runs.filter(\.value.deleted)
    #expect(superseded.count == 3, "the 3 trials promoted from rung 0")
    for (_, old) in superseded {
      let new = try #require(old.tags["runner.superseded_by"])
      #expect(runs[new]?.name == old.name)
    }
  }

  /// A child that is still one of the folder's trials (same fingerprint) is never superseded,
  /// even by another trial shown under the same name: exports of both keep both.
  @Test func aChildThatIsStillATrialIsNeverSuperseded() async throws {
    let sweep = TestProject.root.appendingPathComponent("results/baseline/moons-mlp-grid-sweep")
    let server = FakeMLflowServer()
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    let export = MLflowExport(client: client)
    for _ in 0..<2 {
      for trial in ["8f7dfd590681", "16bbb8793899"] {
        let run = try ExportedRun(
          folder: sweep.appendingPathComponent(trial), name: "moons-mlp-grid-sweep/same")
        _ = try await export.export(run, now: 0)
      }
    }
    #expect(await server.runs.count == 3)
    #expect(await server.runs.values.allSatisfy { !$0.deleted })
  }

  /// A run ends at its start plus `timings.csv`'s total (MLflow's Duration); a sweep's parent
  /// spans its trials, from the first start to the last end.
  @Test func runsEndAfterTheirRecordedDuration() async throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    func timings(_ folder: URL, total: String) throws {
      try "phase,seconds\ntrain,0.25\ntotal,\(total)\n".write(
        to: folder.appendingPathComponent("timings.csv"), atomically: true, encoding: .utf8)
    }
    let cat = try ExportedRunTests().copyOfCat(in: root)
    try timings(cat, total: "1.5")
    let server = FakeMLflowServer()
    guard case .created(let id, _, _, _) = try await tests.export(cat, to: server) else {
      Issue.record("expected a created run")
      return
    }
    let run = try #require(await server.runs[id])
    #expect(run.endTime == run.startTime + 1500)

    let sweep = try tests.sweepCopy(in: root.appendingPathComponent("s"))
    for (index, trial) in ResultsIndex.trials(of: sweep, name: "s").enumerated() {
      try timings(trial.folder, total: "\(index + 1).0")
    }
    let client = try MLflowClient(trackingURI: "http://mlflow.test", transport: server)
    _ = try await tests.exportSweep(sweep, to: server, with: MLflowExport(client: client))
    let runs = await server.runs
    let parent = try #require(runs.values.first { $0.tags["runner.kind"] == "sweep" })
    let trials = runs.values.filter { $0.name.hasPrefix("moons-mlp-grid-sweep/") }
    #expect(trials.count == 12)
    #expect(parent.startTime == trials.map(\.startTime).min())
    #expect(parent.endTime == trials.compactMap(\.endTime).max())
    #expect(trials.allSatisfy { ($0.endTime ?? 0) >= $0.startTime + 1000 })
  }
}
