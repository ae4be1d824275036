import Conventions
import Foundation
import Testing

@testable import Pipeline

/// Reading results folders for export: params from the resolved spec, history from
/// metrics.csv, final figures from summary.csv at the step after training.
struct ExportedRunTests {
  let baseline = TestProject.root.appendingPathComponent("results/baseline")

  /// A copy of the baseline's `cat` run in `root`, to change without touching the baseline.
  func copyOfCat(in root: URL) throws -> URL {
    let cat = root.appendingPathComponent("cat")
    try FileManager.default.copyItem(at: baseline.appendingPathComponent("cat"), to: cat)
    return cat
  }

  @Test func aRunGivesItsSpecAsParamsAndItsFiguresAtTheIterationCount() throws {
    let run = try ExportedRun(folder: baseline.appendingPathComponent("cat"), name: "cat")
    #expect(run.specName == "cat")
    #expect(run.specDescription.hasPrefix("Cat vs non-cat"))
    let params = Dictionary(run.parameters.map { ($0.name, $0.text) }, uniquingKeysWith: +)
    #expect(params["optimizer.learning_rate"] == "0.005")
    #expect(params["dataset.train.features"] == "[train_set_x]")
    #expect(params["name"] == nil && params["output"] == nil)
    #expect(run.stepColumn == "iteration")
    #expect(run.history.count == 21 && run.history.last?.step == 2000)
    #expect(run.history[1].values.first! == ("train_loss", 0.5845083636993079))
    #expect(run.finalStep == 2000)
    #expect(
      run.finals.map(\.name) == [
        "train_loss", "test_loss", "train_accuracy", "test_accuracy", "iterations",
      ])
    #expect(run.outcomes.first! == ("stop_reason", "completed"))
    #expect(run.timeline.last!.step == 2000 && run.timeline.last!.values.count == 5)
    #expect(run.startedAt != nil)
  }

  @Test func anEpochRunEndsAtItsEpochBudget() throws {
    let trial = baseline.appendingPathComponent("moons-mlp-grid-sweep/8f7dfd590681")
    let run = try ExportedRun(folder: trial, name: "moons-mlp-grid-sweep/8f7dfd590681")
    #expect(run.stepColumn == "epoch" && run.history.last?.step == 100)
    #expect(run.finalStep == 100)
    let params = Dictionary(run.parameters.map { ($0.name, $0.text) }, uniquingKeysWith: +)
    #expect(params["model.layers[0].units"] == "16")
    #expect(params["seed"] == "9688954508269481049")
    #expect(run.succeeded)
  }

  @Test func finalFiguresAtARecordedStepReplaceThatRowsValues() throws {
    let folder = baseline.appendingPathComponent("blobs-logreg-lbfgs")
    let run = try ExportedRun(folder: folder, name: "blobs")
    #expect(run.history.last?.step == 22 && run.finalStep == 22)
    #expect(run.timeline.count == run.history.count)
    let names = run.timeline.last!.values.map(\.name)
    #expect(Set(names).count == names.count && names.contains("iterations"))
  }

  @Test func aResultsFolderYieldsItsRunsAndSweepTrials() throws {
    let runs = try ExportedRun.find([baseline.path])
    let names = runs.map(\.name)
    #expect(names.contains("cat"))
    #expect(names.contains("moons-mlp-grid-sweep/8f7dfd590681"))
    #expect(names.filter { $0.hasPrefix("moons-mlp-grid-sweep/") }.count == 12)
    // A trial nests under its sweep; a run in a plain folder nests under nothing.
    #expect(
      runs.first { $0.name == "moons-mlp-grid-sweep/8f7dfd590681" }?.sweep == "moons-mlp-grid-sweep"
    )
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    _ = try copyOfCat(in: root.appendingPathComponent("plain"))
    let nested = try ExportedRun.find([root.path])
    let cat = try #require(nested.first { $0.name == "plain/cat" })
    #expect(cat.sweep == nil)
    let sweep = try ExportedRun.find([baseline.appendingPathComponent("moons-mlp-grid-sweep").path])
    #expect(sweep.count == 12)
  }

  /// A sweep cut off before a trial's status was recorded exports its finished trials, as
  /// `runner ls` lists them: the trial without `status.csv` is left out (the sweep's resume
  /// reruns it), whatever results it holds.
  @Test func aCutOffTrialIsLeftOutAsRunnerLsLeavesItOut() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = root.appendingPathComponent("moons-mlp-grid-sweep")
    try FileManager.default.copyItem(
      at: baseline.appendingPathComponent("moons-mlp-grid-sweep"), to: sweep)
    let cut = SweepLayout(directory: sweep)
    try FileManager.default.removeItem(at: cut.marker("8f7dfd590681"))
    let exported = try ExportedRun.find([sweep.path]).map(\.name)
    #expect(exported.count == 11 && !exported.contains("moons-mlp-grid-sweep/8f7dfd590681"))
    #expect(exported == ResultsIndex.runs(under: sweep).map(\.name))
    #expect(try ExportedRun.find([root.path]).map(\.name) == exported)
  }

  /// `runner ls` and `runner export` read the same final figures from a run's `summary.csv`
  /// (`RunSummary.figures(of:)`): every baseline run and trial, and a run whose spec is gone
  /// (its hyperparameters are still no figures).
  @Test func lsAndExportReadTheSameFinalFigures() throws {
    let runs = try ExportedRun.find([baseline.path])
    #expect(runs.count > 12)
    for run in runs {
      let listed = try #require(ResultsIndex.run(at: run.folder, name: run.name))
      #expect(listed.metrics.count == run.finals.count + run.outcomes.count, "\(run.name)")
      for metric in listed.metrics {
        if let value = run.finals.first(where: { $0.name == metric.name })?.value {
          #expect(CSVCell.number(from: metric.text) == value, "\(run.name) \(metric.name)")
        } else {
          let outcome = run.outcomes.first { $0.name == metric.name }
          #expect(outcome?.text == metric.text, "\(run.name) \(metric.name)")
        }
      }
    }
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let cat = try copyOfCat(in: root)
    try FileManager.default.removeItem(at: cat.appendingPathComponent("spec.resolved.yaml"))
    let listed = try #require(ResultsIndex.run(at: cat, name: "cat"))
    #expect(
      listed.metrics.map(\.name) == [
        "train_loss", "test_loss", "train_accuracy", "test_accuracy", "iterations", "stop_reason",
      ])
  }

  /// The regression gate's baselines (a folder holding the gate's `gate.csv`) inside a folder
  /// exported are reference results, left as committed: an export of `results` is of the
  /// user's runs (AN2: README's `runner export tensorboard results` wrote event files into
  /// `results/baseline/`). Named themselves, they are exported; a user's own `gate.csv` (another
  /// table) changes nothing.
  @Test func theGatesBaselinesAreLeftOutUnlessNamed() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let results = root.appendingPathComponent("results")
    let baselines = results.appendingPathComponent("baseline")
    let mine = try copyOfCat(in: results)
    _ = try copyOfCat(in: baselines)
    let manifest = baselines.appendingPathComponent("gate.csv")
    try FileManager.default.copyItem(at: baseline.appendingPathComponent("gate.csv"), to: manifest)
    var leftOut: [String] = []
    #expect(try ExportedRun.find([results.path], leftOut: &leftOut).map(\.name) == ["cat"])
    #expect(leftOut == [results.path + "/baseline"])
    #expect(try ExportedRun.find([baselines.path]).map(\.name) == ["cat"])
    let named = baselines.appendingPathComponent("cat").path
    #expect(try ExportedRun.find([named]).map(\.name) == ["cat"])

    try FileManager.default.removeItem(at: mine)
    let error = #expect(throws: ExportError.self) { try ExportedRun.find([results.path]) }
    #expect(error?.exitCode == .noInput)
    #expect(
      error?.description == "\(results.path) holds no runs but the regression gate's baselines "
        + "(\(results.path)/baseline, beside gate.csv), which an export of \(results.path) leaves "
        + "as they are; name that folder to export its runs (nothing is written in them: to "
        + "TensorBoard with a --logdir outside them; to DVC, which writes into each run's folder, "
        + "from a copy elsewhere)")

    try "name,score\nmine,1\n".write(to: manifest, atomically: true, encoding: .utf8)
    #expect(try ExportedRun.find([results.path]).map(\.name) == ["baseline/cat"])
  }

  @Test func missingAndEmptyFoldersAreClearErrors() {
    #expect(throws: ExportError.self) { try ExportedRun.find(["/nonexistent/results"]) }
    let empty = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: empty) }
    do {
      _ = try ExportedRun.find([empty.path])
      Issue.record("an empty folder should be refused")
    } catch {
      #expect(error.exitCode == .noInput)
      #expect(error.description.contains("holds no run results"))
    }
  }

  /// Integers (`iterations`) stay integers, as in DVC's own metrics files; floats that happen
  /// to be whole (`1.0` in `summary.csv`) stay floats.
  @Test func dvcMetricsAreTheNumericFinalFiguresExactly() throws {
    let run = try ExportedRun(folder: baseline.appendingPathComponent("cat"), name: "cat")
    #expect(
      DVCExport.metricsJSON(run)
        == "{\"train_loss\":0.13560807525911955,\"test_loss\":0.7504292138002018,"
        + "\"train_accuracy\":0.9904306220095693,\"test_accuracy\":0.7,\"iterations\":2000}\n")
    let xor = try ExportedRun(
      folder: baseline.appendingPathComponent("xor-mlp-sigmoid"), name: "xor-mlp-sigmoid")
    #expect(
      DVCExport.metricsJSON(xor)
        == "{\"train_loss\":0.0004231241530661868,\"train_accuracy\":1.0,\"iterations\":20000}\n")
  }

  /// The export decides from the run as it was read: its `summary.csv` is not read again to
  /// check the `summary.json` there (here it went missing after the read).
  @Test func dvcChecksARunAgainstItsFiguresAsRead() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let cat = try copyOfCat(in: root)
    let run = try ExportedRun(folder: cat, name: "cat")
    let json = cat.appendingPathComponent(DVCExport.fileName)
    try DVCExport.metricsJSON(run).write(to: json, atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(at: cat.appendingPathComponent("summary.csv"))
    try DVCExport.check(run)
    try "{\"mine\":1}\n".write(to: json, atomically: true, encoding: .utf8)
    #expect(throws: ExportError.self) { try DVCExport.check(run) }
  }

  /// Only the `summary.json` an export of the folder writes is the export's: a file of the
  /// user's using some of the figure names (`{"dev_loss": 0.5}`), or all of them with other
  /// values, is refused and kept (tester I, session 29, #4).
  @Test func dvcReplacesOnlyTheSummaryJSONItsExportWrites() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let cat = try copyOfCat(in: root)
    let run = try ExportedRun(folder: cat, name: "cat")
    let json = cat.appendingPathComponent(DVCExport.fileName)
    let exported = DVCExport.metricsJSON(run)
    let theirs = [
      "{\"test_loss\": 0.5}\n",
      exported.replacingOccurrences(of: "\"test_accuracy\":0.7", with: "\"test_accuracy\":0.8"),
      exported.replacingOccurrences(of: ",\"iterations\":2000", with: ""),
      exported.replacingOccurrences(of: "2000}", with: "2000,\"note\":1}"),
    ]
    for text in theirs {
      try text.write(to: json, atomically: true, encoding: .utf8)
      #expect(throws: ExportError.self, "\(text)") { try DVCExport.write([run]) }
      #expect(try String(contentsOf: json, encoding: .utf8) == text)
      #expect(!DVCExport.isExported(in: cat))
    }
    // The export's own file, written again in another layout, is replaced.
    try exported.replacingOccurrences(of: ",", with: ", ").write(
      to: json, atomically: true, encoding: .utf8)
    #expect(DVCExport.isExported(in: cat))
    try DVCExport.write([run])
    #expect(try String(contentsOf: json, encoding: .utf8) == exported)
  }

  /// A `summary.json` that is a symbolic link is not the export's (it writes none): refused,
  /// dangling or naming an exported file, as `runner predict` refuses a link without --force.
  @Test func aSummaryJSONThatIsALinkIsRefused() throws {
    let root = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let cat = try copyOfCat(in: root)
    let run = try ExportedRun(folder: cat, name: "cat")
    let elsewhere = root.appendingPathComponent("elsewhere.json")
    let json = cat.appendingPathComponent(DVCExport.fileName)
    try FileManager.default.createSymbolicLink(at: json, withDestinationURL: elsewhere)
    #expect(throws: ExportError.self) { try DVCExport.check(run) }
    try DVCExport.metricsJSON(run).write(to: elsewhere, atomically: true, encoding: .utf8)
    #expect(throws: ExportError.self) { try DVCExport.write([run]) }
    #expect(!DVCExport.isExported(in: cat))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: json.path) == elsewhere.path)
  }
}

/// A killed export's temporaries (`.summary.json.tmp-<pid>-…`, `.<event file>.tmp-<pid>-…`)
/// are removed by the next export once their writer is gone; a live writer's and files not of
/// the export's naming are kept.
@Suite struct ExportLeftoverTests {
  @Test func theNextExportRemovesAKilledExportsTemporaries() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "runner-export-leftovers-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let cat = try ExportedRunTests().copyOfCat(in: root)
    let dead = try SweepStaleFilesTests.deadPID()
    let event = ExportedFiles.eventPrefix + "1" + TensorBoardExport.suffix
    // Named as `AtomicFile` names its temporaries (`-<UUID>`); a folder of such a name is not
    // the runner's and is kept.
    let id = { UUID().uuidString }
    let stale = [".summary.json.tmp-\(dead)-\(id())", ".\(event).tmp-\(dead)-\(id())"]
    let kept = [".summary.json.tmp-\(getpid())-\(id())", ".notes.txt.tmp-\(dead)-\(id())"]
    for name in stale + kept {
      try Data("half".utf8).write(to: cat.appendingPathComponent(name))
    }
    let folder = ".summary.json.tmp-\(dead)-\(id())"
    try FileManager.default.createDirectory(
      at: cat.appendingPathComponent(folder), withIntermediateDirectories: true)
    let run = try ExportedRun(folder: cat, name: "cat")
    try DVCExport.write([run])
    try TensorBoardExport.write([(run, cat)])
    let hidden = try FileManager.default.contentsOfDirectory(atPath: cat.path).filter {
      $0.hasPrefix(".")
    }
    #expect(hidden.sorted() == (kept + [folder]).sorted())
  }
}
