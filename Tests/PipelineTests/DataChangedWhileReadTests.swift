import Conventions
import Foundation
import Reports
import Specs
import Testing

@testable import Pipeline

/// A data file changed while a run reads it is refused (exit 65), never recorded in
/// `data_files.csv` as the data trained on: the identity `stat` gives before the read is
/// compared with the one after parsing and with the one of the bytes digested.
@Suite struct DataChangedWhileReadTests {
  /// A project with `points.csv` (as `DataFilesRecordTests.project`) and the loaded spec.
  static func project(label: String = #function) throws -> (
    folder: URL, loaded: LoadedSpec, context: ProjectContext
  ) {
    let (folder, spec) = try DataFilesRecordTests.project(label: label)
    let context = try ProjectContext(
      specPath: spec, environment: [:], resultsRoot: folder.appendingPathComponent("r").path)
    return (folder, try ExperimentRunner.load(specPath: spec), context)
  }

  /// Writes `text` as `other.csv` and moves it over `points.csv` (`mv other.csv points.csv`).
  static func replace(in folder: URL, with text: String) {
    let other = folder.appendingPathComponent("other.csv").path
    #expect(FileManager.default.createFile(atPath: other, contents: Data(text.utf8)))
    #expect(rename(other, folder.appendingPathComponent("points.csv").path) == 0)
  }

  /// The error `body` throws; nil when it throws none.
  static func refusal<R>(_ body: () throws(PipelineError) -> R) -> PipelineError? {
    do {
      _ = try body()
      return nil
    } catch { return error }
  }

  static let other = "x,y\n" + (0..<9).map { "\($0),\(3 * $0)" }.joined(separator: "\n") + "\n"

  @Test func aFileReplacedBetweenTheReadAndTheDigestRefusesTheRunAndWritesNothing() throws {
    let (folder, loaded, context) = try Self.project()
    var execution = RunExecution<Double>(loaded: loaded, context: context, observer: { _ in })
    execution.dataRead = { Self.replace(in: folder, with: Self.other) }
    let results = folder.appendingPathComponent("r")
    let error = try #require(Self.refusal { () throws(PipelineError) in try execution.run() })
    #expect(error.exitCode == .dataError)
    #expect(error.description.contains("dataset.file: points.csv changed while the runner"))
    #expect(error.description.contains("replaced by another file"))
    #expect(error.description.contains("run again once points.csv is no longer being written"))
    #expect(TestProject.isEmptyOrAbsent(results))
    // Unchanged, the same run records the file.
    execution.dataRead = {}
    let outcome = try execution.run()
    let table = try TestProject.table(outcome.directory, ResultsFile.dataFiles)
    #expect(table.rows.first?[1] == "points.csv")
  }

  @Test func aFileWrittenAfterItWasFirstExaminedIsRefusedOnceParsed() throws {
    let (folder, loaded, context) = try Self.project()
    let read = DataFilesRead(loaded, context: context)
    try Self.other.write(
      to: folder.appendingPathComponent("points.csv"), atomically: false, encoding: .utf8)
    let execution = RunExecution<Double>(loaded: loaded, context: context, observer: { _ in })
    let error = try #require(
      Self.refusal { () throws(PipelineError) in try execution.prepareData(read) })
    #expect(error.exitCode == .dataError)
    #expect(error.description.contains("size and modification time differ"), "\(error)")
    #expect(try execution.prepareData().train.count > 0)
  }

  /// A file replaced by one that does not parse: the change is said before the parse error.
  @Test func aParseErrorOfAFileChangedWhileReadSaysItChanged() throws {
    let (folder, loaded, context) = try Self.project()
    let read = DataFilesRead(loaded, context: context)
    Self.replace(in: folder, with: "x,y\n1,2\n3\n")
    let execution = RunExecution<Double>(loaded: loaded, context: context, observer: { _ in })
    let error = try #require(
      Self.refusal { () throws(PipelineError) in try execution.prepareData(read) })
    #expect(error.exitCode == .dataError)
    let text = error.description
    let changed = try #require(text.range(of: "points.csv changed while the runner"))
    let parse = try #require(text.range(of: "expected 2 fields"), "\(text)")
    #expect(changed.lowerBound < parse.lowerBound)
  }

  /// `runner predict` digests the data it fits preprocessing on: a file changed since predict
  /// first examined it is refused as the run is.
  @Test func predictRefusesAFileChangedBeforeItsDigest() throws {
    let (folder, spec) = try DataFilesRecordTests.project()
    let yaml = try String(contentsOfFile: spec, encoding: .utf8)
      .replacingOccurrences(
        of: "  target: y\n", with: "  target: y\n  preprocessing: [standardize]\n")
    try yaml.write(toFile: spec, atomically: true, encoding: .utf8)
    let loaded = try ExperimentRunner.load(specPath: spec)
    #expect(TrainedSpec.fitsOnTrainingRows(loaded.spec))
    let context = try ProjectContext(specPath: spec, environment: [:], resultsRoot: nil)
    let read = DataFilesRead(loaded, context: context)
    Self.replace(in: folder, with: Self.other)
    #expect(throws: PipelineError.self) {
      try TrainedSpec.checkData(loaded, context: context, runFolder: folder, read: read)
    }
  }
}
