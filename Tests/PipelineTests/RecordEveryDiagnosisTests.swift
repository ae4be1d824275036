import Foundation
import Pipeline
import Reports
import Testing

/// How often a run records is a logging setting: the diagnosis of the same model is the same
/// whatever `record_every` is, and the results files other than the diagnosis are unchanged.
@Suite struct RecordEveryDiagnosisTests {
  /// A logistic regression on moons, still falling after 300 steps of gd at rate 0.5.
  static let moons = """
    name: moons-logreg
    dataset: {generator: {type: moons, samples: 200, noise: 0.2}, split: {train: 0.8, test: 0.2}}
    model: {type: logreg}
    optimizer: {type: gd, learning_rate: 0.5, iterations: 300}
    report: {bias_variance: {base_error: 0.05}}
    """

  /// The `bias_variance.csv` row and `metrics.csv` rows of `spec` with `overrides`.
  func run(_ spec: String, _ overrides: [String]) throws -> (
    advice: String, metrics: [[String]]
  ) {
    let directory = TestProject.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = try TestProject.writeSpec(spec, in: directory)
    let outcome = try TestProject.run(
      path, resultsRoot: directory.appendingPathComponent("results"), overrides: overrides)
    let table = try TestProject.table(outcome.directory, "bias_variance.csv")
    let row = Dictionary(uniqueKeysWithValues: zip(table.header, table.rows[0]))
    return (row["recommendations"]!, try TestProject.table(outcome.directory, "metrics.csv").rows)
  }

  @Test func theAdviceIsTheSameWhateverRecordEvery() throws {
    // record_every 100 used to judge from iteration 200 (the last record in [150, 270]) and
    // found no fall; 1, 10, 50 and 150 said "train longer".
    let every1 = try run(Self.moons, ["record_every=1"])
    #expect(
      every1.advice.hasPrefix(
        "train longer (the training loss was still falling): raise `optimizer.iterations` from 300 to 600"
      ), "\(every1.advice)")
    for every in [10, 50, 100, 150] {
      let other = try run(Self.moons, ["record_every=\(every)"])
      #expect(other.advice == every1.advice, "record_every \(every)")
      // metrics.csv holds the records only: every `every` steps and the last.
      #expect(other.metrics.count == (300 + every - 1) / every + 1, "record_every \(every)")
    }
  }

  @Test func aShortRunRecordingOnlyItsEndsIsJudgedToo() throws {
    // 30 steps recording every 100: only steps 0 and 30 are recorded; the advice used to hedge
    // ("train longer if the training loss is still falling") and came third.
    let sparse = try run(Self.moons, ["optimizer.iterations=30", "record_every=100"])
    let dense = try run(Self.moons, ["optimizer.iterations=30", "record_every=1"])
    #expect(sparse.advice == dense.advice)
    #expect(!sparse.advice.contains("if the training loss is still falling"), "\(sparse.advice)")
    #expect(sparse.metrics.count == 2)
  }
}
