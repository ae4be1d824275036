import Conventions
import Foundation
import Reports
import Testing

@testable import Datasets
@testable import Pipeline

/// `data_files.csv` names each data file a run read with its SHA-256, so a change of the data
/// shows in `runner diff` (and the gate) even when the figures stay within tolerance.
@Suite struct DataFilesRecordTests {
  static let spec = """
    name: fit
    seed: 3
    dataset:
      file: points.csv
      target: y
    model: linreg
    optimizer: {type: gd, learning_rate: 0.01, iterations: 50}
    """

  /// A folder with `points.csv` (`x`, `y`, 8 rows; the first `y` is `first`) and the spec.
  static func project(first: String = "1.0", label: String = #function) throws -> (URL, String) {
    let folder = TestProject.temporaryDirectory(label)
    let rows = ["x,y", "0,\(first)"] + (1..<8).map { "\($0),\(2 * $0 + 1)" }
    try (rows.joined(separator: "\n") + "\n").write(
      to: folder.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
    return (folder, try TestProject.writeSpec(spec, in: folder))
  }

  @Test func aRunRecordsEachFileItReadWithItsDigest() throws {
    let (folder, spec) = try Self.project()
    let outcome = try TestProject.run(spec, resultsRoot: folder.appendingPathComponent("r"))
    let table = try TestProject.table(outcome.directory, ResultsFile.dataFiles)
    let bytes = try #require(
      FileManager.default.contents(atPath: folder.appendingPathComponent("points.csv").path))
    #expect(table.header == ["key", "file", "bytes", "sha256"])
    #expect(
      table.rows == [["dataset.file", "points.csv", String(bytes.count), SHA256Digest.hex(bytes)]])
  }

  /// One value edited by 1e-14: the figures agree within a tolerance of 1e-6, the digest
  /// does not, and `runner diff` says which file of data changed.
  @Test func editedDataShowsInTheDiffWhereTheFiguresPassTheirTolerance() throws {
    let (a, specA) = try Self.project(first: "1.0", label: "a")
    let (b, specB) = try Self.project(first: "1.00000000000001", label: "b")
    let runA = try TestProject.run(specA, resultsRoot: a.appendingPathComponent("r"))
    let runB = try TestProject.run(specB, resultsRoot: b.appendingPathComponent("r"))
    var options = DiffOptions()
    options.relativeTolerance = 1e-6
    options.absoluteTolerance = 1e-9
    let diff = try ResultsDiff(
      URL(fileURLWithPath: runA.directory), URL(fileURLWithPath: runB.directory),
      options: options)
    let changed = diff.files.filter(\.differs).map(\.name)
    #expect(changed == [ResultsFile.dataFiles], "\(changed)")
    #expect(diff.rendered.contains("sha256"))
  }

  /// The data a spec names as `points.csv` found as `points.csv.gz` (the data path's gzip
  /// copy): the same content, so the same table, and `runner diff` finds nothing to tell.
  @Test func aGzipCopyOfTheSameDataRecordsTheSameDigest() throws {
    let (plain, plainSpec) = try Self.project(label: "plain")
    let (zipped, zippedSpec) = try Self.project(label: "zipped")
    let csv = zipped.appendingPathComponent("points.csv")
    let bytes = try #require(FileManager.default.contents(atPath: csv.path))
    try Data(Inflater.compress(Array(bytes), gzip: true)).write(
      to: zipped.appendingPathComponent("points.csv.gz"))
    try FileManager.default.removeItem(at: csv)
    let a = try TestProject.run(plainSpec, resultsRoot: plain.appendingPathComponent("r"))
    let b = try TestProject.run(zippedSpec, resultsRoot: zipped.appendingPathComponent("r"))
    #expect(
      try TestProject.table(a.directory, ResultsFile.dataFiles).rows
        == TestProject.table(b.directory, ResultsFile.dataFiles).rows)
  }

  @Test func generatedDataHasNoFileToRecord() throws {
    let folder = TestProject.temporaryDirectory()
    let spec = try TestProject.writeSpec(
      """
      name: gen
      dataset: {generator: {type: linear, samples: 20, weights: [2], noise: 0.1}}
      model: linreg
      optimizer: {type: gd, iterations: 5}
      """, in: folder)
    let outcome = try TestProject.run(spec, resultsRoot: folder.appendingPathComponent("r"))
    #expect(!outcome.files.contains(ResultsFile.dataFiles))
  }
}
