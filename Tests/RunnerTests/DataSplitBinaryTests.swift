import Foundation
import Testing

/// `runner data split SPEC`: the part each data row goes to, as the run divides it. A run on
/// given files holding exactly the listed rows scores to the last digit what the spec's own
/// split scores, and a learning curve's order numbers the training rows.
@Suite(.serialized)
struct DataSplitBinaryTests {
  /// 40 rows of y = 3x + noise, in a shuffled order so that file order is no accident.
  static func rows() -> [(x: Double, y: Double)] {
    (0..<40).map { i in
      let x = Double((i * 17) % 40) / 4
      return (x, 3 * x + Double((i * 7) % 5) - 2)
    }
  }

  static func csv(_ rows: [(x: Double, y: Double)]) -> String {
    "x,y\n" + rows.map { "\($0.x),\($0.y)\n" }.joined()
  }

  @Test func aRunOnTheListedRowsScoresAsTheSpecsOwnSplit() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let rows = Self.rows()
    try Self.csv(rows).write(
      to: root.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
    let model = "model: {type: linreg, solver: exact}\nloss: mse\nmetrics: [mse]\n"
    let spec = root.appendingPathComponent("split.yaml")
    try """
    name: split
    seed: 3
    dataset:
      file: data.csv
      target: y
      split: {train: 0.6, dev: 0.2, test: 0.2, seed: 8}
    \(model)report: {learning_curve: {sizes: [5, 24]}}
    """.write(to: spec, atomically: true, encoding: .utf8)

    let listed = try SweepBinary.run(["data", "split", spec.path])
    #expect(listed.status == 0, "\(listed.error)")
    #expect(listed.error.contains("split: train 24, dev 8, test 8 rows"), "\(listed.error)")
    let lines = listed.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "source,row,part,learning_curve_order")
    let cells = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(cells.count == 40 && cells.allSatisfy { $0[0] == "data" })
    #expect(cells.map { Int($0[1]) } == Array(0..<40))
    func part(_ name: String) -> [(x: Double, y: Double)] {
      cells.filter { $0[2] == name }.map { rows[Int($0[1])!] }
    }
    // The training rows' positions in the learning curve's draw are 0..<24.
    let order = cells.filter { $0[2] == "train" }.compactMap { Int($0[3]) }
    #expect(order.sorted() == Array(0..<24))
    #expect(cells.filter { $0[2] != "train" }.allSatisfy { $0[3].isEmpty })

    for (name, set) in [("train", part("train")), ("dev", part("dev")), ("test", part("test"))] {
      try Self.csv(set).write(
        to: root.appendingPathComponent("\(name).csv"), atomically: true, encoding: .utf8)
    }
    let given = root.appendingPathComponent("given.yaml")
    try """
    name: given
    seed: 3
    dataset:
      train: {file: train.csv, target: y}
      dev: {file: dev.csv, target: y}
      test: {file: test.csv, target: y}
    \(model)
    """.write(to: given, atomically: true, encoding: .utf8)
    var summaries: [String] = []
    for file in [spec, given] {
      let results = root.appendingPathComponent("results-\(file.lastPathComponent)")
      let run = try SweepBinary.run(["run", file.path, "--results-dir", results.path])
      #expect(run.status == 0, "\(run.error)")
      let folder = try #require(
        try FileManager.default.contentsOfDirectory(atPath: results.path).first)
      let summary = try String(
        contentsOf: results.appendingPathComponent(folder).appendingPathComponent("summary.csv"),
        encoding: .utf8)
      summaries.append(summary)
    }
    // summary.csv's figures (every split's mse) are the same to the last digit; the seed
    // column is empty for the given files, where nothing is random.
    let tables = summaries.map {
      $0.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }
    let seed = try #require(tables[0].first?.firstIndex(of: "seed"))
    #expect(tables.map { $0.dropFirst().first?[seed] } == ["3", ""])
    let withoutSeed = tables.map {
      $0.map { $0.enumerated().filter { $0.offset != seed }.map(\.element) }
    }
    #expect(withoutSeed[0] == withoutSeed[1], "\(summaries)")
    #expect(summaries[0].contains("test_mse") && summaries[0].contains("dev_mse"), "\(summaries)")
  }

  @Test func aMissingOrMistypedSpecGetsTheRunsErrors() throws {
    let root = SweepBinary.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let missing = try SweepBinary.run([
      "data", "split", root.appendingPathComponent("no.yaml").path,
    ])
    #expect(missing.status == 66, "\(missing.error)")
    let spec = root.appendingPathComponent("typo.yaml")
    try "name: t\ndataset: {file: gone.csv, target: y, split: {tran: 0.5}}\nmodel: {type: linreg}\n"
      .write(to: spec, atomically: true, encoding: .utf8)
    let typo = try SweepBinary.run(["data", "split", spec.path])
    #expect(typo.status == 65, "\(typo.error)")
    #expect(typo.error.contains("typo.yaml:2:"), "\(typo.error)")
    #expect(typo.error.contains("did you mean 'train'?"), "\(typo.error)")
    try
      "name: t\ndataset: {file: gone.csv, target: y, split: {train: 0.5, test: 0.5}}\nmodel: {type: linreg}\n"
      .write(to: spec, atomically: true, encoding: .utf8)
    let gone = try SweepBinary.run(["data", "split", spec.path])
    #expect(gone.status == 66, "\(gone.error)")
    #expect(gone.error.contains("gone.csv"), "\(gone.error)")
    #expect(gone.output.isEmpty)

    // A sweep whose trials divide the data each their own way is refused at its axis, as a
    // statement about the spec (65, as its help says).
    try """
    name: t
    dataset: {generator: {type: circles, samples: 30}, split: {train: 0.7, dev: 0.3}}
    model: {type: logreg}
    sweep:
      parameters:
        dataset.split.seed: [1, 2]
    """.write(to: spec, atomically: true, encoding: .utf8)
    let sweep = try SweepBinary.run(["data", "split", spec.path])
    #expect(sweep.status == 65, "\(sweep.error)")
    #expect(sweep.error.contains("typo.yaml:6:5: error: the sweep varies dataset.split.seed"))
    let trial = try SweepBinary.run(
      ["data", "split", spec.path, "--set", "~sweep", "--set", "dataset.split.seed=2"])
    #expect(trial.status == 0, "\(trial.error)")
    #expect(trial.error.contains("t: train 21, dev 9 rows"), "\(trial.error)")
  }
}
