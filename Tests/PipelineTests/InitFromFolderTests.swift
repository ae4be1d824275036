import Conventions
import Datasets
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// `model.init: {from: DIR}` is checked at its key before any data is read, and takes a run's
/// folder as `runner predict --params` does (one piece of code for both).
@Suite struct InitFromFolderTests {
  static let base = """
    name: warm
    dataset: {generator: {type: moons, samples: 40, noise: 0.2}, split: {train: 0.5, test: 0.5}}
    model: {type: logreg}
    loss: binary_cross_entropy
    optimizer: {type: gd, learning_rate: 0.5, iterations: 5}
    report: {plots: false}
    """

  /// In `directory`: the spec `warm` run into `results/`, and a spec starting from its saved
  /// parameters.
  static func warmStart(in directory: URL) throws -> (source: String, spec: String, results: URL) {
    let results = directory.appendingPathComponent("results")
    let source = try TestProject.writeSpec(base, named: "warm.yaml", in: directory)
    _ = try TestProject.run(source, resultsRoot: results)
    return (source, try spec(from: results.path + "/warm", in: directory), results)
  }

  /// A spec starting from `from`, named `name`, written in `directory`.
  static func spec(from: String, name: String = "again", in directory: URL) throws -> String {
    try TestProject.writeSpec(
      base.replacingOccurrences(of: "name: warm", with: "name: \(name)")
        .replacingOccurrences(of: "{type: logreg}", with: "{type: logreg, init: {from: \(from)}}"),
      named: "\(name).yaml", in: directory)
  }

  /// A missing folder exits 66 and one without saved arrays 65, each located at
  /// A start that cannot be read is refused without the warning about the analyses' fine-tuning
  /// from it (tester AL8), which `runner run` and `runner validate` said first; the spec's
  /// other warnings stay, and a start that reads keeps that warning.
  @Test func aMissingStartIsRefusedWithoutTheWarningsAboutIt() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let text =
      Self.base.replacingOccurrences(
        of: "model: {type: logreg}", with: "model: {type: logreg, init: {from: nowhere}}"
      )
      .replacingOccurrences(
        of: "report: {plots: false}",
        with: "report: {plots: false, learning_curve: {sizes: [0.5, 1.0]}}")
    let spec = try TestProject.writeSpec(text, in: directory)
    let loaded = try SpecLoader.load(file: spec)
    let from = loaded.sourceMap.location(of: "model.init.from")
    #expect(loaded.warnings.contains { $0.location == from && $0.message.contains("fine-tuning") })
    let start = ExperimentRunner.initParameters(loaded)
    #expect(start.refusal?.exitCode == .noInput)
    #expect(start.warnings == loaded.warnings.filter { $0.location != from })
    let warned = WarningMessages()
    let error = #expect(throws: PipelineError.self) {
      _ = try ExperimentRunner.run(
        specPath: spec, options: RunOptions(resultsRoot: directory.appendingPathComponent("r").path)
      ) { event in if case .warning(let w) = event { warned.append(w.message) } }
    }
    #expect(error?.exitCode == .noInput)
    #expect(!warned.messages.contains { $0.contains("fine-tuning") }, "\(warned.messages)")
  }

  /// `model.init.from`, before the data is read: the spec's data file is missing too, and the
  /// error is the folder's, not the data's.
  @Test func aBadInitFolderIsRefusedAtItsKeyBeforeTheData() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let missing = directory.appendingPathComponent("nowhere").path
    let text = """
      name: cold
      dataset: {file: absent.csv, target: y}
      model: {type: logreg, init: {from: \(missing)}}
      """
    let spec = try TestProject.writeSpec(text, in: directory)
    let results = directory.appendingPathComponent("results")
    let error = #expect(throws: PipelineError.self) {
      _ = try TestProject.run(spec, resultsRoot: results)
    }
    #expect(error?.exitCode == .noInput)
    #expect(
      error?.description.hasPrefix(
        "\(spec):3:36: error: saved parameters: no parameters folder '\(missing)'; give") == true,
      "\(String(describing: error))")
    let empty = directory.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    try text.replacingOccurrences(of: missing, with: empty.path)
      .write(toFile: spec, atomically: true, encoding: .utf8)
    let refused = #expect(throws: PipelineError.self) {
      _ = try TestProject.run(spec, resultsRoot: results)
    }
    #expect(refused?.exitCode == .dataError)
    #expect(
      refused?.description.hasPrefix(
        "\(spec):3:36: error: saved parameters: \(empty.path) has no layer1_weights.npy") == true,
      "\(String(describing: refused))")
    #expect(!FileManager.default.fileExists(atPath: results.path))
  }

  /// A run's folder stands for its `params/` (the same numbers as giving `params/`); a folder
  /// of runs is refused at the key, naming them; and the run's own folder given as a run's
  /// folder is still refused (`checkInitSource`).
  @Test func aRunFolderStandsForItsParamsAndAFolderOfRunsIsRefused() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let results = directory.appendingPathComponent("results")
    let first = try TestProject.run(
      TestProject.writeSpec(Self.base, in: directory), resultsRoot: results)
    let params = try TestProject.run(
      Self.spec(from: first.directory + "/params", name: "given", in: directory),
      resultsRoot: results)
    let run = try TestProject.run(
      Self.spec(from: first.directory, name: "run", in: directory), resultsRoot: results)
    #expect(
      try TestProject.table(run.directory, "metrics.csv")
        == TestProject.table(params.directory, "metrics.csv"))

    let runs = try Self.spec(from: results.path, name: "runs", in: directory)
    let error = #expect(throws: PipelineError.self) {
      _ = try TestProject.run(runs, resultsRoot: directory.appendingPathComponent("other"))
    }
    #expect(error?.exitCode == .dataError)
    #expect(
      error?.description.hasPrefix(
        "\(runs):3:36: error: saved parameters: model.init.from '\(results.path)' is a folder of "
          + "runs, not a run's folder: it holds the parameters of 3 runs ("
          + "\(results.path)/given/params, \(results.path)/run/params, "
          + "\(results.path)/warm/params)") == true,
      "\(String(describing: error))")

    let own = try Self.spec(from: first.directory, name: "warm", in: directory)
    let refused = #expect(throws: PipelineError.self) {
      _ = try TestProject.run(own, resultsRoot: results)
    }
    #expect(
      refused?.description.contains("error: model.init.from reads this run's own results folder")
        == true, "\(String(describing: refused))")
  }

  /// An mlp's saved layers of other widths than the spec's are refused at the key before the
  /// data is read (the widths are the spec's; only the first layer's inputs need the data).
  @Test func savedLayersOfOtherWidthsAreRefusedBeforeTheData() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let results = directory.appendingPathComponent("results")
    let mlp = { (units: Int, rest: String) in
      "model: {type: mlp, layers: [{units: \(units), activation: tanh}, {units: 1, activation: sigmoid}]\(rest)}"
    }
    let first = try TestProject.run(
      TestProject.writeSpec(
        Self.base.replacingOccurrences(of: "model: {type: logreg}", with: mlp(4, "")),
        in: directory),
      resultsRoot: results)
    let text = """
      name: other
      dataset: {file: absent.csv, target: y}
      \(mlp(3, ", init: {from: \(first.directory)}"))
      """
    let spec = try TestProject.writeSpec(text, named: "other.yaml", in: directory)
    let error = #expect(throws: PipelineError.self) {
      _ = try TestProject.run(spec, resultsRoot: results)
    }
    #expect(error?.exitCode == .dataError)
    #expect(
      error?.description.contains(
        "error: saved parameters: '\(first.directory)' holds weights 2×4, 4×1 "
          + "(inputs×outputs, one per layer); the model needs N×3, 3×1 (N: the features)")
        == true,
      "\(String(describing: error))")
  }
}

/// The arrays `model.init.from` starts from are recorded in `data_files.csv` (key
/// `model.init.from`), so a run whose start changed says why its figures changed: the spec and
/// data were the same, and the note blamed edits, data or the environment.
@Suite struct InitFromRecordedTests {
  @Test func theStartingArraysAreRecordedAndAChangeIsNamed() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (source, spec, results) = try InitFromFolderTests.warmStart(in: directory)
    let first = try TestProject.run(spec, resultsRoot: results)
    let table = try TestProject.table(first.directory, ResultsFile.dataFiles)
    #expect(table.column("key") == ["model.init.from", "model.init.from"])
    #expect(
      table.column("file")
        == ["weights", "bias"].map {
          "\(results.path)/warm/params/layer1_\($0).npy"
        })
    // Another start: the same spec runs again and says what changed.
    try (InitFromFolderTests.base + "\nseed: 4\n").write(
      toFile: source, atomically: true, encoding: .utf8)
    _ = try TestProject.run(source, resultsRoot: results)
    let notes = RecordedNotes()
    var options = RunOptions(resultsRoot: results.path)
    options.environment["RUNNER_DATA_PATH"] = nil
    let second = try ExperimentRunner.run(specPath: spec, options: options) { event in
      if case .note(let text) = event { notes.append(text) }
    }
    let again = try TestProject.table(second.directory, ResultsFile.dataFiles)
    #expect(again.column("sha256") != table.column("sha256"))
    #expect(
      notes.all.contains {
        $0.contains("data_files.csv records other data or starting parameters")
      }, "\(notes.all)")
  }
}

/// The arrays `init.from` starts from are guarded as data files are: rewritten between the
/// run's first look and their digest, they are refused (exit 65), not recorded with bytes the
/// run did not start from.
@Suite struct InitFromChangedWhileReadTests {
  @Test func startingArraysRewrittenWhileReadAreRefused() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (_, spec, results) = try InitFromFolderTests.warmStart(in: directory)
    let loaded = try SpecLoader.load(file: spec)
    let context = try ProjectContext(
      specPath: spec, environment: [:], resultsRoot: results.path)
    let read = DataFilesRead(loaded, context: context)
    let bias = results.appendingPathComponent("warm/params/layer1_bias.npy")
    // Another file moved into place under the same name: another identity.
    try FileManager.default.removeItem(at: bias)
    try Data(NPYFile.encode(try NDArray(shape: [1], storage: .float64([0.5])))).write(to: bias)
    let error = #expect(throws: PipelineError.self) {
      _ = try DataFilesRecord.files(loaded, context: context, read: read)
    }
    #expect(error?.exitCode == .dataError)
    #expect(error?.description.contains("changed while the runner was reading it") == true)
  }

  /// reviewer s40 finding 9: an array added to the folder after the check before the run read
  /// the networks (a `layer2` beside a logreg's `layer1`) was digested into `data_files.csv`,
  /// though the run started from the one layer read. The digest takes the files read, and the
  /// folder changed since is refused at `model.init.from`, nothing written.
  @Test func anArrayAddedAfterTheStartWasReadIsRefused() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (_, spec, results) = try InitFromFolderTests.warmStart(in: directory)
    let loaded = try ExperimentRunner.load(specPath: spec)
    let context = try ProjectContext(
      specPath: spec, environment: [:], resultsRoot: results.path)
    var execution = RunExecution<Double>(loaded: loaded, context: context, observer: { _ in })
    // The check before the run reads the networks (`ExperimentRunner.initParameters`).
    #expect(try execution.savedStart.networks(loaded) != nil)
    let params = results.appendingPathComponent("warm/params")
    let bytes = Data(NPYFile.encode(try NDArray(shape: [1], storage: .float64([0.5]))))
    execution.dataRead = {
      for name in ["layer2_weights.npy", "layer2_bias.npy"] {
        let path = params.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: bytes))
      }
    }
    let error = try #require(
      DataChangedWhileReadTests.refusal { () throws(PipelineError) in try execution.run() })
    #expect(error.exitCode == .dataError)
    #expect(
      error.description.contains(
        "model.init.from: \(params.path)/ changed while the runner was reading it "
          + "(layer2_weights.npy and layer2_bias.npy added)"), "\(error.description)")
    #expect(TestProject.isEmptyOrAbsent(results.appendingPathComponent("again")))
  }

  /// An array the start read that was not there at the run's first look (a trial's start is
  /// read with its data) is held to its identity when the start read it: rewritten since, it is
  /// refused, not digested with bytes the run did not start from.
  @Test func anArrayTheStartReadAfterTheFirstLookIsHeldToItsIdentityThen() throws {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (_, spec, results) = try InitFromFolderTests.warmStart(in: directory)
    let loaded = try ExperimentRunner.load(specPath: spec)
    let context = try ProjectContext(
      specPath: spec, environment: [:], resultsRoot: results.path)
    let start = SavedStart()
    let read = DataFilesRead(loaded, context: context, start: start)
    let params = results.appendingPathComponent("warm/params")
    let array = try NDArray(shape: [1], storage: .float64([0.5]))
    let bias = params.appendingPathComponent("layer2_bias.npy")
    for name in ["layer2_weights.npy", "layer2_bias.npy"] {
      try Data(NPYFile.encode(array)).write(to: params.appendingPathComponent(name))
    }
    _ = try? start.networks(loaded)
    #expect(start.filesRead?.count == 4)
    // Another file moved into place under the same name: another identity.
    try FileManager.default.removeItem(at: bias)
    try Data(NPYFile.encode(array)).write(to: bias)
    let error = #expect(throws: PipelineError.self) {
      _ = try DataFilesRecord.files(loaded, context: context, read: read)
    }
    #expect(
      error?.description.contains("layer2_bias.npy changed while the runner was reading it")
        == true, "\(String(describing: error))")
  }
}

/// The warnings a run's observer was given.
private final class WarningMessages: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [String] = []
  func append(_ message: String) { lock.withLock { list.append(message) } }
  var messages: [String] { lock.withLock { list } }
}
