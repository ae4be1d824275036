import Foundation
import Testing

/// `runner data export SPEC`: a generator's rows (or a file's) as CSV beside their part, so a
/// peer can train on the very rows of a run: a run on given files holding the exported rows
/// scores to the last digit what the generator's run scores.
@Suite(.serialized, .enabled(if: SweepBinary.executable != nil, "needs the built runner binary"))
struct DataExportBinaryTests {
  static let model = "model: {type: linreg, solver: exact}\nloss: mse\nmetrics: [mse]\n"

  /// A generator spec (y = 5x + 7 + noise, primer 003's) divided three ways.
  static let generated = """
    name: gen
    dataset:
      generator: {type: linear, samples: 30, weights: [5], bias: 7, noise: 0.5, seed: 11}
      split: {train: 0.6, dev: 0.2, test: 0.2, seed: 8}
    \(model)
    """

  /// The metric columns of a run's summary.csv, by name.
  static func figures(_ summary: String) -> [String: String] {
    let lines = summary.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    guard lines.count > 1 else { return [:] }
    var figures: [String: String] = [:]
    for (name, value) in zip(lines[0], lines[1]) where name.hasSuffix("_mse") {
      figures[name] = value
    }
    return figures
  }

  @Test func aRunOnTheExportedRowsScoresAsTheGeneratorsRun() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("gen.yaml")
    try Self.generated.write(to: spec, atomically: true, encoding: .utf8)
    let export = try SweepBinary.run(["data", "export", spec.path])
    #expect(export.status == 0, "\(export.error)")
    #expect(
      export.error
        == "gen: 30 rows as read, before preprocessing (train 18, dev 6, test 6)\n")
    let lines = export.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "source,row,part,x,y")
    let cells = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
    #expect(cells.count == 30 && cells.allSatisfy { $0.count == 5 && $0[0] == "data" })
    #expect(cells.map { Int($0[1]) } == Array(0..<30))
    // The parts are those `data split` lists.
    let split = try SweepBinary.run(["data", "split", spec.path])
    #expect(
      split.output.split(separator: "\n").map(String.init)
        == lines.map { $0.split(separator: ",").prefix(3).joined(separator: ",") })
    // Byte-identical on a second export.
    #expect(try SweepBinary.run(["data", "export", spec.path]).output == export.output)

    for part in ["train", "dev", "test"] {
      let rows = cells.filter { $0[2] == part }.map { "\($0[3]),\($0[4])\n" }.joined()
      try ("x,y\n" + rows).write(
        to: root.appendingPathComponent("\(part).csv"), atomically: true, encoding: .utf8)
    }
    let given = root.appendingPathComponent("given.yaml")
    try """
    name: given
    dataset:
      train: {file: train.csv, target: y}
      dev: {file: dev.csv, target: y}
      test: {file: test.csv, target: y}
    \(Self.model)
    """.write(to: given, atomically: true, encoding: .utf8)
    var figures: [[String: String]] = []
    for file in [spec, given] {
      let results = root.appendingPathComponent("results-\(file.lastPathComponent)")
      let run = try SweepBinary.run(["run", file.path, "--results-dir", results.path])
      #expect(run.status == 0, "\(run.error)")
      let folder = try #require(
        try FileManager.default.contentsOfDirectory(atPath: results.path).first)
      figures.append(
        Self.figures(
          try String(
            contentsOf: results.appendingPathComponent(folder).appendingPathComponent(
              "summary.csv"), encoding: .utf8)))
    }
    #expect(figures[0].keys.sorted() == ["dev_mse", "test_mse", "train_mse"], "\(figures)")
    #expect(figures[0] == figures[1])
  }

  /// `-o FILE` follows `predict -o`: written atomically, path on stdout; the export the runner
  /// wrote is replaced, another file (one of the user's, or the export the user edited) only
  /// with --force, an input never.
  @Test func theOutputFileIsReplacedOnlyWhenTheRunnerWroteIt() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let spec = root.appendingPathComponent("gen.yaml")
    try Self.generated.write(to: spec, atomically: true, encoding: .utf8)
    let file = root.appendingPathComponent("rows.csv").path
    let first = try SweepBinary.run(["data", "export", spec.path, "-o", file])
    #expect(first.status == 0, "\(first.error)")
    #expect(first.output == file + "\n")
    let written = try String(contentsOfFile: file, encoding: .utf8)
    #expect(written.hasPrefix("source,row,part,x,y\ndata,0,"))
    let again = try SweepBinary.run(["data", "export", spec.path, "-o", file])
    #expect(again.status == 0, "\(again.error)")
    // The user's edit of one value (the header and row numbers as the runner wrote them).
    let edited = written.replacingOccurrences(of: "\ndata,0,", with: "\ndata,0,999")
    try edited.write(toFile: file, atomically: true, encoding: .utf8)
    let kept = try SweepBinary.run(["data", "export", spec.path, "-o", file])
    #expect(kept.status == 73, "\(kept.error)")
    #expect(kept.error.contains("exists and is not a data export the runner wrote"))
    #expect(try String(contentsOfFile: file, encoding: .utf8) == edited)

    let notes = root.appendingPathComponent("notes.csv").path
    try "a,b\n1,2\n".write(toFile: notes, atomically: true, encoding: .utf8)
    let foreign = try SweepBinary.run(["data", "export", spec.path, "-o", notes])
    #expect(foreign.status == 73)
    #expect(
      foreign.error
        == "error: -o \(notes) exists and is not a data export the runner wrote (or it was "
        + "changed since); refusing to overwrite it (choose another -o, move the file away, or "
        + "pass --force)\n")
    #expect(try String(contentsOfFile: notes, encoding: .utf8) == "a,b\n1,2\n")
    let forced = try SweepBinary.run(["data", "export", spec.path, "-o", notes, "--force"])
    #expect(forced.status == 0, "\(forced.error)")
    #expect(try String(contentsOfFile: notes, encoding: .utf8) == written)

    let input = try SweepBinary.run(["data", "export", spec.path, "-o", spec.path, "--force"])
    #expect(input.status == 73)
    #expect(
      input.error
        == "error: -o \(spec.path) is the spec, an input of this command; refusing to "
        + "overwrite it (choose another -o)\n")
  }

  /// A table's own columns by name, a class label as its index in the run's order of classes;
  /// a column named as an export's own column is refused at the data file's key.
  @Test func aTablesColumnsAndClassesAreTheRunsAndAClashingNameIsRefused() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try "a,kind\n1.5,dog\n2,cat\n3,dog\n4,cat\n".write(
      to: root.appendingPathComponent("pets.csv"), atomically: true, encoding: .utf8)
    let spec = root.appendingPathComponent("pets.yaml")
    try """
    name: pets
    dataset: {file: pets.csv, target: kind, classes: [dog, cat], split: {train: 0.5, test: 0.5, shuffle: false}}
    model: {type: logreg}

    """.write(to: spec, atomically: true, encoding: .utf8)
    let export = try SweepBinary.run(["data", "export", spec.path])
    #expect(export.status == 0, "\(export.error)")
    #expect(
      export.output
        == "source,row,part,a,kind\ndata,0,train,1.5,0\ndata,1,train,2.0,1\n"
        + "data,2,test,3.0,0\ndata,3,test,4.0,1\n")
    #expect(
      export.error
        == "pets: 4 rows as read, before preprocessing (train 2, test 2); classes by index: "
        + "0 'dog', 1 'cat'\n")

    try "part,kind\n1,dog\n2,cat\n3,dog\n4,cat\n".write(
      to: root.appendingPathComponent("pets.csv"), atomically: true, encoding: .utf8)
    let clash = try SweepBinary.run(["data", "export", spec.path])
    #expect(clash.status == 65)
    #expect(
      clash.error.hasPrefix(
        "\(spec.path):2:17: error: the data has a column named 'part', which an export names "
          + "its own (source, row, part): rename that column in a copy of the file to export "
          + "it, or list the rows with `\(SweepBinary.command()) data split SPEC`"),
      "\(clash.error)")
    #expect(clash.output.isEmpty)
  }

  /// AG1: a named dataset's table keeps its own column names, its target's too (`target`),
  /// as the same table read with `file:` does.
  @Test func aNamedDatasetsTableKeepsItsTargetsName() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let data = SweepBinary.root.appendingPathComponent("experiments/data").path
    var headers: [String] = []
    for (name, dataset) in [("named", "name: iris"), ("file", "file: iris.csv, target: target")] {
      let spec = root.appendingPathComponent("\(name).yaml")
      try """
      dataset: {\(dataset), split: {train: 0.8, test: 0.2}}
      model: logreg

      """.write(to: spec, atomically: true, encoding: .utf8)
      let export = try SweepBinary.run(
        ["data", "export", spec.path], environment: ["RUNNER_DATA_PATH": data])
      #expect(export.status == 0, "\(export.error)")
      headers.append(export.output.split(separator: "\n").first.map(String.init) ?? "")
    }
    #expect(
      headers[0]
        == "source,row,part,sepal length (cm),sepal width (cm),petal length (cm),"
        + "petal width (cm),target")
    #expect(headers[1] == headers[0])
  }
}
